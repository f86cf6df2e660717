/**
 * Drift on MySQL/MariaDB compares table options against the database's own defaults, read when
 * connected: a table whose options restate the database's charset or collation (or a column
 * whose collation is the table's) is the same table as one without them, and a table whose
 * charset is another than the live one's is drift. On the real server, in the normal form that
 * `status` and `pull` use (`liveDifferences`).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { databasesFor } from "../support/db.ts";
import { applyStatements } from "../support/apply.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { emptySchema, type Schema } from "../../src/ir/model.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { loadSources } from "../../src/dsl/load.ts";
import { liveDifferences } from "../../src/dialects/compare.ts";
import type { Connection } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("mysql_defaults", ["mysql"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const schema = (text: string): Schema => {
  const r = loadSources(new Map([["s.schema", text]]));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};

for (const target of targets) {
  describe("MySQL/MariaDB table options against the database's defaults", () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    const conn = target.db!.connect();
    afterAll(async () => (await conn).close());
    const dialect = getDialect("mysql");
    /** Applies `text` to the emptied database and returns its differences from what is read back. */
    const applied = async (c: Connection, text: string, compared = text) => {
      const rows = await c.query<{ t: string }>(
        "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
      );
      for (const r of rows) await c.exec(`DROP TABLE \`${r.t}\``);
      const d = await dialect;
      await applyStatements(c, plan(emptySchema(), schema(text), noRenames(), d).upSql);
      const live = (await d.introspect(c)).schema;
      return liveDifferences(d, schema(compared), live).map((x) => x.kind);
    };
    const defaults = async (c: Connection) =>
      (
        await c.query<{ cs: string; coll: string }>(
          "SELECT @@character_set_database AS cs, @@collation_database AS coll",
        )
      )[0]!;

    test("options restating the database's charset and collation, and a column's own collation equal to them, are no drift", async () => {
      const c = await conn;
      const { cs, coll } = await defaults(c);
      expect(
        await applied(
          c,
          `table a (charset = ${cs}, collate = ${coll}) {\n  id int primary key\n  t varchar(10) collate ${coll}\n}\ntable b (collate = ${coll.toUpperCase()}) {\n  id int primary key\n}\n`,
        ),
      ).toEqual([]);
    });

    test("`charset = X` alone means X's default collation: no drift where that is the database's", async () => {
      const c = await conn;
      const { cs, coll } = await defaults(c);
      const [row] = await c.query<{ d: string }>(
        "SELECT DEFAULT_COLLATE_NAME AS d FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = ?",
        [cs],
      );
      const kinds = await applied(c, `table a (charset = ${cs}) {\n  id int primary key\n}\n`);
      expect(kinds).toEqual(row!.d === coll ? [] : ["set-table-options"]);
    });

    test("a table whose schema says another charset than the live one's is drift, both ways", async () => {
      const c = await conn;
      const { cs } = await defaults(c);
      const other = cs === "latin1" ? "utf8mb4" : "latin1";
      const plain = "table a {\n  id int primary key\n}\n";
      const latin = `table a (charset = ${other}) {\n  id int primary key\n}\n`;
      expect(await applied(c, plain, latin)).toEqual(["set-table-options"]);
      expect(await applied(c, latin, plain)).toEqual(["set-table-options"]);
      expect(await applied(c, latin)).toEqual([]);
    });
  });
}
