/**
 * `pull` on SQLite databases written by hand the way real ones are (Chinook, Sakila, Northwind):
 * the pulled files, created in an empty database, give back the same catalog, column by column
 * (declared type as written, NOT NULL, default, primary key position, hidden), index by index
 * and foreign key by foreign key, in order. One case per shape real schemas hold.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { freshDatabase } from "../support/db.ts";
import { ok } from "../support/cli.ts";
import { Project } from "../support/project.ts";
import type { Connection } from "../../src/dialects/dialect.ts";

/** What SQLite's catalog says of every table, one line per fact, in a stable order. */
export async function catalogLines(c: Connection): Promise<string[]> {
  const q = (sql: string) => c.query<Record<string, unknown>>(sql);
  const rows = [
    ...(await q(
      `SELECT 'column' AS k, m.name AS t, p.cid, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden
       FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schemavc_migrations' ORDER BY m.name, p.cid`,
    )),
    ...(await q(
      `SELECT 'index' AS k, m.name AS t, l.name, l."unique", l.origin, l.partial,
         (SELECT group_concat(ii.name || ' ' || ii.desc || ' ' || ii.coll, ', ') FROM pragma_index_xinfo(l.name) ii WHERE ii.key) AS cols
       FROM sqlite_schema m JOIN pragma_index_list(m.name) l
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'schemavc_migrations' ORDER BY m.name, l.name`,
    )),
    ...(await q(
      `SELECT 'foreign key' AS k, m.name AS t, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete
       FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
       WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, f.id, f.seq`,
    )),
    ...(await q(
      `SELECT 'table' AS k, name, wr, strict FROM pragma_table_list
       WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schemavc_migrations' ORDER BY name`,
    )),
  ];
  return rows.map((r) => Object.values(r).map(String).join(" | "));
}

