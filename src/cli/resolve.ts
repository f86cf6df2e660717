/**
 * `schemavc resolve VERSION --applied | --rolled-back`: settles a migration that failed where
 * DDL is not transactional (MySQL), after the rest was finished or undone by hand. `--applied`
 * on an applied migration whose file was edited records the file as what the database has.
 */
import { flag, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { versionArg, withRunner } from "./runner-command.ts";

export async function run(ctx: Context): Promise<number> {
  const ref = ctx.positionals[0];
  const applied = flag(ctx, "applied"),
    rolledBack = flag(ctx, "rolled-back");
  if (!ref || applied === rolledBack)
    throw new UsageError("resolve needs a VERSION and exactly one of --applied or --rolled-back");
  return withRunner(ctx, async ({ runner, migrations, opts }) => {
    const version = versionArg(ref, migrations);
    if (version === null) throw new UsageError("resolve needs a migration, not base");
    await runner.resolve(version, applied ? "applied" : "rolled-back", opts);
    ctx.report.json({ version, resolved: applied ? "applied" : "rolled-back" });
    ctx.report.note(`${version} recorded as ${applied ? "applied" : "rolled back"}`);
    return 0;
  });
}
