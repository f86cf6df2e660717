/**
 * The type catalogues are honest (grammar/types.md, "Type names"): every name the validator
 * lets through as a native type of PostgreSQL or MySQL/MariaDB is one the real server takes as
 * a column type, but for the extensions' types (PostgreSQL without the extension) and the names
 * of newer servers than the MariaDB here. The other direction, a name outside the catalogue being
 * refused, is `validation-legal.test.ts`'s case "a bare type name that is no type".
 */
import { afterAll, describe, expect, test } from "bun:test";
import { databasesFor } from "../support/db.ts";
import { POSTGRES_EXTENSION_TYPES, POSTGRES_TYPES } from "../../src/dialects/postgres/native-types.ts";
import { MYSQL_LATER_TYPES, MYSQL_TYPES } from "../../src/dialects/mysql/native-types.ts";

const targets = await databasesFor("type_catalogue", ["postgres", "mysql"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

/** A column type for the name: the ones that need arguments get one. */
const declared = (n: string) =>
  n === "enum" || n === "set"
    ? `${n}('a')`
    : ["varchar", "nvarchar", "varbinary"].includes(n)
      ? `${n}(3)`
      : n;

for (const target of targets) {
  const d = target.dialect;
  describe(`the ${d} type catalogue`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    test("every built-in name in it is a column type the server takes", async () => {
      const [types, elsewhere] =
        d === "postgres" ? [POSTGRES_TYPES, POSTGRES_EXTENSION_TYPES] : [MYSQL_TYPES, MYSQL_LATER_TYPES];
      const conn = await target.db!.connect();
      const refused: string[] = [];
      try {
        for (const [i, n] of types.names.filter((x) => !elsewhere.includes(x)).entries()) {
          const q = d === "mysql" ? "`" : '"';
          await conn
            .exec(`CREATE TABLE ${q}t${i}${q} (${q}c${q} ${declared(n)})`)
            .catch(() => refused.push(n));
        }
      } finally {
        await conn.close();
      }
      expect(refused).toEqual([]);
    }, 120_000);
  });
}
