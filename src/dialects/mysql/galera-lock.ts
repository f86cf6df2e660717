/**
 * The migration lock on a MariaDB Galera cluster. `GET_LOCK()` is node-local there (measured on
 * MariaDB 10.11: a session on node 2 gets a lock a session on node 1 holds), so two runners on
 * two nodes would both go in. Instead the lock is a row of schemavc's own table, which Galera
 * replicates: taken in a transaction (two nodes writing the row at once cannot both commit:
 * Galera's certification aborts one with a deadlock error, which here just means "not taken"),
 * with an owner, a heartbeat and a lease. While a migration runs, the lease is renewed on a
 * second connection (the runner's own may be busy for minutes with one ALTER). A runner that
 * dies leaves the row behind; once its lease has expired the next runner takes it over.
 *
 * Times are the cluster's (`UTC_TIMESTAMP(3)` on the node that runs the statement), never this
 * machine's. The lease is `SCHEMAVC_GALERA_LEASE` seconds (default 30).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { hostname } from "node:os";
import { MigrationCheckError, type Connection, type Executor } from "../dialect.ts";

export const GALERA_LOCK_TABLE = "schemavc_lock";

/**
 * The answer of `isGaleraNode` on a connection that holds the migration lock, from taking it to
 * releasing it (`lockMysql`): the preflight asks again before any migration has run, a round
 * trip in every `up`. Forgotten with the lock, so a later run asks the server again.
 */
const whileLocked = new WeakMap<Executor, boolean>();

/** Keeps (a boolean) or forgets (undefined) the Galera answer of a connection while it holds the lock. */
export function rememberGalera(ex: Executor, galera: boolean | undefined): void {
  if (galera === undefined) whileLocked.delete(ex);
  else whileLocked.set(ex, galera);
}

/** Whether the connection is to a Galera node (wsrep on). Plain MariaDB says OFF; MySQL has no such variable. */
export async function isGaleraNode(ex: Executor): Promise<boolean> {
  const known = whileLocked.get(ex);
  if (known !== undefined) return known;
  try {
    const [row] = await ex.query<{ on: number | string }>("SELECT @@wsrep_on AS `on`");
    return Number(row?.on) === 1 || String(row?.on).toUpperCase() === "ON";
  } catch {
    return false;
  }
}

const leaseSeconds = () => {
  const v = Number(process.env["SCHEMAVC_GALERA_LEASE"] ?? 30);
  return Number.isFinite(v) && v >= 1 ? v : 30;
};

export async function lockGalera(
  conn: Connection,
  timeoutMs: number,
  onWait?: () => void,
): Promise<(() => Promise<void>) | undefined> {
  const lease = leaseSeconds();
  const owner = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  await conn.exec(`CREATE TABLE IF NOT EXISTS \`${GALERA_LOCK_TABLE}\` (
    id INT NOT NULL PRIMARY KEY, owner VARCHAR(120) NOT NULL, acquired_at DATETIME(3) NOT NULL,
    heartbeat_at DATETIME(3) NOT NULL, expires_at DATETIME(3) NOT NULL) ENGINE=InnoDB`);
  const tryTake = async (): Promise<boolean> => {
    try {
      return await conn.transaction(async (tx) => {
        const [row] = await tx.query<{ owner: string; expired: number | string }>(
          `SELECT owner, expires_at < UTC_TIMESTAMP(3) AS expired FROM \`${GALERA_LOCK_TABLE}\` WHERE id = 1 FOR UPDATE`,
        );
        if (row && Number(row.expired) !== 1 && row.owner !== owner) return false;
        await tx.query(
          `INSERT INTO \`${GALERA_LOCK_TABLE}\` (id, owner, acquired_at, heartbeat_at, expires_at)
           VALUES (1, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) + INTERVAL ? SECOND)
           ON DUPLICATE KEY UPDATE owner = VALUES(owner), acquired_at = VALUES(acquired_at), heartbeat_at = VALUES(heartbeat_at), expires_at = VALUES(expires_at)`,
          [owner, lease],
        );
        return true;
      });
    } catch (e) {
      // A certification conflict with another node taking the row at the same moment.
      if (/deadlock|1213|WSREP|lock wait/i.test(String((e as Error)?.message ?? e))) return false;
      throw e;
    }
  };
  const deadline = performance.now() + timeoutMs;
  let taken = await tryTake();
  if (!taken) onWait?.();
  while (!taken && performance.now() < deadline) {
    await sleep(250 + Math.random() * 250);
    taken = await tryTake();
  }
  if (!taken) return undefined;

  // Renew the lease on a connection of its own, every third of the lease.
  const side = conn.open ? await conn.open() : conn;
  const renew = setInterval(
    () => {
      side
        .query(
          `UPDATE \`${GALERA_LOCK_TABLE}\` SET heartbeat_at = UTC_TIMESTAMP(3), expires_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE id = 1 AND owner = ?`,
          [lease, owner],
        )
        .catch(() => {});
    },
    Math.max(250, (lease * 1000) / 3),
  );
  return async () => {
    clearInterval(renew);
    await conn
      .query(`DELETE FROM \`${GALERA_LOCK_TABLE}\` WHERE id = 1 AND owner = ?`, [owner])
      .catch(() => {});
    if (side !== conn) await side.close().catch(() => {});
  };
}

