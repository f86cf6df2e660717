/**
 * `schemavc reset` (issue 18, item 6), through the compiled binary on every database: every
 * migration rolled back and applied again, the rows of what they made gone, what no migration
 * made left alone; refused for a database on another host off a terminal, before connecting.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase, rowsAt } from "../support/cli.ts";

const targets = await databasesFor("reset_cmd");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table users {\n  id    int          primary key\n  name  varchar(40)\n}\n";
const V2 = V1.replace("  name  varchar(40)\n", "  name  varchar(40)\n  email varchar(80)?\n");

for (const target of targets) {
  const d = target.dialect;
  const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
  describe(`reset on ${d}`, () => {
    if (!target.db) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("rolls back every migration and applies them again: the rows are gone, the hand-made table stays", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(d, "reset");
      try {
        p.schema(V1);
        p.generate("users");
        p.schema(V2);
        const v2 = p.generate("email");
        ok(p.run("up"));
        await rowsAt(db.url, `INSERT INTO ${q("users")} (${q("id")}, ${q("name")}) VALUES (1, 'Ada')`);
        await rowsAt(db.url, `CREATE TABLE ${q("by_hand")} (${q("id")} int)`);
        await rowsAt(db.url, `INSERT INTO ${q("by_hand")} (${q("id")}) VALUES (7)`);

        const r = JSON.parse(ok(p.run("reset", "--json")).out);
        expect(r.rolledBack).toHaveLength(2);
        expect(r.applied).toHaveLength(2);
        expect(r.current).toBe(v2);
        expect(await rowsAt(db.url, `SELECT ${q("id")} AS id FROM ${q("users")}`)).toEqual([]);
        expect(await rowsAt(db.url, `SELECT ${q("id")} AS id FROM ${q("by_hand")}`)).toEqual([{ id: 7 }]);
        // The hand-made table is drift, as it was before: reset made no other difference.
        expect(ok(p.run("status"), 3).out).toContain("+ table by_hand (1 column)");
      } finally {
        await drop();
      }
    }, 120_000);

    if (d !== "sqlite")
      test("a database on another host is refused off a terminal, even with --yes, before connecting", async () => {
        const { p, drop } = await projectOnFreshDatabase(d, "reset_remote");
        try {
          p.schema(V1);
          p.generate("users");
          const url = `${d === "postgres" ? "postgres" : "mysql"}://u:pw@db.example.invalid/app`;
          const t0 = performance.now();
          const r = ok(p.run("reset", "--yes", "--url", url), 1);
          expect(r.err).toContain(
            `refusing to reset ${d === "postgres" ? "postgres" : "mysql"}://u:***@db.example.invalid/app`,
          );
          expect(r.err).toContain("not a database on this machine");
          // Refused before any connection is tried (a lookup of .invalid would fail otherwise).
          expect(r.err).not.toContain("could not");
          expect(performance.now() - t0).toBeLessThan(5000);
        } finally {
          await drop();
        }
      }, 60_000);
  });
}
