/**
 * The PostgreSQL migration lock: a session advisory lock, polled with `pg_try_advisory_lock` on
 * the runner's one pinned connection. Never the blocking `pg_advisory_lock`: a session waiting
 * on it counts as a running transaction for `CREATE INDEX CONCURRENTLY`, which then waits for
 * it forever (../shared/architecture.md). Advisory locks are per database, so one key suffices.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Connection } from "../dialect.ts";

/** A fixed 64-bit key: "schemavc" in ASCII. */
const KEY = "7526470706052981603";
const POLL_MS = 100;

export async function lockPostgres(
  conn: Connection,
  timeoutMs: number,
  onWait?: () => void,
): Promise<(() => Promise<void>) | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const [row] = await conn.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY}) AS ok`);
    if (row?.ok)
      return async () => {
        await conn.query(`SELECT pg_advisory_unlock(${KEY})`);
      };
    if (attempt === 0) onWait?.();
    if (Date.now() >= deadline) return undefined;
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
  }
}
