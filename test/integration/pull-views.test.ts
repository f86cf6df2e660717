/**
 * Views pulled on each dialect: written in the database's words, proved by the replay (which
 * compares the queries as the database prints them on both sides), adopted without drift; a
 * view dropped by hand is drift.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect } from "../../src/dialects/registry.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const LIVE: Readonly<Record<DialectName, string>> = {
  postgres: `
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, active boolean NOT NULL DEFAULT true);
    CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
    CREATE VIEW active_names AS SELECT name FROM active_users WHERE name <> 'x)';
    CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users;
    COMMENT ON VIEW active_users IS 'Who may log in.';`,
  mysql: `
    CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL, active boolean NOT NULL DEFAULT true);
    CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
    CREATE VIEW active_names AS SELECT name FROM active_users WHERE name <> 'x)';`,
  sqlite: `
    CREATE TABLE users (id INTEGER PRIMARY KEY, name varchar(100) NOT NULL, active boolean NOT NULL DEFAULT true);
    CREATE VIEW active_users AS SELECT id, name FROM users WHERE active;
    CREATE VIEW active_names AS SELECT name FROM active_users WHERE name <> 'x)';`,
};

for (const dialect of ["postgres", "mysql", "sqlite"] as const) {
  describe(`pull of views on ${dialect}`, () => {
    test("views are written, replayed and read back; adopted, they are no drift; one dropped by hand is", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(dialect, "pull_views");
      try {
        const c = await connect(db.url);
        try {
          for (const s of (LIVE[dialect] as string).split(";").map((x) => x.trim())) if (s) await c.exec(s);
        } finally {
          await c.close();
        }
        const r = ok(p.run("pull", "--yes", "--json"));
        const json = JSON.parse(r.out) as { skipped: string[]; views: number };
        expect(json.skipped.filter((s) => s.startsWith("view "))).toEqual([]);
        expect(json.views).toBe(dialect === "postgres" ? 3 : 2);
        const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
        expect(text).toMatch(/view active_users as \(/);
        expect(text).toMatch(/view active_names as \(/);
        if (dialect === "postgres") {
          expect(text).toMatch(/materialized view user_count as \(/);
          expect(text).toContain("/// Who may log in.\nview active_users as (");
        }
        if (dialect === "mysql") expect(text).not.toContain(db.url.split("/").at(-1)!);
        // The files say what the database holds: no difference read from it.
        ok(p.run("diff", "--from", db.url));
        ok(p.run("generate", "-m", "baseline"));
        ok(p.run("stamp", "head"));
        ok(p.run("status"));
        expect(ok(p.run("generate", "-m", "again")).out).toContain("no changes");
        const c2 = await connect(db.url);
        try {
          // A query replaced by hand is drift where the database can print the snapshot's
          // (PostgreSQL) or keeps the text (SQLite); MySQL/MariaDB compares views by name.
          if (dialect !== "mysql") {
            await c2.exec("DROP VIEW active_names");
            await c2.exec("CREATE VIEW active_names AS SELECT name FROM active_users WHERE name <> 'y'");
            const st = ok(p.run("status", "--json"), 3);
            expect(st.out).toContain("active_names");
          }
          await c2.exec("DROP VIEW active_names");
        } finally {
          await c2.close();
        }
        const st = ok(p.run("status", "--json"), 3);
        expect(st.out).toContain("active_names");
      } finally {
        await drop();
      }
    }, 120_000);
  });
}

for (const dialect of ["postgres", "sqlite"] as const) {
  test(`pull on ${dialect} writes a view the database holds as the latest snapshot says in the snapshot's words`, async () => {
    const { p, db, drop } = await projectOnFreshDatabase(dialect, "pull_view_words");
    try {
      const text =
        "table users {\n  id   int   primary key\n  name text\n}\n\nview names as (select name  from users where id > 0)\n";
      p.schema(text);
      ok(p.run("generate", "-m", "initial"));
      ok(p.run("up"));
      // The database read back is the schema, in its words (PostgreSQL prints the query anew).
      ok(p.run("diff", "--from", db.url));
      ok(p.run("pull", "--yes"));
      expect(readFileSync(join(p.dir, "schema", "schema.schema"), "utf8")).toContain(
        "view names as (select name  from users where id > 0)",
      );
      ok(p.run("status"));
    } finally {
      await drop();
    }
  }, 120_000);
}
