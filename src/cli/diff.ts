/**
 * `schemavc diff [--from X] [--to Y]`: the change between two schemas, as a readable summary
 * and as SQL for the project's dialect. X and Y: a schema path (file or folder), a migration
 * version (`head`, `base`, a timestamp or a unique prefix), or `empty`. Defaults: from the
 * latest migration's snapshot to the schema files. Exit 0 when there is no change, 3 when there is.
 */
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { CliError, UsageError } from "./errors.ts";
import { loadMigrations, loadValidSchema, openProject, type Project } from "./project.ts";
import { emptySchema, type Schema } from "../ir/model.ts";
import { renamesFromHints } from "../diff/renames.ts";
import { plan } from "../diff/plan.ts";
import { describe } from "../diff/summary.ts";
import { MigrationDirError, resolveVersion, type Migration } from "../migrate/dir.ts";
import { dialectOfUrl } from "../dialects/url.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  let migrations: Migration[] | undefined;
  const history = async () => (migrations ??= await loadMigrations(project, ctx.cwd, false));
  const from = await side(ctx, project, str(ctx, "from") ?? "head", history);
  const to = await side(ctx, project, str(ctx, "to") ?? project.config.schema, history);
  const p = plan(from, to, renamesFromHints(from, to), project.dialect);
  ctx.report.json({ changed: p.changes.length > 0, changes: p.changes.map(describe), sql: p.upSql, warnings: p.upLosses.map((l) => l.message) });
  if (!p.changes.length) {
    ctx.report.line("no changes");
    return 0;
  }
  for (const c of p.changes) ctx.report.line(describe(c));
  for (const l of p.upLosses) ctx.report.warn(`data loss: ${l.message}`);
  ctx.report.line("");
  ctx.report.line(`-- ${project.dialect.name}`);
  for (const s of p.upSql) ctx.report.line(`${s.trimEnd().endsWith(";") ? s.trimEnd() : `${s.trimEnd()};`}\n`);
  return 3;
}

async function side(ctx: Context, project: Project, spec: string, history: () => Promise<Migration[]>): Promise<Schema> {
  if (spec === "empty") return emptySchema();
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) && dialectOfUrl(spec)) {
    throw new UsageError(`comparing with a live database (${spec.split(":")[0]}:…) needs introspection, which this version does not have yet`, "compare schema files, migration versions or `empty`");
  }
  const path = resolve(ctx.cwd, spec);
  if (await access(path).then(() => true, () => false)) return loadValidSchema(ctx, path, project.dialect);
  const ms = await history();
  if (spec === "head" && !ms.length) return emptySchema();
  try {
    const version = resolveVersion(spec, ms.map((m) => m.version));
    return version === null ? emptySchema() : ms.find((m) => m.version === version)!.snapshot.schema;
  } catch (e) {
    if (e instanceof MigrationDirError) throw new CliError(`\`${spec}\` is neither a schema path nor a migration: ${e.message}`, 2, "give a .schema file or folder, a migration version, `head`, `base` or `empty`");
    throw e;
  }
}
