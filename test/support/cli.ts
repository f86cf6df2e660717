/**
 * Helpers of the tests that drive the binary on a real database: a project on a fresh
 * database of one dialect, and an exit-code check that shows stdout and stderr when it fails.
 */
import { expect } from "bun:test";
import { rmSync } from "node:fs";
import { freshDatabase } from "./db.ts";
import { Project } from "./project.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";
import { connect } from "../../src/dialects/registry.ts";

/** A throwaway project on a fresh database; `drop` removes both. */
export async function projectOnFreshDatabase(dialect: DialectName, tag: string) {
  const db = await freshDatabase(dialect, tag);
  if ("unavailable" in db) throw new Error(db.unavailable);
  const p = new Project(dialect, db.url);
  return {
    p,
    db,
    drop: async () => {
      await db.drop();
      rmSync(p.dir, { recursive: true, force: true });
    },
  };
}

/** Expects the exit code (0 by default); the output is part of the failure message. */
export function ok<R extends { code: number | null; out: string; err: string }>(r: R, code = 0): R {
  expect({ code: r.code, err: r.err, out: r.out }).toMatchObject({ code });
  return r;
}

/** Runs one query on the database at `url` on a connection of its own, and returns the rows. */
export async function rowsAt(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = await connect(url);
  try {
    return await c.query<Record<string, unknown>>(sql);
  } finally {
    await c.close();
  }
}
