/**
 * MySQL and MariaDB through mysql2. The only file that imports it. `multipleStatements` lets a
 * script run in one call; `mariadb://` URLs are read as `mysql://`.
 */
import mysql from "mysql2/promise";
import type { Connection, Executor } from "../dialect.ts";

export async function connectMysql(
  url: string,
  opts: { connectTimeoutMs?: number } = {},
): Promise<Connection> {
  const conn = await mysql.createConnection({
    uri: url.replace(/^mariadb:/i, "mysql:"),
    multipleStatements: true,
    connectTimeout: opts.connectTimeoutMs ?? 10_000,
    // Keep DATE/DATETIME as text: no time-zone conversion in the tool.
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const ex: Executor = {
    async exec(text) {
      await conn.query(text);
    },
    async query<T>(text: string, params: readonly unknown[] = []) {
      const [rows] = await conn.query(text, params as unknown[]);
      return rows as T[];
    },
  };
  return {
    dialect: "mysql",
    ...ex,
    async transaction(fn) {
      await conn.query("BEGIN");
      try {
        const out = await fn(ex);
        await conn.query("COMMIT");
        return out;
      } catch (e) {
        await conn.query("ROLLBACK").catch(() => {});
        throw e;
      }
    },
    // The first statement's parameters are escaped into its text as `query` escapes them, and
    // the second is sent as written (a `?` in it is no parameter), after it, in one query.
    async execAfter(first, text) {
      await conn.query(`${conn.format(first.sql, first.params as unknown[])};\n${text}`);
    },
    open: () => connectMysql(url, opts),
    async close() {
      await conn.end();
    },
  };
}
