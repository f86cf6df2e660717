/**
 * `pull`, drift in `status` and `diff` against a URL, through the compiled binary on every
 * database: every schema example applied then pulled gives files for which `generate` finds no
 * change (with the project's snapshot, and from the database alone); a column added by hand is
 * drift (exit 3, named in `--json`); adopting a database (`pull`, `generate`, `stamp`) leaves
 * `status` clean; what the language cannot express is listed, not dropped.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { Project } from "../support/project.ts";
import { connect } from "../../src/dialects/registry.ts";

const EXAMPLES = join(import.meta.dir, "../../schema-examples");
/** Schemas that exercise what a catalog forgets (test/fixtures/pull), besides the examples. */
const FIXTURES = join(import.meta.dir, "../fixtures/pull");
const examples = [
  ...readdirSync(EXAMPLES)
    .sort()
    .map((e) => join(EXAMPLES, e)),
  ...readdirSync(FIXTURES)
    .sort()
    .map((e) => join(FIXTURES, e)),
];
const targets = await databasesFor("introspection_cli");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const project = projectOnFreshDatabase;

async function sql(url: string, statement: string) {
  const c = await connect(url);
  try {
    await c.exec(statement);
  } finally {
    await c.close();
  }
}

for (const target of targets) {
  const d = target.dialect;
  describe(`introspection commands on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    for (const src of examples) {
      const example = basename(src);
      test(`${example}: applied, then pulled, generate finds no change`, async () => {
        const { p, db, drop } = await project(d, `pull_${example}`);
        try {
          cpSync(src, statSync(src).isDirectory() ? join(p.dir, "schema") : join(p.dir, "schema", example), {
            recursive: true,
          });
          ok(p.run("generate", "-m", "initial"));
          ok(p.run("up"));
          ok(p.run("status"));
          // With the project's snapshot: the pulled files say what the user wrote.
          ok(p.run("pull", "--yes"));
          expect(readdirSync(join(p.dir, "schema"))).toEqual(["schema.schema"]);
          const again = ok(p.run("generate", "-m", "again"));
          expect(again.out).toContain("no changes");
          expect(p.versions().length).toBe(1);
          ok(p.run("pull", "--split", "--out", "alone", "--yes"));
          ok(p.run("diff", "--from", db.url, "--to", "alone"));
          ok(p.run("diff", "--from", "head", "--to", db.url));
          // From the database alone (a project with no migrations: no snapshot to borrow words
          // from), one file per table; the files must validate and say what the database holds.
          const stranger = new Project(d, db.url);
          try {
            ok(stranger.run("pull", "--split", "--yes"));
            ok(stranger.run("diff", "--from", db.url, "--to", "schema"));
          } finally {
            rmSync(stranger.dir, { recursive: true, force: true });
          }
        } finally {
          await drop();
        }
      }, 60_000);
    }

    test("a column added by hand is drift: status exits 3 and names it in --json", async () => {
      const { p, db, drop } = await project(d, "drift");
      try {
        p.schema("table users {\n  id     bigint        primary key\n  email  varchar(255)  unique\n}\n");
        ok(p.run("generate", "-m", "initial"));
        ok(p.run("up"));
        expect(JSON.parse(ok(p.run("status", "--json")).out).drift).toEqual([]);
        await sql(
          db.url,
          d === "mysql"
            ? "ALTER TABLE `users` ADD COLUMN `nickname` VARCHAR(40) NULL"
            : `ALTER TABLE "users" ADD COLUMN "nickname" VARCHAR(40)`,
        );
        const r = ok(p.run("status", "--json"), 3);
        expect(JSON.parse(r.out).drift).toEqual([
          {
            table: "users",
            column: "nickname",
            kind: "add-column",
            description: "+ column users.nickname varchar(40)?",
          },
        ]);
        expect(ok(p.run("status"), 3).out).toContain("+ column users.nickname varchar(40)?");
      } finally {
        await drop();
      }
    }, 60_000);

    test("a column's collation is pulled as `collate`, and one changed by hand is drift", async () => {
      const { p, db, drop } = await project(d, "collate");
      try {
        const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
        const [first, second] = {
          postgres: ['"C"', '"POSIX"'],
          mysql: ["utf8mb4_bin", "utf8mb4_unicode_ci"],
          sqlite: ["NOCASE", "RTRIM"],
        }[d];
        await sql(
          db.url,
          `CREATE TABLE ${q("people")} (${q("id")} INTEGER NOT NULL PRIMARY KEY, ${q("name")} VARCHAR(40) COLLATE ${first} NOT NULL)`,
        );
        ok(p.run("pull", "--yes"));
        const pulled = readdirSync(join(p.dir, "schema"))
          .map((f) => readFileSync(join(p.dir, "schema", f), "utf8"))
          .join("\n");
        expect(pulled).toContain(`collate ${first!.replace(/"/g, "")}`);
        ok(p.run("diff", "--from", db.url, "--to", "schema"));
        ok(p.run("stamp", p.generate("baseline")));
        expect(JSON.parse(ok(p.run("status", "--json")).out).drift).toEqual([]);
        if (d === "sqlite") return; // SQLite changes a collation only by rebuilding the table
        await sql(
          db.url,
          d === "mysql"
            ? `ALTER TABLE \`people\` MODIFY COLUMN \`name\` VARCHAR(40) COLLATE ${second} NOT NULL`
            : `ALTER TABLE "people" ALTER COLUMN "name" TYPE varchar(40) COLLATE ${second}`,
        );
        const drift = JSON.parse(ok(p.run("status", "--json"), 3).out).drift;
        expect(drift).toEqual([
          {
            table: "people",
            column: "name",
            kind: "alter-column",
            description: `~ column people.name: collation ${first!.replace(/"/g, "")} → ${second!.replace(/"/g, "")}`,
          },
        ]);
      } finally {
        await drop();
      }
    }, 60_000);

    /** A table with a construct the language cannot express yet, per dialect, and how pull names it. */
    const UNSUPPORTED = {
      postgres: {
        // An unlogged table (not crash-safe): written as a plain table with --partial.
        ddl: `CREATE UNLOGGED TABLE "rooms" ("id" int PRIMARY KEY, "during" tstzrange)`,
        message: "cannot express unlogged tables yet: rooms",
        absent: undefined,
      },
      mysql: {
        // An INVISIBLE column (left out of `SELECT *`): written as a plain column with --partial.
        ddl: "CREATE TABLE `rooms` (`id` int PRIMARY KEY, `during` text INVISIBLE)",
        message: "cannot express invisible columns yet: rooms.during",
        absent: undefined,
      },
      sqlite: {
        ddl: `CREATE TABLE "rooms" ("id" integer NOT NULL PRIMARY KEY, "during" text UNIQUE ON CONFLICT REPLACE)`,
        message: "cannot express ON CONFLICT clauses yet: rooms",
        absent: undefined,
      },
    }[d];

    test("a table holding a construct the language cannot express yet: pull exits 1 naming it and writes nothing", async () => {
      const { p, db, drop } = await project(d, "unsupported");
      try {
        await sql(db.url, UNSUPPORTED.ddl);
        const r = ok(p.run("pull", "--yes"), 1);
        expect(r.err).toContain(UNSUPPORTED.message);
        expect(r.err).not.toContain("bug");
        expect(readdirSync(join(p.dir, "schema"))).toEqual([]);
      } finally {
        await drop();
      }
    }, 60_000);

    test("pull --partial writes the rest and lists the construct, in --json too", async () => {
      const { p, db, drop } = await project(d, "partial");
      try {
        await sql(db.url, UNSUPPORTED.ddl);
        const r = ok(p.run("pull", "--partial", "--yes"));
        expect(r.err).toContain(UNSUPPORTED.message);
        const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
        expect(text).toContain("table rooms");
        if (UNSUPPORTED.absent) expect(text).not.toContain(UNSUPPORTED.absent);
        const json = JSON.parse(ok(p.run("pull", "--partial", "--yes", "--json")).out);
        expect(
          json.unsupported.map(
            (u: { what: string; object: string }) => `cannot express ${u.what} yet: ${u.object}`,
          ),
        ).toContain(UNSUPPORTED.message);
      } finally {
        await drop();
      }
    }, 60_000);

    test("a primary key's own name is pulled, and kept where the database keeps it", async () => {
      const { p, db, drop } = await project(d, "pkname");
      try {
        const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
        await sql(
          db.url,
          `CREATE TABLE ${q("region")} (${q("id")} INT NOT NULL, CONSTRAINT ${q("pk_region")} PRIMARY KEY (${q("id")}))`,
        );
        ok(p.run("pull", "--yes"));
        const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
        // MySQL names every primary key PRIMARY; PostgreSQL and SQLite keep the name.
        if (d === "mysql") expect(text).not.toContain("pk_region");
        else expect(text).toContain("primary key pk_region (id)");
        ok(p.run("diff", "--from", db.url, "--to", "schema"));
      } finally {
        await drop();
      }
    }, 60_000);

    test("a database holding what is legal but odd (a foreign key from int to bigint, one index name on two tables) is pulled", async () => {
      const { p, db, drop } = await project(d, "odd");
      try {
        const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
        await sql(db.url, `CREATE TABLE ${q("parent")} (${q("id")} BIGINT NOT NULL PRIMARY KEY)`);
        // MySQL refuses a foreign key from int to bigint, and accepts one index name on two tables.
        const childId = d === "mysql" ? "BIGINT" : "INT";
        await sql(
          db.url,
          `CREATE TABLE ${q("child")} (${q("id")} INT NOT NULL PRIMARY KEY, ${q("parent_id")} ${childId} NULL, CONSTRAINT ${q("child_parent_fkey")} FOREIGN KEY (${q("parent_id")}) REFERENCES ${q("parent")} (${q("id")}))`,
        );
        if (d === "mysql") {
          await sql(db.url, "CREATE TABLE `other` (`id` INT NOT NULL PRIMARY KEY, `n` INT NULL)");
          await sql(db.url, "CREATE INDEX `same` ON `child` (`id`, `parent_id`)");
          await sql(db.url, "CREATE INDEX `same` ON `other` (`n`)");
        }
        ok(p.run("pull", "--yes"));
        ok(p.run("diff", "--from", db.url, "--to", "schema"));
        // check exits 3 (no migration records the pulled schema yet), after printing the warning.
        const check = ok(p.run("check"), 3);
        expect(check.err).toContain(
          d === "mysql" ? "index name `same` is already used" : "is `int` but `parent.id` is `bigint`",
        );
      } finally {
        await drop();
      }
    }, 60_000);

    test("adopting an existing database: pull, generate -m baseline, stamp leaves status clean; views are pulled, not dropped", async () => {
      const { p, db, drop } = await project(d, "adopt");
      try {
        const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
        await sql(
          db.url,
          `CREATE TABLE ${q("customers")} (${q("id")} INTEGER NOT NULL PRIMARY KEY, ${q("name")} VARCHAR(80) NOT NULL)`,
        );
        await sql(db.url, `CREATE VIEW ${q("customer_names")} AS SELECT ${q("name")} FROM ${q("customers")}`);
        ok(p.run("pull", "--yes"));
        expect(readFileSync(join(p.dir, "schema", "schema.schema"), "utf8")).toContain(
          "view customer_names as (",
        );
        const v = p.generate("baseline");
        ok(p.run("stamp", v));
        const st = JSON.parse(ok(p.run("status", "--json")).out);
        expect(st).toMatchObject({ current: v, pending: [], failed: [], drift: [] });
      } finally {
        await drop();
      }
    }, 60_000);
  });
}
