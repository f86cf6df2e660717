/**
 * `up --sql` and `down --sql`: the offline script (src/migrate/offline.ts) of the migrations
 * between `--from` and `--to`, printed without opening any database.
 */
import { str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { loadMigrations, openProject } from "./project.ts";
import { versionArg } from "./runner-command.ts";
import { offlineScript } from "../migrate/offline.ts";

export async function offline(ctx: Context, direction: "up" | "down"): Promise<number> {
  const project = await openProject(ctx);
  const migrations = await loadMigrations(project, ctx.cwd);
  const ref = (name: "from" | "to") => {
    const v = str(ctx, name);
    return v === undefined ? undefined : versionArg(v, migrations);
  };
  const head = migrations.at(-1)?.version ?? null;
  let from: string | null, to: string | null;
  if (direction === "up") {
    from = ref("from") ?? null;
    to = ref("to") ?? head;
  } else {
    from = ref("from") ?? head;
    const i = migrations.findIndex((m) => m.version === from);
    to = str(ctx, "to") !== undefined ? ref("to")! : i > 0 ? migrations[i - 1]!.version : null;
  }
  const after = (v: string, bound: string | null) => bound === null || v > bound;
  const upTo = (v: string, bound: string | null) => bound !== null && v <= bound;
  const chosen =
    direction === "up"
      ? migrations.filter((m) => after(m.version, from) && upTo(m.version, to))
      : migrations.filter((m) => after(m.version, to) && upTo(m.version, from)).reverse();
  if (direction === "up" && to !== null && from !== null && to < from)
    throw new UsageError(`--to ${to} is before --from ${from}: up --sql goes forward`);
  if (direction === "down" && from !== null && to !== null && to > from)
    throw new UsageError(`--to ${to} is after --from ${from}: down --sql goes back`);
  const text = offlineScript(project.dialect, { direction, migrations: chosen, fromBase: from === null });
  ctx.report.json({ direction, from, to, migrations: chosen.map((m) => m.version), sql: text });
  ctx.report.line(text.trimEnd());
  return 0;
}
