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
import { emptySchema } from "../../src/ir/model.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { databasesFor, type TestDb } from "../support/db.ts";
import { expectCatalogMatches, readCatalog } from "../support/catalog.ts";
import { expectIntrospectionMatches } from "../support/introspect.ts";
import { applyStatements } from "../support/apply.ts";

const EXAMPLES = join(import.meta.dir, "../../schema-examples");
const examples = readdirSync(EXAMPLES)
  .filter((e) => !e.endsWith(".md"))
  .sort();
const targets = await databasesFor("sql_apply");
const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

for (const target of targets) {
  describe(`sql on ${target.dialect}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    for (const example of examples) {
      test(`${example} applies and the catalog matches`, async () => {
        const dialect = await getDialect(target.dialect);
        const loaded = await loadSchemaPath(join(EXAMPLES, example));
        const errors = [...loaded.diagnostics, ...dialect.validate(loaded.schema)].filter(
          (d) => d.severity === "error",
        );
        expect(errors).toEqual([]);
        const p = plan(emptySchema(), loaded.schema, noRenames(), dialect);
        const db = await freshFor(target.db!, example);
        const conn = await db.connect();
        try {
          await applyStatements(conn, p.upSql);
          expectCatalogMatches(await readCatalog(conn), loaded.schema, target.dialect);
          await expectIntrospectionMatches(conn, loaded.schema, example);
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
