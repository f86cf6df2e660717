/**
 * `schemavc down [N]` (alias `downgrade`, which also takes Alembic's `-N` and `base`) and
 * `down --to VERSION`: rolls back the newest applied migrations (default 1), with the folder's
 * down.sql, or the down SQL stored in the history when the folder is gone.
 */
import { flag, str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { versionArg, withRunner } from "./runner-command.ts";
import { fleetTargets, runFleet } from "./fleet.ts";
import type { Migration } from "../migrate/dir.ts";
import { offline } from "./offline-sql.ts";
import type { DowngradeDryRun, DowngradeResult } from "./results.ts";

/** `down N`, `down -N`, `down VERSION`, `down base`, `down --to VERSION` → what to roll back. */
function downArgs(
  ctx: Context,
  migrations: readonly Migration[],
): { target?: string | null; count?: number } {
  const arg = ctx.positionals[0];
  const to = str(ctx, "to");
  let target: string | null | undefined;
  let count: number | undefined;
  if (to !== undefined) target = versionArg(to, migrations);
  else if (arg === "base") target = null;
  else if (arg !== undefined && /^-?\d+$/.test(arg) && arg.replace("-", "").length < 6)
    count = Math.abs(Number(arg));
  else if (arg !== undefined) target = versionArg(arg, migrations);
  if (count !== undefined && count < 1) throw new UsageError("down N needs N ≥ 1");
  return { ...(target !== undefined ? { target } : {}), ...(count !== undefined ? { count } : {}) };
}

export async function run(ctx: Context): Promise<number> {
  if (flag(ctx, "sql")) return offline(ctx, "down");
  const fleet = fleetTargets(ctx);
  if (fleet) {
    return (
      await runFleet(ctx, fleet, "down", (migrations) => ({ kind: "down", ...downArgs(ctx, migrations) }))
    ).exit;
  }
  return withRunner(
    ctx,
    async ({ runner, migrations, opts }) => {
      const { target, count } = downArgs(ctx, migrations);
      const done = await runner.down({
        ...opts,
        ...(target !== undefined ? { target } : {}),
        ...(count !== undefined ? { count } : {}),
      });
      if (opts.dryRun) {
        for (const a of done) {
          ctx.report.line(`-- ${a.version} (down)`);
          for (const s of a.sql ?? []) ctx.report.line(`${s};\n`);
        }
        ctx.report.json({
          dryRun: true,
          rollback: done.map((a) => ({ version: a.version, statements: a.sql ?? [] })),
        } satisfies DowngradeDryRun);
        return 0;
      }
      const st = await runner.state();
      ctx.report.json({
        rolledBack: done.map((a) => ({ version: a.version, ms: a.ms })),
        current: st.current,
      } satisfies DowngradeResult);
      ctx.report.note(
        done.length
          ? `rolled back ${done.length} migration${done.length === 1 ? "" : "s"}; the database is at ${st.current ?? "base"}`
          : `nothing to roll back: the database is at ${st.current ?? "base"}`,
      );
      return 0;
    },
    { readOnly: flag(ctx, "dry-run") },
  );
}
