/**
 * The offline script of `up --sql` / `down --sql` (Alembic's `upgrade --sql`): what the runner
 * would run, as one SQL text a DBA runs with the database's own client, no connection needed.
 * From base it starts with the history table's DDL; each migration is its statements and the
 * history row the runner writes for it, in one transaction where the runner uses one (the
 * dialect's transactional DDL, no `-- schemavc:no-transaction`), else with the runner's
 * progress rows around each statement. The applied time is the database's clock when the
 * script runs; the duration, unknown offline, is 0.
 */
import type { Dialect } from "../dialects/dialect.ts";
import { quoteString, quoteStringMysql } from "../dialects/common/sql.ts";
import type { Migration } from "./dir.ts";
import { createHistorySql, HISTORY_TABLE, historyTable, type HistoryRow } from "./history.ts";
import { historyRow } from "./runner.ts";
import { splitSql } from "./split.ts";

export interface OfflineOptions {
  readonly direction: "up" | "down";
  /** The migrations to write, in the order they run (down: newest first). */
  readonly migrations: readonly Migration[];
  /** Up from base: the history table is created first. */
  readonly fromBase: boolean;
}

export function offlineScript(dialect: Dialect, opts: OfflineOptions): string {
  const q = dialect.quoteIdent;
  const caps = dialect.capabilities;
  const lit = (v: string | number | null) =>
    v === null
      ? "NULL"
      : typeof v === "number"
        ? String(v)
        : caps.backslashEscapes
          ? quoteStringMysql(v)
          : quoteString(v);
  const table = q(HISTORY_TABLE);
  const where = (version: string) => `WHERE ${q("version")} = ${lit(version)}`;
  const set = (row: Partial<Record<keyof HistoryRow, string | number | null>>, now = false) =>
    [
      ...Object.entries(row).map(([k, v]) => `${q(k)} = ${lit(v as string | number | null)}`),
      ...(now ? [`${q("applied_at")} = ${caps.offline.nowIso}`] : []),
    ].join(", ");
  const insert = (r: HistoryRow) => {
    const cols = historyTable.columns.map((c) => c.name as keyof HistoryRow);
    const values = cols.map((c) =>
      c === "applied_at" ? caps.offline.nowIso : lit(r[c] as string | number | null),
    );
    return `INSERT INTO ${table} (${cols.map(q).join(", ")}) VALUES (${values.join(", ")})`;
  };
  const out: string[] = [
    `-- schemavc ${opts.direction} --sql (${dialect.name}): ${opts.migrations.length} migration${opts.migrations.length === 1 ? "" : "s"}; run it with the database's own client`,
  ];
  if (opts.direction === "up" && opts.fromBase)
    out.push("", "-- the history table", `${createHistorySql(dialect)};`);
  for (const m of opts.migrations) {
    const text = opts.direction === "up" ? m.up : m.down;
    const { statements, directives } = splitSql(text, caps.backslashEscapes);
    const transactional = caps.transactionalDdl && !directives.has("no-transaction");
    out.push("", `-- ${m.version} (${opts.direction === "up" ? "up.sql" : "down.sql"})`);
    const record =
      opts.direction === "up"
        ? insert(historyRow(m, "applied", 0))
        : `DELETE FROM ${table} ${where(m.version)}`;
    if (transactional) {
      const around = caps.offline.aroundTransaction;
      for (const s of around?.before ?? []) out.push(`${s};`);
      out.push("BEGIN;");
      for (const s of statements) out.push(`${s.sql};`);
      out.push(`${record};`, "COMMIT;");
      for (const s of around?.after ?? []) out.push(`${s};`);
      continue;
    }
    // No transaction: as the runner, a row saying which statement is running, kept up to date,
    // so a script stopped half-way leaves the history telling where.
    if (opts.direction === "up")
      out.push(
        `${insert({ ...historyRow(m, "failed", 0), failed_statement: 1, error: "interrupted before it completed" })};`,
      );
    statements.forEach((s, i) => {
      out.push(`${s.sql};`);
      if (opts.direction === "up" && i + 1 < statements.length)
        out.push(`UPDATE ${table} SET ${set({ failed_statement: i + 2 })} ${where(m.version)};`);
    });
    out.push(
      opts.direction === "up"
        ? `UPDATE ${table} SET ${set({ status: "applied", failed_statement: null, error: null, duration_ms: 0 }, true)} ${where(m.version)};`
        : `${record};`,
    );
  }
  return `${out.join("\n")}\n`;
}