/**
 * What Galera cannot replicate safely, checked before a migration runs on a Galera node: DDL
 * must go through total order isolation (a session set to RSU would change one node only);
 * only InnoDB tables are replicated (MyISAM/Aria/MEMORY rows stay on the node that wrote them);
 * LOCK TABLES and GET_LOCK are node-local; a table without a primary key replicates its rows
 * unreliably.
 */
export async function preflightGalera(
  conn: Executor,
  migrations: readonly { version: string; statements: readonly { sql: string; line: number }[] }[],
): Promise<void> {
  if (!(await isGaleraNode(conn))) return;
  const [osu] = await conn.query<{ m: string }>("SELECT @@wsrep_OSU_method AS m");
  if (osu && String(osu.m).toUpperCase() !== "TOI") {
    throw new MigrationCheckError(
      `this Galera node's session uses wsrep_OSU_method=${osu.m}: DDL would change this node only`,
      "use TOI (the default): SET GLOBAL wsrep_OSU_method = 'TOI', or remove the setting from the server's configuration",
    );
  }
  const rules: [RegExp, string, string][] = [
    [
      /\bENGINE\s*=?\s*(MyISAM|Aria|MEMORY|HEAP|CSV|ARCHIVE)\b/i,
      "uses a non-InnoDB engine, whose rows Galera does not replicate",
      "use ENGINE=InnoDB (or no ENGINE clause)",
    ],
    [
      /^\s*LOCK\s+TABLES?\b/i,
      "locks tables, which holds on one node only",
      "remove LOCK TABLES: each migration already runs alone under schemavc's cluster-wide lock",
    ],
    [
      /\b(GET_LOCK|RELEASE_LOCK)\s*\(/i,
      "uses GET_LOCK, which is node-local on Galera",
      "remove it: schemavc's cluster-wide lock already serialises migrations",
    ],
    [
      /\bwsrep_OSU_method\b/i,
      "changes wsrep_OSU_method, so DDL would not replicate in total order",
      "leave the method at TOI",
    ],
  ];
  for (const m of migrations) {
    for (const s of m.statements) {
      for (const [re, what, hint] of rules) {
        if (re.test(s.sql))
          throw new MigrationCheckError(
            `migration ${m.version} (up.sql line ${s.line}) ${what} on a Galera cluster: ${s.sql.split("\n")[0]!.slice(0, 100)}`,
            hint,
          );
      }
      if (
        /^\s*CREATE\s+TABLE\b/i.test(s.sql) &&
        !/\bPRIMARY\s+KEY\b/i.test(s.sql) &&
        !/\bLIKE\b/i.test(s.sql)
      ) {
        throw new MigrationCheckError(
          `migration ${m.version} (up.sql line ${s.line}) creates a table without a primary key on a Galera cluster, whose rows Galera replicates unreliably: ${s.sql.split("\n")[0]!.slice(0, 100)}`,
          "give the table a primary key",
        );
      }
    }
  }
}
