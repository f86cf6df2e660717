/**
 * `schemavc check`, for CI: runs every check and names the file each failure concerns.
 *
 * 1. The schema files parse and validate for the project's dialect (diagnostics at file:line:col).
 * 2. The migrations folder is intact: `schemavc.sum` matches every migration, the snapshot chain
 *    holds (the same verification every command does).
 * 3. Nothing left to generate: the schema files equal the latest migration's snapshot.
 * 4. Applied migrations unchanged: when a database can be asked, no migration it applied has
 *    an up.sql that differs from what it ran (even after `rehash`).
 * 5. Lint clean: the pending migrations (every one when no database can be asked) have no
 *    data-loss or error finding that a directive does not accept (warnings too with --strict).
 *
 * Exit 0 when all pass; 1 when the schema or the folder is broken (an error, as for every
 * command); 3 when a change has no migration or lint fails (found changes, pending work).
 */
import { relative } from "node:path";
import { flag, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import { loadMigrations, loadValidSchema, openProject } from "./project.ts";
import { selectForLint } from "./lint-selection.ts";
import { printFindings, summary } from "./lint.ts";
import { emptySchema, type Schema } from "../ir/model.ts";
import type { Migration } from "../migrate/dir.ts";
import { plan } from "../diff/plan.ts";
import { renamesFromHints } from "../diff/renames.ts";
import { describe } from "../diff/summary.ts";
import { failing, lintMigrations } from "../lint/migrations.ts";
import type { Finding } from "../lint/lint.ts";

interface Result {
  readonly check: string;
  readonly ok: boolean;
  readonly exit: 0 | 1 | 3;
  readonly message: string;
  readonly hint?: string;
}

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const rel = (p: string) => relative(ctx.cwd, p) || p;
  const results: Result[] = [];
  let findings: Finding[] = [];

  let schema: Schema | undefined;
  try {
    // A `renamed from` must name what some snapshot had (the folder is checked on its own below).
    const history = () => loadMigrations(project, ctx.cwd).catch(() => undefined);
    schema = await loadValidSchema(ctx, project.config.schema, project.dialect, history);
    results.push({
      check: "schema",
      ok: true,
      exit: 0,
      message: `schema files valid (${rel(project.config.schema)})`,
    });
  } catch (e) {
    if (!(e instanceof SchemavcError)) throw e;
    results.push({
      check: "schema",
      ok: false,
      exit: 1,
      message: `${e.message} in ${rel(project.config.schema)} (each is printed above with its file:line:col)`,
      ...(e.hint ? { hint: e.hint } : {}),
    });
  }

  let migrations: Migration[] | undefined;
  try {
    migrations = await loadMigrations(project, ctx.cwd);
    results.push({
      check: "migrations",
      ok: true,
      exit: 0,
      message: `migrations folder intact (${rel(project.config.migrations)}, ${migrations.length} migration${migrations.length === 1 ? "" : "s"}, schemavc.sum matches)`,
    });
  } catch (e) {
    if (!(e instanceof SchemavcError)) throw e;
    results.push({
      check: "migrations",
      ok: false,
      exit: 1,
      message: e.message,
      ...(e.hint ? { hint: e.hint } : {}),
    });
  }

  if (schema && migrations) {
    const last = migrations.at(-1);
    const from = last?.snapshot.schema ?? emptySchema();
    const changes = plan(from, schema, renamesFromHints(from, schema), project.dialect).changes;
    const against = last ? `the snapshot of ${last.version}` : "an empty migrations folder";
    if (!changes.length)
      results.push({
        check: "generated",
        ok: true,
        exit: 0,
        message: `no schema change without a migration (${rel(project.config.schema)} = ${against})`,
      });
    else {
      const shown =
        changes
          .slice(0, 10)
          .map((c) => `\n    ${describe(c)}`)
          .join("") + (changes.length > 10 ? `\n    ... and ${changes.length - 10} more` : "");
      results.push({
        check: "generated",
        ok: false,
        exit: 3,
        message: `${rel(project.config.schema)} has ${changes.length} change${changes.length === 1 ? "" : "s"} that no migration records (compared with ${against}):${shown}`,
        hint: 'run `schemavc generate -m "what changed"` and commit the new migration',
      });
    }
  }

  if (migrations) {
    const { which, basis, edited } = await selectForLint(ctx, project, migrations);
    // The sum file says the folder is as committed; only the database knows what it ran. An
    // applied migration edited since (even rehashed) is history rewritten under the database.
    if (edited?.length)
      results.push({
        check: "applied",
        ok: false,
        exit: 1,
        message: `${edited.length === 1 ? `migration ${edited[0]} was` : `migrations ${edited.join(", ")} were`} applied, but ${edited.length === 1 ? "its" : "their"} up.sql changed since (schemavc.sum was rewritten after the edit)`,
        hint: "restore the file as it was applied (git), or write the change as a new migration; `schemavc resolve VERSION --applied` accepts the file as what the database has",
      });
    findings = lintMigrations(project.dialect, migrations, which, rel);
    const fails = failing(findings, flag(ctx, "strict"));
    const files = [...new Set(fails.map((f) => f.file))];
    results.push(
      fails.length
        ? {
            check: "lint",
            ok: false,
            exit: 3,
            message: `${fails.length} finding${fails.length === 1 ? "" : "s"} not accepted in ${files.join(", ")} — ${summary(findings, which.length, basis)}`,
            hint: "make the migration safe, or put `-- schemavc:allow RULE` above the statement (then `schemavc rehash`)",
          }
        : { check: "lint", ok: true, exit: 0, message: summary(findings, which.length, basis) },
    );
  }

  const exit = results.some((r) => r.exit === 1) ? 1 : results.some((r) => r.exit === 3) ? 3 : 0;
  ctx.report.json({ ok: exit === 0, checks: results.map(({ exit: _e, ...r }) => r), findings });
  printFindings(
    ctx.report,
    findings.filter((f) => !f.silenced),
  );
  for (const r of results) {
    if (r.ok) ctx.report.note(`${ctx.report.paint("ok", "32")}    ${r.message}`);
    else ctx.report.error(`${r.check}: ${r.message}`, r.hint);
  }
  if (exit === 0) ctx.report.note("check passed");
  else
    ctx.report.line(
      `check failed (${results
        .filter((r) => !r.ok)
        .map((r) => r.check)
        .join(", ")})`,
    );
  return exit;
}
