/**
 * MySQL/MariaDB tables as real databases hold them, read back exactly (not in the normal form
 * drift compares): SQL as Sakila, Chinook or Employees write it is loaded, pulled, and the pulled
 * schema's own SQL, applied to an empty database, reads back the same schema (pull + replay).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { databasesFor } from "../support/db.ts";
import { applyStatements } from "../support/apply.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { emptySchema, type Schema } from "../../src/ir/model.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { printSchema } from "../../src/dsl/printer.ts";
import { loadSources } from "../../src/dsl/load.ts";
import type { Connection } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("mysql_exact", ["mysql"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const pull = async (c: Connection): Promise<Schema> =>
  (await (await getDialect("mysql")).introspect(c, { exclude: ["schemavc_migrations"] })).schema;

const reset = async (c: Connection) => {
  const rows = await c.query<{ t: string }>(
    "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
  );
  await c.exec("SET FOREIGN_KEY_CHECKS = 0");
  for (const r of rows) await c.exec(`DROP TABLE \`${r.t}\``);
  await c.exec("SET FOREIGN_KEY_CHECKS = 1");
};

/** Loads `sql`, pulls it, replays the pulled schema on an empty database and pulls that: the same text. */
async function pullReplay(c: Connection, sql: readonly string[]): Promise<string> {
  await reset(c);
  await applyStatements(c, sql);
  const pulled = await pull(c);
  const text = printSchema(pulled);
  const reparsed = loadSources(new Map([["s.schema", text]]));
  expect(reparsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  await reset(c);
  await applyStatements(
    c,
    plan(emptySchema(), reparsed.schema, noRenames(), await getDialect("mysql")).upSql,
  );
  expect(printSchema(await pull(c))).toBe(text);
  return text;
}

for (const target of targets) {
  describe("MySQL/MariaDB read back exactly", () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    const conn = target.db!.connect();
    afterAll(async () => (await conn).close());

    test("NO ACTION, RESTRICT and an action left out are each pulled and replayed as they are", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE a (id INT PRIMARY KEY)",
        "CREATE TABLE b (id INT PRIMARY KEY, x INT, y INT, z INT," +
          " CONSTRAINT fx FOREIGN KEY (x) REFERENCES a (id) ON DELETE NO ACTION ON UPDATE NO ACTION," +
          " CONSTRAINT fy FOREIGN KEY (y) REFERENCES a (id) ON DELETE RESTRICT," +
          " CONSTRAINT fz FOREIGN KEY (z) REFERENCES a (id))",
      ]);
      expect(text).toContain("foreign key fx (x) references a(id)\n");
      // MariaDB records an action left out as RESTRICT (MySQL 8 as NO ACTION): either is read as stored.
      expect(text).toMatch(
        /foreign key fy \(y\) references a\(id\) on delete restrict( on update restrict)?\n/,
      );
    });

    test("the index InnoDB makes for a foreign key is not pulled; a declared one is", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE a (id INT PRIMARY KEY)",
        "CREATE TABLE b (id INT PRIMARY KEY, x INT, y INT, KEY by_y (y)," +
          " CONSTRAINT fx FOREIGN KEY (x) REFERENCES a (id), CONSTRAINT fy FOREIGN KEY (y) REFERENCES a (id))",
      ]);
      expect(text).not.toContain("index fx");
      expect(text).toContain("index by_y (y)");
    });

    test("Sakila's last_update: a TIMESTAMP with DEFAULT and ON UPDATE CURRENT_TIMESTAMP, and a DATETIME(3)", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE a (id INT PRIMARY KEY, last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP," +
          " at DATETIME(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3))",
      ]);
      expect(text).toMatch(/last_update +"timestamp" +default now\(\) on update now\(\)\n/);
      expect(text).toMatch(/at +datetime\(3\)\? +default now\(\) on update now\(\)\n/);
    });

    test("Sakila's film_text: a FULLTEXT index, and a SPATIAL one", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE film_text (film_id SMALLINT NOT NULL, title VARCHAR(255) NOT NULL, description TEXT," +
          " place POINT NOT NULL, PRIMARY KEY (film_id), FULLTEXT KEY idx_title_description (title, description), SPATIAL KEY (place))",
      ]);
      expect(text).toContain("index idx_title_description (title, description) using fulltext\n");
      expect(text).toContain("index place (place) using spatial\n");
    });

    test("FreeRADIUS's and Openfire's prefix indexes: KEY (username(32)), a unique one, a TEXT column's own", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE radcheck (id INT PRIMARY KEY, username VARCHAR(64) NOT NULL, jid VARCHAR(1024), body TEXT," +
          " KEY username (username(32)), UNIQUE KEY jid (jid(255), id), KEY body (body(100)))",
      ]);
      expect(text).toContain("index username (username(32))\n");
      expect(text).toContain("unique index jid (jid(255), id)\n");
      expect(text).toContain("index body (body(100))\n");
    });

    test("table options: PowerDNS's latin1 table, a MyISAM one, ROW_FORMAT and KEY_BLOCK_SIZE, a column with its own charset", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE domains (id INT PRIMARY KEY, options VARCHAR(64000)) ENGINE=InnoDB DEFAULT CHARSET=latin1",
        "CREATE TABLE logs (id INT PRIMARY KEY, msg TEXT) ENGINE=MyISAM ROW_FORMAT=FIXED",
        "CREATE TABLE packed (id INT PRIMARY KEY, t VARCHAR(10) CHARACTER SET utf8mb3) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8 COLLATE=utf8mb4_bin",
      ]);
      expect(text).toContain("table domains (charset = latin1) {");
      expect(text).toContain("table logs (engine = MyISAM, row_format = FIXED) {");
      expect(text).toContain(
        "table packed (collate = utf8mb4_bin, row_format = COMPRESSED, key_block_size = 8) {",
      );
      expect(text).toMatch(/t +varchar\(10\)\? +collate utf8mb3_general_ci\n/);
    });

    test("ejabberd's keys: a primary key on prefixes, USING BTREE written on keys and indexes, index and key comments", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE rooms (host TEXT NOT NULL, name VARCHAR(300) NOT NULL, nick VARCHAR(100), PRIMARY KEY (host(191), name) USING BTREE COMMENT 'The room''s key')",
        "CREATE INDEX i_nick USING BTREE ON rooms (nick) COMMENT 'By nick'",
        "CREATE UNIQUE INDEX i_name USING BTREE ON rooms (name(75), nick)",
        "CREATE UNIQUE INDEX i_plain ON rooms (nick, name) COMMENT 'Once'",
      ]);
      expect(text).toContain("  /// The room's key\n  primary key (host(191), name) using btree\n");
      expect(text).toContain("  /// By nick\n  index i_nick (nick) using btree\n");
      expect(text).toContain("  unique index i_name (name(75), nick) using btree\n");
      expect(text).toContain("  /// Once\n  unique i_plain (nick, name)\n");
    });

    test("display widths the server keeps: Petclinic's int(4) unsigned key, Quartz's bigint(13), FreeRADIUS's int(10)", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE owners (id INT(4) UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, fired BIGINT(13) NOT NULL, n INT(10), z INT(5) UNSIGNED ZEROFILL)",
      ]);
      expect(text).toMatch(/id +"int"\(4\) unsigned +primary key identity\n/);
      expect(text).toMatch(/fired +"bigint"\(13\)\n/);
      expect(text).toMatch(/z +"int\(5\) unsigned zerofill"\?\n/);
    });

    test("unsigned integers, tinyint and mediumint, AUTO_INCREMENT on a tinyint, SET (Sakila's)", async () => {
      const text = await pullReplay(await conn, [
        "CREATE TABLE a (id TINYINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, n MEDIUMINT, u BIGINT(20) UNSIGNED, s SMALLINT(6)," +
          " f SET('Trailers','Commentary','it''s'))",
      ]);
      expect(text).toContain("set('Trailers', 'Commentary', 'it''s')?");
      expect(text).toMatch(/id +tinyint unsigned +primary key identity\n/);
      expect(text).toMatch(/u +bigint unsigned\?\n/);
    });
  });
}
