/**
 * The main job on the embedded SQLite default, run by `bun run setup` (the README's first
 * command) after the build: the compiled binary prints the SQL of every schema example and
 * checks that the examples are formatted, then walks a fresh project through init and generate.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const bin = resolve("dist/schemavc");
const examples = resolve("schema-examples");

function run(args: string[], cwd = process.cwd()): void {
  console.log(`$ schemavc ${args.join(" ")}`);
  const p = Bun.spawnSync([bin, ...args], { cwd, stdout: "inherit", stderr: "inherit" });
  if (p.exitCode !== 0) {
    console.error(`quickstart: \`schemavc ${args.join(" ")}\` exited with ${p.exitCode}`);
    process.exit(1);
  }
}

for (const entry of readdirSync(examples)
  .filter((e) => !e.endsWith(".md"))
  .sort())
  run(["sql", join(examples, entry)]);
run(["fmt", "--check", examples]);
const project = mkdtempSync(join(tmpdir(), "schemavc-quickstart-"));
run(["init"], project);
run(["generate", "-m", "initial"], project);
console.log(`\nquickstart: done (a fresh SQLite project is in ${project})`);
