/**
 * `schemavc lint`: findings for the pending migrations (see lint-selection.ts): data loss,
 * table rewrites, long locks and breaks for running code, per dialect; each with the file and
 * line, why, the safer way and the directive that accepts it. Exit 3 when a data-loss or
 * error finding is not accepted (warnings too with `--strict`).
 */
import { relative, resolve } from "node:path";
import { flag, type Context } from "./context.ts";
import { loadMigrations, openProject } from "./project.ts";
import { selectForLint } from "./lint-selection.ts";
import { failing, formatFinding, lintMigrations } from "../lint/migrations.ts";
import { fixFor, RULES, type Severity } from "../lint/rules.ts";
import type { Finding } from "../lint/lint.ts";
import type { Reporter } from "./report.ts";
import { withSpinner } from "./spinner.ts";

export async function run(ctx: Context): Promise<number> {
  if (flag(ctx, "rules")) return listRules(ctx);
  const project = await openProject(ctx);
  await schemaWarnings(ctx, project);
  const migrations = await withSpinner(ctx, "reading the migrations", () => loadMigrations(project, ctx.cwd));
  const { which, basis } = await selectForLint(ctx, project, migrations);
  const findings = lintMigrations(project.dialect, migrations, which, (p) => relative(ctx.cwd, p) || p);
  const fails = failing(findings, flag(ctx, "strict"));
  ctx.report.json({ linted: which.map((m) => m.version), basis, findings, failed: fails.length > 0 });
  printFindings(ctx.report, findings);
  ctx.report.line(summary(findings, which.length, basis));
  return fails.length ? 3 : 0;
}

/**
 * The schema's warnings (what the database accepts but is odd: a foreign key from `int` to
 * `bigint`, a name used in two tables), printed with file:line:col and a hint, as `generate`
 * and `check` print them. Lint judges the migrations: the schema's errors are `check`'s, and a
 * schema that is missing or does not load is not lint's concern.
 */
async function schemaWarnings(ctx: Context, project: Awaited<ReturnType<typeof openProject>>): Promise<void> {
  const { loadSchemaPath } = await import("../dsl/load.ts");
  const loaded = await loadSchemaPath(resolve(ctx.cwd, project.config.schema), ctx.cwd).catch(
    () => undefined,
  );
  if (!loaded || loaded.diagnostics.some((d) => d.severity === "error")) return;
  const all = [...loaded.diagnostics, ...project.dialect.validate(loaded.schema)];
  ctx.report.diagnostics(
    all.filter((d) => d.severity === "warning"),
    loaded.sources,
  );
}

export function printFindings(report: Reporter, findings: readonly Finding[]): void {
  const colour: Record<Severity, string> = { "data-loss": "31", error: "31", warning: "33" };
  for (const f of findings) report.line(`${formatFinding(f, (s, sev) => report.paint(s, colour[sev]))}\n`);
}

export function summary(findings: readonly Finding[], migrations: number, basis: string): string {
  const open = findings.filter((f) => !f.silenced);
  const count = (s: Severity) => open.filter((f) => f.severity === s).length;
  const parts = [
    `${count("data-loss")} data loss`,
    `${count("error")} error${count("error") === 1 ? "" : "s"}`,
    `${count("warning")} warning${count("warning") === 1 ? "" : "s"}`,
  ];
  const accepted = findings.length - open.length;
  return `linted ${migrations} migration${migrations === 1 ? "" : "s"} (${basis}): ${parts.join(", ")}${accepted ? `, ${accepted} accepted by directives` : ""}`;
}

function listRules(ctx: Context): number {
  ctx.report.json({ rules: RULES });
  for (const r of RULES) {
    ctx.report.line(`${r.id}  (${r.severity}; ${r.dialects.join(", ")})`);
    ctx.report.line(`  why: ${r.why}`);
    // One line per distinct advice; a dialect with its own says so.
    const fixes = new Map<string, string[]>();
    for (const d of r.dialects) fixes.set(fixFor(r, d), [...(fixes.get(fixFor(r, d)) ?? []), d]);
    for (const [fix, ds] of fixes)
      ctx.report.line(`  safer${fixes.size > 1 ? ` (${ds.join(", ")})` : ""}: ${fix}`);
    ctx.report.line();
  }
  return 0;
}
