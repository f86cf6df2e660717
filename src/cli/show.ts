/**
 * `schemavc show VERSION` (Alembic's `show`): one migration's message, parent, changes, the data
 * each direction loses and its files; with a database (`--url`, DATABASE_URL, the config's url),
 * whether it is applied there. The files alone answer when no database is set or reachable.
 */
import { relative } from "node:path";
import type { Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { loadMigrations, openProject } from "./project.ts";
import { versionArg, withRunner } from "./runner-command.ts";
import { summarize } from "./migration-summary.ts";
import { MIGRATION_FILES } from "../migrate/dir.ts";
import { databaseUrl } from "./database.ts";
import { shortTime } from "./history-table.ts";

export async function run(ctx: Context): Promise<number> {
  const ref = ctx.positionals[0];
  if (!ref)
    throw new UsageError("which migration? `schemavc show VERSION` (a version, a prefix of it, or head)");
  const project = await openProject(ctx);
  const migrations = await loadMigrations(project, ctx.cwd);
  const version = versionArg(ref, migrations);
  const m = migrations.find((x) => x.version === version);
  if (!m)
    throw new UsageError(
      `\`${ref}\` is base, not a migration`,
      "name a migration: `schemavc history` lists them",
    );
  const s = summarize(migrations, m, project.dialect);
  const dir = relative(ctx.cwd, m.dir) || m.dir;

  // Where it stands on the database, when the project names one and it answers.
  let applied: { status: string; appliedAt: string | null } | undefined;
  let unreachable: string | undefined;
  const hasUrl = await databaseUrl(ctx, project).then(
    () => true,
    () => false,
  );
  if (hasUrl) {
    try {
      applied = await withRunner(
        ctx,
        async ({ runner }) => {
          const st = await runner.state(undefined, { readOnly: true });
          const h = st.history.find((x) => x.version === m.version);
          return { status: h?.status ?? "pending", appliedAt: h?.applied_at ?? null };
        },
        { readOnly: true, tolerateTamper: true },
      );
    } catch (e) {
      unreachable = (e as Error).message.split("\n")[0];
    }
  }
  ctx.report.json({
    ...s,
    dir,
    files: MIGRATION_FILES.map((f) => `${dir}/${f}`),
    ...(applied ? { database: applied } : {}),
  });
  ctx.report.line(`${m.version}: ${s.message}`);
  ctx.report.line(`  parent:  ${s.parent ?? "base"}`);
  ctx.report.line(`  files:   ${MIGRATION_FILES.map((f) => `${dir}/${f}`).join(", ")}`);
  if (applied)
    ctx.report.line(
      `  database: ${applied.status}${applied.appliedAt ? ` at ${shortTime(applied.appliedAt)} UTC` : ""}`,
    );
  else if (unreachable) ctx.report.warn(`the database was not asked: ${unreachable}`);
  ctx.report.line(
    s.changes.length
      ? `  changes (${s.changes.length}):`
      : `  changes: none to the schema${s.handWritten ? " (hand-written SQL: a data migration)" : ""}`,
  );
  for (const c of s.changes) ctx.report.line(`    ${c}`);
  for (const [what, losses] of [
    ["up loses", s.upLosses],
    ["down loses", s.downLosses],
  ] as const)
    for (const l of losses) ctx.report.line(`  ${what}: ${l}`);
  return 0;
}
