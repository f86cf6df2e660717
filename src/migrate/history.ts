/**
 * The history table `schemavc_migrations` (cli-contract.md, "Database state"): one row per
 * applied or failed migration with its checksum, the up and down SQL as applied, status, the
 * failed statement's number, applied time and duration. Defined once in the IR and created
 * through the dialect's own renderer, so it is the same table everywhere.
 */
import type { Connection, Dialect, Executor } from "../dialects/dialect.ts";
import type { Table } from "../ir/model.ts";
import { hashText } from "./sum.ts";
import { isMissingTable } from "../dialects/errors.ts";

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

/**
 * `duration_ms` of a row written by `stamp`: the migration was recorded as applied without
 * running (an adopted database), which no real run can take (a run of 0 ms records 0).
 */
export const STAMPED_MS = -1;

/** The row was written by `stamp`, not by running the migration. */
export const isStamped = (h: Pick<HistoryRow, "duration_ms">): boolean =>
  Number(h.duration_ms) === STAMPED_MS;

/** The checksum recorded for a migration: of its up.sql, the text that runs. */
export const checksumOf = (up: string) => hashText(up);

/**
 * Where the runner keeps the history (Atlas's `RevisionReadWriter`): the table in the
 * database, or rows in memory for the runner's unit tests. Each call names the executor it
 * runs on, the connection or the migration's transaction, so a row is written in the same
 * transaction as the migration it records.
 */
export interface HistoryStore {
  /** Creates the history when it is missing. */
  ensure(ex: Executor): Promise<void>;
  /** Whether the history exists (read-only commands never create it). */
  exists(ex: Executor): Promise<boolean>;
  /** Every row, in version order. */
  read(ex: Executor): Promise<HistoryRow[]>;
  /**
   * Every row, or undefined when the history does not exist: `exists` and `read` in one call
   * where the store can (the table: one query instead of two). Optional: else both are called.
   */
  readExisting?(ex: Executor): Promise<HistoryRow[] | undefined>;
  /** Whether `version` has a row (applied or failed). */
  has(ex: Executor, version: string): Promise<boolean>;
  insert(ex: Executor, row: HistoryRow): Promise<void>;
  update(ex: Executor, version: string, set: Partial<HistoryRow>): Promise<void>;
  delete(ex: Executor, version: string): Promise<void>;
}

/** The history table's CREATE TABLE IF NOT EXISTS (all three dialects accept it), in the dialect's SQL. */
export function createHistorySql(dialect: Dialect): string {
  const [create] = dialect.render([{ kind: "create-table", table: historyTable }], {
    from: { tables: [], enums: [] },
    to: { tables: [historyTable], enums: [] },
  });
  return create!.sql.replace(/^CREATE TABLE /, "CREATE TABLE IF NOT EXISTS ");
}

/** One statement on the history table, with its `?` parameters. */
export interface HistoryStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The history table `schemavc_migrations` in the database, in the dialect's SQL. */
export class DatabaseHistory implements HistoryStore {
  constructor(readonly dialect: Dialect) {}

  async ensure(ex: Executor): Promise<void> {
    await ex.exec(createHistorySql(this.dialect));
  }

  /**
   * A SELECT that reads no row: every dialect answers it, and fails only when the table is
   * missing (its message, `Capabilities.missingTable`) or unreadable (rethrown).
   */
  async exists(ex: Executor): Promise<boolean> {
    try {
      await ex.query(`SELECT 1 AS x FROM ${this.dialect.quoteIdent(HISTORY_TABLE)} WHERE 1 = 0`);
      return true;
    } catch (e) {
      if (this.dialect.capabilities.missingTable.test(String((e as Error)?.message ?? e))) return false;
      throw e;
    }
  }

  /** `read`, failing as `exists` does when the table is missing: then undefined. */
  async readExisting(ex: Executor): Promise<HistoryRow[] | undefined> {
    try {
      return await this.read(ex);
    } catch (e) {
      if (this.dialect.capabilities.missingTable.test(String((e as Error)?.message ?? e))) return undefined;
      throw e;
    }
  }

