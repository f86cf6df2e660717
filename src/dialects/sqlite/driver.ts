/**
 * SQLite and libSQL through @libsql/client: local files (`sqlite:PATH`, `file:PATH`, created if
 * missing) and remote libSQL servers (`libsql://`, `http(s)://`, token from `?authToken=` or
 * LIBSQL_AUTH_TOKEN). The only file that imports @libsql/client.
 */
import "./native-addon.ts";
import { createClient, type Client } from "@libsql/client";
import type { Connection } from "../dialect.ts";

/** `sqlite:./dev.db` → `file:./dev.db`; remote URLs pass through. */
export function libsqlUrl(url: string): { url: string; authToken?: string } {
  if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, "");
    return { url: `file:${path}` };
  }
  if (/^(libsql|https?|wss?):/i.test(url)) {
    const u = new URL(url);
    const token = u.searchParams.get("authToken") ?? process.env["LIBSQL_AUTH_TOKEN"] ?? undefined;
    u.searchParams.delete("authToken");
    return { url: u.toString(), ...(token ? { authToken: token } : {}) };
  }
  return { url };
}

export async function connectSqlite(url: string): Promise<Connection> {
  const client: Client = createClient(libsqlUrl(url));
  return {
    dialect: "sqlite",
    async exec(sql) {
      await client.executeMultiple(sql);
    },
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const rs = await client.execute({ sql, args: params as never });
      return rs.rows.map((r) => Object.fromEntries(rs.columns.map((c, i) => [c, r[i]]))) as T[];
    },
    async close() {
      client.close();
    },
  };
}
