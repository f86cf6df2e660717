/**
 * Reading never writes, and edited history is caught everywhere (issue 16, items 7 and 8),
 * through the compiled binary on every dialect: status, current, history, diff, lint, check and
 * pull leave no database file and no history table behind (the folder and the catalog are
 * listed); a SQLite path that does not exist is reported as such; `check` and `status` fail on
 * an applied migration edited afterwards even when the sum file was rewritten; `current` and
 * `history` still say where the database stands on a tampered folder, with the warning.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, rmSync } from "node:fs";
import { databasesFor, freshDatabase } from "../support/db.ts";
import { Project } from "../support/project.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("readonly");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table users {\n  id     bigint        primary key identity\n  email  varchar(255)\n}\n";
const V2 = V1.replace("}", "  name   text?\n}");

/** Every read-only command with the arguments it needs. */
const READERS = (url: string) => [
  ["status"],
  ["current"],
  ["history"],
  ["lint"],
  ["check"],
  ["diff", "--from", url],
  ["pull", "--out", "pulled", "--yes"],
];

async function tablesOf(dialect: DialectName, url: string): Promise<string[]> {
  const { connect } = await import("../../src/dialects/registry.ts");
  const c = await connect(url, { mustExist: true });
  try {
    const q =
      dialect === "sqlite"
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : dialect === "postgres"
          ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
          : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()";
    return (await c.query<{ name: string }>(q)).map((r) => String(r.name)).sort();
  } finally {
    await c.close();
  }
}

test("SQLite: no command that reads creates the database file; each says there is none", () => {
  const p = new Project("sqlite", "sqlite:./dev.db");
  try {
    p.schema(V1);
    p.generate("one");
    const before = readdirSync(p.dir).sort();
    for (const args of READERS("sqlite:./dev.db")) {
      const r = p.run(...args);
      expect({ args, files: readdirSync(p.dir).sort() }).toEqual({ args, files: before });
      if (["status", "current", "history"].includes(args[0]!)) {
        expect(r.code).toBe(1);
        expect(r.err).toContain("no database at ./dev.db: nothing applied yet");
      }
      if (args[0] === "diff" || args[0] === "pull") {
        expect(r.code).toBe(1);
        expect(r.err).toContain("no database at ./dev.db");
      }
    }
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});

for (const target of targets) {
  const d = target.dialect;
  describe(`reading never writes, edited history is caught, on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("status, current, history, diff, lint, check and pull leave no table in an empty database", async () => {
      const db = await freshDatabase(d, "empty");
      if ("unavailable" in db) throw new Error(db.unavailable);
      const p = new Project(d, db.url);
      try {
        p.schema(V1);
        p.generate("one");
        if (d === "sqlite") await (await db.connect()).close(); // the file exists, empty
        for (const args of READERS(db.url)) {
          p.run(...args);
          expect({ args, tables: await tablesOf(d, db.url) }).toEqual({ args, tables: [] });
        }
        // Nothing applied yet: base, everything pending.
        expect(p.run("current").out).toBe("base\n");
        expect(p.run("status").code).toBe(3);
      } finally {
        await db.drop();
        rmSync(p.dir, { recursive: true, force: true });
      }
    });

    test("an applied migration edited and rehashed fails check and status; current and history still answer", async () => {
      const db = await freshDatabase(d, "edited");
      if ("unavailable" in db) throw new Error(db.unavailable);
      const p = new Project(d, db.url);
      try {
        p.schema(V1);
        const one = p.generate("one");
        p.schema(V2);
        const two = p.generate("two");
        expect(p.run("up").code).toBe(0);
        expect(p.run("check").code).toBe(0);
        expect(p.run("status").code).toBe(0);
        // Edited after it was applied, and the sum file rewritten to hide it.
        p.write(one, "up.sql", `${p.read(one, "up.sql")}\n-- edited later\n`);
        expect(p.run("rehash").code).toBe(0);
        const c = p.run("check");
        expect(c.code).toBe(1);
        expect(c.err).toContain(`migration ${one} was applied, but its up.sql changed since`);
        const s = p.run("status");
        expect(s.code).toBe(3);
        expect(s.out).toContain(`edited after it was applied: ${one}`);
        // Tampered without a rehash: the sum check fails, yet current and history answer.
        p.write(two, "down.sql", `${p.read(two, "down.sql")}\n-- tampered\n`);
        const cur = p.run("current");
        expect(cur.code).toBe(0);
        expect(cur.out).toBe(`${two}\n`);
        expect(cur.err).toContain("warning:");
        expect(cur.err).toContain(`migration file changed after it was written: ${two}/down.sql`);
        const h = p.run("history");
        expect(h.code).toBe(0);
        expect(h.out).toContain(`${two}  applied`);
        expect(h.err).toContain("warning:");
        // Commands that change the database still refuse the tampered folder.
        expect(p.run("up").code).toBe(1);
      } finally {
        await db.drop();
        rmSync(p.dir, { recursive: true, force: true });
      }
    });
  });
}
