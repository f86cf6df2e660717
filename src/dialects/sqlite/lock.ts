/**
 * SQLite has no session lock: each migration runs in `BEGIN IMMEDIATE`, which takes the
 * database's write lock when it starts, and the runner re-reads the history inside it. Waiting
 * for another writer is SQLite's busy timeout, set here to the lock timeout.
 *
 * SQLite waits inside the call, on the main thread (no timer runs meanwhile), so a run that
 * will wait must say so before: the write lock is probed first with no busy timeout, and when
 * another writer holds it, `onWait` is called (the CLI prints "waiting for another schemavc
 * run ...", as on PostgreSQL and MySQL) before the waiting begins.
 */
import type { Connection } from "../dialect.ts";

export async function lockSqlite(
  conn: Connection,
  timeoutMs: number,
  onWait?: () => void,
): Promise<() => Promise<void>> {
  if (onWait && (await writeLockHeld(conn))) onWait();
  await conn.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
  return async () => {};
}

/**
 * Whether another connection holds the write lock now: `BEGIN IMMEDIATE` with a busy timeout of
 * 0 fails at once with SQLITE_BUSY when it does (and is rolled back at once when it does not).
 * A probe only: any other failure (a remote libSQL server, a read-only file) says "not held" and
 * leaves the real attempt to report it.
 */
async function writeLockHeld(conn: Connection): Promise<boolean> {
  try {
    await conn.exec("PRAGMA busy_timeout = 0");
    await conn.exec("BEGIN IMMEDIATE");
  } catch (e) {
    return /SQLITE_BUSY|database is locked/i.test(
      `${(e as { code?: string }).code ?? ""} ${(e as Error).message}`,
    );
  }
  await conn.exec("ROLLBACK").catch(() => {});
  return false;
}
