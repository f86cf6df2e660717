/**
 * One fleet target's work, as data (`FleetJob`) so that it can run on the main thread or in a
 * worker thread alike: connect (the URL must be of the project's dialect), run the job through
 * a Runner, close; errors come back as one line with the password hidden.
 */
import { connect, dialectFromUrl } from "../dialects/registry.ts";
import { connectionMessage } from "../dialects/errors.ts";
import { redactText } from "../dialects/url.ts";
import type { Dialect } from "../dialects/dialect.ts";
import type { Migration } from "../migrate/dir.ts";
import { Runner, type RunOptions } from "../migrate/runner.ts";
import { dataLossGuard, rollbackGuard } from "../lint/migrations.ts";
import { outOfOrderCheck } from "../lint/commute.ts";

export type FleetJob =
  | { readonly kind: "up"; readonly target?: string; readonly count?: number }
  | { readonly kind: "down"; readonly target?: string | null; readonly count?: number }
  | { readonly kind: "status" };

/** What one target reports. */
export interface TargetRow {
  readonly before: string | null;
  readonly after: string | null;
  readonly applied: string[];
  /** `status`: the versions the target still lacks, and its failed ones. */
  readonly pending?: string[];
  readonly failed?: string[];
}

/** RunOptions without callbacks: what can cross to a worker thread. */
export type PlainRunOptions = Omit<RunOptions, "events">;

export async function runTarget(
  url: string,
  dialect: Dialect,
  migrations: readonly Migration[],
  opts: PlainRunOptions,
  job: FleetJob,
  connectTimeoutMs: number,
): Promise<TargetRow> {
  const d = dialectFromUrl(url);
  if (d !== dialect.name) throw new Error(`a ${d} database, but this project's dialect is ${dialect.name}`);
  let conn: Awaited<ReturnType<typeof connect>>;
  try {
    // status only reads: it never creates a SQLite file or the history table.
    conn = await connect(url, { connectTimeoutMs, ...(job.kind === "status" ? { mustExist: true } : {}) });
  } catch (e) {
    throw new Error(connectionMessage(url, e, connectTimeoutMs).message);
  }
  try {
    const runner = new Runner(conn, dialect, migrations, {
      guard: dataLossGuard(dialect),
      rollbackGuard: rollbackGuard(dialect),
      // As `up` on one database: a merged branch's migration that commutes is applied late.
      outOfOrder: outOfOrderCheck(dialect, migrations),
    });
    const st = await runner.state(undefined, { readOnly: job.kind === "status" });
    const before = st.current;
    switch (job.kind) {
      case "status":
        return {
          before,
          after: before,
          applied: [],
          pending: st.pending.map((m) => m.version),
          failed: st.failed.map((h) => h.version),
        };
      case "up": {
        const done = await runner.up({
          ...opts,
          ...(job.target !== undefined ? { target: job.target } : {}),
          ...(job.count !== undefined ? { count: job.count } : {}),
        });
        return {
          before,
          after: opts.dryRun ? before : (await runner.state()).current,
          applied: done.map((a) => a.version),
        };
      }
      case "down": {
        const done = await runner.down({
          ...opts,
          ...(job.target !== undefined ? { target: job.target } : {}),
          ...(job.count !== undefined ? { count: job.count } : {}),
        });
        return {
          before,
          after: opts.dryRun ? before : (await runner.state()).current,
          applied: done.map((a) => a.version),
        };
      }
      default: {
        const never: never = job;
        throw new Error(`unknown fleet job ${JSON.stringify(never)}`);
      }
    }
  } catch (e) {
    throw new Error(redactText(e instanceof Error ? e.message : String(e), url));
  } finally {
    await conn.close().catch(() => {});
  }
}
