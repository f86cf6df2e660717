/**
 * SQLite and libSQL through @libsql/client: local files (`sqlite:PATH`, `file:PATH`, created if
 * missing) and remote libSQL servers (`libsql://`, `http(s)://`, token from `?authToken=` or
 * LIBSQL_AUTH_TOKEN). The only file that imports @libsql/client (for a local file, its sqlite3
 * part alone).
 */
import "./native-addon.ts";
import { existsSync } from "node:fs";
import type { Client } from "@libsql/client";
import type { Connection, Executor } from "../dialect.ts";
import { sqlitePath } from "./path.ts";

/** `sqlite:./dev.db` → `file:./dev.db` (see `sqlitePath`); remote URLs pass through. */
export function libsqlUrl(url: string): { url: string; authToken?: string } {
  if (/^sqlite:/i.test(url)) return { url: `file:${sqlitePath(url)}` };
  if (/^(libsql|https?|wss?):/i.test(url)) {
    const u = new URL(url);
    const token = u.searchParams.get("authToken") ?? process.env["LIBSQL_AUTH_TOKEN"] ?? undefined;
    u.searchParams.delete("authToken");
    return { url: u.toString(), ...(token ? { authToken: token } : {}) };
  }
  return { url };
}

type Runner = Pick<Client, "execute" | "executeMultiple">;

const executor = (r: Runner): Executor => ({
  async exec(sql) {
    await r.executeMultiple(sql);
  },
  async query<T>(sql: string, params: readonly unknown[] = []) {
    const rs = await r.execute({ sql, args: params as never });
    return rs.rows.map((row) => Object.fromEntries(rs.columns.map((c, i) => [c, row[i]]))) as T[];
  },
});

/** The path of a local database file (`sqlite:PATH`, `file:PATH`), or undefined (memory, remote). */
export function localFile(url: string): string | undefined {
  const u = libsqlUrl(url).url;
  if (!/^file:/i.test(u)) return undefined;
  const path = decodeURIComponent(u.replace(/^file:/i, "").replace(/\?.*$/, ""));
  return path === "" || path === ":memory:" ? undefined : path;
}

/** A local SQLite file that does not exist, opened by a command that must not create it. */
export class NoDatabaseError extends Error {
  readonly code = "NO_DATABASE";
  constructor(readonly path: string) {
    super(`no database at ${path}`);
    this.name = "NoDatabaseError";
  }
}

export async function connectSqlite(url: string, opts: { mustExist?: boolean } = {}): Promise<Connection> {
  const file = opts.mustExist ? localFile(url) : undefined;
  // Opening a missing file creates it: a command that only reads must say so instead.
  if (file !== undefined && !existsSync(file)) throw new NoDatabaseError(file);
  // One connection: session state (PRAGMA foreign_keys, a transaction) must stay on it, and
  // the client's pool rolls back a transaction left on a connection it takes back.
  const config = { ...libsqlUrl(url), concurrency: 1 };
  // A plain local file is opened on the client's own connection pool, without the client
  // around it (`openPlainFile`, issue 19); anything else goes through the client.
  const plain = PLAIN_FILE.exec(config.url);
  if (plain) return openPlainFile(plain[1]!);
  // A local file needs only the client's sqlite3 part (what @libsql/client itself picks for
  // file: URLs); loading the whole client also loads its HTTP and WebSocket clients, which cost
  // start-up time in every command on a local database (issue 19).
  const { createClient } = /^file:/i.test(config.url)
    ? await import("@libsql/client/sqlite3")
    : await import("@libsql/client");
  const client: Client = createClient(config);
  return {
    dialect: "sqlite",
    ...executor(client),
    async transaction(fn) {
      // "write" = BEGIN IMMEDIATE: the database's write lock is taken when the transaction starts.
      const tx = await client.transaction("write");
      try {
        const out = await fn(executor(tx));
        await tx.commit();
        return out;
      } catch (e) {
        if (!tx.closed) await tx.rollback().catch(() => {});
        throw e;
      } finally {
        tx.close();
      }
    },
    async close() {
      client.close();
    },
  };
}

