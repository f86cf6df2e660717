/**
 * `schemavc sql` on real databases: for every schema example and every dialect, the script
 * runs on a fresh database, and the catalog then holds the tables, columns (with nullability),
 * primary keys, unique constraints, indexes and foreign keys the schema declares.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadSchemaPath } from "../../src/dsl/load.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { emptySchema, type Schema } from "../../src/ir/model.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { databasesFor, type TestDb } from "../support/db.ts";
import { readCatalog } from "../support/catalog.ts";
import { applyStatements } from "../support/apply.ts";

const EXAMPLES = join(import.meta.dir, "../../schema-examples");
const examples = readdirSync(EXAMPLES).filter((e) => !e.endsWith(".md")).sort();
const targets = await databasesFor("sql_apply");
const dbs: TestDb[] = [];
afterAll(async () => { for (const d of dbs) await d.drop(); });

for (const target of targets) {
  describe(`sql on ${target.dialect}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => { throw new Error(target.unavailable); });
      return;
    }
    for (const example of examples) {
      test(`${example} applies and the catalog matches`, async () => {
        const dialect = await getDialect(target.dialect);
        const loaded = await loadSchemaPath(join(EXAMPLES, example));
        const errors = [...loaded.diagnostics, ...dialect.validate(loaded.schema)].filter((d) => d.severity === "error");
        expect(errors).toEqual([]);
        const p = plan(emptySchema(), loaded.schema, noRenames(), dialect);
        const db = await freshFor(target.db!, example);
        const conn = await db.connect();
        try {
          await applyStatements(conn, p.upSql);
          expectCatalogMatches(await readCatalog(conn), loaded.schema, target.dialect);
        } finally {
          await conn.close();
        }
      });
    }
  });
}

/** One database per example: the first example uses the file's database, others get their own. */
async function freshFor(first: TestDb, example: string): Promise<TestDb> {
  const { freshDatabase } = await import("../support/db.ts");
  const r = await freshDatabase(first.dialect, `sql_${example}`);
  if ("unavailable" in r) throw new Error(r.unavailable);
  dbs.push(r);
  return r;
}

function expectCatalogMatches(cat: Awaited<ReturnType<typeof readCatalog>>, schema: Schema, dialect: string) {
  expect([...cat.keys()].sort()).toEqual(schema.tables.map((t) => t.name).sort());
  for (const t of schema.tables) {
    const got = cat.get(t.name)!;
    expect({ table: t.name, columns: [...got.columns].map(([n, c]) => [n, c.nullable]) })
      .toEqual({ table: t.name, columns: t.columns.map((c) => [c.name, c.nullable]) });
    expect({ table: t.name, pk: got.primaryKey }).toEqual({ table: t.name, pk: [...(t.primaryKey?.columns ?? [])] });
    const sortLists = (ls: readonly (readonly string[])[]) => ls.map((l) => l.join(",")).sort();
    // MySQL: a unique index is a unique constraint in its catalog; expression indexes are
    // skipped (MariaDB cannot make them; validation warns); NO ACTION reads back as RESTRICT.
    const mysql = dialect === "mysql";
    const columnOnly = (i: Schema["tables"][number]["indexes"][number]) => i.parts.every((p) => p.kind === "column");
    const expectedUniques = [...t.uniques.map((u) => u.columns), ...(mysql ? t.indexes.filter((i) => i.unique && columnOnly(i)).map((i) => i.parts.map((p) => (p.kind === "column" ? p.column : ""))) : [])];
    expect({ table: t.name, uniques: sortLists(got.uniques) }).toEqual({ table: t.name, uniques: sortLists(expectedUniques) });
    const expectedIndexes = t.indexes.filter((i) => !mysql || (columnOnly(i) && !i.unique));
    expect({ table: t.name, indexes: [...got.indexes].map(([n, i]) => [n, i.unique]).sort() })
      .toEqual({ table: t.name, indexes: expectedIndexes.map((i) => [i.name, i.unique]).sort() });
    const action = (a: string) => (mysql && a === "no action" ? "restrict" : a);
    const fkKey = (f: { columns: readonly string[]; refTable: string; refColumns: readonly string[]; onDelete: string }) => `${f.columns.join(",")}->${f.refTable}(${f.refColumns.join(",")}) ${action(f.onDelete)}`;
    expect({ table: t.name, fks: got.foreignKeys.map(fkKey).sort() }).toEqual({ table: t.name, fks: t.foreignKeys.map(fkKey).sort() });
  }
}
