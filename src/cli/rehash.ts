/**
 * `schemavc rehash`: rewrites schemavc.sum from the migration files on disk, accepting hand
 * edits on purpose. It still refuses a folder whose snapshot chain is broken.
 */
import type { Context } from "./context.ts";
import { openProject } from "./project.ts";
import { rehash } from "../migrate/dir.ts";
import { SUM_FILE } from "../migrate/sum.ts";

export async function run(ctx: Context): Promise<number> {
  const { config } = await openProject(ctx);
  // A broken folder throws MigrationDirError, a SchemavcError: main.ts prints it with its hint.
  const n = await rehash(config.migrations);
  ctx.report.json({ migrations: n, file: SUM_FILE });
  ctx.report.note(`rewrote ${SUM_FILE} for ${n} migration${n === 1 ? "" : "s"}`);
  return 0;
}
