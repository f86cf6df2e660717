/**
 * The runner on real databases, through the compiled binary, the same cases on every dialect:
 * the whole cycle, concurrent runners, failing and killed migrations, refusals, dry runs.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { databasesFor, freshDatabase } from "../support/db.ts";
import { Project } from "../support/project.ts";
import { readCatalog } from "../support/catalog.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("runner");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table users {\n  id     bigint        primary key identity\n  email  varchar(255)  unique\n}\n";
const V2 = V1.replace("}", "  name   text?\n}");
const V3 =
  V2 +
  "table posts {\n  id       bigint  primary key identity\n  user_id  bigint  references users(id) on delete cascade\n}\n";

/** A fresh database and a project on it. */
async function project(
  dialect: DialectName,
  tag: string,
): Promise<{ p: Project; drop: () => Promise<void>; catalog: () => Promise<unknown> }> {
  const db = await freshDatabase(dialect, tag);
  if ("unavailable" in db) throw new Error(db.unavailable);
  const p = new Project(dialect, db.url);
  return {
    p,
    drop: async () => {
      await db.drop();
      rmSync(p.dir, { recursive: true, force: true });
    },
    catalog: async () => {
      const c = await db.connect();
      try {
        return await readCatalog(c);
      } finally {
        await c.close();
      }
    },
  };
}

