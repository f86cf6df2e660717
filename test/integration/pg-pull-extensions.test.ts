/**
 * PostgreSQL extensions, composite types and enum comments through `pull`: written, replayed
 * on an empty database, adopted without drift, and a change by hand seen as drift. An
 * extension's own functions, types, operators, operator classes and casts are never named as
 * the user's.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freshDatabase, type TestDb } from "../support/db.ts";
import { ok, projectOnFreshDatabase, rowsAt } from "../support/cli.ts";
import { connect } from "../../src/dialects/registry.ts";

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop().catch(() => {});
});

const LIVE = `
  CREATE EXTENSION btree_gist;
  CREATE EXTENSION citext;
  CREATE TYPE status AS ENUM ('open', 'closed');
  COMMENT ON TYPE status IS 'where a booking stands';
  CREATE TYPE address AS (street text, city text COLLATE "C", zip varchar(10));
  COMMENT ON TYPE address IS 'a postal address';
  CREATE TABLE bookings (
    id int PRIMARY KEY,
    room text NOT NULL,
    during tstzrange,
    email citext,
    addr address,
    state status,
    EXCLUDE USING gist (room WITH =, during WITH &&)
  );
  INSERT INTO bookings VALUES (1, 'a', '[2026-01-01,2026-01-02)', 'Ann@Example.org', ROW('Main St', 'Oslo', '0150'), 'open');`;

async function exec(url: string, sql: string) {
  const c = await connect(url);
  try {
    await c.exec(sql);
  } finally {
    await c.close();
  }
}

describe("pull of extensions, composite types and enum comments on PostgreSQL", () => {
  test("written, replayed on an empty database, adopted without drift; the extensions' members are not listed", async () => {
    const { p, db, drop } = await projectOnFreshDatabase("postgres", "pull_ext");
    try {
      await exec(db.url, LIVE);
      const r = ok(p.run("pull", "--yes", "--json"));
      const json = JSON.parse(r.out) as { skipped: string[]; extensions: number; composites: number };
      // btree_gist alone makes about 190 functions, operators, operator classes and families.
      expect(json.skipped).toEqual([]);
      expect(json.extensions).toBe(2);
      expect(json.composites).toBe(1);
      const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
      expect(text).toContain("extension btree_gist\n\nextension citext\n");
      expect(text).toContain("/// where a booking stands\nenum status { open, closed }");
      expect(text).toContain(
        "/// a postal address\ntype address { street text, city text collate C, zip varchar(10) }",
      );
      expect(text).toMatch(/email +citext\?/);
      expect(text).toMatch(/addr +address\?/);
      // One file per kind with --split, saying the same.
      ok(p.run("pull", "--split", "--out", "alone", "--yes"));
      expect(readFileSync(join(p.dir, "alone", "extensions.schema"), "utf8")).toBe(
        "extension btree_gist\n\nextension citext\n",
      );
      expect(readFileSync(join(p.dir, "alone", "types.schema"), "utf8")).toContain("type address {");
      ok(p.run("diff", "--from", db.url, "--to", "alone"));
      ok(p.run("generate", "-m", "baseline"));
      // Replayed on an empty database: the extensions are created first, then the types.
      const empty = await freshDatabase("postgres", "pull_ext_replay");
      if ("unavailable" in empty) throw new Error(empty.unavailable);
      dbs.push(empty);
      ok(p.run("up", "--url", empty.url));
      ok(p.run("status", "--url", empty.url));
      await exec(
        empty.url,
        "INSERT INTO bookings VALUES (1, 'a', '[2026-01-01,2026-01-02)', 'Ann@Example.org', ROW('Main St', 'Oslo', '0150'), 'open')",
      );
      // citext compares without case; btree_gist's exclusion holds.
      expect(await rowsAt(empty.url, "select id from bookings where email = 'ann@example.org'")).toEqual([
        { id: 1 },
      ]);
      await expect(
        exec(empty.url, "INSERT INTO bookings VALUES (2, 'a', '[2026-01-01,2026-01-03)')"),
      ).rejects.toThrow(/conflicting key value/);
      // And taken back: the extensions go with the rest.
      ok(p.run("down", "--url", empty.url, "--yes", "--allow-data-loss"));
      expect(await rowsAt(empty.url, "select extname from pg_extension where extname <> 'plpgsql'")).toEqual(
        [],
      );
      // The live database, adopted: no drift.
      ok(p.run("stamp", "head"));
      ok(p.run("status"));
      expect(ok(p.run("generate", "-m", "again")).out).toContain("no changes");
      // Changed by hand: each is drift.
      for (const [change, name] of [
        ["ALTER TYPE address ADD ATTRIBUTE country text", "address"],
        ["COMMENT ON TYPE status IS 'another'", "status"],
        ["CREATE EXTENSION pg_trgm", "pg_trgm"],
      ] as const) {
        await exec(db.url, change);
        expect(ok(p.run("status", "--json"), 3).out).toContain(`"${name}"`);
      }
    } finally {
      await drop();
    }
  }, 180_000);
});