/** Creates `sql` in a fresh database, pulls it, creates the pulled files in another: both catalogs. */
async function pullReplay(sql: string): Promise<{ original: string[]; replay: string[]; schema: string }> {
  const a = await freshDatabase("sqlite", "sqlite_pull");
  const b = await freshDatabase("sqlite", "sqlite_pull_replay");
  if ("unavailable" in a || "unavailable" in b) throw new Error("sqlite unavailable");
  const ca = await a.connect();
  const cb = await b.connect();
  const p = new Project("sqlite", a.url);
  try {
    await ca.exec(sql);
    ok(p.run("pull", "--yes"));
    const schema = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
    const script = ok(p.run("sql", "--dialect", "sqlite")).out;
    await cb.exec(script);
    return { original: await catalogLines(ca), replay: await catalogLines(cb), schema };
  } finally {
    await ca.close();
    await cb.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
}

const CASES: Record<string, string> = {
  "bracketed names, in tables, indexes and checks": `
    CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, [Name] NVARCHAR(120), PRIMARY KEY ([ArtistId]));
    CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL PRIMARY KEY, [ArtistId] INTEGER NOT NULL, [Order Total] REAL,
      CHECK ([Order Total] >= (0)),
      FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]) ON DELETE NO ACTION ON UPDATE NO ACTION);
    CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);`,
  "backticked names": `
    CREATE TABLE \`Customers\` (\`CustomerID\` TEXT NOT NULL, \`City\` TEXT, PRIMARY KEY (\`CustomerID\`));
    CREATE INDEX \`by city\` ON \`Customers\` (\`City\` DESC);`,
  "unnamed foreign keys, two on one table and two on one column": `
    CREATE TABLE a (id INTEGER NOT NULL PRIMARY KEY);
    CREATE TABLE b (id INTEGER NOT NULL PRIMARY KEY);
    CREATE TABLE c (id INTEGER NOT NULL PRIMARY KEY, a_id INTEGER REFERENCES a (id), x INTEGER,
      FOREIGN KEY (x) REFERENCES a (id), FOREIGN KEY (x) REFERENCES b (id) ON DELETE CASCADE);`,
  "declared types kept as written": `
    CREATE TABLE t (id INTEGER NOT NULL PRIMARY KEY, a INT NOT NULL, b VARCHAR(40), c NVARCHAR(70), d DATETIME,
      e NUMERIC(10,2) NOT NULL, f integer, g BLOB SUB_TYPE TEXT, h, i varchar(5), j DECIMAL(10, 2), k UNSIGNED BIG INT);`,
  "foreign keys in the order they are written": `
    CREATE TABLE p (id INTEGER NOT NULL PRIMARY KEY);
    CREATE TABLE q (id INTEGER NOT NULL PRIMARY KEY);
    CREATE TABLE r (p_id INT NOT NULL, q_id INT NOT NULL, PRIMARY KEY (p_id, q_id),
      CONSTRAINT fk_r_q FOREIGN KEY (q_id) REFERENCES q (id) ON UPDATE CASCADE,
      CONSTRAINT fk_r_p FOREIGN KEY (p_id) REFERENCES p (id) ON UPDATE CASCADE);
    CREATE TABLE o (id INTEGER NOT NULL PRIMARY KEY, q_id INTEGER, p_id INTEGER, p2 INTEGER,
      FOREIGN KEY (p_id) REFERENCES p (id), FOREIGN KEY (q_id) REFERENCES q (id), FOREIGN KEY (p2) REFERENCES p (id));`,
  "generated columns, stored and virtual, in both spellings": `
    CREATE TABLE g (id INTEGER NOT NULL PRIMARY KEY, price REAL, qty INT,
      total REAL GENERATED ALWAYS AS (price * qty) STORED,
      tag TEXT AS ('#' || id),
      half REAL NOT NULL AS (price / 2) VIRTUAL);
    CREATE INDEX g_total ON g (total);`,
  "INTEGER PRIMARY KEY with and without NOT NULL, a nullable text key": `
    CREATE TABLE a1 (id INTEGER PRIMARY KEY, x TEXT);
    CREATE TABLE a2 (id INTEGER NOT NULL PRIMARY KEY, x TEXT);
    CREATE TABLE a3 (id INTEGER, x TEXT, PRIMARY KEY (id));
    CREATE TABLE a4 (code TEXT PRIMARY KEY, x TEXT);`,
  "AUTOINCREMENT keys with and without NOT NULL": `
    CREATE TABLE a1 (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT);
    CREATE TABLE a2 (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, x TEXT);`,
  "TRUE and FALSE defaults in their own spelling": `
    CREATE TABLE f (id INTEGER NOT NULL PRIMARY KEY, a BOOLEAN NOT NULL DEFAULT FALSE, b BOOL DEFAULT true, c BOOLEAN DEFAULT 0);`,
  "virtual tables (fts4, fts5, rtree) with their shadow tables": `
    CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, body TEXT);
    CREATE VIRTUAL TABLE event_search USING fts4 ( event_id, room_id, sender, key, value );
    CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter unicode61');
    CREATE VIRTUAL TABLE boxes USING rtree(id, min_x, max_x);`,
  "without rowid and strict tables": `
    CREATE TABLE kv (k TEXT NOT NULL PRIMARY KEY, v ANY) WITHOUT ROWID, STRICT;
    CREATE TABLE s (id INTEGER NOT NULL PRIMARY KEY, n INT) STRICT;
    CREATE TABLE w (a TEXT, b INT, PRIMARY KEY (a, b)) WITHOUT ROWID;`,
};

test("pull writes a virtual table as one declaration and never its shadow tables", async () => {
  const r = await pullReplay(CASES["virtual tables (fts4, fts5, rtree) with their shadow tables"]!);
  expect(r.schema).toContain(
    "virtual table event_search using fts4 (event_id, room_id, sender, key, value)\n",
  );
  expect(r.schema).toContain("virtual table docs using fts5 (title, body, tokenize = 'porter unicode61')\n");
  expect(r.schema).toContain("virtual table boxes using rtree (id, min_x, max_x)\n");
  expect(r.schema).not.toMatch(/_(content|segments|segdir|docsize|stat|data|idx|config|node|rowid|parent)\b/);
}, 60_000);

describe("pull on SQLite: the pulled files re-create the catalog exactly", () => {
  for (const [name, sql] of Object.entries(CASES)) {
    test(name, async () => {
      const r = await pullReplay(sql);
      expect({ schema: r.schema, catalog: r.replay }).toEqual({ schema: r.schema, catalog: r.original });
    }, 60_000);
  }
});
