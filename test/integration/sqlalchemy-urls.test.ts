/**
 * Database URLs as Flask and SQLAlchemy users write them (the contract's "URLs"), through the
 * binary with DATABASE_URL (and `.env`): each form reaches the file or server SQLAlchemy would.
 * `sqlite:///dev.db` is `dev.db` in the working directory (it once created `/dev.db` at the
 * filesystem root), `sqlite:////PATH` is the absolute PATH, and a `+driver` part of the scheme
 * (`postgresql+psycopg2://`, `mysql+pymysql://`, ...) is ignored.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ok } from "../support/cli.ts";
import { Project } from "../support/project.ts";
import { freshDatabase, IN_CI, type TestDb } from "../support/db.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const SCHEMA = "table notes {\n  id    bigint  primary key identity\n  body  text\n}\n";
const made: Project[] = [];
afterAll(() => {
  for (const p of made) rmSync(p.dir, { recursive: true, force: true });
});

/** A project of `dialect` with one migration generated, and its config URL pointing nowhere useful. */
function project(dialect: DialectName): Project {
  const p = new Project(
    dialect,
    dialect === "sqlite" ? "sqlite:./not-this.db" : "postgres://nowhere.invalid/x",
  );
  made.push(p);
  p.schema(SCHEMA);
  ok(p.run("generate", "-m", "notes"));
  return p;
}

/** A file name no earlier run can have left at the filesystem root. */
const unique = (stem: string) => `schemavc-${stem}-${process.pid}-${Date.now()}.db`;

describe("sqlite URLs in SQLAlchemy's spelling", () => {
  test("sqlite:///NAME is NAME in the working directory, never /NAME", () => {
    const p = project("sqlite");
    const name = unique("relative");
    ok(p.runWith({ DATABASE_URL: `sqlite:///${name}` }, "up"));
    expect(existsSync(join(p.dir, name))).toBe(true);
    expect(existsSync(`/${name}`)).toBe(false);
    expect(existsSync(join(p.dir, "not-this.db"))).toBe(false);
    // The same database: nothing is pending there now.
    expect(ok(p.runWith({ DATABASE_URL: `sqlite:///${name}` }, "status")).out).toContain("pending: none");
  }, 60_000);
  test("sqlite:///sub/NAME is relative too", () => {
    const p = project("sqlite");
    const name = unique("sub");
    ok(p.runWith({ DATABASE_URL: `sqlite:///schema/${name}` }, "up"));
    expect(existsSync(join(p.dir, "schema", name))).toBe(true);
    expect(existsSync(`/schema/${name}`)).toBe(false);
  }, 60_000);
  test("sqlite:////PATH is the absolute PATH", () => {
    const p = project("sqlite");
    const dir = mkdtempSync(join(tmpdir(), "schemavc-abs-"));
    try {
      const file = join(dir, "app.db");
      ok(p.runWith({ DATABASE_URL: `sqlite:///${file}` }, "up"));
      expect(file.startsWith("/")).toBe(true);
      expect(existsSync(file)).toBe(true);
      expect(existsSync(join(p.dir, file.slice(1)))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
  test("sqlite+pysqlite:///NAME?check_same_thread=false: the driver and its parameters are ignored", () => {
    const p = project("sqlite");
    const name = unique("pysqlite");
    ok(p.runWith({ DATABASE_URL: `sqlite+pysqlite:///${name}?check_same_thread=false` }, "up"));
    expect(existsSync(join(p.dir, name))).toBe(true);
    expect(existsSync(`/${name}`)).toBe(false);
  }, 60_000);
  test("DATABASE_URL=sqlite:///NAME in .env, as a Flask app keeps it", () => {
    const p = project("sqlite");
    const name = unique("dotenv");
    writeFileSync(join(p.dir, ".env"), `FLASK_APP=app.py\nDATABASE_URL=sqlite:///${name}\n`);
    ok(p.run("up"));
    expect(existsSync(join(p.dir, name))).toBe(true);
    expect(existsSync(`/${name}`)).toBe(false);
  }, 60_000);
  test("schemavc's own forms keep their meaning: sqlite:PATH and sqlite://PATH", () => {
    const p = project("sqlite");
    ok(p.runWith({ DATABASE_URL: "sqlite:own.db" }, "up"));
    expect(existsSync(join(p.dir, "own.db"))).toBe(true);
    ok(p.runWith({ DATABASE_URL: "sqlite://own2.db" }, "up"));
    expect(existsSync(join(p.dir, "own2.db"))).toBe(true);
  }, 60_000);
});

/** The server URL of a fresh database with its scheme replaced by `scheme`. */
const respell = (db: TestDb, scheme: string) => db.url.replace(/^[a-z]+:/, `${scheme}:`);

const SERVERS: readonly [DialectName, readonly string[]][] = [
  ["postgres", ["postgresql+psycopg2", "postgresql+asyncpg", "postgresql"]],
  ["mysql", ["mysql+pymysql", "mysql+mysqldb", "mariadb+mariadbconnector"]],
];

for (const [dialect, schemes] of SERVERS) {
  describe(`${dialect} URLs with a SQLAlchemy driver part`, () => {
    for (const scheme of schemes) {
      test(`${scheme}:// reaches the server, the driver part ignored`, async () => {
        const db = await freshDatabase(dialect, "sqlalchemy_url");
        if ("unavailable" in db) {
          if (IN_CI) throw new Error(db.unavailable);
          console.warn(`SKIPPED: ${db.unavailable}`);
          return;
        }
        try {
          const p = project(dialect);
          const url = respell(db, scheme);
          ok(p.runWith({ DATABASE_URL: url }, "up"));
          const c = await db.connect();
          try {
            const rows = await c.query<{ version: string }>("SELECT version FROM schemavc_migrations");
            expect(rows.length).toBe(1);
            await c.query("SELECT id, body FROM notes");
          } finally {
            await c.close();
          }
          expect(ok(p.runWith({ DATABASE_URL: url }, "status")).out).toContain("drift: none");
        } finally {
          await db.drop();
        }
      }, 60_000);
    }
  });
}
