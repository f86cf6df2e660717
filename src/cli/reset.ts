/**
 * `schemavc reset` (as `prisma migrate reset`, for a development database): rolls back every
 * applied migration (down to base, with their down SQL: what schemavc made goes, and its rows)
 * and applies every migration again, so the database is exactly what the migrations make.
 * Emptying the database is its purpose, so data loss is accepted; it is refused unless the
 * database is on this machine (a SQLite file, localhost, a socket) or `--yes` is given at a
 * terminal. At a terminal, a local database is asked about first unless `--yes` is given.
 */
import { flag, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import { openProject } from "./project.ts";
import { databaseUrl } from "./database.ts";
import { isLocalUrl, redactUrl } from "../dialects/url.ts";
import { askYesNo, canAsk } from "./prompt.ts";
import { withRunner } from "./runner-command.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const url = await databaseUrl(ctx, project);
  const shown = redactUrl(url);
  const yes = flag(ctx, "yes");
  if (!isLocalUrl(url)) {
    if (!(yes && canAsk()))
      throw new SchemavcError(
        `refusing to reset ${shown}: it is not a database on this machine`,
        1,
        "reset rolls back every migration and applies them again, losing the rows; for a database on another host, run it at a terminal with --yes",
      );
  } else if (canAsk() && !yes) {
    const sure = await askYesNo(
      `reset ${shown}: roll back every migration (losing their tables' rows) and apply them all again? [y/N] `,
    );
    if (!sure) {
      ctx.report.note("nothing changed");
      return 1;
    }
  }
  return withRunner(ctx, async ({ runner, opts }) => {
    const t0 = performance.now();
    const down = await runner.down({ ...opts, allowDataLoss: true, target: null });
    const up = await runner.up({ ...opts, allowDataLoss: true });
    const st = await runner.state();
    ctx.report.json({
      rolledBack: down.map((a) => a.version),
      applied: up.map((a) => ({ version: a.version, ms: a.ms })),
      current: st.current,
    });
    ctx.report.note(
      `reset ${shown}: rolled back ${down.length}, applied ${up.length} migration${up.length === 1 ? "" : "s"} in ${Math.round(performance.now() - t0)} ms; the database is at ${st.current ?? "base"}`,
    );
    if (st.pending.length)
      throw new SchemavcError(`${st.pending.length} migration(s) still pending after reset`, 1);
    return 0;
  });
}
