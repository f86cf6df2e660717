/**
 * A MySQL/MariaDB CREATE script run over several connections at once, for `pull`'s replay on
 * its scratch database. InnoDB makes each CREATE TABLE and CREATE INDEX a file and a few
 * fsyncs (about 20 ms and 30 ms each on a loaded machine: 1,000 tables with an index each took
 * 52 s one at a time); statements on different tables do not wait for each other's fsyncs
 * when they run on different connections (200 CREATE INDEX: 3.7-8.9 s on one connection,
 * 2.0-2.4 s on four).
 *
 * The statements are exactly the script's, each run once, and the result is the one the
 * script gives run in order: a statement starts only once every earlier statement that names
 * one of its tables (the table it creates or alters, and every table it REFERENCES) has
 * finished, so a table's statements run in script order, a foreign key's table exists before
 * the key is made (and one the script creates later is still missing, as it would be). A script
 * with a statement of another form than CREATE TABLE, CREATE INDEX and ALTER TABLE of the
 * scratch's own tables runs on one connection, in order. When statements fail, the one reported
 * is the first in script order: statements before it still run, later ones are not started.
 * A name the database holds once across tables (a foreign key's) given to two tables fails one
 * of the two whichever runs first, so the script fails either way, though the statement named
 * may be the other one.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Connection, Executor } from "../dialect.ts";

/** The tables a statement names, or `undefined`: not one of the forms read here. */
export function statementTables(sql: string): Set<string> | undefined {
  const name = "`((?:[^`]|``)+)`";
  const own =
    new RegExp(`^\\s*CREATE TABLE ${name}\\s*\\(`, "i").exec(sql) ??
    new RegExp(`^\\s*CREATE (?:UNIQUE |FULLTEXT |SPATIAL )?INDEX ${name} ON ${name}`, "i").exec(sql) ??
    new RegExp(`^\\s*ALTER TABLE ${name}\\s`, "i").exec(sql);
  if (!own) return undefined;
  const unquote = (n: string) => n.replace(/``/g, "`");
  const tables = new Set([unquote(own[2] ?? own[1]!)]);
  // Every backquoted name after REFERENCES (one inside a comment's text only adds an order).
  for (const m of sql.matchAll(new RegExp(`\\bREFERENCES\\s+${name}`, "gi"))) tables.add(unquote(m[1]!));
  // A name qualified by a database (`db`.`t`), or a statement that renames or copies tables,
  // is not one of these forms.
  if (/`\s*\.\s*`|\bRENAME\b|\bLIKE\b|\bSELECT\b/i.test(sql.replace(/'(?:[^'\\]|''|\\.)*'/g, "''")))
    return undefined;
  return tables;
}

/**
 * Each statement's indexes of the earlier statements it waits for: the last one before it that
 * names each of its tables. `undefined` when a statement is not one of the forms read here (it
 * may set something for the rest of its session, or name tables another way): then the script
 * runs on one connection, as it is.
 */
export function scriptOrder(statements: readonly string[]): number[][] | undefined {
  const last = new Map<string, number>();
  const out: number[][] = [];
  for (const [i, sql] of statements.entries()) {
    const tables = statementTables(sql);
    if (tables === undefined) return undefined;
    const deps = new Set<number>();
    for (const t of tables) {
      const k = last.get(t);
      if (k !== undefined) deps.add(k);
      last.set(t, i);
    }
    out.push([...deps]);
  }
  return out;
}

/**
 * Two DDL statements on tables joined by a foreign key can lock each other's dictionary entries
 * (a deadlock, 1213, or a lock wait timeout, 1205, seen dropping such tables at once): the
 * statement failed whole (DDL is atomic) and runs again once the other is done.
 */
const isLockConflict = (e: unknown) => [1205, 1213].includes((e as { errno?: number })?.errno ?? 0);

/**
 * Runs `statements` in the order `scriptOrder` gave (`order`) on `conn` (already on the scratch
 * database `db`) and on up to `width - 1` more connections opened to it; throws the error of the
 * first failing statement in script order. When no more connection can be had (a limit on
 * connections), all run on `conn`, in that order.
 */
export async function runParallel(
  conn: Connection,
  db: string,
  statements: readonly string[],
  order: readonly number[][],
  width = 4,
): Promise<void> {
  const extra: Connection[] = [];
  try {
    for (let k = 1; k < Math.min(width, statements.length) && conn.open; k++) {
      const c = await conn.open().catch(() => undefined);
      if (!c) break;
      // A connection that does not reach the scratch database (a proxy sending it to another
      // server) is not used: the statements run on the ones that do.
      const on = await c.exec(`USE \`${db.replace(/`/g, "``")}\``).then(
        () => true,
        () => false,
      );
      if (!on) {
        await c.close().catch(() => {});
        break;
      }
      extra.push(c);
    }
    await schedule([conn, ...extra], statements, order);
  } finally {
    for (const c of extra) await c.close().catch(() => {});
  }
}

async function schedule(
  workers: readonly Executor[],
  statements: readonly string[],
  deps: readonly number[][],
): Promise<void> {
  const done = new Array<boolean>(statements.length).fill(false);
  const started = new Array<boolean>(statements.length).fill(false);
  /** The first failing statement in script order so far; nothing at or after it starts. */
  let failedAt = statements.length;
  let failure: unknown;
  let next = 0; // every statement before it has started
  let wake: (() => void) | undefined;
  const ready = (i: number) => !started[i] && deps[i]!.every((d) => done[d]);
  const pick = (): number | undefined => {
    while (next < failedAt && started[next]) next++;
    for (let i = next; i < failedAt; i++) if (ready(i)) return i;
    return undefined;
  };
  let running = 0;
  await Promise.all(
    workers.map(async (ex) => {
      for (;;) {
        const i = pick();
        if (i === undefined) {
          if (running === 0) return;
          // Wait for a running statement to finish (it may make another ready), then look again.
          await new Promise<void>((r) => {
            const prev = wake;
            wake = () => {
              prev?.();
              r();
            };
          });
          continue;
        }
        started[i] = true;
        running++;
        try {
          for (let attempt = 0; ; attempt++) {
            try {
              await ex.exec(statements[i]!);
              break;
            } catch (e) {
              if (!isLockConflict(e) || attempt >= 4) throw e;
              await sleep(20 * (attempt + 1));
            }
          }
          done[i] = true;
        } catch (e) {
          if (i < failedAt) {
            failedAt = i;
            failure = e;
          }
        } finally {
          running--;
          const w = wake;
          wake = undefined;
          w?.();
        }
      }
    }),
  );
  if (failedAt < statements.length) throw failure;
}