/**
 * A `file:` URL that the client would read as the path exactly as written: no authority
 * (`file://`), query, fragment, percent sign or other character its URI parser treats apart,
 * and not `:memory:`. Such a file is opened by `openPlainFile`; any other URL by the client.
 */
const PLAIN_FILE = /^file:(?!\/\/)([\w./-]+)$/;

/** A libSQL connection (the `libsql` package's Database), as the client's pool hands it out. */
type Db = Awaited<ReturnType<import("@libsql/client/sqlite3").ConnectionPool["acquire"]>>;

/**
 * A local database file on @libsql/client's own connection pool (one connection), with the
 * client's local statement path done here: the same statements on the same libSQL connection,
 * the same values (integers as numbers, refused when unsafe; blobs as ArrayBuffers) and the same
 * errors (`LibsqlError`, `SQLITE_...: message`), the same BEGIN IMMEDIATE, COMMIT and ROLLBACK,
 * and the pool's rollback of a transaction a call leaves open. Why not the client itself: its
 * URL parsing, and a result set and a row object built with a property definition per value,
 * which `query` then copied into plain rows again, cost milliseconds in every command on a
 * local database (issue 19: `status`, `up`).
 */
async function openPlainFile(path: string): Promise<Connection> {
  const { ConnectionPool, LibsqlError } = await import("@libsql/client/sqlite3");
  // The options the client passes for a local file (`createClient({ url })`): all unset.
  const pool = new ConnectionPool(
    path,
    {
      authToken: undefined,
      encryptionKey: undefined,
      remoteEncryptionKey: undefined,
      syncUrl: undefined,
      syncPeriod: undefined,
      readYourWrites: undefined,
      offline: undefined,
      timeout: undefined,
    } as never,
    1,
  );
  const libsqlError = (e: unknown): unknown => {
    const x = e as { name?: unknown; code?: unknown; rawCode?: number; message: string };
    // libSQL's SqliteError (by name: its class is not exported here), as the client maps it.
    if (e instanceof Error && x.name === "SqliteError" && typeof x.code === "string")
      return new LibsqlError(x.message, baseCode(x.rawCode), x.code, x.rawCode, e);
    return e;
  };
  /** One statement, as the client runs it: rows (and their columns) when it returns data. */
  const statement = (db: Db, sql: string, params: readonly unknown[]) => {
    const args = params.map(valueToSql);
    try {
      const st = db.prepare(sql);
      st.safeIntegers(true);
      try {
        st.raw(true);
      } catch {
        // raw() throws when the statement returns no data.
        st.run(args);
        return { columns: [] as string[], rows: [] as unknown[][] };
      }
      const columns = st.columns().map((c) => c.name);
      const rows = (st.all(args) as unknown[][]).map((r) => r.map(valueFromSql));
      return { columns, rows };
    } catch (e) {
      throw libsqlError(e);
    }
  };
  const script = (db: Db, sql: string) => {
    try {
      db.exec(sql);
    } catch (e) {
      throw libsqlError(e);
    }
  };
  const rowsOf = ({ columns, rows }: { columns: string[]; rows: unknown[][] }) =>
    rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
  let closed = false;
  const clientClosed = () => new LibsqlError("The client is closed", "CLIENT_CLOSED");
  /** A call outside a transaction: the pool's connection borrowed for it, then given back. */
  const borrowed = async <T>(fn: (db: Db) => T): Promise<T> => {
    if (closed) throw clientClosed();
    const db = await pool.acquire();
    try {
      if (closed) throw clientClosed();
      if (!db.open)
        throw new LibsqlError(
          "The connection was closed while this operation was in flight",
          "CLIENT_CLOSED",
        );
      return fn(db);
    } finally {
      // The pool rolls back a transaction the call left open.
      pool.release(db);
    }
  };
  // Fail fast when the file cannot be opened at all (the client's own check).
  const first = pool.acquireSync();
  try {
    statement(first, "SELECT 1 AS checkThatTheDatabaseCanBeOpened", []);
  } catch (e) {
    pool.close();
    throw e;
  }
  pool.release(first);
  return {
    dialect: "sqlite",
    async exec(sql) {
      await borrowed((db) => script(db, sql));
    },
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await borrowed((db) => rowsOf(statement(db, sql, params)))) as T[];
    },
    async transaction(fn) {
      if (closed) throw clientClosed();
      const db = await pool.acquire(true);
      try {
        if (!db.open)
          throw new LibsqlError(
            "The connection was closed while this operation was in flight",
            "CLIENT_CLOSED",
          );
        // BEGIN IMMEDIATE: the database's write lock is taken when the transaction starts.
        statement(db, "BEGIN IMMEDIATE", []);
      } catch (e) {
        pool.release(db);
        throw e;
      }
      let settled = false;
      const settle = () => {
        if (settled) return;
        settled = true;
        pool.release(db);
      };
      // Ended: given back, its connection closed, or no transaction open on it any more.
      const ended = () => settled || !db.open || !db.inTransaction;
      const open = () => {
        if (ended()) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
        return db;
      };
      const tx: Executor = {
        async exec(sql) {
          script(open(), sql);
        },
        async query<T>(sql: string, params: readonly unknown[] = []) {
          return rowsOf(statement(open(), sql, params)) as T[];
        },
      };
      try {
        const out = await fn(tx);
        try {
          statement(open(), "COMMIT", []);
        } finally {
          settle();
        }
        return out;
      } catch (e) {
        if (!ended())
          try {
            statement(db, "ROLLBACK", []);
          } catch {
            // As the client's `rollback().catch(() => {})`: the first error is the one thrown.
          } finally {
            settle();
          }
        throw e;
      } finally {
        if (!settled)
          try {
            // Reading `inTransaction` on a closed connection aborts the process: `open` first.
            if (db.open && db.inTransaction) statement(db, "ROLLBACK", []);
          } finally {
            settle();
          }
      }
    },
    async close() {
      closed = true;
      pool.close();
    },
  };
}

