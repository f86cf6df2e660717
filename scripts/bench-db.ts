/**
 * What the introspection and pull benchmarks share: the N-table schema they read (each table 6
 * columns, a unique, an index, a check, a foreign key to the table before it, comments) and an
 * empty database of that benchmark's own per dialect.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "../src/dialects/registry.ts";
import type { DialectName } from "../src/dialects/dialect.ts";

const PG = process.env["SCHEMAVC_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MY = process.env["SCHEMAVC_TEST_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/";

/** The benchmark schema of `n` tables, as `.schema` text. */
export function schemaText(n: number): string {
  let s = "enum state { open, closed }\n";
  for (let i = 0; i < n; i++) {
    s += `/// Table ${i}.\ntable t${i} {\n  id bigint primary key identity\n  name varchar(100)\n  note text?\n  amount decimal(10,2) default 0 check (amount >= 0)\n  state state default 'open'\n`;
    if (i > 0) s += `  parent_id bigint? references t${i - 1}(id) on delete set null\n`;
    s += `\n  unique (name)\n  index (amount desc)\n}\n`;
  }
  return s;
}

/** The URL of an empty database `schemavc_bench_<tag>` (recreated), or a new SQLite file. */
export async function emptyDatabase(dialect: DialectName, tag: string): Promise<string> {
  if (dialect === "sqlite") return `sqlite:${join(mkdtempSync(join(tmpdir(), `bench-${tag}-`)), "b.db")}`;
  const admin = dialect === "postgres" ? PG : MY;
  const name = `schemavc_bench_${tag}`;
  const c = await connect(admin);
  await c.exec(
    dialect === "postgres"
      ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`
      : `DROP DATABASE IF EXISTS ${name}`,
  );
  await c.exec(`CREATE DATABASE ${name}`);
  await c.close();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}
