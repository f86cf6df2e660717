/**
 * What the database commands share: the project, its verified migrations, an open connection
 * and a Runner; runner and folder errors become SchemavcErrors; the connection is always closed.
 */
import { relative, sep } from "node:path";
import type { Context } from "./context.ts";
import type { Connection } from "../dialects/dialect.ts";
import { flag, mayAsk } from "./context.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { loadMigrations, openProject, type Project } from "./project.ts";
import { msOption, openDatabase } from "./database.ts";
import { Runner, RunnerError, type RunOptions } from "../migrate/runner.ts";
import { dataLossGuard, rollbackGuard } from "../lint/migrations.ts";
import { askYesNo } from "./prompt.ts";
import { MigrationProgress } from "./progress.ts";
import { MigrationDirError, resolveVersion, type Migration } from "../migrate/dir.ts";

export interface RunnerContext {
  readonly project: Project;
  readonly migrations: Migration[];
  readonly runner: Runner;
  readonly opts: RunOptions;
  /** The open connection (status reads the live schema through it). */
  readonly conn: Connection;
}

/**
 * `readOnly`: the command only reads (status, current, history): the database is never
 * created, nor its history table; `runner.state()` must then be called with `{ readOnly }`.
 * `tolerateTamper`: a migrations folder that fails its sum check is read anyway, with the
 * failure as a warning, so the command still says where the database stands.
 */
export async function withRunner<T>(
  ctx: Context,
  fn: (r: RunnerContext) => Promise<T>,
  access: { readOnly?: boolean; tolerateTamper?: boolean } = {},
): Promise<T> {
  const project = await openProject(ctx);
  const migrations = await loadMigrations(
    project,
    ctx.cwd,
    true,
    access.tolerateTamper
      ? (message, hint) => ctx.report.warn(`${message}${hint ? `\n  hint: ${hint}` : ""}`)
      : undefined,
  );
  const conn = await openDatabase(ctx, project, undefined, {
    readOnly: access.readOnly ?? false,
    missing: "nothing applied yet",
  });
  const progress = new MigrationProgress(ctx.report);
  const confirm = async (message: string) => {
    ctx.report.info(message);
    return askYesNo("roll back and lose this? [y/N] ");
  };
  const opts: RunOptions = {
    lockTimeoutMs: msOption(ctx, "lock-timeout", 60),
    dryRun: flag(ctx, "dry-run"),
    allowOutOfOrder: flag(ctx, "allow-out-of-order"),
    allowDataLoss: flag(ctx, "allow-data-loss"),
    // A rollback that loses data is listed and asked about at a terminal; off one it is refused.
    // Asked for when it is read (`down`, `reset`), not before: whether this is a terminal reads
    // stdin, whose stream costs start-up time in commands that never ask (issue 19: `status`).
    get confirmDataLoss() {
      return mayAsk(ctx) ? confirm : undefined;
    },
    events: {
      waiting: () => ctx.report.info("waiting for another schemavc run to release the migration lock..."),
      start: (v, dir) => progress.start(v, dir),
      statement: (_v, n, total) => progress.statement(n, total),
      done: (_v, _dir, ms) => progress.done(ms),
      // A branch merged after another branch's migration was applied here (`schemavc merge`).
      outOfOrder: (v, after) =>
        ctx.report.note(
          `${v} is older than ${after.join(", ")}, applied here before it; they change different objects (they commute), so it is applied now`,
        ),
    },
  };
  try {
    return await fn({
      project,
      migrations,
      runner: new Runner(conn, project.dialect, migrations, {
        guard: dataLossGuard(project.dialect),
        rollbackGuard: rollbackGuard(project.dialect, (p) => relative(ctx.cwd, p) || p),
        // Loaded when a migration is out of order (a late branch): `up` needs no planner otherwise.
        outOfOrder: async (m, after) =>
          (await import("../lint/commute.ts")).outOfOrderCheck(project.dialect, migrations)(m, after),
      }),
      opts,
      conn,
    });
  } catch (e) {
    if (e instanceof RunnerError || e instanceof MigrationDirError) {
      progress.failed();
      throw new SchemavcError(e.message.split(`${ctx.cwd}${sep}`).join(""), 1, e.hint, e.detail);
    }
    throw e;
  } finally {
    await conn.close().catch(() => {});
  }
}

/** A version argument: `head`, `base` (null), a timestamp, a unique prefix or a full version. */
export function versionArg(ref: string, migrations: readonly Migration[]): string | null {
  try {
    return resolveVersion(
      ref,
      migrations.map((m) => m.version),
    );
  } catch (e) {
    if (e instanceof MigrationDirError) throw new UsageError(e.message, e.hint);
    throw e;
  }
}
