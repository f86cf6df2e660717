/**
 * Benchmark: `schemavc pull` of a 1,000-table database (the schema of bench-introspect.ts: each
 * table 6 columns, a unique, an index, a check, a foreign key to the table before it, comments)
 * on PostgreSQL, MariaDB and SQLite, including the replay proof (the files' CREATE script run
 * on a scratch database and read back). With OLD=path/to/an/older/schemavc, one hyperfine run
 * compares the two binaries side by side (build the older commit elsewhere:
 * `git archive <commit> | tar -x -C /tmp/old && ln -s $PWD/node_modules /tmp/old/ && (cd /tmp/old && bun run build)`).
 * Run: `bun run build && bash scripts/test-dbs.sh && OLD=/tmp/old/dist/schemavc bun scripts/bench-pull.ts [TABLES=1000] [RUNS=5]`.
 */
import { emptyDatabase, schemaText } from "./bench-db.ts";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connect, getDialect } from "../src/dialects/registry.ts";
import { plan } from "../src/diff/plan.ts";
import { noRenames } from "../src/diff/renames.ts";
import { loadSources } from "../src/dsl/load.ts";
import type { DialectName } from "../src/dialects/dialect.ts";

const N = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 5);
const bin = resolve("dist/schemavc");
const old = process.env["OLD"];

const schema = loadSources(new Map([["bench.schema", schemaText(N)]])).schema;
console.log(`${N} tables; hyperfine, ${RUNS} runs each, 1 warm-up\n`);
for (const dialect of ["postgres", "mysql", "sqlite"] as DialectName[]) {
  const d = await getDialect(dialect);
  const url = await emptyDatabase(dialect, "pull");
  const c = await connect(url);
  const sql = plan({ tables: [], enums: [] }, schema, noRenames(), d).upSql;
  if (dialect === "postgres") await c.exec(sql.map((s) => `${s};`).join("\n"));
  else for (const s of sql) await c.exec(s);
  await c.close();
  const dir = mkdtempSync(join(tmpdir(), "bench-pull-proj-"));
  mkdirSync(join(dir, "schema"));
  writeFileSync(
    join(dir, "schemavc.toml"),
    `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\nurl = "${url}"\n`,
  );
  const cmds = [...(old ? [`${old} pull --yes --out old`] : []), `${bin} pull --yes --out new`];
  console.log(`== ${dialect}`);
  const p = Bun.spawnSync(
    ["hyperfine", "--style", "basic", "--warmup", "1", "--runs", String(RUNS), "-N", ...cmds],
    { cwd: dir, stdout: "inherit", stderr: "inherit" },
  );
  if (p.exitCode !== 0) throw new Error(`hyperfine failed on ${dialect}`);
}
