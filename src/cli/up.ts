/**
 * `schemavc up [N | VERSION | head]` (alias `upgrade`) and `up --to VERSION`: applies pending
 * migrations in order, each in its own transaction where the dialect allows, printing each with
 * its time. `--dry-run` prints the SQL and changes nothing.
 */
import { flag, str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { versionArg, withRunner } from "./runner-command.ts";
import { fleetTargets, runFleet } from "./fleet.ts";
import type { Migration } from "../migrate/dir.ts";
import { offline } from "./offline-sql.ts";
import type { UpgradeDryRun, UpgradeResult } from "./results.ts";

/** `up N`, `up VERSION`, `up head`, `up --to VERSION` → what to apply. */
function upArgs(ctx: Context, migrations: readonly Migration[]): { target?: string; count?: number } {
  const arg = ctx.positionals[0];
  const to = str(ctx, "to");
  let target: string | undefined;
  let count: number | undefined;
  if (to !== undefined) target = versionArg(to, migrations) ?? undefined;
  else if (arg !== undefined && /^\+?\d+$/.test(arg) && arg.length < 6) count = Number(arg.replace("+", ""));
  else if (arg !== undefined && arg !== "head") target = versionArg(arg, migrations) ?? undefined;
  if (count !== undefined && count < 1) throw new UsageError("up N needs N ≥ 1");
  return { ...(target !== undefined ? { target } : {}), ...(count !== undefined ? { count } : {}) };
}

export async function run(ctx: Context): Promise<number> {
  if (flag(ctx, "sql")) return offline(ctx, "up");
  const fleet = fleetTargets(ctx);
  if (fleet) {
    return (await runFleet(ctx, fleet, "up", (migrations) => ({ kind: "up", ...upArgs(ctx, migrations) })))
      .exit;
  }
  return withRunner(
    ctx,
    async ({ runner, migrations, opts }) => {
      const { target, count } = upArgs(ctx, migrations);
      const t0 = performance.now();
      // Where the database stands after it comes with the run (no second read of the history).
      const { applied, ...st } = await runner.upgrade({
        ...opts,
        ...(target !== undefined ? { target } : {}),
        ...(count !== undefined ? { count } : {}),
      });
      if (opts.dryRun) {
        for (const a of applied) {
          ctx.report.line(`-- ${a.version}`);
          for (const s of a.sql ?? []) ctx.report.line(`${s};\n`);
        }
        ctx.report.json({
          dryRun: true,
          pending: applied.map((a) => ({ version: a.version, statements: a.sql ?? [] })),
        } satisfies UpgradeDryRun);
        if (!applied.length) ctx.report.note("nothing to apply");
        return 0;
      }
      const total = Math.round(performance.now() - t0);
      ctx.report.json({
        applied: applied.map((a) => ({ version: a.version, ms: a.ms })),
        current: st.current,
        pending: st.pending,
      } satisfies UpgradeResult);
      if (!applied.length) ctx.report.note(`nothing to apply: the database is at ${st.current ?? "base"}`);
      else
        ctx.report.note(
          `applied ${applied.length} migration${applied.length === 1 ? "" : "s"} in ${total} ms; the database is at ${st.current ?? "base"}`,
        );
      return 0;
    },
    { readOnly: flag(ctx, "dry-run") },
  );
}
