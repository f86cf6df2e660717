/**
 * A scratch database beside a live one, for `pull`'s replay proof: a CREATE script runs there
 * and is read back, and nothing of it stays. Each database gets the cheapest scratch that
 * shares the live database's settings:
 *
 * - PostgreSQL: the session's temporary schema (`pg_temp`) inside a transaction that is always
 *   rolled back (DDL is transactional), first on the search path, the live schema after it so
 *   that functions resolve as they do live (PostgreSQL never looks for functions in `pg_temp`,
 *   and the language writes none: `pull` names them). A type or relation the script does not
 *   create would resolve there too and prove nothing, so the script fails when anything it
 *   created depends on a type, table or sequence of the live schema (`borrowedFromLive`), an
 *   extension's excepted;
 * - MySQL/MariaDB: a database `schemavc_pull_<random>` with the live database's character set
 *   and collation, dropped afterwards even when the script fails (DDL is not transactional);
 *   the script's statements on different tables run on several connections at once
 *   (`mysql/parallel-script.ts`);
 * - SQLite: an in-memory database.
 */
import type { Connection, DialectName, Executor } from "./dialect.ts";
import { connect } from "./registry.ts";
import { runParallel, scriptOrder } from "./mysql/parallel-script.ts";

/** The script failed on the scratch database: the database's message says where. */
export class ScratchScriptError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message.split("\n")[0]! : String(cause));
    this.name = "ScratchScriptError";
  }
}

/** What `inScratch` may be asked besides its script. */
export interface ScratchOptions {
  /**
   * Given the removal of the scratch (PostgreSQL's rollback, MySQL's DROP DATABASE, about a
   * second each for 1,000 tables on a loaded machine) once `read` has its result, instead of
   * waiting for it: the caller compares while the database removes, and awaits it (it never
   * rejects) before it uses or closes the connection again.
   */
  readonly removeLater?: (removal: Promise<void>) => void;
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
      // BEGIN and ROLLBACK on the connection itself (PostgreSQL's is one pinned session): the
      // transaction is always rolled back, and the rollback may go on while the caller compares.
      await conn.exec("BEGIN");
      let value: T;
      try {
        const [row] = await conn.query<{ s: string | null }>("select current_schema() as s");
        // pg_temp first: the script's tables, types and sequences are created in the session's
        // temporary schema, which needs no WAL (each relation still gets a file, created here and
        // unlinked by the rollback; 1,000 tables: 13 s to create and 2 s to roll back, against
        // 47 s and 13 s in a schema of their own, on a loaded machine; psql alone takes 3.4 s
        // against 9.9 s on a quiet one). SET LOCAL ends with the transaction, so the session's path comes back.
        const live = row?.s ? `, ${quotePg(row.s)}` : "";
        await conn.exec(`SET LOCAL search_path TO pg_temp${live}`);
        await runScript(conn, statements);
        const borrowed = row?.s ? await borrowedFromLive(conn, row.s) : [];
        if (borrowed.length)
          throw new ScratchScriptError(
            `the script uses ${borrowed.join(", ")} of the live database, which it does not create`,
          );
        value = await read(conn);
      } catch (e) {
        await conn.exec("ROLLBACK").catch(() => {});
        throw e;
      }
      return removed(
        conn.exec("ROLLBACK").catch(() => {}),
        value,
      );
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

/**
 * The types and relations of the live schema that the objects the script created depend on
 * (`pg_depend` rows written by this transaction: a column's type, a default's `::regclass`, a
 * domain's base type), leaving out extension members, which the files cannot create either
 * way. Empty when the script stands on its own.
 */
async function borrowedFromLive(ex: Executor, live: string): Promise<string[]> {
  const rows = await ex.query<{ what: string }>(
    `
    select distinct case when d.refclassid = 'pg_type'::regclass then 'type ' || t.typname
      else 'relation ' || c.relname end as what
    from pg_depend d
    left join pg_type t on d.refclassid = 'pg_type'::regclass and t.oid = d.refobjid
    left join pg_class c on d.refclassid = 'pg_class'::regclass and c.oid = d.refobjid
    where d.xmin = pg_current_xact_id()::xid
      and coalesce(t.typnamespace, c.relnamespace) = (select oid from pg_namespace where nspname = $1)
      and not exists (select 1 from pg_depend e where e.deptype = 'e' and e.classid = d.refclassid
        and e.objid in (d.refobjid, coalesce(nullif(t.typelem, 0), d.refobjid)))
    order by 1`,
    [live],
  );
  return rows.map((r) => r.what);
}

const quotePg = (name: string) => `"${name.replace(/"/g, '""')}"`;
