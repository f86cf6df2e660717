/**
 * Lint over migrations of the folder: each one's up.sql between the snapshot before it (the
 * previous migration's; empty for the first) and its own. Shared by `lint`, `check`, `generate`
 * and the runner's data-loss guard (`dataLossGuard`, passed to the Runner).
 */
import { join } from "node:path";
import type { Dialect, Executor } from "../dialects/dialect.ts";
import { emptySchema } from "../ir/model.ts";
import type { Migration } from "../migrate/dir.ts";
import type { PendingGuard, Rollback, RollbackGuard } from "../migrate/runner.ts";
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
      qualifiedNames: dialect.capabilities.namespaces === true,
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

/** Rows counted at most, so that counting stays cheap on a large table ("more than 1,000,000"). */
const COUNT_LIMIT = 1_000_000;

/** The rows of `table` (up to COUNT_LIMIT + 1), or undefined when they cannot be counted. */
async function rowCount(dialect: Dialect, ex: Executor, table: string): Promise<number | undefined> {
  try {
    // The inner LIMIT stops the scan early: `down` asks before a rollback, it does not audit.
    const [r] = await ex.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM (SELECT 1 AS one FROM ${dialect.quoteIdent(table)} LIMIT ${COUNT_LIMIT + 1}) counted`,
    );
    return r ? Number(r.n) : undefined;
  } catch {
    return undefined;
  }
}

const rowsText = (n: number | undefined) =>
  n === undefined
    ? ""
    : n > COUNT_LIMIT
      ? ` (more than ${COUNT_LIMIT.toLocaleString("en")} rows)`
      : ` (${n.toLocaleString("en")} row${n === 1 ? "" : "s"})`;

/**
 * The data-loss guard of `down`: the down SQL of every migration about to be rolled back is
 * linted (between its own snapshot and the one before it), and what it destroys is listed with
 * the rows there now. The baseline of an adopted database (a stamped migration whose rollback
 * drops tables) is marked `baseline`: its tables were never created by schemavc.
 */
export function rollbackGuard(dialect: Dialect, display: (path: string) => string = (p) => p): RollbackGuard {
  return async (ex, all, todo) => {
    const index = new Map(all.map((m, i) => [m.version, i]));
    const losses: { rollback: Rollback; findings: Finding[] }[] = [];
    for (const r of todo) {
      const i = index.get(r.version);
      const m = i === undefined ? undefined : all[i];
      const prev = i !== undefined && i > 0 ? all[i - 1] : undefined;
      const findings = unacceptedDataLoss(
        lintMigration({
          dialect: dialect.name,
          file: display(join(r.dir ?? r.version, "down.sql")),
          sql: r.down,
          backslashEscapes: dialect.capabilities.backslashEscapes,
          qualifiedNames: dialect.capabilities.namespaces === true,
          transactionalDdl: dialect.capabilities.transactionalDdl,
          // Rolling back goes from the migration's snapshot to the one before it.
          before: () => m?.snapshot.schema ?? emptySchema(),
          after: () => (m ? (prev?.snapshot.schema ?? emptySchema()) : emptySchema()),
        }),
      );
      if (findings.length) losses.push({ rollback: r, findings });
    }
    if (!losses.length) return undefined;
    const counts = new Map<string, number | undefined>();
    for (const { findings } of losses)
      for (const f of findings)
        if (f.table !== undefined && !counts.has(f.table))
          counts.set(f.table, await rowCount(dialect, ex, f.table));
    const baselines = losses.filter(
      (l) => l.rollback.stamped && l.findings.some((f) => f.rule === "drop-table"),
    );
    const lines = losses.flatMap(({ findings }) =>
      findings.map((f) =>
        formatFinding({
          ...f,
          message: `${f.message}${f.table !== undefined ? rowsText(counts.get(f.table)) : ""}`,
        }).replace(/^/gm, "  "),
      ),
    );
    const versions = losses.map((l) => l.rollback.version);
    if (baselines.length) {
      const b = baselines[0]!;
      const tables = b.findings
        .filter((f) => f.rule === "drop-table" && f.table !== undefined)
        .map((f) => f.table!);
      return {
        baseline: true,
        message: `migration ${b.rollback.version} is the baseline of an adopted database (recorded by \`stamp\`, never run here): rolling it back would drop the adopted database's tables (${tables.map((t) => `${t}${rowsText(counts.get(t))}`).join(", ")}); nothing was rolled back:\n${lines.join("\n")}`,
        hint: "if you really mean to drop the database's tables, run `schemavc down` again with --allow-data-loss (a `y` at a terminal is not enough for a baseline)",
      };
    }
    return {
      baseline: false,
      message: `rolling back ${versions.length === 1 ? `migration ${versions[0]} loses` : `migrations ${versions.join(", ")} lose`} data; nothing was rolled back:\n${lines.join("\n")}`,
      hint: "run it at a terminal and answer y, or pass --allow-data-loss; `schemavc down --dry-run` prints the SQL",
    };
  };
}