/** SQLite's base error code name of a raw (possibly extended) code, as the client names it. */
function baseCode(rawCode: number | undefined): string {
  if (rawCode === undefined) return "SQLITE_UNKNOWN";
  const base = rawCode & 0xff;
  return SQLITE_CODES[base - 1] ?? `SQLITE_UNKNOWN_${base.toString()}`;
}

/** SQLite's result codes 1 to 28, in order. */
const SQLITE_CODES = [
  "ERROR",
  "INTERNAL",
  "PERM",
  "ABORT",
  "BUSY",
  "LOCKED",
  "NOMEM",
  "READONLY",
  "INTERRUPT",
  "IOERR",
  "CORRUPT",
  "NOTFOUND",
  "FULL",
  "CANTOPEN",
  "PROTOCOL",
  "EMPTY",
  "SCHEMA",
  "TOOBIG",
  "CONSTRAINT",
  "MISMATCH",
  "MISUSE",
  "NOLFS",
  "AUTH",
  "FORMAT",
  "RANGE",
  "NOTADB",
  "NOTICE",
  "WARNING",
].map((c) => `SQLITE_${c}`);

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

/** A value read, as the client gives it (its default `intMode: "number"`). */
function valueFromSql(v: unknown): unknown {
  if (typeof v === "bigint") {
    if (v < MIN_SAFE || v > MAX_SAFE)
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    return Number(v);
  }
  if (v instanceof Buffer) return v.buffer;
  return v;
}

/** A parameter, as the client passes it to libSQL. */
function valueToSql(v: unknown): unknown {
  if (typeof v === "number") {
    if (!Number.isFinite(v))
      throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
    return v;
  }
  if (typeof v === "bigint") {
    if (v < MIN_INT64 || v > MAX_INT64)
      throw new RangeError(
        "bigint is too large to be represented as a 64-bit integer and passed as argument",
      );
    return v;
  }
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return v;
}
