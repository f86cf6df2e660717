/**
 * PostgreSQL objects beside tables that `pull` reads or names (standalone sequences, domains,
 * operators), and the replay proof that must not borrow anything from the live schema.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { freshDatabase, type TestDb } from "../support/db.ts";
import { inScratch, ScratchScriptError } from "../../src/dialects/scratch.ts";

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
});
