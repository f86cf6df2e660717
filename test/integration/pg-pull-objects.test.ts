/**
 * PostgreSQL objects beside tables that `pull` reads or names (standalone sequences, domains,
 * operators), and the replay proof that must not borrow anything from the live schema.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { freshDatabase, type TestDb } from "../support/db.ts";
import { inScratch, ScratchScriptError } from "../../src/dialects/scratch.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect, getDialect } from "../../src/dialects/registry.ts";

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop().catch(() => {});
});

async function fresh(tag: string): Promise<TestDb> {
  const db = await freshDatabase("postgres", tag);
  if ("unavailable" in db) throw new Error(db.unavailable);
  dbs.push(db);
  return db;
}

describe("the PostgreSQL replay proof", () => {
  test("a script using a type only the live database has fails on the scratch database", async () => {
    const db = await fresh("replay_live_type");
    const c = await db.connect();
    try {
      await c.exec("CREATE TYPE pair AS (a int, b int)");
      const run = inScratch(c, ["CREATE TABLE t (p pair)"], async () => "replayed");
      await expect(run).rejects.toBeInstanceOf(ScratchScriptError);
      await expect(
        inScratch(c, ["CREATE TABLE t (p pair)"], async () => "replayed").catch((e: Error) => e.message),
      ).resolves.toContain("pair");
    } finally {
      await c.close();
    }
  });

  test("a script using a sequence only the live database has fails on the scratch database", async () => {
    const db = await fresh("replay_live_seq");
    const c = await db.connect();
    try {
      await c.exec("CREATE SEQUENCE s");
      const run = inScratch(c, ["CREATE TABLE t (id int DEFAULT nextval('s'::regclass))"], async () => 1);
      await expect(run).rejects.toBeInstanceOf(ScratchScriptError);
    } finally {
      await c.close();
    }
  });

  test("a script creating what it uses replays, and nothing of it stays", async () => {
    const db = await fresh("replay_own");
    const c = await db.connect();
    try {
      const got = await inScratch(
        c,
        ["CREATE TYPE pair AS (a int, b int)", "CREATE TABLE t (p pair)"],
        async (ex) =>
          (await ex.query("select count(*)::int as n from pg_class where relname = 't'"))[0]!["n"],
      );
      expect(got).toBe(1);
      const [row] = await c.query("select count(*)::int as n from pg_type where typname = 'pair'");
      expect(row!["n"]).toBe(0);
    } finally {
      await c.close();
    }
  });

  // 5,000 tables in one transaction ran out of the server's lock table; the script is now run
  // in transactions of a hundred statements. 250 tables span three of them here.
  const chain = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      i === 0
        ? "CREATE TABLE t0 (id int PRIMARY KEY, note text)"
        : `CREATE TABLE t${i} (id int PRIMARY KEY, note text, up int REFERENCES t${i - 1} (id))`,
    );
  test("a script of several hundred statements replays across transactions, and nothing of it stays", async () => {
    const db = await fresh("replay_chunks");
    const c = await db.connect();
    try {
      const got = await inScratch(
        c,
        chain(250),
        async (ex) =>
          (
            await ex.query(
              "select count(*)::int as n from pg_constraint where contype = 'f' and connamespace = pg_my_temp_schema()",
            )
          )[0]!["n"],
      );
      expect(got).toBe(249);
      const [row] = await c.query(
        "select count(*)::int as n from pg_class where relnamespace = pg_my_temp_schema()",
      );
      expect(row!["n"]).toBe(0);
      const [path] = await c.query("select current_setting('search_path') as p");
      expect(path!["p"]).toBe('"$user", public');
    } finally {
      await c.close();
    }
  });

  test("a borrowed type in a later transaction of the script is still found, and the earlier ones are removed", async () => {
    const db = await fresh("replay_chunks_borrow");
    const c = await db.connect();
    try {
      await c.exec("CREATE TYPE pair AS (a int, b int)");
      const run = inScratch(c, [...chain(150), "CREATE TABLE last (p pair)"], async () => 1);
      await expect(run).rejects.toBeInstanceOf(ScratchScriptError);
      const [row] = await c.query(
        "select count(*)::int as n from pg_class where relnamespace = pg_my_temp_schema()",
      );
      expect(row!["n"]).toBe(0);
    } finally {
      await c.close();
    }
  });

  test("the session's own temporary tables outlive the scratch", async () => {
    const db = await fresh("replay_own_temp");
    const c = await db.connect();
    try {
      await c.exec("CREATE TEMPORARY TABLE mine (id int)");
      await inScratch(c, chain(3), async () => 1);
      const rows = await c.query<{ relname: string }>(
        "select relname from pg_class where relnamespace = pg_my_temp_schema() and relkind = 'r'",
      );
      expect(rows.map((r) => r.relname)).toEqual(["mine"]);
    } finally {
      await c.close();
    }
  });
});

describe("pull of sequences, domains and operators on PostgreSQL", () => {
  const LIVE = `
    CREATE SEQUENCE users_seq INCREMENT BY 1 NO MAXVALUE NO MINVALUE CACHE 1;
    CREATE SEQUENCE tickets START WITH 100 INCREMENT BY 10 MAXVALUE 1000000 CACHE 5;
    CREATE DOMAIN varchar_ci AS varchar(255) NOT NULL DEFAULT ''::character varying;
    CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
    COMMENT ON DOMAIN posint IS 'a positive number';
    CREATE TABLE users (
      user_id integer DEFAULT nextval('users_seq'::text) PRIMARY KEY,
      ticket bigint DEFAULT nextval('tickets'::regclass),
      name varchar_ci,
      score posint
    );
    -- Kanboard's: a serial's sequence whose table was renamed since.
    CREATE TABLE summaries (id serial PRIMARY KEY);
    ALTER TABLE summaries RENAME TO column_stats;
    -- An ordinary serial stays one.
    CREATE TABLE plain (id serial PRIMARY KEY);
    -- Pagila's: a sequence created apart (bigint, not owned) with serial's name: declared as is.
    CREATE SEQUENCE legacy_id_seq;
    CREATE TABLE legacy (id integer DEFAULT nextval('legacy_id_seq'::regclass) PRIMARY KEY);
    CREATE FUNCTION ci_eq(varchar_ci, varchar_ci) RETURNS boolean AS 'SELECT lower($1) = lower($2)' LANGUAGE SQL;
    CREATE OPERATOR === (PROCEDURE = ci_eq, LEFTARG = varchar_ci, RIGHTARG = varchar_ci);`;

  test("standalone, unowned and oddly named sequences and domains are written, replayed and read back; operators are named", async () => {
    const { p, db, drop } = await projectOnFreshDatabase("postgres", "pull_objects");
    try {
      const c = await connect(db.url);
      try {
        await c.exec(LIVE);
      } finally {
        await c.close();
      }
      const r = ok(p.run("pull", "--yes", "--json"));
      const json = JSON.parse(r.out) as { skipped: string[] };
      expect(json.skipped).toContain("operator ===(varchar_ci, varchar_ci)");
      expect(json.skipped.filter((s) => /^(sequence|domain|function) /.test(s))).toEqual([]);
      const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
      // The operator's function is written (its arguments unnamed, as PostgreSQL prints them).
      expect(text).toContain(
        "function ci_eq(varchar_ci, varchar_ci) returns boolean language sql as $$SELECT lower($1) = lower($2)$$",
      );
      expect(text).toContain("sequence users_seq\n");
      expect(text).toContain("sequence tickets (start = 100, increment = 10, max = 1000000, cache = 5)");
      expect(text).toContain("sequence summaries_id_seq (as = int, owned by = column_stats.id)");
      expect(text).toContain("domain varchar_ci varchar(255) default ''");
      expect(text).toContain("/// a positive number\ndomain posint int? check ((VALUE > 0))");
      expect(text).toMatch(/id +serial +primary key/);
      expect(text).toContain("sequence legacy_id_seq\n");
      expect(text).toContain("default (nextval('legacy_id_seq'::regclass))");
      expect(text).toContain("default (nextval('summaries_id_seq'::regclass))");
      // One file per table, beside sequences.schema and domains.schema, says the same.
      ok(p.run("pull", "--split", "--out", "alone", "--yes"));
      expect(readFileSync(join(p.dir, "alone", "sequences.schema"), "utf8")).toContain("sequence tickets");
      expect(readFileSync(join(p.dir, "alone", "domains.schema"), "utf8")).toContain("domain posint");
      ok(p.run("diff", "--from", db.url, "--to", "alone"));
      // The files say what the database holds: no drift once adopted, no change to generate.
      ok(p.run("generate", "-m", "baseline"));
      ok(p.run("stamp", "head"));
      ok(p.run("status"));
      expect(ok(p.run("generate", "-m", "again")).out).toContain("no changes");
    } finally {
      await drop();
    }
  }, 120_000);

  test("a sequence changed by hand is drift", async () => {
    const { p, db, drop } = await projectOnFreshDatabase("postgres", "seq_drift");
    try {
      p.schema(
        "sequence s (start = 5)\n\ntable t {\n  id bigint primary key default (nextval('s'::regclass))\n}\n",
      );
      ok(p.run("generate", "-m", "initial"));
      ok(p.run("up"));
      ok(p.run("status"));
      const c = await connect(db.url);
      try {
        await c.exec("ALTER SEQUENCE s INCREMENT BY 3");
      } finally {
        await c.close();
      }
      const r = ok(p.run("status", "--json"), 3);
      expect(r.out).toContain('"s"');
    } finally {
      await drop();
    }
  }, 120_000);
});

describe("what pull cannot express of a domain", () => {
  test("a NOT VALID check of a domain is named, not read as a valid one", async () => {
    const db = await fresh("domain_not_valid");
    const c = await db.connect();
    try {
      await c.exec("CREATE DOMAIN d int; ALTER DOMAIN d ADD CONSTRAINT pos CHECK (VALUE > 0) NOT VALID");
      const got = await (await getDialect("postgres")).introspect(c);
      expect(got.unsupported.map((u) => `${u.what}: ${u.object}`)).toContain("NOT VALID constraints: d.pos");
    } finally {
      await c.close();
    }
  });
});

describe("row-level security is never dropped silently; other schemas are read, or named when left out", () => {
  test("a table's ENABLE/FORCE ROW LEVEL SECURITY cannot be expressed and its policies are named; the other schemas are read, those the project's `schemas` leave out named", async () => {
    const db = await fresh("rls_schemas");
    const c = await db.connect();
    try {
      await c.exec(
        "CREATE TABLE docs (id int PRIMARY KEY, owner text); ALTER TABLE docs ENABLE ROW LEVEL SECURITY; ALTER TABLE docs FORCE ROW LEVEL SECURITY; CREATE POLICY own ON docs USING (owner = current_user); CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int); CREATE SCHEMA empty_one",
      );
      const pg = await getDialect("postgres");
      const got = await pg.introspect(c);
      expect(got.unsupported.map((u) => `${u.what}: ${u.object}`)).toEqual([
        "row-level security (ENABLE ROW LEVEL SECURITY): docs",
        "row-level security forced on the owner (FORCE ROW LEVEL SECURITY): docs",
      ]);
      expect(got.skipped).toContain("policy own on docs");
      expect(got.schema.namespaces?.map((n) => n.name)).toEqual(["billing", "empty_one"]);
      expect(got.schema.tables.map((t) => t.name).sort()).toEqual(["billing.invoices", "docs"]);
      const some = await pg.introspect(c, { schemas: ["billing"] });
      expect(some.schema.namespaces?.map((n) => n.name)).toEqual(["billing"]);
      expect(some.skipped).toContain("schema empty_one (0 tables, views and sequences)");
      const none = await pg.introspect(c, { schemas: [] });
      expect(none.schema.tables.map((t) => t.name)).toEqual(["docs"]);
      expect(none.skipped).toContain("schema billing (1 tables, views and sequences)");
    } finally {
      await c.close();
    }
  });
});
