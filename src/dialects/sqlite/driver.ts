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
