/**
 * Lint over migrations of the folder: each one's up.sql between the snapshot before it (the
 * previous migration's; empty for the first) and its own. Shared by `lint`, `check`, `generate`
 * and the runner's data-loss guard (`dataLossGuard`, passed to the Runner).
 */
import { join } from "node:path";
import type { Dialect } from "../dialects/dialect.ts";
import { emptySchema } from "../ir/model.ts";
import type { Migration } from "../migrate/dir.ts";
import type { PendingGuard } from "../migrate/runner.ts";
import { lintMigration, type Finding } from "./lint.ts";
import { RULE_BY_ID, type Severity } from "./rules.ts";

/**
 * @param all every migration of the folder, in order (for the snapshot before each one)
 * @param which the ones to lint
 * @param display how a path is shown (relative to the working folder)
 */
export function lintMigrations(
  dialect: Dialect,
  all: readonly Migration[],
  which: readonly Migration[],
  display: (path: string) => string = (p) => p,
): Finding[] {
  const index = new Map(all.map((m, i) => [m.version, i]));
  return which.flatMap((m) => {
    const i = index.get(m.version) ?? -1;
    const prev = i > 0 ? all[i - 1] : undefined;
    return lintMigration({
      dialect: dialect.name,
      file: display(join(m.dir, "up.sql")),
      sql: m.up,
      backslashEscapes: dialect.capabilities.backslashEscapes,
      transactionalDdl: dialect.capabilities.transactionalDdl,
      before: () => prev?.snapshot.schema ?? emptySchema(),
      after: () => m.snapshot.schema,
    });
  });
}

/** Findings that make `lint`/`check` fail: unsilenced data loss and errors (and warnings when strict). */
export function failing(findings: readonly Finding[], strict: boolean): Finding[] {
  const fails: Severity[] = strict ? ["data-loss", "error", "warning"] : ["data-loss", "error"];
  return findings.filter((f) => !f.silenced && fails.includes(f.severity));
}

/** Unsilenced data-loss findings: what `up` refuses without `--allow-data-loss`. */
export function unacceptedDataLoss(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !f.silenced && f.severity === "data-loss");
}

/** One finding as text: `file:line: severity rule: message`, then why, the safe way, the directive. */
export function formatFinding(
  f: Finding,
  paint: (s: string, severity: Severity) => string = (s) => s,
): string {
  const head = `${f.file}:${f.line}: ${paint(f.severity, f.severity)} ${f.rule}: ${f.message}${f.silenced ? " (allowed by a directive)" : ""}`;
  if (f.silenced) return head;
  const lines = [head, `    ${f.statement}`, `  why: ${f.why}`];
  if (f.fix) lines.push(`  safer: ${f.fix}`);
  if (RULE_BY_ID.get(f.rule)?.id !== "unknown-rule")
    lines.push(`  to accept it: put \`-- schemavc:allow ${f.rule}\` on the line above the statement`);
  return lines.join("\n");
}

/**
 * The data-loss guard of `up`: before anything runs, every migration about to be applied is
 * linted, and one with a data-loss finding that no `-- schemavc:allow RULE` directive accepts is
 * refused, naming the statement and the directive that would accept it.
 */
export function dataLossGuard(dialect: Dialect): PendingGuard {
  return (all, todo) => {
    const loss = unacceptedDataLoss(lintMigrations(dialect, all, todo));
    if (!loss.length) return undefined;
    const versions = [...new Set(loss.map((f) => f.file.split(/[\\/]/).at(-2)))];
    return {
      message: `${versions.length === 1 ? `migration ${versions[0]} loses` : `migrations ${versions.join(", ")} lose`} data; nothing was applied:\n${loss.map((f) => formatFinding(f).replace(/^/gm, "  ")).join("\n")}`,
      hint: "if that is intended, put the `-- schemavc:allow RULE` line above each statement and run `schemavc rehash`, or run `schemavc up --allow-data-loss`",
    };
  };
}
