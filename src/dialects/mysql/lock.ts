/**
 * The MySQL/MariaDB migration lock: `GET_LOCK` on the runner's connection. Its names are
 * server-wide, so the name carries the database's. It waits in the server (whole seconds), then
 * answers 0; it is released with RELEASE_LOCK or when the session ends (a killed runner frees it).
 * Not cluster-wide on Galera, so on a Galera node the lock is a replicated lease row instead
 * (galera-lock.ts).
 */
import type { Connection } from "../dialect.ts";
import { isGaleraNode, lockGalera, rememberGalera } from "./galera-lock.ts";

export async function lockMysql(
  conn: Connection,
  timeoutMs: number,
  onWait?: () => void,
): Promise<(() => Promise<void>) | undefined> {
  const galera = await isGaleraNode(conn);
  const release = galera ? await lockGalera(conn, timeoutMs, onWait) : await getLock(conn, timeoutMs, onWait);
  if (!release) return undefined;
  // The preflight, run while the lock is held, asks the same question: it has the answer.
  rememberGalera(conn, galera);
  return async () => {
    rememberGalera(conn, undefined);
    await release();
  };
}

/** `GET_LOCK` (not on Galera). */
async function getLock(
  conn: Connection,
  timeoutMs: number,
  onWait?: () => void,
): Promise<(() => Promise<void>) | undefined> {
  const [db] = await conn.query<{ name: string | null }>("SELECT DATABASE() AS name");
  const name = `schemavc:${db?.name ?? ""}`.slice(0, 64);
  const get = async (seconds: number) =>
    Number(
      (await conn.query<{ ok: number | string | null }>("SELECT GET_LOCK(?, ?) AS ok", [name, seconds]))[0]
        ?.ok,
    ) === 1;
  // Try at once first, so a wait can be announced; then wait in the server.
  let ok = await get(0);
  if (!ok) {
    onWait?.();
    ok = await get(Math.max(0, Math.ceil(timeoutMs / 1000)));
  }
  if (!ok) return undefined;
  return async () => {
    await conn.query("SELECT RELEASE_LOCK(?)", [name]);
  };
}
