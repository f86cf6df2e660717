/**
 * `schemavc stamp VERSION`: records VERSION and every migration before it as applied without
 * running them (adopting an existing database); later rows are removed. `stamp base` clears.
 */
import type { Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { versionArg, withRunner } from "./runner-command.ts";

export async function run(ctx: Context): Promise<number> {
  const ref = ctx.positionals[0];
  if (!ref) throw new UsageError("stamp needs a VERSION (or head, base)");
  return withRunner(ctx, async ({ runner, migrations, opts }) => {
    const version = versionArg(ref, migrations);
    const stamped = await runner.stamp(version, opts);
    ctx.report.json({ current: version, stamped });
    ctx.report.note(
      `the database is now recorded at ${version ?? "base"}${stamped.length ? ` (${stamped.length} migration${stamped.length === 1 ? "" : "s"} recorded without running)` : ""}`,
    );
    return 0;
  });
}
