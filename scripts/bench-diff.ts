/**
 * Benchmark: `schemavc diff` between two 1,000-table schemas that differ in about 100 places,
 * end to end through the compiled binary (target: under 300 ms). Two ways: schema file against
 * schema file, and the usual one, the latest migration's snapshot against the schema files.
 * Run `bun run build` first, then `bun scripts/bench-diff.ts`. `--baseline BIN` also times another
 * build (say, of the previous commit) in the same hyperfine run, so the two compare side by side.
 */
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateSchema } from "./gen-schema.ts";

const bin = resolve("dist/schemavc");
const at = process.argv.indexOf("--baseline");
const baseline = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : undefined;
const dir = mkdtempSync(join(tmpdir(), "schemavc-bench-diff-"));
mkdirSync(join(dir, "schema"));
writeFileSync(join(dir, "a.schema"), generateSchema(1000, 20, 0));
writeFileSync(join(dir, "b.schema"), generateSchema(1000, 20, 1));
writeFileSync(
  join(dir, "schemavc.toml"),
  'dialect = "postgres"\nschema = "schema"\nmigrations = "migrations"\nurl = "postgres://localhost/x"\n',
);
writeFileSync(join(dir, "schema", "app.schema"), generateSchema(1000, 20, 0));
const sh = (args: string[]) => Bun.spawnSync([bin, ...args], { cwd: dir, stdout: "pipe", stderr: "pipe" });
const g = sh(["generate", "-m", "baseline"]);
if (g.exitCode !== 0) throw new Error(g.stderr.toString());
writeFileSync(join(dir, "schema", "app.schema"), generateSchema(1000, 20, 1));
const check = sh(["diff", "--json"]);
console.log(`changes found: ${JSON.parse(check.stdout.toString()).changes.length}`);
if (Bun.which("hyperfine")) {
  Bun.spawnSync(
    [
      "hyperfine",
      "-N",
      "--warmup",
      "1",
      "--runs",
      "10",
      "-i",
      ...(baseline ? [`${baseline} diff --from a.schema --to b.schema`, `${baseline} diff`] : []),
      `${bin} diff --from a.schema --to b.schema`,
      `${bin} diff`,
    ],
    { cwd: dir, stdout: "inherit", stderr: "inherit" },
  );
} else {
  for (const args of [["diff", "--from", "a.schema", "--to", "b.schema"], ["diff"]]) {
    const t0 = performance.now();
    sh(args);
    console.log(`schemavc ${args.join(" ")}: ${(performance.now() - t0).toFixed(0)} ms`);
  }
}