  async read(ex: Executor): Promise<HistoryRow[]> {
    const q = this.dialect.quoteIdent;
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

  /**
   * Every row, or undefined when the database has no history table: for readers that must not
   * create one (`generate --amend` asking whether a migration was applied).
   */
  async readIfPresent(ex: Executor): Promise<HistoryRow[] | undefined> {
    try {
      return await this.read(ex);
    } catch (e) {
      if (isMissingTable(e)) return undefined;
      throw e;
    }
  }

  async has(ex: Executor, version: string): Promise<boolean> {
    const q = this.dialect.quoteIdent;
    return (
      (await ex.query(`SELECT 1 AS x FROM ${q(HISTORY_TABLE)} WHERE ${q("version")} = ?`, [version])).length >
      0
    );
  }

  async insert(ex: Executor, row: HistoryRow): Promise<void> {
    const { sql, params } = this.insertStatement(row);
    await ex.query(sql, params);
  }

  async update(ex: Executor, version: string, set: Partial<HistoryRow>): Promise<void> {
    const { sql, params } = this.updateStatement(version, set);
    await ex.query(sql, params);
  }

  /** The INSERT of `insert`, with its parameters (the runner sends it with a statement: `Connection.execAfter`). */
  insertStatement(row: HistoryRow): HistoryStatement {
    const q = this.dialect.quoteIdent;
    const cols = historyTable.columns.map((c) => c.name);
    return {
      sql: `INSERT INTO ${q(HISTORY_TABLE)} (${cols.map(q).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      params: cols.map((c) => row[c as keyof HistoryRow]),
    };
  }

  /** The UPDATE of `update`, with its parameters. */
  updateStatement(version: string, set: Partial<HistoryRow>): HistoryStatement {
    const q = this.dialect.quoteIdent;
    const keys = Object.keys(set) as (keyof HistoryRow)[];
    return {
      sql: `UPDATE ${q(HISTORY_TABLE)} SET ${keys.map((k) => `${q(k)} = ?`).join(", ")} WHERE ${q("version")} = ?`,
      params: [...keys.map((k) => set[k]), version],
    };
  }

  async delete(ex: Executor, version: string): Promise<void> {
    const q = this.dialect.quoteIdent;
    await ex.query(`DELETE FROM ${q(HISTORY_TABLE)} WHERE ${q("version")} = ?`, [version]);
  }
}

/**
 * The history in memory, for tests: rows by version, whatever executor is named. It does not
 * take part in transactions (the runner writes a transactional migration's row last, after
 * everything that can fail); `created` says whether `ensure` ran.
 */
export class MemHistory implements HistoryStore {
  readonly rows = new Map<string, HistoryRow>();
  created = false;

  constructor(rows: readonly HistoryRow[] = []) {
    for (const r of rows) this.rows.set(r.version, r);
  }

  async ensure(): Promise<void> {
    this.created = true;
  }

  async exists(): Promise<boolean> {
    return this.created || this.rows.size > 0;
  }

  async read(): Promise<HistoryRow[]> {
    return [...this.rows.values()].sort((a, b) =>
      a.version < b.version ? -1 : a.version > b.version ? 1 : 0,
    );
  }

  async has(_ex: Executor, version: string): Promise<boolean> {
    return this.rows.has(version);
  }

  async insert(_ex: Executor, row: HistoryRow): Promise<void> {
    if (this.rows.has(row.version)) throw new Error(`duplicate key: ${row.version}`);
    this.rows.set(row.version, { ...row });
  }

  async update(_ex: Executor, version: string, set: Partial<HistoryRow>): Promise<void> {
    const r = this.rows.get(version);
    if (r) this.rows.set(version, { ...r, ...set });
  }

  async delete(_ex: Executor, version: string): Promise<void> {
    this.rows.delete(version);
  }
}

export const nowText = () => new Date().toISOString();

export type { Connection };
