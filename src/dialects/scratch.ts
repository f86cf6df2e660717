/**
 * A scratch database beside a live one, for `pull`'s replay proof: a CREATE script runs there
 * and is read back, and nothing of it stays. Each database gets the cheapest scratch that
 * shares the live database's settings:
 *
 * - PostgreSQL: the session's temporary schema (`pg_temp`) inside a transaction that is always
 *   rolled back (DDL is transactional), first on the search path, the live schema after it so
 *   that the types and functions the tables use (extensions, domains) resolve as they do live;
 * - MySQL/MariaDB: a database `schemavc_pull_<random>` with the live database's character set
 *   and collation, dropped afterwards even when the script fails (DDL is not transactional);
 * - SQLite: an in-memory database.
 */
import type { Connection, DialectName, Executor } from "./dialect.ts";
import { connect } from "./registry.ts";

/** The script failed on the scratch database: the database's message says where. */
export class ScratchScriptError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message.split("\n")[0]! : String(cause));
    this.name = "ScratchScriptError";
  }
}

/** Rolls the PostgreSQL scratch transaction back once `fn` has its result. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super("rollback");
  }
}

const randomName = () => `schemavc_pull_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;

/** The statements as one script: one round trip, not one per statement (thousands for a large schema). */
async function runScript(ex: Executor, statements: readonly string[]): Promise<void> {
  const script = statements
    .map((s) => (s.trimEnd().endsWith(";") ? s.trimEnd() : `${s.trimEnd()};`))
    .join("\n");
  if (!script) return;
  try {
    await ex.exec(script);
  } catch (e) {
    throw new ScratchScriptError(e);
  }
}

/**
 * Runs `statements` on a scratch database beside `conn`'s, then `read` on it; returns what
 * `read` returns. The scratch is gone when this settles, whichever way.
 */
export async function inScratch<T>(
  conn: Connection,
  statements: readonly string[],
  read: (ex: Executor) => Promise<T>,
): Promise<T> {
  const d: DialectName = conn.dialect;
  switch (d) {
    case "postgres": {
      try {
        return await conn.transaction(async (tx) => {
          const [row] = await tx.query<{ s: string | null }>("select current_schema() as s");
          // pg_temp first: the script's tables, types and sequences are created in the session's
          // temporary schema, which needs no WAL and no files on disk (1,000 tables: 13 s to
          // create and 2 s to roll back, against 47 s and 13 s in a schema of their own, on a
          // loaded machine). SET LOCAL ends with the transaction, so the session's path comes back.
          const live = row?.s ? `, ${quotePg(row.s)}` : "";
          await tx.exec(`SET LOCAL search_path TO pg_temp${live}`);
          await runScript(tx, statements);
          throw new Rollback(await read(tx));
        });
      } catch (e) {
        if (e instanceof Rollback) return e.value as T;
        throw e;
      }
    }
    case "mysql": {
      const name = randomName();
      const [row] = await conn.query<{ db: string | null; cs: string | null; co: string | null }>(
        `SELECT DATABASE() AS db, s.DEFAULT_CHARACTER_SET_NAME AS cs, s.DEFAULT_COLLATION_NAME AS co
         FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME = DATABASE()`,
      );
      // Same defaults as the live database: a column's collation is read as its own only where
      // it differs from its table's, and a table's default comes from its database's.
      await conn.exec(
        `CREATE DATABASE \`${name}\`${row?.cs ? ` CHARACTER SET ${row.cs}` : ""}${row?.co ? ` COLLATE ${row.co}` : ""}`,
      );
      try {
        await conn.exec(`USE \`${name}\``);
        await runScript(conn, statements);
        return await read(conn);
      } finally {
        await conn.exec(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => {});
        if (row?.db) await conn.exec(`USE \`${row.db.replace(/`/g, "``")}\``).catch(() => {});
      }
    }
    case "sqlite": {
      const mem = await connect("sqlite::memory:");
      try {
        await runScript(mem, statements);
        return await read(mem);
      } finally {
        await mem.close().catch(() => {});
      }
    }
  }
}

const quotePg = (name: string) => `"${name.replace(/"/g, '""')}"`;
