/**
 * Empty and data migrations (issue 18, item 1), through the compiled binary on every database:
 * `revision -m MSG` (Alembic's way, no autogenerate) and `generate --empty -m MSG` write a
 * migration of no statements whose snapshot is its parent's; a hand-written backfill in it,
 * between two schema migrations, is applied and rolled back like any other, rows checked.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase, rowsAt } from "../support/cli.ts";

const targets = await databasesFor("data_migration");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table users {\n  id    int           primary key\n  name  varchar(40)\n  slug  varchar(40)?\n}\n";
/** The schema change after the backfill: slugs are unique now that every row has one. */
const V3 = V1.replace("  slug  varchar(40)?\n", "  slug  varchar(40)?\n\n  unique index (slug)\n");

for (const target of targets) {
  const d = target.dialect;
  const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
  describe(`data migrations on ${d}`, () => {
    if (!target.db) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("revision -m writes an empty migration; a backfill in it between two schema migrations goes up and down with the rows", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(d, "backfill");
      try {
        p.schema(V1);
        const v1 = p.generate("users");
        ok(p.run("up"));
        await rowsAt(
          db.url,
          `INSERT INTO ${q("users")} (${q("id")}, ${q("name")}) VALUES (1, 'Ada'), (2, 'Bob')`,
        );

        // Alembic's `revision -m` without --autogenerate: no statements, the parent's snapshot.
        const r = ok(p.run("revision", "-m", "backfill slugs"));
        expect(r.out + r.err).toContain("(empty: no schema change)");
        const [, v2] = p.versions();
        expect(v2).toMatch(/_backfill_slugs$/);
        const schemaOf = (v: string) => JSON.parse(p.read(v, "snapshot.json")).schema;
        expect(schemaOf(v2!)).toEqual(schemaOf(v1));
        expect(p.read(v2!, "up.sql")).not.toMatch(/^(CREATE|ALTER|DROP)/m);
        // The hand-written backfill and its undoing, recorded by rehash.
        p.write(
          v2!,
          "up.sql",
          `${p.read(v2!, "up.sql")}UPDATE ${q("users")} SET ${q("slug")} = lower(${q("name")});\n`,
        );
        p.write(v2!, "down.sql", `${p.read(v2!, "down.sql")}UPDATE ${q("users")} SET ${q("slug")} = NULL;\n`);
        ok(p.run("rehash"));
        ok(p.run("lint"));

        // The schema files were not read: the next generate still writes the schema change alone.
        p.schema(V3);
        const v3 = p.generate("unique slugs");
        expect(p.read(v3, "up.sql")).toMatch(/CREATE UNIQUE INDEX/);
        expect(p.read(v3, "up.sql")).not.toMatch(/UPDATE/);

        ok(p.run("up"));
        const slugs = `SELECT ${q("slug")} AS s FROM ${q("users")} ORDER BY ${q("id")}`;
        expect(await rowsAt(db.url, slugs)).toEqual([{ s: "ada" }, { s: "bob" }]);
        expect(ok(p.run("current")).out).toContain(v3);
        ok(p.run("check"));

        ok(p.run("down", "2"));
        expect(await rowsAt(db.url, slugs)).toEqual([{ s: null }, { s: null }]);
        expect(ok(p.run("current")).out).toContain(v1);
        ok(p.run("up"));
        expect(await rowsAt(db.url, slugs)).toEqual([{ s: "ada" }, { s: "bob" }]);
      } finally {
        await drop();
      }
    }, 120_000);

    if (d === "sqlite")
      test("generate --empty is the same; revision --autogenerate is generate; --empty with --amend is refused", async () => {
        const { p, drop } = await projectOnFreshDatabase(d, "empty_flag");
        try {
          p.schema(V1);
          const v1 = p.generate("users");
          const e = JSON.parse(ok(p.run("generate", "--empty", "-m", "by hand", "--json")).out);
          expect(e).toMatchObject({ empty: true, changes: [] });
          expect(p.versions()).toEqual([v1, e.version]);
          const both = ok(p.run("generate", "--empty", "--amend"), 2);
          expect(both.err).toContain("--empty writes a new migration; --amend rewrites the newest one");
          p.schema(V3);
          const a = JSON.parse(ok(p.run("revision", "--autogenerate", "-m", "index", "--json")).out);
          expect(a.changes.length).toBe(1);
          expect(readFileSync(join(p.dir, "migrations", a.version, "up.sql"), "utf8")).toMatch(
            /CREATE UNIQUE INDEX/,
          );
          expect(ok(p.run("revision"), 2).err).toContain('a message is needed: `schemavc revision -m "');
        } finally {
          await drop();
        }
      }, 60_000);
  });
}