for (const target of targets) {
  const d = target.dialect;
  describe(`runner on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("init → generate → up → status → down → up, with the binary alone in its folder", async () => {
      const { p, drop } = await project(d, "cycle");
      try {
        p.schema(V1);
        p.generate("one");
        p.schema(V2);
        const two = p.generate("two");
        // Pending work is exit 3; on SQLite the file does not exist yet, and status (which only
        // reads) does not create it: exit 1, saying so.
        const first = p.run("status");
        expect(first.code).toBe(d === "sqlite" ? 1 : 3);
        if (d === "sqlite") expect(first.err).toContain("nothing applied yet");
        const up = p.run("up");
        expect(up.code).toBe(0);
        expect(up.out).toMatch(/applying \d{14}_one \.\.\. done in \d+ ms/);
        expect(p.run("status").code).toBe(0);
        expect(p.run("current").out).toBe(`${two}\n`);
        // Rolling back "two" drops users.name: a data-loss rollback needs the flag off a terminal.
        expect(p.run("down", "--allow-data-loss").code).toBe(0);
        expect(p.run("current", "--json").out).toContain(`"current": "${p.versions()[0]}"`);
        expect(p.run("up").code).toBe(0);
        expect(p.run("current").out).toBe(`${two}\n`);
        expect(p.run("downgrade", "base", "--allow-data-loss").code).toBe(0);
        expect(p.run("current").out).toBe("base\n");
        expect(p.run("upgrade", "head").code).toBe(0);
        const hist = JSON.parse(p.run("history", "--json").out);
        expect(hist.migrations.map((m: { status: string }) => m.status)).toEqual(["applied", "applied"]);
      } finally {
        await drop();
      }
    }, 60_000);

    test("four up processes at once: each migration applied exactly once, all exit 0", async () => {
      const { p, drop } = await project(d, "concurrent");
      try {
        p.schema(V1);
        p.generate("one");
        p.schema(V2);
        p.generate("two");
        p.schema(V3);
        p.generate("three");
        const procs = Array.from({ length: 4 }, () => p.spawn("up", "--lock-timeout", "60"));
        const codes = await Promise.all(procs.map((x) => x.exited));
        const errs = await Promise.all(procs.map((x) => new Response(x.stderr).text()));
        expect({ codes, errs: errs.filter((e) => e.includes("error")) }).toEqual({
          codes: [0, 0, 0, 0],
          errs: [],
        });
        const hist = JSON.parse(p.run("history", "--json").out);
        expect(hist.migrations.filter((m: { status: string }) => m.status === "applied").length).toBe(3);
      } finally {
        await drop();
      }
    }, 90_000);

    test("a migration whose last statement fails", async () => {
      const { p, drop, catalog } = await project(d, "failing");
      try {
        p.schema(V1);
        const v = p.generate("one");
        const up = p.read(v, "up.sql");
        p.write(v, "up.sql", `${up}\nCREATE TABLE extra (id int);\n\nSELECT * FROM no_such_table;\n`);
        expect(p.run("rehash").code).toBe(0);
        const r = p.run("up");
        expect(r.code).toBe(1);
        expect(r.err).toContain(`migration ${v} failed at statement 3 of 3`);
        const tables = [...((await catalog()) as Map<string, unknown>).keys()].filter(
          (t) => t !== "schemavc_migrations",
        );
        if (d === "mysql") {
          // DDL commits implicitly: what ran stays, the row says where it stopped.
          expect(tables.sort()).toEqual(["extra", "users"]);
          const st = JSON.parse(p.run("status", "--json").out);
          expect(st.failed).toEqual([expect.objectContaining({ version: v, statement: 3 })]);
          const again = p.run("up");
          expect(again.code).toBe(1);
          expect(again.err).toContain(`schemavc resolve ${v} --applied`);
          expect(p.run("resolve", v, "--rolled-back").code).toBe(0);
          expect(JSON.parse(p.run("status", "--json").out).failed).toEqual([]);
        } else {
          expect(tables).toEqual([]);
          expect(JSON.parse(p.run("status", "--json").out)).toMatchObject({
            current: null,
            failed: [],
            pending: [v],
          });
        }
      } finally {
        await drop();
      }
    }, 60_000);

    if (d !== "mysql") {
      test("a runner killed in the middle of a long migration leaves none of it; the next up applies it", async () => {
        const { p, drop, catalog } = await project(d, "killed");
        try {
          p.schema(V1);
          const v = p.generate("one");
          const slow =
            d === "postgres"
              ? "SELECT pg_sleep(8);"
              : "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT count(*) FROM c;";
          const up = p.read(v, "up.sql");
          p.write(v, "up.sql", `${up}\n${slow}\n`);
          expect(p.run("rehash").code).toBe(0);
          const proc = p.spawn("up");
          await Bun.sleep(1500);
          proc.kill("SIGKILL");
          await proc.exited;
          const tables = [...((await catalog()) as Map<string, unknown>).keys()].filter(
            (t) => t !== "schemavc_migrations",
          );
          expect(tables).toEqual([]);
          p.write(v, "up.sql", up);
          expect(p.run("rehash").code).toBe(0);
          // PostgreSQL ends the killed runner's session (and frees its lock) once its running
          // statement returns; the next runner may wait for that, then applies the migration.
          const again = p.run("up", "--lock-timeout", "30");
          expect(again.err).not.toContain("error");
          expect(again.code).toBe(0);
          expect(p.run("current").out).toBe(`${v}\n`);
        } finally {
          await drop();
        }
      }, 90_000);
    }

    if (d === "postgres") {
      test("-- schemavc:no-transaction with CREATE INDEX CONCURRENTLY completes while the runner holds its lock", async () => {
        const { p, drop } = await project(d, "concurrently");
        try {
          p.schema(V2);
          p.generate("one");
          expect(p.run("up").code).toBe(0);
          p.schema(V2.replace("}", "\n  index users_name (name)\n}"));
          const v = p.generate("index");
          p.write(
            v,
            "up.sql",
            `-- schemavc:no-transaction\nCREATE INDEX CONCURRENTLY "users_name" ON "users" ("name");\n`,
          );
          expect(p.run("rehash").code).toBe(0);
          const r = p.run("up", "--lock-timeout", "20");
          expect(r.err).toBe("");
          expect(r.code).toBe(0);
          expect(p.run("current").out).toBe(`${v}\n`);
        } finally {
          await drop();
        }
      }, 60_000);
    }

    test("an edited applied migration, a missing folder, an out-of-order migration: refused, naming the version", async () => {
      const { p, drop } = await project(d, "refusals");
      try {
        p.schema(V1);
        const one = p.generate("one");
        p.schema(V2);
        const two = p.generate("two");
        expect(p.run("up").code).toBe(0);
        // edited after it was applied
        p.write(one, "up.sql", `${p.read(one, "up.sql")}\n-- edited\n`);
        expect(p.run("rehash").code).toBe(0);
        let r = p.run("up");
        expect(r.code).toBe(1);
        expect(r.err).toContain(`migration ${one} was applied, but its up.sql has changed since`);
        expect(p.run("resolve", one, "--applied").code).toBe(0);
        expect(p.run("up").code).toBe(0);
        // missing from the folder
        rmSync(p.file(two, ""), { recursive: true });
        expect(p.run("rehash").code).toBe(0);
        r = p.run("up");
        expect(r.code).toBe(1);
        expect(r.err).toContain(
          `the database has applied migration ${two} that the migrations folder does not have`,
        );
        // The stored down SQL rolls it back (it drops users.name: accepted by name).
        expect(p.run("down", "--allow-data-loss").code).toBe(0);
        expect(p.run("current").out).toBe(`${one}\n`);
        // out of order: a migration older than the newest applied one
        p.schema(V2);
        const three = p.generate("three");
        expect(p.run("up").code).toBe(0);
        expect(p.run("current").out).toBe(`${three}\n`);
      } finally {
        await drop();
      }
    }, 60_000);

    test("up --dry-run prints the SQL and changes nothing", async () => {
      const { p, drop, catalog } = await project(d, "dryrun");
      try {
        p.schema(V3);
        p.generate("one");
        await catalog(); // the database exists (SQLite: its file), with nothing applied
        expect(p.run("status").code).toBe(3);
        const before = JSON.stringify([...((await catalog()) as Map<string, unknown>)]);
        const r = p.run("up", "--dry-run");
        expect(r.code).toBe(0);
        expect(r.out).toContain("CREATE TABLE");
        expect(JSON.stringify([...((await catalog()) as Map<string, unknown>)])).toBe(before);
        expect(p.run("status").code).toBe(3);
      } finally {
        await drop();
      }
    }, 60_000);
  });
}
