/**
 * `schemavc diff [--from X] [--to Y]`: the change between two schemas, as a readable summary
 * and as SQL for the project's dialect. X and Y: a schema path (file or folder), a migration
 * version (`head`, `base`, a timestamp or a unique prefix), `empty`, or a database URL (read
 * back live, then written in the other side's words where they mean the same on that database,
 * so only real differences show). Defaults: from the latest migration's snapshot to the schema
 * files. Exit 0 when there is no change, 3 when there is.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import { openDatabase } from "./database.ts";
import { OWN_TABLES } from "../migrate/history.ts";
import { reconcile } from "../dialects/compare.ts";
import { loadMigrations, loadValidSchema, openProject, type Project } from "./project.ts";
import { emptySchema, type Schema } from "../ir/model.ts";
import { renamesFromHints } from "../diff/renames.ts";
import { plan } from "../diff/plan.ts";
import { describe } from "../diff/summary.ts";
import { MigrationDirError, resolveVersion, type Migration } from "../migrate/dir.ts";
import { dialectOfUrl } from "../dialects/url.ts";
import { withSpinner } from "./spinner.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  let migrations: Migration[] | undefined;
  const history = async () => (migrations ??= await loadMigrations(project, ctx.cwd, false));
  const fromSpec = str(ctx, "from") ?? "head";
  const toSpec = str(ctx, "to") ?? project.config.schema;
  let from = await side(ctx, project, fromSpec, history);
  let to = await side(ctx, project, toSpec, history);
  if (from.live && !to.live)
    from = {
      schema: reconcile(
        project.dialect,
        from.schema,
        to.schema,
        await storedViews(ctx, project, fromSpec, to.schema),
      ),
    };
  else if (to.live && !from.live)
    to = {
      schema: reconcile(
        project.dialect,
        to.schema,
        from.schema,
        await storedViews(ctx, project, toSpec, from.schema),
      ),
    };
  return report(ctx, project, from.schema, to.schema);
}

/**
 * The other side's views as the database at `url` prints them, where it can
 * (`Dialect.viewsAsStored`): a view it holds so is written in that side's words.
 */
async function storedViews(
  ctx: Context,
  project: Project,
  url: string,
  other: Schema,
): Promise<ReadonlyMap<string, string> | undefined> {
  if (!project.dialect.viewsAsStored || !other.views?.length) return undefined;
  const conn = await openDatabase(ctx, project, url, { readOnly: true });
  try {
    const views = await project.dialect.viewsAsStored(conn, other.views);
    return new Map(views.map((v) => [v.name, v.query]));
  } finally {
    await conn.close().catch(() => {});
  }
}

function report(ctx: Context, project: Project, from: Schema, to: Schema): number {
  const p = plan(from, to, renamesFromHints(from, to), project.dialect);
  // Each change described once, for the JSON document and the printed lines.
  const described = p.changes.map(describe);
  ctx.report.json({
    changed: p.changes.length > 0,
    changes: described,
    sql: p.upSql,
    warnings: p.upLosses.map((l) => l.message),
  });
  if (!p.changes.length) {
    ctx.report.line("no changes");
    return 0;
  }
  // The summary, then the SQL, each one write (the same text as a line at a time): a write is
  // a system call, and a 1,000-table plan printed ~1,100 of them (5-7 ms in a profile).
  ctx.report.write(described.map((d) => `${d}\n`).join(""));
  for (const l of p.upLosses) ctx.report.warn(`data loss: ${l.message}`);
  ctx.report.write(
    `\n-- ${project.dialect.name}\n${p.upSql.map((s) => `${s.trimEnd().endsWith(";") ? s.trimEnd() : `${s.trimEnd()};`}\n\n`).join("")}`,
  );
  return 3;
}

/** One side of the comparison; `live` when it was read from a database. */
interface Side {
  readonly schema: Schema;
  readonly live?: boolean;
}

async function side(
  ctx: Context,
  project: Project,
  spec: string,
  history: () => Promise<Migration[]>,
): Promise<Side> {
  if (spec === "empty") return { schema: emptySchema() };
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec) && dialectOfUrl(spec)) {
    const conn = await openDatabase(ctx, project, spec, { readOnly: true });
    try {
      return {
        schema: (
          await withSpinner(ctx, "reading the database schema", () =>
            project.dialect.introspect(conn, {
              exclude: OWN_TABLES,
              ...(project.config.schemas ? { schemas: project.config.schemas } : {}),
            }),
          )
        ).schema,
        live: true,
      };
    } finally {
      await conn.close().catch(() => {});
    }
  }
  const path = resolve(ctx.cwd, spec);
  if (existsSync(path)) return { schema: await loadValidSchema(ctx, path, project.dialect) };
  const ms = await history();
  if (spec === "head" && !ms.length) return { schema: emptySchema() };
  try {
    const version = resolveVersion(
      spec,
      ms.map((m) => m.version),
    );
    return {
      schema: version === null ? emptySchema() : ms.find((m) => m.version === version)!.snapshot.schema,
    };
  } catch (e) {
    if (e instanceof MigrationDirError)
      throw new SchemavcError(
        `\`${spec}\` is neither a schema path nor a migration: ${e.message}`,
        2,
        "give a .schema file or folder, a migration version, `head`, `base` or `empty`",
      );
    throw e;
  }
}
