/**
 * A scratch database beside a live one, for `pull`'s replay proof: a CREATE script runs there
 * and is read back, and nothing of it stays. Each database gets the cheapest scratch that
 * shares the live database's settings:
 *
 * - PostgreSQL: the session's temporary schema (`pg_temp`), the script run in transactions of a
 *   hundred statements and its tables dropped again a hundred at a time (`postgres/scratch.ts`
 *   says why not one transaction rolled back: the lock table), first on the search path, the live schema after it so
 *   that functions resolve as they do live (PostgreSQL never looks for functions in `pg_temp`,
 *   and the language writes none: `pull` names them). A type or relation the script does not
 *   create would resolve there too and prove nothing, so the script fails when anything it
 *   created depends on a type, table or sequence of the live schema (`borrowedFromLive`), an
 *   extension's excepted;
 *   A script that creates schemas (PostgreSQL's namespaces) runs in a database
 *   `schemavc_pull_<random>` of its own instead, extensions and all (`ScratchOptions.ownDatabase`);
 * - MySQL/MariaDB: a database `schemavc_pull_<random>` with the live database's character set
 *   and collation, dropped afterwards even when the script fails (DDL is not transactional);
 *   the script's statements on different tables run on several connections at once
 *   (`mysql/parallel-script.ts`);
 * - SQLite: an in-memory database.
 */
import type { Connection, DialectName, Executor } from "./dialect.ts";
import { connect } from "./registry.ts";
import { runParallel, scriptOrder } from "./mysql/parallel-script.ts";
import { postgresScratch, postgresScratchDatabase } from "./postgres/scratch.ts";
import { asScript, ScratchScriptError } from "./scratch-script.ts";

export { ScratchScriptError };

/** What `inScratch` may be asked besides its script. */
export interface ScratchOptions {
  /**
   * Given the removal of the scratch (PostgreSQL's drops, MySQL's DROP DATABASE, about a
   * second each for 1,000 tables on a loaded machine) once `read` has its result, instead of
   * waiting for it: the caller compares while the database removes, and awaits it (it never
   * rejects) before it uses or closes the connection again.
   */
  readonly removeLater?: (removal: Promise<void>) => void;
  /**
   * PostgreSQL: the script creates schemas, which the temporary schema cannot hold, so it runs
   * in a scratch database of its own (`postgresScratchDatabase`), extensions and all.
   */
  readonly ownDatabase?: boolean;
}

const randomName = () => `schemavc_pull_${crypto.randomUUID().replace(/-/g, "").slice(0, 16)}`;

/** The statements as one script, in one round trip. */
async function runScript(ex: Executor, statements: readonly string[]): Promise<void> {
  const script = asScript(statements);
  if (!script) return;
  try {
    await ex.exec(script);
  } catch (e) {
    throw new ScratchScriptError(e);
  }
}

/**
 * Runs `statements` on a scratch database beside `conn`'s, then `read` on it; returns what
 * `read` returns. The scratch is gone when this settles, whichever way (with `removeLater`,
 * once the removal it was given settles).
 */
export async function inScratch<T>(
  conn: Connection,
  statements: readonly string[],
  read: (ex: Executor) => Promise<T>,
  opts: ScratchOptions = {},
): Promise<T> {
  const d: DialectName = conn.dialect;
  const removed = async (removal: Promise<void>, value: T): Promise<T> => {
    if (opts.removeLater) opts.removeLater(removal);
    else await removal;
    return value;
  };
  switch (d) {
    case "postgres": {
      const { value, removal } = opts.ownDatabase
        ? await postgresScratchDatabase(conn, randomName(), statements, read)
        : await postgresScratch(conn, statements, read);
      return removed(removal, value);
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
      const remove = () =>
        Promise.all([
          conn.exec(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => {}),
          // Queued right behind the DROP (one connection runs its commands in order), so nothing
          // the caller sends after it runs without a database.
          row?.db ? conn.exec(`USE \`${row.db.replace(/`/g, "``")}\``).catch(() => {}) : undefined,
        ]).then(() => {});
      let value: T;
      try {
        await conn.exec(`USE \`${name}\``);
        // Statements on different tables run on several connections at once (InnoDB's fsyncs
        // per CREATE are the time here), in an order that gives the script's result.
        const order = conn.open && statements.length > 1 ? scriptOrder(statements) : undefined;
        if (order)
          await runParallel(conn, name, statements, order).catch((e) => {
            throw new ScratchScriptError(e);
          });
        else await runScript(conn, statements);
        value = await read(conn);
      } catch (e) {
        await remove();
        throw e;
      }
      return removed(remove(), value);
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
