/**
 * The history table `schemavc_migrations` (cli-contract.md, "Database state"): one row per
 * applied or failed migration with its checksum, the up and down SQL as applied, status, the
 * failed statement's number, applied time and duration. Defined once in the IR and created
 * through the dialect's own renderer, so it is the same table everywhere.
 */
import type { Connection, Dialect, Executor } from "../dialects/dialect.ts";
import type { Table } from "../ir/model.ts";
import { hashText } from "./sum.ts";

export const HISTORY_TABLE = "schemavc_migrations";

/**
 * Tables schemavc itself keeps in a database (the history; on Galera the lock row's table):
 * never part of the user's schema, so introspection leaves them out.
 */
export const OWN_TABLES: readonly string[] = [HISTORY_TABLE, "schemavc_lock"];

const text = (name: string, nullable = false) => ({
  name,
  type: { kind: "portable", name: "text" } as const,
  nullable,
  identity: false,
});
export const historyTable: Table = {
  name: HISTORY_TABLE,
  columns: [
    {
      name: "version",
      type: { kind: "portable", name: "varchar", args: [255] },
      nullable: false,
      identity: false,
    },
    text("name"),
    {
      name: "checksum",
      type: { kind: "portable", name: "varchar", args: [100] },
      nullable: false,
      identity: false,
    },
    text("up_sql"),
    text("down_sql"),
    {
      name: "status",
      type: { kind: "portable", name: "varchar", args: [16] },
      nullable: false,
      identity: false,
    },
    { name: "failed_statement", type: { kind: "portable", name: "int" }, nullable: true, identity: false },
    text("error", true),
    {
      name: "applied_at",
      type: { kind: "portable", name: "varchar", args: [40] },
      nullable: false,
      identity: false,
    },
    { name: "duration_ms", type: { kind: "portable", name: "int" }, nullable: false, identity: false },
  ],
  primaryKey: { name: `${HISTORY_TABLE}_pkey`, columns: ["version"] },
  uniques: [],
  indexes: [],
  foreignKeys: [],
  checks: [],
};

export interface HistoryRow {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly up_sql: string;
  readonly down_sql: string;
  readonly status: "applied" | "failed";
  readonly failed_statement: number | null;
  readonly error: string | null;
  readonly applied_at: string;
  readonly duration_ms: number;
}

/** The checksum recorded for a migration: of its up.sql, the text that runs. */
export const checksumOf = (up: string) => hashText(up);

/** Creates the history table when it is missing (IF NOT EXISTS: all three dialects accept it). */
export async function ensureHistory(ex: Executor, dialect: Dialect): Promise<void> {
  const [create] = dialect.render([{ kind: "create-table", table: historyTable }], {
    from: { tables: [], enums: [] },
    to: { tables: [historyTable], enums: [] },
  });
  await ex.exec(create!.sql.replace(/^CREATE TABLE /, "CREATE TABLE IF NOT EXISTS "));
}

export async function readHistory(ex: Executor, dialect: Dialect): Promise<HistoryRow[]> {
  const q = dialect.quoteIdent;
  const rows = await ex.query<Record<string, unknown>>(
    `SELECT * FROM ${q(HISTORY_TABLE)} ORDER BY ${q("version")}`,
  );
  return rows.map((r) => ({
    version: String(r["version"]),
    name: String(r["name"]),
    checksum: String(r["checksum"]),
    up_sql: String(r["up_sql"]),
    down_sql: String(r["down_sql"]),
    status: String(r["status"]) === "applied" ? "applied" : "failed",
    failed_statement:
      r["failed_statement"] === null || r["failed_statement"] === undefined
        ? null
        : Number(r["failed_statement"]),
    error: r["error"] === null || r["error"] === undefined ? null : String(r["error"]),
    applied_at: String(r["applied_at"]),
    duration_ms: Number(r["duration_ms"]),
  }));
}

export async function insertHistory(ex: Executor, dialect: Dialect, row: HistoryRow): Promise<void> {
  const q = dialect.quoteIdent;
  const cols = historyTable.columns.map((c) => c.name);
  await ex.query(
    `INSERT INTO ${q(HISTORY_TABLE)} (${cols.map(q).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
    cols.map((c) => row[c as keyof HistoryRow]),
  );
}

export async function updateHistory(
  ex: Executor,
  dialect: Dialect,
  version: string,
  set: Partial<HistoryRow>,
): Promise<void> {
  const q = dialect.quoteIdent;
  const keys = Object.keys(set) as (keyof HistoryRow)[];
  await ex.query(
    `UPDATE ${q(HISTORY_TABLE)} SET ${keys.map((k) => `${q(k)} = ?`).join(", ")} WHERE ${q("version")} = ?`,
    [...keys.map((k) => set[k]), version],
  );
}

export async function deleteHistory(ex: Executor, dialect: Dialect, version: string): Promise<void> {
  const q = dialect.quoteIdent;
  await ex.query(`DELETE FROM ${q(HISTORY_TABLE)} WHERE ${q("version")} = ?`, [version]);
}

export const nowText = () => new Date().toISOString();

export type { Connection };
