/**
 * Builds the standalone binary `dist/schemavc` (`bun run build`): one file that runs on a
 * machine with no Bun, no Node and no node_modules.
 *
 * - `--compile --minify --bytecode --format=esm`: bytecode for start-up; ESM because bytecode
 *   defaults to CJS, which breaks top-level await (../shared/bun-notes.md).
 * - The libsql native addon is embedded: its package name for this platform is injected as
 *   LIBSQL_NATIVE, which `src/dialects/sqlite/native-addon.ts` requires literally.
 * - `.env` and `bunfig.toml` are not auto-loaded by the binary: schemavc reads `.env` itself,
 *   where the contract says, and a project's bunfig.toml is none of its business.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

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
  console.error(`build: the libsql native addon ${native} is not installed (run \`bun install\`)`);
  process.exit(1);
}

const args = [
  "build", "src/main.ts", "--compile", "--minify", "--bytecode", "--format=esm", "--sourcemap",
  "--outfile", "dist/schemavc",
  "--define", `LIBSQL_NATIVE=${JSON.stringify(native)}`,
  "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig",
  ...(target ? [`--target=${target}`] : []),
];
const proc = Bun.spawnSync(["bun", ...args], { stdout: "inherit", stderr: "inherit" });
if (proc.exitCode !== 0) {
  console.error("build: bun build failed");
  process.exit(proc.exitCode ?? 1);
}
console.log(`build: dist/schemavc (libsql addon ${native} embedded)`);
