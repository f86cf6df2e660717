/**
 * What one migration does, told from its files: the changes between the snapshot before it and
 * its own (renames from the `renamed from` hints the snapshots keep), the data each direction
 * loses, and its message. `show` and `history --verbose` print it.
 */
import { plan } from "../diff/plan.ts";
import { renamesFromHints } from "../diff/renames.ts";
import { describe } from "../diff/summary.ts";
import { emptySchema } from "../ir/model.ts";
import { messageOfSqlFile } from "../migrate/message.ts";
import type { Migration } from "../migrate/dir.ts";
import type { Dialect } from "../dialects/dialect.ts";

export interface MigrationSummary {
  readonly version: string;
  readonly parent: string | null;
  readonly message: string;
  /** One line per schema change (none: an empty or data migration). */
  readonly changes: readonly string[];
  readonly upLosses: readonly string[];
  readonly downLosses: readonly string[];
  /** Statements in its up.sql and down.sql beyond what the snapshots explain: hand-written SQL. */
  readonly handWritten: boolean;
}

export function summarize(
  migrations: readonly Migration[],
  m: Migration,
  dialect: Dialect,
): MigrationSummary {
  const i = migrations.indexOf(m);
  const parent = i > 0 ? migrations[i - 1]! : undefined;
  const from = parent?.snapshot.schema ?? emptySchema();
  const to = m.snapshot.schema;
  const p = plan(from, to, renamesFromHints(from, to), dialect);
  const statements = (sql: string) =>
    sql
      .split("\n")
      .filter((l) => l.trim() && !l.trimStart().startsWith("--"))
      .join("\n")
      .trim();
  return {
    version: m.version,
    parent: parent?.version ?? null,
    message: messageOfSqlFile(m.up) ?? m.name.replace(/_/g, " "),
    changes: p.changes.map(describe),
    upLosses: p.upLosses.map((l) => l.message),
    downLosses: p.downLosses.map((l) => l.message),
    handWritten: !p.changes.length && statements(m.up) !== "",
  };
}
