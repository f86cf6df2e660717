/**
 * The MySQL/MariaDB scratch database of `pull`'s replay runs its script over several
 * connections (`dialects/mysql/parallel-script.ts`): on the real server, the result is the
 * script's in order, and a script that fails in order fails there too, with the same statement.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { freshDatabase, type TestDb } from "../support/db.ts";
import { inScratch, ScratchScriptError } from "../../src/dialects/scratch.ts";
import { getDialect } from "../../src/dialects/registry.ts";

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop().catch(() => {});
});

describe("the MySQL scratch database", async () => {
  const db = await freshDatabase("mysql", "scratch_parallel");
  const skip = "unavailable" in db;
  if (!skip) dbs.push(db);
  const tables = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      i === 0
        ? "CREATE TABLE `t0` (`id` int PRIMARY KEY)"
        : `CREATE TABLE \`t${i}\` (\`id\` int PRIMARY KEY, \`p\` int, CONSTRAINT \`t${i}_p\` FOREIGN KEY (\`p\`) REFERENCES \`t${i - 1}\` (\`id\`))`,
    );

  test.skipIf(skip)("a chain of tables, their indexes after them, reads back whole", async () => {
    const c = await (db as TestDb).connect();
    try {
      const indexes = Array.from(
        { length: 12 },
        (_, i) => `CREATE INDEX \`i${i}\` ON \`t${i}\` (\`id\` DESC)`,
      );
      const script = [...tables(12), ...indexes];
      const d = await getDialect("mysql");
      const got = await inScratch(c, script, (ex) => d.introspect(ex));
      expect(got.schema.tables.map((t) => t.name).sort()).toEqual(
        Array.from({ length: 12 }, (_, i) => `t${i}`).sort(),
      );
      for (const t of got.schema.tables) {
        expect(t.indexes.map((i) => i.name)).toEqual([`i${t.name.slice(1)}`]);
        expect(t.foreignKeys.length).toBe(t.name === "t0" ? 0 : 1);
      }
    } finally {
      await c.close();
    }
  });

  test.skipIf(skip)(
    "a foreign key to a table the script creates later fails, as it does in order",
    async () => {
      const c = await (db as TestDb).connect();
      try {
        const script = [
          "CREATE TABLE `a` (`id` int PRIMARY KEY)",
          "CREATE TABLE `b` (`id` int PRIMARY KEY, `p` int, FOREIGN KEY (`p`) REFERENCES `c` (`id`))",
          "CREATE TABLE `c` (`id` int PRIMARY KEY)",
          "CREATE INDEX `x` ON `a` (`id`)",
        ];
        const err = await inScratch(c, script, async () => "read").catch((e: Error) => e);
        expect(err).toBeInstanceOf(ScratchScriptError);
        expect((err as Error).message).toMatch(/foreign key|errno: 150/i);
        // The connection is back on its own database.
        const [row] = await c.query<{ db: string }>("SELECT DATABASE() AS db");
        expect(row?.db).not.toMatch(/^schemavc_pull_/);
      } finally {
        await c.close();
      }
    },
  );
});
