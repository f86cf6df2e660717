/**
 * The safety commands through the compiled binary on every database: `up` refuses a migration
 * that loses data until its statement carries `-- schemavc:allow RULE` (or `--allow-data-loss`),
 * naming the statement and the directive; `lint` reports and exits 3; `check` exits non-zero for
 * each kind of failure with a message that names the file, and 0 on a clean project.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { Project } from "../support/project.ts";
import { connect } from "../../src/dialects/registry.ts";

const targets = await databasesFor("safety_cli");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table notes {\n  id int primary key\n  title varchar(100)\n  body text?\n}\n";
const V2 = "table notes {\n  id int primary key\n  title varchar(100)\n}\n";

const project = projectOnFreshDatabase;

async function count(url: string, sql: string): Promise<number> {
  const c = await connect(url);
  try {
    return Number(Object.values((await c.query<Record<string, unknown>>(sql))[0]!)[0]);
  } finally {
    await c.close();
  }
}

for (const target of targets) {
  const d = target.dialect;
  describe(`safety commands on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("up refuses a migration that drops a column, naming the statement and the directive; the directive lets it run", async () => {
      const { p, db, drop } = await project(d, "guard");
      try {
        p.schema(V1);
        p.generate("v1");
        ok(p.run("up"));
        const q = d === "mysql" ? "`" : '"';
        const c = await connect(db.url);
        await c.exec(
          `INSERT INTO ${q}notes${q} (${q}id${q}, ${q}title${q}, ${q}body${q}) VALUES (1, 'a', 'kept until dropped')`,
        );
        await c.close();
        p.schema(V2);
        const v2 = p.generate("v2");
        const refused = ok(p.run("up"), 1);
        expect(refused.err).toContain(`migration ${v2} loses data; nothing was applied`);
        expect(refused.err).toMatch(
          new RegExp(`migrations/${v2}/up\\.sql:\\d+: data-loss drop-column: drops column \`notes\\.body\``),
        );
        expect(refused.err).toContain("`-- schemavc:allow drop-column`");
        expect(refused.err).toContain("--allow-data-loss");
        expect(ok(p.run("current")).out.trim()).not.toBe(v2);
        expect(await count(db.url, `SELECT count(*) FROM ${q}notes${q} WHERE ${q}body${q} IS NOT NULL`)).toBe(
          1,
        );
        // --dry-run is refused the same way: it shows what up would do.
        ok(p.run("up", "--dry-run"), 1);

        // The directive on the line above the flagged statement, then rehash: up runs it.
        const line = Number(/up\.sql:(\d+): data-loss drop-column/.exec(refused.err)![1]);
        const lines = p.read(v2, "up.sql").split("\n");
        lines.splice(line - 1, 0, "-- schemavc:allow drop-column");
        p.write(v2, "up.sql", lines.join("\n"));
        expect(ok(p.run("up"), 1).err).toContain("rehash");
        ok(p.run("rehash"));
        const lint = ok(p.run("lint"));
        expect(lint.out).toContain("(allowed by a directive)");
        ok(p.run("up"));
        expect(ok(p.run("current")).out.trim()).toBe(v2);
        expect(await count(db.url, `SELECT count(*) FROM ${q}notes${q}`)).toBe(1);
      } finally {
        await drop();
      }
    }, 60_000);

    test("up --allow-data-loss runs it without a directive", async () => {
      const { p, drop } = await project(d, "allow");
      try {
        p.schema(V1);
        p.generate("v1");
        p.schema(V2);
        const v2 = p.generate("v2");
        ok(p.run("up"), 1);
        expect(ok(p.run("current")).out.trim()).toBe("base");
        ok(p.run("up", "--allow-data-loss"));
        expect(ok(p.run("current")).out.trim()).toBe(v2);
      } finally {
        await drop();
      }
    }, 60_000);

    test("a history row the database refuses to write is an error that names the table, and says what was applied", async () => {
      const { p, db, drop } = await project(d, "history_refused");
      try {
        p.schema(V1);
        p.generate("v1");
        ok(p.run("up"));
        // A trigger that refuses every new history row, in each database's words.
        const c = await connect(db.url);
        await c.exec(
          d === "postgres"
            ? `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history is read-only here'; END $$;
               CREATE TRIGGER refuse BEFORE INSERT ON schemavc_migrations FOR EACH ROW EXECUTE FUNCTION refuse()`
            : d === "mysql"
              ? "CREATE TRIGGER refuse BEFORE INSERT ON schemavc_migrations FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'history is read-only here'"
              : "CREATE TRIGGER refuse BEFORE INSERT ON schemavc_migrations BEGIN SELECT RAISE(ABORT, 'history is read-only here'); END",
        );
        await c.close();
        p.schema(`${V1}table tags {\n  id int primary key\n}\n`);
        const v2 = p.generate("v2");
        const r = ok(p.run("up"), 1);
        expect(r.err).toContain(`error: migration ${v2}: writing its row in schemavc_migrations failed:`);
        expect(r.err).toContain("history is read-only here");
        expect(r.err).not.toContain("internal error");
        expect(r.out).toContain(`applying ${v2} ... failed`);
        // Where DDL is transactional nothing was applied; on MySQL the row goes in before the
        // first statement, so nothing was run either.
        expect(r.err).toMatch(/nothing of (this migration was applied|it was run)/);
        expect(ok(p.run("current")).out.trim()).not.toBe(v2);
        const rows = await count(
          db.url,
          d === "postgres"
            ? "SELECT count(*) FROM information_schema.tables WHERE table_name = 'tags'"
            : d === "mysql"
              ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'tags'"
              : "SELECT count(*) FROM sqlite_schema WHERE name = 'tags'",
        );
        expect(rows).toBe(0);
      } finally {
        await drop();
      }
    }, 60_000);

    test("lint: findings for pending migrations only, exit 3 on data loss, 0 once applied; --json lists them", async () => {
      const { p, drop } = await project(d, "lint");
      try {
        p.schema(V1);
        p.generate("v1");
        ok(p.run("up"));
        p.schema(V2.replace("varchar(100)", "varchar(10)"));
        const v2 = p.generate("v2");
        const r = ok(p.run("lint", "--json"), 3);
        const doc = JSON.parse(r.out) as {
          linted: string[];
          failed: boolean;
          findings: { rule: string; severity: string; file: string; line: number; silenced: boolean }[];
        };
        expect(doc.linted).toEqual([v2]);
        expect(doc.failed).toBe(true);
        const rules = doc.findings.map((f) => f.rule);
        expect(rules).toContain("drop-column");
        expect(rules).toContain("narrow-type");
        for (const f of doc.findings) expect(f.file).toBe(`migrations/${v2}/up.sql`);
        ok(p.run("up", "--allow-data-loss"));
        expect(ok(p.run("lint")).out).toContain("linted 0 migrations");
        // --all looks at every migration again.
        ok(p.run("lint", "--all"), 3);
      } finally {
        await drop();
      }
    }, 60_000);
  });
}

describe("check", () => {
  /** A clean SQLite project (no database file yet: every migration counts as pending). */
  function clean(): Project {
    const p = new Project("sqlite", "sqlite:./dev.db");
    p.schema(V1);
    p.generate("v1");
    return p;
  }
  const withProject = (fn: (p: Project) => void) => () => {
    const p = clean();
    try {
      fn(p);
    } finally {
      rmSync(p.dir, { recursive: true, force: true });
    }
  };

  test(
    "a clean project passes with exit 0",
    withProject((p) => {
      const r = ok(p.run("check"));
      expect(r.out).toContain("check passed");
      const doc = JSON.parse(ok(p.run("check", "--json")).out) as {
        ok: boolean;
        checks: { check: string; ok: boolean }[];
      };
      expect(doc.ok).toBe(true);
      expect(doc.checks.map((c) => c.check)).toEqual(["schema", "migrations", "generated", "lint"]);
    }),
  );

  test(
    "an invalid schema file: exit 1, the error at file:line:col",
    withProject((p) => {
      writeFileSync(
        join(p.dir, "schema", "app.schema"),
        "table notes {\n  id int primary key\n  title varchar(100\n}\n",
      );
      const r = ok(p.run("check"), 1);
      expect(r.err).toMatch(/schema\/app\.schema:\d+:\d+: unexpected/);
      expect(r.err).toContain("error: schema: the schema has 1 error in schema");
    }),
  );

  test(
    "an edited migration (sum file no longer matches): exit 1, the file named",
    withProject((p) => {
      const v = p.versions()[0]!;
      appendFileSync(p.file(v, "up.sql"), "\n-- an edit\n");
      const r = ok(p.run("check"), 1);
      expect(r.err).toContain(`${v}/up.sql`);
      expect(r.err).toContain("rehash");
    }),
  );

  test(
    "a schema change with no migration: exit 3, the schema path and the change named",
    withProject((p) => {
      p.schema(V1.replace("}\n", "  extra int?\n}\n"));
      const r = ok(p.run("check"), 3);
      expect(r.err).toContain("error: generated: schema has 1 change that no migration records");
      expect(r.err).toContain("notes.extra");
      expect(r.err).toContain("schemavc generate");
    }),
  );

  test(
    "a pending migration that loses data: exit 3, its up.sql named; accepted by the directive: exit 0",
    withProject((p) => {
      p.schema(V2);
      const v2 = p.generate("v2");
      const r = ok(p.run("check"), 3);
      expect(r.err).toContain(`error: lint: 1 finding not accepted in migrations/${v2}/up.sql`);
      expect(r.out).toContain(`migrations/${v2}/up.sql:`);
      const text = readFileSync(p.file(v2, "up.sql"), "utf8").replace(
        /^(ALTER TABLE "notes" DROP COLUMN)/m,
        "-- schemavc:allow drop-column\n$1",
      );
      p.write(v2, "up.sql", text);
      ok(p.run("rehash"));
      ok(p.run("check"));
    }),
  );

  test(
    "--strict fails on warnings too (a SQLite rebuild)",
    withProject((p) => {
      p.schema(V1.replace("}\n", "  check (id > 0)\n}\n"));
      p.generate("v2");
      ok(p.run("check"));
      expect(ok(p.run("check", "--strict"), 3).out).toContain("sqlite-rebuild");
    }),
  );
});
