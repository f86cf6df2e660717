/**
 * The lint rules: each has an id (what a `-- schemavc:allow ID` directive names), a severity,
 * the dialects it applies to, a one-line why, and the safe alternative per dialect.
 *
 * Severities: `data-loss` (rows or values are destroyed: `up` refuses the migration unless the
 * statement carries the directive or `--allow-data-loss` is given; `lint` and `check` fail),
 * `error` (the migration will fail as written: `lint` and `check` fail), `warning` (a table
 * rewrite, a long lock, a break for running code: reported; `--strict` makes them fail too).
 */
import type { DialectName } from "../dialects/dialect.ts";

export type Severity = "data-loss" | "error" | "warning";

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  readonly dialects: readonly DialectName[];
  /** Why it matters, one line. */
  readonly why: string;
  /** The safe way to get the same result, per dialect (`default` for the others). */
  readonly fix: Partial<Record<DialectName | "default", string>>;
}

const ALL: readonly DialectName[] = ["postgres", "mysql", "sqlite"];

export const RULES = [
  {
    id: "drop-view-in-use",
    severity: "error",
    dialects: ["postgres"],
    why: 'PostgreSQL refuses to drop a view another view reads ("other objects depend on it"): the migration fails there',
    fix: {
      default: "drop the views that read it first (in the same migration), then create them again after",
    },
  },
  {
    id: "view-reader-broken",
    severity: "warning",
    dialects: ["mysql", "sqlite"],
    why: "the database drops the view and leaves the views that read it in place: every query of them fails from then on",
    fix: { default: "drop the views that read it first, and create them again after (or drop them too)" },
  },
  {
    id: "drop-function-in-use",
    severity: "error",
    dialects: ["postgres"],
    why: 'PostgreSQL refuses to drop a function that a view or trigger uses ("other objects depend on it"): the migration fails there',
    fix: {
      default:
        "drop the views and triggers that use it first (in the same migration), then create them again after the new function",
    },
  },
  {
    id: "function-signature-replaced",
    severity: "warning",
    dialects: ["postgres"],
    why: "a function created with another argument list is a new overload: PostgreSQL keeps the old one, and callers may still reach it",
    fix: {
      default:
        "DROP FUNCTION the old signature first (with the views and triggers that use it), then create the new one",
    },
  },
  {
    id: "drop-table",
    severity: "data-loss",
    dialects: ALL,
    why: "every row of the table is deleted, and the down migration can only recreate it empty",
    fix: {
      default: "stop using the table first, back it up (or rename it aside) and drop it in a later migration",
    },
  },
  {
    id: "drop-partition",
    severity: "data-loss",
    dialects: ["mysql"],
    why: "every row of the partition is deleted with it, and the down migration can only add the partition back empty",
    fix: {
      mysql:
        "copy the partition's rows out first (ALTER TABLE ... EXCHANGE PARTITION p WITH TABLE an empty copy), then drop it",
    },
  },
  {
    id: "drop-attribute",
    severity: "data-loss",
    dialects: ["postgres"],
    why: "the attribute's values are deleted from every column of the composite type, and the down migration can only add it back empty",
    fix: {
      postgres:
        "copy the values out first (UPDATE ... SET kept_column = (col).attribute), or add the new attribute and stop using the old one before dropping it",
    },
  },
  {
    id: "detach-partition",
    severity: "warning",
    dialects: ["postgres"],
    why: "the partition's rows leave the partitioned table: its queries and foreign keys no longer see them (the rows stay, in a table of their own)",
    fix: {
      postgres:
        "make sure nothing reads those rows through the partitioned table; `DETACH PARTITION ... CONCURRENTLY` (outside a transaction) keeps the parent readable meanwhile",
    },
  },
  {
    id: "drop-column",
    severity: "data-loss",
    dialects: ALL,
    why: "the column's values are deleted, and the down migration can only add it back empty",
    fix: {
      default:
        "stop reading and writing the column first, then drop it in a later release; copy the values elsewhere if they may be needed",
    },
  },
  {
    id: "narrow-type",
    severity: "data-loss",
    dialects: ALL,
    why: "values that do not fit the new type are cut or make the migration fail half-way",
    fix: {
      default:
        "check the longest/largest value first (SELECT max(length(col)) ...), or add a new column of the new type, copy and verify, then switch",
    },
  },
  {
    id: "enum-value-removed",
    severity: "data-loss",
    dialects: ALL,
    why: "rows that hold the removed value make the migration fail, or (MySQL without strict mode) become ''",
    fix: {
      default:
        "UPDATE the rows that hold the value to another one in the same migration, before the statement, and allow the rule",
    },
  },
  {
    id: "not-null-without-default",
    severity: "warning",
    dialects: ALL,
    why: "existing rows holding NULL (or every existing row, for a new column) make the statement fail; PostgreSQL also scans the whole table under an exclusive lock",
    fix: {
      postgres:
        "give the column a default, or UPDATE the NULLs in the same migration before the statement; on a large table add `CHECK (col IS NOT NULL) NOT VALID`, VALIDATE it, then SET NOT NULL",
      default: "give the column a default, or UPDATE the NULLs in the same migration before the statement",
    },
  },
  {
    id: "volatile-default",
    severity: "warning",
    dialects: ["postgres"],
    why: "a column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), an identity or serial) rewrites the whole table under an exclusive lock",
    fix: {
      postgres:
        "add the column without a default, set the default afterwards (it applies to new rows), and backfill existing rows in batches",
    },
  },
  {
    id: "index-not-concurrent",
    severity: "warning",
    dialects: ["postgres"],
    why: "CREATE INDEX blocks every write to the table until the index is built",
    fix: {
      postgres:
        "CREATE INDEX CONCURRENTLY, in a migration of its own that begins with `-- schemavc:no-transaction`",
    },
  },
  {
    id: "concurrently-in-transaction",
    severity: "error",
    dialects: ["postgres"],
    why: "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction, and the migration runs in one",
    fix: {
      postgres:
        "begin the migration's up.sql with `-- schemavc:no-transaction` (and keep that migration to the index alone)",
    },
  },
  {
    id: "constraint-not-valid",
    severity: "warning",
    dialects: ["postgres"],
    why: "adding a foreign key or check validates every existing row while holding a lock that blocks writes",
    fix: {
      postgres:
        "ADD CONSTRAINT ... NOT VALID (instant), then ALTER TABLE ... VALIDATE CONSTRAINT in a later migration (it does not block writes)",
    },
  },
  {
    id: "type-rewrite",
    severity: "warning",
    dialects: ["postgres"],
    why: "this type change rewrites the whole table and its indexes under an exclusive lock",
    fix: {
      postgres:
        "add a column of the new type, backfill it in batches, then switch reads and writes and drop the old one",
    },
  },
  {
    id: "mysql-table-copy",
    severity: "warning",
    dialects: ["mysql"],
    why: "MySQL/MariaDB copies the whole table for this change (ALGORITHM=COPY): writes are blocked for as long as the copy takes",
    fix: {
      mysql:
        "for a large table use an online schema change tool (pt-online-schema-change, gh-ost), or add a new column, backfill it and switch",
    },
  },
  {
    id: "sqlite-rebuild",
    severity: "warning",
    dialects: ["sqlite"],
    why: "SQLite cannot alter this in place: the table is rebuilt (copied row by row) while the database is locked",
    fix: {
      sqlite:
        "fine for small tables; for a large one, schedule it, or prefer changes SQLite does in place (ADD COLUMN, RENAME)",
    },
  },
  {
    id: "rename-column",
    severity: "warning",
    dialects: ALL,
    why: "code that is still running reads and writes the old name and fails from the moment the migration commits",
    fix: {
      default:
        "expand and contract: add the new column, write both, backfill, switch reads, then drop the old one; or deploy the code that uses the new name together with the migration",
    },
  },
  {
    id: "rename-table",
    severity: "warning",
    dialects: ALL,
    why: "code that is still running queries the old name and fails from the moment the migration commits",
    fix: {
      default:
        "deploy the code that uses the new name together with the migration, or leave a view under the old name for the transition",
      postgres:
        "deploy the code together with the migration, or `CREATE VIEW old AS SELECT * FROM new` for the transition (simple views are updatable)",
    },
  },
  {
    id: "mysql-text-unique",
    severity: "warning",
    dialects: ["mysql"],
    why: "a unique index on a text/blob column uses a prefix: only the first characters are compared, so distinct values that share them are rejected",
    fix: {
      mysql:
        "make the column `varchar(n)` and index it whole, or index a hash of it (a generated column with `unique`)",
    },
  },
  {
    id: "unknown-rule",
    severity: "error",
    dialects: ALL,
    why: "a `-- schemavc:allow` directive names no rule, so it silences nothing",
    fix: { default: "use one of the ids that `schemavc lint --rules` lists" },
  },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]["id"];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function fixFor(rule: Rule, dialect: DialectName): string {
  return rule.fix[dialect] ?? rule.fix.default ?? "";
}
