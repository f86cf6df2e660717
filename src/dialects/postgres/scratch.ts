/**
 * PostgreSQL's scratch for `pull`'s replay proof (`../scratch.ts`): the session's temporary
 * schema (`pg_temp`), first on the search path, the live schema after it so that functions
 * resolve as they do live.
 *
 * The script runs in chunks of `CHUNK` statements, each chunk its own transaction, and the
 * removal drops the tables again in chunks. One transaction for the whole script cannot hold a
 * large database: every relation it creates (a table, its indexes, its TOAST table and index,
 * its sequences) keeps a lock until the end, the server's lock table holds about
 * `max_locks_per_transaction × max_connections` (6,400 by default) for all sessions together,
 * and 5,000 tables failed there with "out of shared memory". Dropping everything at once
 * (a rollback, `DISCARD TEMP`, the end of the session) takes as many locks, so the tables are
 * dropped a chunk at a time too, and `DISCARD TEMP` removes only what is left (types,
 * sequences, views on no table). Measured with psql on 1,000 tables, the chunks and the drops
 * take about the time of the single transaction and its rollback.
 */
import type { Connection, Executor } from "../dialect.ts";
import { asScript, ScratchScriptError } from "../scratch-script.ts";

/** Statements per transaction: at most a few thousand locks even for tables with many indexes. */
const CHUNK = 100;
/** Tables per DROP: with their indexes, TOAST and sequences, under a thousand locks. */
const DROP_CHUNK = 100;

const quotePg = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Runs `statements` in `conn`'s temporary schema, then `read` on it; returns what `read`
 * returns and the removal of what the script made (it never rejects). On a failure the
 * removal is awaited before the error is thrown.
 */
export async function postgresScratch<T>(
  conn: Connection,
  statements: readonly string[],
  read: (ex: Executor) => Promise<T>,
): Promise<{ value: T; removal: Promise<void> }> {
  const [row] = await conn.query<{ s: string | null }>("select current_schema() as s");
  // Temporary relations the session already had (a library caller's own) are never dropped,
  // and then DISCARD TEMP is not used either.
  const before = new Set(
    (
      await conn.query<{ oid: string }>(
        "select c.oid::text as oid from pg_class c where c.relnamespace = pg_my_temp_schema()",
      )
    ).map((r) => r.oid),
  );
  const live = row?.s ? `, ${quotePg(row.s)}` : "";
  // Session-wide (not SET LOCAL): the chunks are several transactions. Put back at removal.
  const [path] = await conn.query<{ p: string }>("select current_setting('search_path') as p");
  await conn.exec(`SET search_path TO pg_temp${live}`);
  const xids: string[] = [];
  const remove = () => removeTemp(conn, before, path?.p ?? "");
  try {
    for (let i = 0; i < statements.length; i += CHUNK) {
      await conn.exec("BEGIN");
      try {
        // The transaction's id, for `borrowedFromLive`: the pg_depend rows it wrote carry it.
        const [x] = await conn.query<{ x: string }>("select pg_current_xact_id()::xid::text as x");
        xids.push(x!.x);
        await conn.exec(asScript(statements.slice(i, i + CHUNK)));
        await conn.exec("COMMIT");
      } catch (e) {
        await conn.exec("ROLLBACK").catch(() => {});
        throw new ScratchScriptError(e);
      }
    }
    const borrowed = row?.s ? await borrowedFromLive(conn, row.s, xids) : [];
    if (borrowed.length)
      throw new ScratchScriptError(
        `the script uses ${borrowed.join(", ")} of the live database, which it does not create`,
      );
    const value = await read(conn);
    return { value, removal: remove() };
  } catch (e) {
    await remove();
    throw e;
  }
}

