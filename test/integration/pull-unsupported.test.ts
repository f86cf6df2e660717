/**
 * Introspection names what the language cannot express yet instead of misreading it silently
 * (the `unsupported` list `pull` refuses on). Cases found by comparing real schemas' catalogs
 * with pull's replay; the binary's behaviour on such an entry is in introspection-cli.test.ts.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { databasesFor } from "../support/db.ts";
import { getDialect } from "../../src/dialects/registry.ts";

const targets = await databasesFor("pull_unsupported", ["mysql"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

for (const target of targets) {
  describe(`unsupported constructs on ${target.dialect}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    // Sakila and Roundcube: a table whose collation is not its database's default. It was named
    // here until the table options (`collate = ...`) could hold it; now it is read, not named.
    test("a table whose collation is not its database's default is read as its options", async () => {
      const c = await target.db!.connect();
      try {
        const [row] = await c.query<{ co: string }>(
          "SELECT DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()",
        );
        const other = row!.co === "utf8mb3_general_ci" ? "utf8mb4_bin" : "utf8mb3_general_ci";
        const charset = other.split("_")[0];
        await c.exec(
          `CREATE TABLE \`legacy\` (\`id\` INT NOT NULL PRIMARY KEY, \`name\` VARCHAR(20) NOT NULL) DEFAULT CHARSET=${charset} COLLATE=${other}`,
        );
        await c.exec("CREATE TABLE `plain` (`id` INT NOT NULL PRIMARY KEY)");
        const got = await (await getDialect("mysql")).introspect(c);
        expect(got.unsupported).toEqual([]);
        const legacy = got.schema.tables.find((t) => t.name === "legacy")!;
        // The charset, and the collation where it is not the charset's default.
        expect(JSON.stringify(legacy.options ?? {}).toLowerCase()).toContain(charset!);
        expect(got.schema.tables.find((t) => t.name === "plain")!.options).toBeUndefined();
      } finally {
        await c.close();
      }
    });
  });
}
