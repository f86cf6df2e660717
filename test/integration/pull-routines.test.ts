/**
 * Functions, procedures and triggers pulled on each dialect that has them: written in the
 * database's words, proved by the replay, adopted without drift; a body replaced by hand is
 * drift where the database can print the snapshot's (PostgreSQL) or keeps the text (SQLite's
 * and MySQL/MariaDB's triggers).
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect } from "../../src/dialects/registry.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

/** The live database's statements, one each (bodies hold semicolons). */
const LIVE: Readonly<Record<DialectName, readonly string[]>> = {
  postgres: [
    "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, updated timestamp)",
    `CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
begin
  new.updated := now(); -- 'quoted' ; and $ signs
  return new;
end
$$`,
    "CREATE FUNCTION add_one(x int, y int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ select x + y $$",
    "CREATE PROCEDURE rename_all(p text) LANGUAGE sql AS $$ update users set name = p $$",
    "CREATE TRIGGER users_touch BEFORE UPDATE OF name OR INSERT ON users FOR EACH ROW WHEN (new.id > 0) EXECUTE FUNCTION touch()",
    "CREATE VIEW plus AS SELECT add_one(id::int) AS n FROM users",
  ],
  mysql: [
    "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, n int NOT NULL DEFAULT 0)",
    "CREATE FUNCTION add_one(x int) RETURNS int DETERMINISTIC RETURN x + 1",
    `CREATE PROCEDURE rename_all(p varchar(100))
BEGIN
  UPDATE users SET name = p;
  UPDATE users SET n = n + 1;
END`,
    `CREATE TRIGGER users_n BEFORE INSERT ON users FOR EACH ROW
BEGIN
  SET NEW.n = NEW.n + 1;
  SET NEW.name = TRIM(NEW.name);
END`,
  ],
  sqlite: [
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name varchar(100) NOT NULL, n int NOT NULL DEFAULT 0)",
    "CREATE TABLE log (id INTEGER PRIMARY KEY, what text NOT NULL)",
    `CREATE TRIGGER users_log AFTER INSERT ON users FOR EACH ROW WHEN new.id > 0
BEGIN
  INSERT INTO log (what) VALUES ('added; ' || new.name);
END`,
  ],
};

const COUNTS: Readonly<Record<DialectName, { functions: number; triggers: number }>> = {
  postgres: { functions: 3, triggers: 1 },
  mysql: { functions: 2, triggers: 1 },
  sqlite: { functions: 0, triggers: 1 },
};

for (const dialect of ["postgres", "mysql", "sqlite"] as const) {
  describe(`pull of functions and triggers on ${dialect}`, () => {
    test("they are written, replayed and read back; adopted, they are no drift; one changed by hand is", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(dialect, "pull_routines");
      try {
        const c = await connect(db.url);
        try {
          for (const s of LIVE[dialect]) await c.exec(s);
        } finally {
          await c.close();
        }
        const r = ok(p.run("pull", "--yes", "--json"));
        const json = JSON.parse(r.out) as { skipped: string[]; functions: number; triggers: number };
        expect(json.skipped).toEqual([]);
        expect({ functions: json.functions, triggers: json.triggers }).toEqual(COUNTS[dialect]);
        const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
        if (dialect === "postgres") {
          expect(text).toContain("new.updated := now(); -- 'quoted' ; and $ signs");
          expect(text).toContain(
            "function add_one(x integer, y integer DEFAULT 1) returns integer language sql immutable strict as $$ select x + y $$",
          );
          expect(text).toContain(
            "trigger users_touch before insert or update of name on users for each row when (new.id > 0) execute function touch()",
          );
          expect(text).toMatch(/view plus as \(/);
        }
        if (dialect === "mysql") {
          // A function's arguments without a mode (MySQL refuses IN there), a procedure's with it.
          expect(text).toMatch(
            /function add_one\(x int(\(11\))?\) returns int(\(11\))? deterministic as \$\$RETURN x \+ 1\$\$/,
          );
          expect(text).toContain(
            "procedure rename_all(IN p varchar(100)) as $$BEGIN\n  UPDATE users SET name = p;",
          );
          expect(text).toContain(
            "trigger users_n before insert on users for each row as $$BEGIN\n  SET NEW.n = NEW.n + 1;",
          );
        }
        if (dialect === "sqlite")
          expect(text).toContain(
            "trigger users_log after insert on users for each row when (new.id > 0) as $$BEGIN\n",
          );
        ok(p.run("diff", "--from", db.url));
        ok(p.run("generate", "-m", "baseline"));
        ok(p.run("stamp", "head"));
        ok(p.run("status"));
        expect(ok(p.run("generate", "-m", "again")).out).toContain("no changes");
        const c2 = await connect(db.url);
        try {
          if (dialect === "postgres") {
            await c2.exec(
              "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$",
            );
            expect(ok(p.run("status", "--json"), 3).out).toContain("touch");
          } else if (dialect === "sqlite") {
            await c2.exec("DROP TRIGGER users_log");
            await c2.exec("CREATE TRIGGER users_log AFTER INSERT ON users BEGIN SELECT 1; END");
            expect(ok(p.run("status", "--json"), 3).out).toContain("users_log");
          } else {
            await c2.exec("DROP TRIGGER users_n");
            expect(ok(p.run("status", "--json"), 3).out).toContain("users_n");
          }
        } finally {
          await c2.close();
        }
      } finally {
        await drop();
      }
    }, 120_000);
  });
}
