/**
 * PostgreSQL through porsager's `postgres`. The only file that imports it.
 *
 * One connection (`max: 1`): session state (advisory locks, transactions) must stay on it.
 * NOTICEs are silenced (they would go to the console). TLS options in the URL (`sslmode`) are
 * passed to the driver as they are.
 */
import postgres from "postgres";
import type { Connection, Executor } from "../dialect.ts";

/** `?` placeholders → `$1, $2, ...` (our own internal queries only; they hold no `?` in strings). */
const dollarParams = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export async function connectPostgres(
  url: string,
  opts: { connectTimeoutMs?: number; database?: string } = {},
): Promise<Connection> {
  const sql = postgres(url, {
    ...(opts.database !== undefined ? { database: opts.database } : {}),
    max: 1,
    onnotice: () => {},
    connect_timeout: Math.max(1, Math.ceil((opts.connectTimeoutMs ?? 10_000) / 1000)),
    // Dates and bigints come back as text: the runner compares, it does not compute.
    types: {},
    fetch_types: false,
  });
  // Connect now, so a bad URL fails here and not at the first statement. On failure the client
  // is ended: left alone it keeps its socket and reconnect timers, and the process never exits.
  // The driver's own connect_timeout does not fire under Bun when the host never answers (a
  // dropped SYN): a timer of our own ends the client, which fails the pending query.
  const ms = opts.connectTimeoutMs ?? 10_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void sql.end({ timeout: 0 }).catch(() => {});
  }, ms);
  try {
    await sql`select 1`;
  } catch (e) {
    await sql.end({ timeout: 0 }).catch(() => {});
    throw timedOut ? Object.assign(new Error(`no answer within ${ms} ms`), { code: "CONNECT_TIMEOUT" }) : e;
  } finally {
    clearTimeout(timer);
  }
  const ex: Executor = {
    async exec(text) {
      await sql.unsafe(text);
    },
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await sql.unsafe(dollarParams(text), params as never[])) as unknown as T[];
    },
  };
  return {
    dialect: "postgres",
    ...ex,
    // Plain BEGIN/COMMIT on the one pinned connection (max: 1), so a session lock taken
    // outside the transaction stays on the same session. BEGIN is not awaited before the
    // transaction's first statement: the driver pipelines the two on the connection (one round
    // trip less per migration), and the server runs them in order. A BEGIN that fails (the
    // connection lost) fails what follows it too; its error is the one thrown.
    async transaction(fn) {
      const begin = sql.unsafe("BEGIN").execute();
      const began = begin.then(
        () => undefined,
        (e: unknown) => ({ e }),
      );
      try {
        const out = await fn(ex);
        const failed = await began;
        if (failed) throw failed.e;
        await sql.unsafe("COMMIT");
        return out;
      } catch (e) {
        const failed = await began;
        await sql.unsafe("ROLLBACK").catch(() => {});
        throw failed ? failed.e : e;
      }
    },
    async sibling(database) {
      return connectPostgres(url, { ...opts, database });
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
