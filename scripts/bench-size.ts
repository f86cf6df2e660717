/**
 * Benchmark: what each part of the binary weighs (issue 19, target 4). Builds the binary as
 * build.ts does, then the same build without one part at a time, and the hello-world floor
 * (scripts/bench-common.ts), into a temp dir; each part's weight is the difference:
 *
 * - the libSQL native addon (embedded `.node`, loaded only when a SQLite database is opened);
 * - the bytecode (`--bytecode`: start-up time, target 1);
 * - the embedded source map (`--sourcemap`: positions in stack traces);
 * - Graphviz (`@hpcc-js/wasm-graphviz`, its WebAssembly inlined in its JavaScript: `erd --svg`);
 * - the language server (`vscode-languageserver`: `schemavc lsp`);
 * - the rest of the JavaScript (the bundle without `--compile`, minified).
 *
 * Run: `bun scripts/bench-size.ts` (about a minute; nothing in dist/ is touched but the floor).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helloFloor } from "./bench-common.ts";

const dir = mkdtempSync(join(tmpdir(), "schemavc-bench-size-"));
// The addon of this machine, by package name, as build.ts embeds it for dist/schemavc.
const libc =
  process.platform === "linux"
    ? (process.report?.getReport?.() as { header?: { glibcVersionRuntime?: string } })?.header
        ?.glibcVersionRuntime
      ? "-gnu"
      : "-musl"
    : "";
const native = JSON.stringify(
  process.env["SCHEMAVC_LIBSQL_NATIVE"] ?? `@libsql/${process.platform}-${process.arch}${libc}`,
);
const base = ["build", "src/main.ts", "--minify", "--format=esm"];
const full = [
  "--compile",
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-bunfig",
  "--compile-jit-policy=10",
  "--bytecode",
  "--sourcemap",
  "--define",
  `LIBSQL_NATIVE=${native}`,
  // As build.ts: libsql's platform probes are answered by src/dialects/sqlite/native-addon.ts.
  "--external",
  "detect-libc",
  "--external",
  "@neon-rs/load",
];

/** Builds one variant; its size in bytes (of `file` in the output, for a bundle). */
function build(name: string, args: string[], file = name): number {
  const out = join(dir, name);
  const p = Bun.spawnSync(
    ["bun", ...base, ...args, ...(args.includes("--compile") ? ["--outfile", out] : ["--outdir", out])],
    { stdout: "ignore", stderr: "pipe" },
  );
  if (p.exitCode !== 0) throw new Error(`${name}: ${p.stderr.toString()}`);
  return statSync(args.includes("--compile") ? out : join(out, file)).size;
}

const without = (flag: string) => full.filter((a) => a !== flag);
const sizes = {
  binary: build("full", full),
  addon: build("no-addon", [...without(`LIBSQL_NATIVE=${native}`).filter((a) => a !== "--define")]),
  bytecode: build("no-bytecode", without("--bytecode")),
  sourcemap: build("no-sourcemap", without("--sourcemap")),
  graphviz: build("no-graphviz", [...full, "--external", "@hpcc-js/wasm-graphviz"]),
  lsp: build("no-lsp", [
    ...full,
    "--external",
    "vscode-languageserver",
    "--external",
    "vscode-languageserver/node",
    "--external",
    "vscode-languageserver-textdocument",
  ]),
  js: build("bundle", ["--target=bun", "--define", `LIBSQL_NATIVE=${native}`], "main.js"),
  floor: statSync(await helloFloor()).size,
};
rmSync(dir, { recursive: true, force: true });

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`.padStart(9);
const row = (what: string, n: number) => console.log(`  ${what.padEnd(52)} ${mb(n)}`);
console.log("binary size (MB = 10^6 bytes)");
row("dist/schemavc as build.ts makes it", sizes.binary);
row("hello-world floor (bun build --compile --bytecode)", sizes.floor);
row("  difference", sizes.binary - sizes.floor);
console.log("what each part adds (the binary less a build without it)");
row("libSQL native addon", sizes.binary - sizes.addon);
row("bytecode", sizes.binary - sizes.bytecode);
row("embedded source map", sizes.binary - sizes.sourcemap);
row("Graphviz (wasm inlined in its JS, + bytecode, map)", sizes.binary - sizes.graphviz);
row("language server (+ bytecode, map)", sizes.binary - sizes.lsp);
row("all the JavaScript, minified (bundle alone)", sizes.js);
