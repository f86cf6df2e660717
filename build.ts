/**
 * Builds the standalone binary `dist/schemavc` (`bun run build`): one file that runs on a
 * machine with no Bun, no Node and no node_modules.
 *
 * - `--compile --minify --bytecode --format=esm`: bytecode for start-up; ESM because bytecode
 *   defaults to CJS, which breaks top-level await (../shared/bun-notes.md).
 * - `--splitting`: every `await import()` becomes its own chunk inside the binary, loaded when
 *   it runs. Without it the one bundle's imports of Node built-ins (readline, crypto, net, tls,
 *   stream: a driver's, the language server's) are hoisted to its top and load on every run,
 *   `--version` included (issue 19: --version 75 → 20 ms of CPU, status 217 → 110 in a profile).
 *   The chunks' sourcemaps are embedded too; the .map files `bun build` writes beside the
 *   binary are no asset, so it compiles in a scratch folder and only the binary is kept.
 * - The libsql native addon is embedded: its package name for this platform is injected as
 *   LIBSQL_NATIVE, which `src/dialects/sqlite/native-addon.ts` requires literally.
 * - The parser's table (src/dsl/lookahead.generated.json) must match the grammar: the build
 *   refuses a stale one, then defines SCHEMAVC_GRAMMAR_TABLE_FRESH so the binary's parser takes
 *   its grammar and lookahead from the table without recording or fingerprinting (issue 19).
 * - `--compile-jit-policy=10`: JavaScriptCore's tier-up thresholds ×10 at start, since most runs
 *   are short; long work (a large schema or snapshot, the language server) sets the normal
 *   policy as it starts (src/core/jit.ts).
 * - `.env` and `bunfig.toml` are not auto-loaded by the binary: schemavc reads `.env` itself,
 *   where the contract says, and a project's bunfig.toml is none of its business.
 * - Then the VS Code extension is packed as dist/schemavc-vscode.vsix (scripts/build-vscode.ts),
 *   and the npm package (library + CLI for Node 20+ and Bun) is written to dist/npm/
 *   (scripts/build-npm.ts; `npm pack dist/npm` packs it).
 *
 * Release builds (scripts/release.ts has the platforms):
 * - `bun run build --all-targets` cross-compiles every release platform into dist/release/
 *   (schemavc-linux-x64, -linux-arm64, -darwin-arm64, -windows-x64.exe) and writes
 *   dist/release/SHA256SUMS; `--target NAME` (repeatable) builds only those.
 * - Each target embeds its own platform's libsql addon: LIBSQL_NATIVE is the absolute path of
 *   that addon's `.node` file (a literal require of a path is embedded like a package name;
 *   the path itself does not end up in the binary). Addons not installed here are fetched
 *   with `npm pack` and checked against bun.lock; the target's Bun runtime comes from the npm
 *   registry through `bun build` itself.
 * - dist/schemavc is not touched by a release build (and vice versa).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { buildVscodeExtension } from "./scripts/build-vscode.ts";
import { buildNpmPackage } from "./scripts/build-npm.ts";
import { LOOKAHEAD_TABLE_PATH, lookaheadTableSource } from "./scripts/gen-lookahead.ts";
import {
  addonPath,
  addonVersion,
  megabytes,
  RELEASE_DIR,
  RELEASE_TARGETS,
  releaseTarget,
  ROOT,
  SUMS_FILE,
  writeSums,
  type ReleaseTarget,
} from "./scripts/release.ts";

const USAGE = `usage: bun run build                         dist/schemavc for this machine
       bun run build --all-targets           every release platform into dist/release/ (+ ${SUMS_FILE})
       bun run build --target NAME [...]     only those (${RELEASE_TARGETS.map((t) => t.name).join(", ")})`;

/** The `bun build` arguments shared by the local and the release builds. */
function compileArgs(outfile: string, native: string, target: string | undefined): string[] {
  return [
    "build",
    "src/main.ts",
    "--compile",
    "--splitting",
    "--minify",
    "--bytecode",
    "--format=esm",
    "--sourcemap",
    "--outfile",
    outfile,
    "--define",
    `LIBSQL_NATIVE=${JSON.stringify(native)}`,
    "--define",
    "SCHEMAVC_GRAMMAR_TABLE_FRESH=true",
    // Answered inside the binary by src/dialects/sqlite/native-addon.ts: they only pick which
    // platform's addon to load, and the binary embeds its one (2–4 ms of probing a run).
    "--external",
    "detect-libc",
    "--external",
    "@neon-rs/load",
    "--no-compile-autoload-dotenv",
    "--no-compile-autoload-bunfig",
    // Tier-up thresholds ×10 while the run is short; long work sets the normal policy (src/core/jit.ts).
    "--compile-jit-policy=10",
    ...(target ? [`--target=${target}`] : []),
  ];
}

/**
 * Runs `bun build` with `args(scratch)` in a scratch folder beside `outfile`, then moves only the
 * binary to `outfile` (a split build writes one .map per chunk next to its output).
 */