/** Drops what the script made in the temporary schema, a chunk of tables at a time. */
async function removeTemp(conn: Connection, keep: ReadonlySet<string>, path: string): Promise<void> {
  try {
    // Partitions first (a partitioned table's DROP would take all of them at once), then the
    // newest first, so that a table goes before the ones it references; CASCADE takes the
    // views on it and the foreign keys of tables in a later chunk.
    const rows = await conn.query<{ oid: string; name: string }>(
      `select c.oid::text as oid, c.oid::regclass::text as name from pg_class c
       where c.relnamespace = pg_my_temp_schema() and c.relkind in ('r', 'p', 'f')
       order by c.relispartition desc, c.oid desc`,
    );
    const mine = rows.filter((r) => !keep.has(r.oid)).map((r) => r.name);
    for (let i = 0; i < mine.length; i += DROP_CHUNK)
      await conn.exec(`DROP TABLE IF EXISTS ${mine.slice(i, i + DROP_CHUNK).join(", ")} CASCADE`);
    if (!keep.size) await conn.exec("DISCARD TEMP");
    else
      for (const r of await conn.query<{ oid: string; name: string; kind: string }>(
        `select c.oid::text as oid, c.oid::regclass::text as name, c.relkind::text as kind from pg_class c
         where c.relnamespace = pg_my_temp_schema() and c.relkind in ('v', 'm', 'S')`,
      ))
        if (!keep.has(r.oid))
          await conn.exec(
            `DROP ${r.kind === "v" ? "VIEW" : r.kind === "m" ? "MATERIALIZED VIEW" : "SEQUENCE"} IF EXISTS ${r.name} CASCADE`,
          );
  } catch {
    // Whatever is left goes with the session (or, past the lock table's size, with autovacuum).
  } finally {
    await conn.exec(`SET search_path TO ${path || "DEFAULT"}`).catch(() => {});
  }
}

/**
 * The types and relations of the live schema that the objects the script created depend on
 * (`pg_depend` rows written by the script's transactions `xids`: a column's type, a default's
 * `::regclass`, a domain's base type), leaving out extension members, which the files cannot
 * create either way. Empty when the script stands on its own.
 */
async function borrowedFromLive(ex: Executor, live: string, xids: readonly string[]): Promise<string[]> {
  if (!xids.length) return [];
  // Written into the text: the driver sends no text[] parameter here. The ids are the
  // server's own digits (checked), so nothing can be injected.
  const ids = xids.map((x) => (/^\d+$/.test(x) ? `'${x}'` : "'0'")).join(", ");
  const rows = await ex.query<{ what: string }>(
    `
    select distinct case when d.refclassid = 'pg_type'::regclass then 'type ' || t.typname
      else 'relation ' || c.relname end as what
    from pg_depend d
    left join pg_type t on d.refclassid = 'pg_type'::regclass and t.oid = d.refobjid
    left join pg_class c on d.refclassid = 'pg_class'::regclass and c.oid = d.refobjid
    where d.xmin::text in (${ids})
      and coalesce(t.typnamespace, c.relnamespace) = (select oid from pg_namespace where nspname = $1)
      and not exists (select 1 from pg_depend e where e.deptype = 'e' and e.classid = d.refclassid
        and e.objid in (d.refobjid, coalesce(nullif(t.typelem, 0), d.refobjid)))
    order by 1`,
    [live],
  );
  return rows.map((r) => r.what);
}

/**
 * The scratch for a script that creates schemas (`CREATE SCHEMA`, issue 17.4), which the
 * temporary schema cannot hold: a database `name` of its own on the same server, made from
 * `template0` with the live database's encoding and collation, the script run there in chunks
 * of `CHUNK` statements (each its own transaction, for the lock table as above), read by `read`,
 * then dropped (`DROP DATABASE ... WITH (FORCE)`: nothing else may stay connected to it). Needs
 * CREATEDB; `conn.sibling` opens the connection to it.
 */
export async function postgresScratchDatabase<T>(
  conn: Connection,
  name: string,
  statements: readonly string[],
  read: (ex: Executor) => Promise<T>,
): Promise<{ value: T; removal: Promise<void> }> {
  if (!conn.sibling) throw new Error("this connection cannot open another database");
  const [db] = await conn.query<{ enc: string; col: string; ctype: string }>(
    `select pg_encoding_to_char(encoding) as enc, datcollate as col, datctype as ctype
     from pg_database where datname = current_database()`,
  );
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await conn.exec(
    `CREATE DATABASE ${quotePg(name)} TEMPLATE template0${db ? ` ENCODING ${q(db.enc)} LC_COLLATE ${q(db.col)} LC_CTYPE ${q(db.ctype)}` : ""}`,
  );
  const remove = async (other?: Connection) => {
    await other?.close().catch(() => {});
    await conn.exec(`DROP DATABASE IF EXISTS ${quotePg(name)} WITH (FORCE)`).catch(() => {});
  };
  let other: Connection | undefined;
  try {
    other = await conn.sibling(name);
    for (let i = 0; i < statements.length; i += CHUNK) {
      try {
        await other.exec(`BEGIN;\n${asScript(statements.slice(i, i + CHUNK))}\nCOMMIT`);
      } catch (e) {
        await other.exec("ROLLBACK").catch(() => {});
        throw new ScratchScriptError(e);
      }
    }
    const value = await read(other);
    return { value, removal: remove(other) };
  } catch (e) {
    await remove(other);
    throw e;
  }
}
