/**
 * Every golden case EXECUTED on every real database: create `from`, insert sample rows, run
 * the up SQL, check the catalog matches `to` and the rows survived (renamed columns keep their
 * values), run the down SQL, check the catalog matches `from` again.
 */
import { afterAll, describe, test } from "bun:test";
import { databasesFor, freshDatabase } from "../support/db.ts";
import { expectCatalogMatches, readCatalog } from "../support/catalog.ts";
import { expectIntrospectionMatches } from "../support/introspect.ts";
import { applyStatements } from "../support/apply.ts";
import { caseDialects, goldenCases, loadCase, planCase } from "../support/golden.ts";
import { expectRowsKept, insertRows } from "../support/rows.ts";
import { emptySchema } from "../../src/ir/model.ts";
import { noRenames, renamesFromHints } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { getDialect } from "../../src/dialects/registry.ts";

const targets = await databasesFor("golden");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

for (const target of targets) {
  describe(`golden cases on ${target.dialect}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    for (const name of goldenCases().filter((n) => caseDialects(n).includes(target.dialect))) {
      test(name, async () => {
        const c = loadCase(name);
        const dialect = await getDialect(target.dialect);
        const db = await freshDatabase(target.dialect, `g_${name}`);
        if ("unavailable" in db) throw new Error(db.unavailable);
        const conn = await db.connect();
        try {
          await applyStatements(conn, plan(emptySchema(), c.from, noRenames(), dialect).upSql);
          const rows = await insertRows(conn, c.from);
          const p = await planCase(c, target.dialect);
          await applyStatements(conn, p.upSql);
          expectCatalogMatches(await readCatalog(conn), c.to, target.dialect);
          await expectIntrospectionMatches(conn, c.to, `${name} after up`);
          // Rows of kept and renamed columns are intact.
          await expectRowsKept(conn, c.from, c.to, renamesFromHints(c.from, c.to), rows);
          await applyStatements(conn, p.downSql);
          expectCatalogMatches(await readCatalog(conn), c.from, target.dialect);
          await expectIntrospectionMatches(conn, c.from, `${name} after down`);
        } finally {
          await conn.close();
          await db.drop();
        }
      }, 30_000);
    }
  });
}