function compileInto(outfile: string, args: (out: string) => string[], cwd?: string): number {
  const base = basename(outfile);
  const scratch = mkdtempSync(join(dirname(outfile), ".build-"));
  try {
    const proc = Bun.spawnSync(["bun", ...args(join(scratch, base))], {
      cwd,
      stdout: "inherit",
      stderr: "inherit",
    });
    if (proc.exitCode === 0) renameSync(join(scratch, base), outfile);
    return proc.exitCode ?? 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Prints a build error and exits (1 unless told otherwise). */
function fail(message: string, code = 1): never {
  console.error(`build: ${message}`);
  process.exit(code);
}

/** Which build the command line asks for: the local one, or these release targets. */
function parseArgs(argv: string[]): ReleaseTarget[] | undefined {
  const names: string[] = [];
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--all-targets") all = true;
    else if (a === "--target") {
      const v = argv[++i];
      if (!v) fail(`--target needs a NAME\n${USAGE}`, 2);
      names.push(v);
    } else if (a.startsWith("--target=")) names.push(a.slice("--target=".length));
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument \`${a}\`\n${USAGE}`, 2);
  }
  if (all) return [...RELEASE_TARGETS];
  if (names.length === 0) return undefined;
  try {
    return [...new Set(names)].map(releaseTarget);
  } catch (e) {
    return fail((e as Error).message, 2);
  }
}

/** `bun run build`: dist/schemavc for this machine, as before release builds existed. */
function buildLocal(): void {
  const target = process.env["SCHEMAVC_TARGET"]; // e.g. bun-linux-arm64 for cross builds
  const arch = process.arch === "arm64" ? "arm64" : "x64";
  const libc = (() => {
    if (process.platform !== "linux") return "";
    // glibc reports its version in the process report; musl does not.
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return report?.header?.glibcVersionRuntime ? "-gnu" : "-musl";
  })();
  const native = process.env["SCHEMAVC_LIBSQL_NATIVE"] ?? `@libsql/${process.platform}-${arch}${libc}`;
  if (!existsSync(join("node_modules", native))) {
    fail(`the libsql native addon ${native} is not installed (run \`bun install\`)`);
  }
  mkdirSync("dist", { recursive: true });
  rmSync("dist/schemavc.map", { force: true }); // written by builds before --splitting
  const code = compileInto("dist/schemavc", (out) => compileArgs(out, native, target));
  if (code !== 0) fail("bun build failed", code);
  console.log(`build: dist/schemavc (libsql addon ${native} embedded)`);
}

/** Cross-compiles each target into dist/release/, then rewrites SHA256SUMS. */
async function buildRelease(targets: ReleaseTarget[]): Promise<void> {
  mkdirSync(RELEASE_DIR, { recursive: true });
  const started = performance.now();
  for (const [i, t] of targets.entries()) {
    const step = `[${i + 1}/${targets.length}] ${t.name}`;
    const t0 = performance.now();
    let native: string;
    try {
      native = addonPath(t, (line) => console.log(`build: ${step}: ${line}`));
    } catch (e) {
      return fail(`${step}: ${(e as Error).message}`);
    }
    console.log(`build: ${step}: compiling for ${t.bunTarget} with ${t.addon}@${addonVersion(t.addon)}`);
    const outfile = join(RELEASE_DIR, t.file);
    // The sourcemaps are embedded in the binary (--sourcemap); the .map files are no release asset.
    const code = compileInto(outfile, (out) => compileArgs(out, native, t.bunTarget), ROOT);
    if (code !== 0) {
      fail(
        `${step}: bun build --target=${t.bunTarget} failed (exit ${code}; the target's Bun runtime is downloaded from the npm registry, see above)`,
      );
    }
    console.log(
      `build: ${step}: ${relative(ROOT, outfile)} (${megabytes(outfile)}, ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
  }
  const listed = await writeSums();
  console.log(`build: ${relative(ROOT, join(RELEASE_DIR, SUMS_FILE))} lists ${listed.join(", ")}`);
  console.log(`build: ${targets.length} target(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const release = parseArgs(process.argv.slice(2));
// The binary trusts the parser's table (SCHEMAVC_GRAMMAR_TABLE_FRESH): it must be the grammar's.
if (readFileSync(LOOKAHEAD_TABLE_PATH, "utf8") !== lookaheadTableSource())
  fail(`${relative(ROOT, LOOKAHEAD_TABLE_PATH)} is stale: run \`bun run gen:lookahead\``);
if (release) await buildRelease(release);
else {
  buildLocal();
  // The VS Code extension beside the binary (editors/vscode → dist/schemavc-vscode.vsix, ~1 s).
  try {
    console.log(`build: ${relative(ROOT, await buildVscodeExtension(ROOT))} (VS Code extension)`);
  } catch (e) {
    fail(`the VS Code extension: ${(e as Error).message}`);
  }
  try {
    await buildNpmPackage(join(ROOT, "dist/npm"));
    console.log("build: dist/npm (the npm package: `npm pack dist/npm`)");
  } catch (e) {
    fail(`the npm package: ${(e as Error).message}`);
  }
}
