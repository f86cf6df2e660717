/**
 * `schemavc sql [--dialect D] [PATH]`: the complete CREATE script of the schema for one dialect,
 * in dependency order (foreign keys in a cycle added after the tables). It is the plan from an
 * empty database to the schema, the same path `generate` takes for a first migration.
 */
import { resolve } from "node:path";
import type { Context } from "./context.ts";
import { loadValidSchema, openProject } from "./project.ts";
import { emptySchema } from "../ir/model.ts";
import { noRenames } from "../diff/renames.ts";
import { plan } from "../diff/plan.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const path =
    ctx.positionals[0] !== undefined ? resolve(ctx.cwd, ctx.positionals[0]) : project.config.schema;
  const schema = await loadValidSchema(ctx, path, project.dialect);
  const p = plan(emptySchema(), schema, noRenames(), project.dialect);
  const statements = p.upSql.map((s) => (s.trimEnd().endsWith(";") ? s.trimEnd() : `${s.trimEnd()};`));
  ctx.report.json({ dialect: project.dialect.name, statements: p.upSql });
  ctx.report.line(
    `-- schemavc sql: ${project.dialect.name}, ${schema.tables.length} table${schema.tables.length === 1 ? "" : "s"}`,
  );
  ctx.report.line("");
  ctx.report.write(statements.join("\n\n") + (statements.length ? "\n" : ""));
  return 0;
}
