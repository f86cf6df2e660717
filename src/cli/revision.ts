/**
 * `schemavc revision -m MSG [--autogenerate]`, as Alembic spells it: an empty migration for
 * hand-written SQL (`generate --empty`), or with `--autogenerate` the migration from the schema
 * files (`generate`).
 */
import { flag, type Context } from "./context.ts";
import { run as generate } from "./generate.ts";

export async function run(ctx: Context): Promise<number> {
  const { autogenerate: _a, ...values } = ctx.values;
  return generate({ ...ctx, values: { ...values, empty: !flag(ctx, "autogenerate") } });
}
