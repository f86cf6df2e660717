/**
 * What several commands share: the project's config and dialect, its schema files loaded and
 * validated (printing diagnostics), and its migrations folder read and verified. Each helper
 * turns library errors into a `SchemavcError` a person can act on.
 */
import { sep } from "node:path";
import type { Context } from "./context.ts";
import { str } from "./context.ts";
import { loadConfig } from "./config.ts";
import type { Config } from "../project/config.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { hasErrors } from "../ir/diagnostics.ts";
import { getDialect } from "../dialects/registry.ts";
import { DIALECT_NAMES, type Dialect, type DialectName } from "../dialects/dialect.ts";
import type { Schema } from "../ir/model.ts";
import { MigrationDirError, readMigrations, type Migration } from "../migrate/dir.ts";

export interface Project {
  readonly config: Config;
  readonly dialect: Dialect;
}

export async function openProject(ctx: Context): Promise<Project> {
  const config = await loadConfig(ctx);
  const name = (str(ctx, "dialect") ?? config.dialect) as DialectName;
  if (!DIALECT_NAMES.includes(name))
    throw new UsageError(`unknown dialect \`${name}\``, `use one of ${DIALECT_NAMES.join(", ")}`);
  return { config, dialect: await getDialect(name) };
}

/** The migrations' schemas from the newest back, each parsed only when it is reached. */
export function* snapshotsNewestFirst(migrations: readonly Migration[]): Generator<Schema> {
  for (let i = migrations.length - 1; i >= 0; i--) yield migrations[i]!.snapshot.schema;
}

/**
 * Loads and validates the schema at `path` for `dialect`. With `history` (the migrations), a
 * `renamed from` must name something one of their snapshots had. Warnings are printed and the schema
 * returned; errors are printed and the command fails with exit 1.
 */
export async function loadValidSchema(
  ctx: Context,
  path: string,
  dialect: Dialect,
  history?: () => Promise<readonly Migration[] | undefined>,
): Promise<Schema> {
  // Imported here, not at the top: commands that only talk to the database never load the parser.
  const { loadSchemaPath } = await import("../dsl/load.ts");
  const loaded = await loadSchemaPath(path, ctx.cwd);
  const diagnostics = [...loaded.diagnostics];
  if (!hasErrors(diagnostics)) diagnostics.push(...dialect.validate(loaded.schema));
  // `renamed from` naming nothing that ever existed: the migrations' snapshots, newest first.
  // (Undefined: the folder cannot be read, which its own check reports; the hints are not judged.)
  const migrations = history && !hasErrors(diagnostics) ? await history() : undefined;
  if (migrations) {
    const { unknownRenames } = await import("../diff/unknown-renames.ts");
    diagnostics.push(...unknownRenames(loaded.schema, snapshotsNewestFirst(migrations)));
  }
  ctx.report.diagnostics(diagnostics, loaded.sources);
  if (hasErrors(diagnostics)) {
    const n = diagnostics.filter((d) => d.severity === "error").length;
    throw new SchemavcError(
      `the schema has ${n} error${n === 1 ? "" : "s"}`,
      1,
      "fix them and run the command again",
    );
  }
  return loaded.schema;
}

/**
 * The verified migrations of the project; folder problems become errors with their hint, with
 * paths shown relative to the working folder. `sameDialect`: refuse migrations written for
 * another dialect (their SQL would not run); comparing snapshots does not need it.
 */
/**
 * The project's migrations, verified (sum file, chain, dialect). With `onTamper`, a folder
 * whose sum check fails is read again without it and the failure goes to `onTamper` instead
 * of being thrown (current, history: they still tell where the database stands).
 */
export async function loadMigrations(
  project: Project,
  cwd: string,
  sameDialect = true,
  onTamper?: (message: string, hint?: string) => void,
): Promise<Migration[]> {
  let ms: Migration[];
  const own = (e: MigrationDirError) =>
    new SchemavcError(e.message.split(`${cwd}${sep}`).join(""), 1, e.hint);
  try {
    ms = await readMigrations(project.config.migrations);
  } catch (e) {
    if (!(e instanceof MigrationDirError)) throw e;
    if (!onTamper) throw own(e);
    try {
      ms = await readMigrations(project.config.migrations, { verifySum: false });
    } catch (again) {
      // Broken beyond the sum (a chain or a file that cannot be read): the first error stands.
      if (again instanceof MigrationDirError) throw own(e);
      throw again;
    }
    const err = own(e);
    onTamper(err.message, err.hint);
  }
  if (!sameDialect) return ms;
  const other = ms.find((m) => m.dialect && m.dialect !== project.dialect.name);
  if (other) {
    throw new SchemavcError(
      `migration ${other.version} was written for ${other.dialect}, but this project's dialect is ${project.dialect.name}`,
      1,
      "migrations hold dialect-specific SQL: keep one migrations folder per dialect (set `migrations` in schemavc.toml)",
    );
  }
  return ms;
}
