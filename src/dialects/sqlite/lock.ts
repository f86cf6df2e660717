/**
 * SQLite has no session lock: each migration runs in `BEGIN IMMEDIATE`, which takes the
 * database's write lock when it starts, and the runner re-reads the history inside it. Waiting
 * for another writer is SQLite's busy timeout, set here to the lock timeout.
 */
import type { Connection } from "../dialect.ts";

export async function lockSqlite(
  conn: Connection,
  timeoutMs: number,
  _onWait?: () => void,
): Promise<() => Promise<void>> {
  await conn.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
  return async () => {};
}
