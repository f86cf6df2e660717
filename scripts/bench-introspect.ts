/**
 * Benchmark: read back a 1,000-table database (each table: 6 columns, a unique, an index, a
 * check, a foreign key to the table before it, comments) on PostgreSQL, MariaDB and SQLite.
 * Targets: under 1 s on PostgreSQL, under 2 s on MariaDB. Side by side with the tool a user
 * would pick to dump a schema (pg_dump --schema-only, mariadb-dump --no-data, sqlite3 .schema),
 * and `schemavc pull` through the binary (introspection + writing and re-reading the files).
 * Run: `bun run build && bash scripts/test-dbs.sh && bun scripts/bench-introspect.ts [TABLES=1000]`.
 */
import { emptyDatabase, schemaText } from "./bench-db.ts";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { connect, getDialect } from "../src/dialects/registry.ts";
import { plan } from "../src/diff/plan.ts";
import { noRenames } from "../src/diff/renames.ts";
import { loadSources } from "../src/dsl/load.ts";
import type { DialectName } from "../src/dialects/dialect.ts";

const N = Number(process.argv[2] ?? 1000);
const bin = resolve("dist/schemavc");

function timeCmd(cmd: string[], cwd?: string): number {
  const t0 = performance.now();
  const p = Bun.spawnSync(cmd, { cwd, stdout: "ignore", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")}: ${p.stderr.toString()}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const schema = loadSources(new Map([["bench.schema", schemaText(N)]])).schema;
console.log(
  `${N} tables, 6 columns each, a unique, an index, a check and a foreign key each; median of 5 runs\n`,
);
console.log("dialect    introspect() (ms)   schemavc pull (ms)   yardstick (ms)");
for (const dialect of ["postgres", "mysql", "sqlite"] as DialectName[]) {
  const d = await getDialect(dialect);
  const url = await emptyDatabase(dialect, "introspect");
  const c = await connect(url);
  const sql = plan({ tables: [], enums: [] }, schema, noRenames(), d).upSql;
  if (dialect === "postgres") await c.exec(sql.map((s) => `${s};`).join("\n"));
  else for (const s of sql) await c.exec(s);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const got = await d.introspect(c);
    runs.push(performance.now() - t0);
    if (got.schema.tables.length !== N)
      throw new Error(`read ${got.schema.tables.length} tables, expected ${N}`);
  }
  await c.close();
  const dir = mkdtempSync(join(tmpdir(), "bench-introspect-proj-"));
  mkdirSync(join(dir, "schema"));
  writeFileSync(
    join(dir, "schemavc.toml"),
    `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\nurl = "${url}"\n`,
  );
  const pull = median([0, 1, 2].map(() => timeCmd([bin, "pull", "--yes"], dir)));
  const u = new URL(url.startsWith("sqlite:") ? "file:///" : url);
  const yard =
    dialect === "postgres"
      ? {
          name: "pg_dump -s",
          cmd: [
            "pg_dump",
            "--schema-only",
            "-h",
            u.hostname,
            "-p",
            u.port || "5432",
            "-U",
            u.username || "postgres",
            u.pathname.slice(1),
          ],
        }
      : dialect === "mysql"
        ? {
            name: "mariadb-dump --no-data",
            cmd: [
              "mariadb-dump",
              "--no-data",
              "-h",
              u.hostname,
              "-P",
              u.port || "3306",
              "-u",
              u.username || "root",
              u.pathname.slice(1),
            ],
          }
        : { name: "sqlite3 .schema", cmd: ["sqlite3", url.slice("sqlite:".length), ".schema"] };
  let yardMs = "n/a";
  try {
    yardMs = `${median([0, 1, 2].map(() => timeCmd(yard.cmd))).toFixed(0)} (${yard.name})`;
  } catch (e) {
    yardMs = `n/a (${yard.name}: ${(e as Error).message.split("\n")[0]})`;
  }
  console.log(
    `${dialect.padEnd(10)} ${median(runs).toFixed(0).padStart(17)}   ${pull.toFixed(0).padStart(18)}   ${yardMs}`,
  );
}
