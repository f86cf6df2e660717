/**
 * What a dialect is: a small factory with its capabilities as data. The planner, runner,
 * renderers and validators branch on capabilities, never on a dialect's name; only
 * `src/dialects/` knows the names.
 */
import type { CommentedItem, DatabaseDefaults, Index, Schema, View } from "../ir/model.ts";
import type { Change } from "../diff/changes.ts";
import type { Step } from "../diff/steps.ts";
import type { Diagnostic } from "../ir/diagnostics.ts";
import { SchemavcError } from "../core/errors.ts";
import type { TypeCatalogue } from "./common/type-names.ts";

export type DialectName = "sqlite" | "postgres" | "mysql";
export const DIALECT_NAMES: readonly DialectName[] = ["sqlite", "postgres", "mysql"];

/** A dialect's collations, as data. */
export interface Collations {
  /** The only names there are (SQLite's built-in ones); undefined: whatever the server has. */
  readonly names?: readonly string[];
  /** Names compare ignoring case, written in this case in the normal form; undefined: exact. */
  readonly fold?: "upper" | "lower";
  /**
   * A collation on a portable type that is not text, varchar or char: kept (SQLite), dropped
   * without a word (MySQL/MariaDB: validation warns), or refused (PostgreSQL: an error).
   */
  readonly onOtherTypes: "kept" | "dropped" | "refused";
  /** The database accepts a collation on an enum column. */
  readonly onEnums: boolean;
}

/** Where a database wants a constraint or index name unique: in its table, or in the schema. */
export type NameScope = "table" | "schema";

/**
 * Each kind of name's scope. Names of the kinds scoped "schema" share one namespace (PostgreSQL:
 * indexes, and the unique and primary key constraints that own one, are relations); a name used
 * again in another table is an error there, and a warning where the scope is "table" (legal,
 * but odd). Within one table a name is always used once (the differ tells objects apart by it).
 */
export interface NameScopes {
  readonly index: NameScope;
  readonly unique: NameScope;
  readonly primaryKey: NameScope;
  readonly foreignKey: NameScope;
  readonly check: NameScope;
}

/**
 * What the database accepts of what is legal but odd, as data: validation warns where it is
 * accepted and refuses (an error) only where the database refuses it. Checked on PostgreSQL 15,
 * MariaDB 10.11 and SQLite 3.45.
 */
export interface Accepts {
  /**
   * A foreign key between columns of different types: any pair (SQLite compares no types);
   * "comparable" ones (PostgreSQL needs an equality operator between them: numbers with numbers,
   * strings with strings, dates and timestamps together); "similar" ones (InnoDB: integers of
   * exactly one type, decimals, char and varchar of any length).
   */
  readonly foreignKeyTypes: "any" | "comparable" | "similar";
  /** `on delete/update set null` on a NOT NULL column (InnoDB refuses the table). */
  readonly setNullOnNotNull: boolean;
  /** `default null` on a NOT NULL column (MySQL: "Invalid default value"). */
  readonly nullDefaultOnNotNull: boolean;
  /** A table without columns (PostgreSQL). */
  readonly emptyTables: boolean;
  /**
   * An `identity` column declared without NOT NULL (SQLite: `INTEGER PRIMARY KEY AUTOINCREMENT`
   * is the rowid, NULL-free either way, and the catalog keeps which was written); absent: an
   * identity is NOT NULL there and `?` on one is an error.
   */
  readonly nullableIdentity?: boolean;
}

/** One table option a dialect has (`Capabilities.tableOptions`). */
export interface TableOptionSpec {
  /** As the IR holds it: lower case, words joined by one space (`without rowid`). */
  readonly name: string;
  /** A flag (`strict`) or an option with a value (`engine = InnoDB`). */
  readonly takes: "flag" | "value";
}

export interface Capabilities {
  /** DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite). */
  readonly transactionalDdl: boolean;
  /**
   * For the offline script (`up --sql`): an SQL expression of the database's clock as the
   * runner writes `applied_at` (ISO 8601 UTC with milliseconds, `2026-12-02T05:19:13.045Z`), and
   * the statements its migration guard runs around a transaction (SQLite: foreign keys off).
   */
  readonly offline: {
    readonly nowIso: string;
    readonly aroundTransaction?: { readonly before: readonly string[]; readonly after: readonly string[] };
  };
  /** A foreign key may name a table created later (SQLite checks references only on writes). */
  readonly forwardForeignKeys: boolean;
  /** Tables and columns can carry comments (`///` doc comments become them). */
  readonly comments: boolean;
  /** How enums are expressed: a named type, an inline column type, or a CHECK on text. */
  readonly enums: "type" | "inline" | "check";
  /** An index can have a `where` (otherwise it covers every row, and a unique one is refused). */
  readonly partialIndexes: boolean;
  /** An index can have expression parts (otherwise such an index is not created, and a unique one is refused). */
  readonly expressionIndexes: boolean;
  /**
   * The index access methods the database has built in, for `using`; empty when it has no
   * choice (then `using` is ignored). Validation warns on any other method.
   */
  readonly indexMethods: readonly string[];
  /**
   * The migration lock is the migration's own transaction (SQLite's BEGIN IMMEDIATE), not a
   * session lock held for the whole run: the runner re-checks the history inside it.
   */
  readonly lockIsTransaction: boolean;
  /** Strings treat backslash as an escape (MySQL), which the statement splitter must know. */
  readonly backslashEscapes: boolean;
  /**
   * The database's error message for a table that does not exist: a command that only reads
   * takes a missing history table as "nothing applied" instead of creating it.
   */
  readonly missingTable: RegExp;
  /** What `collate NAME` may say on this dialect (validator) and how names compare (normal form). */
  readonly collations: Collations;
  /** Numeric columns can be `unsigned` (MySQL); elsewhere `unsigned` is refused. */
  readonly unsigned: boolean;
  /**
   * Sequences behind generated keys (PostgreSQL): `serial` columns and `identity(...)` options
   * (`always`, start, increment, ...). Absent: the dialect has neither, and validation refuses them.
   */
  readonly sequences?: boolean;
  /**
   * Sequences as objects of their own (`sequence s (...)`, PostgreSQL's CREATE SEQUENCE).
   * Absent: validation refuses them.
   */
  readonly standaloneSequences?: boolean;
  /** Domains (`domain d text check (...)`, PostgreSQL's CREATE DOMAIN). Absent: validation refuses them. */
  readonly domains?: boolean;
  /** Extensions (`extension citext`, PostgreSQL's CREATE EXTENSION). Absent: validation refuses them. */
  readonly extensions?: boolean;
  /** Composite types (`type t { a int }`, PostgreSQL's CREATE TYPE ... AS). Absent: validation refuses them. */
  readonly compositeTypes?: boolean;
  /**
   * Schemas (namespaces) beside the current one: `schema sales` and qualified names
   * (`sales.orders`), PostgreSQL's CREATE SCHEMA. Absent: validation refuses both.
   */
  readonly namespaces?: boolean;
  /** Where constraint and index names must be unique (validator). */
  readonly nameScopes: NameScopes;
  /** What the database accepts that is legal but odd (validator: warnings, not errors). */
  readonly accepts: Accepts;
  /** A column can be `on update now()` (MySQL's ON UPDATE CURRENT_TIMESTAMP); elsewhere it is refused. */
  readonly onUpdateNow: boolean;
  /** An index entry can have a prefix length (`name(255)`, MySQL); elsewhere it is refused. */
  readonly indexPrefixes: boolean;
  /** The table options (`table t (...) {`) this dialect has; validation refuses any other. */
  readonly tableOptions: readonly TableOptionSpec[];
  /**
   * Column order is part of a table and can be changed (MySQL: `MODIFY ... AFTER`): kept columns
   * in another order are a change, and drift. Absent: order is not compared.
   */
  readonly columnOrder?: boolean;
  /**
   * A table's `partition by` changes in place (MySQL: `ALTER TABLE ... PARTITION BY`, `REMOVE
   * PARTITIONING`). Absent: a new partitioning remakes the table (PostgreSQL has no ALTER for it).
   */
  readonly repartitions?: boolean;
  /**
   * PostgreSQL's constraint clauses: `no inherit` checks, `match full` and `deferrable` foreign
   * keys, `not valid` checks and foreign keys. Absent: validation refuses them (MySQL has none; SQLite's DEFERRABLE is not read yet).
   */
  readonly constraintClauses?: boolean;
  /** Exclusion constraints (PostgreSQL's EXCLUDE); absent: validation refuses them. */
  readonly exclusions?: boolean;
  /**
   * What an index entry may say besides its column and direction: `collate` (PostgreSQL,
   * SQLite), an operator class and `nulls first|last` (PostgreSQL). Absent: none of them.
   */
  readonly indexEntryOptions?: readonly ("collation" | "opclass" | "nulls")[];
  /** An index can have `include (...)`, `nulls not distinct` and `with (...)` (PostgreSQL). */
  readonly indexClauses?: boolean;
  /**
   * The keys, indexes and constraints that keep a comment (a `///` doc comment before one):
   * PostgreSQL's COMMENT ON CONSTRAINT / INDEX on all of them, MySQL's `COMMENT '...'` on an
   * index, a unique key and the primary key. Absent: none. Drift compares only these; MySQL
   * warns about one on another item (`validateItemComments`), as tables' are ignored on SQLite.
   */
  readonly itemComments?: readonly CommentedItem[];
  /** A primary key can say its method (MySQL `PRIMARY KEY (...) USING BTREE`); elsewhere it is ignored (a warning). */
  readonly primaryKeyMethod?: boolean;
  /**
   * The native type names a bare type may be (`dialects/<d>/native-types.ts`), and whether the
   * database refuses any other (validator: an error, or a warning on SQLite).
   */
  readonly types: TypeCatalogue;
  /**
   * `virtual table t using MODULE (...)`: SQLite's CREATE VIRTUAL TABLE (fts4, fts5, rtree, or
   * a module an extension brings). Absent: validation refuses them.
   */
  readonly virtualTables?: boolean;
  /** `materialized view` (PostgreSQL's CREATE MATERIALIZED VIEW). Absent: validation refuses them. */
  readonly materializedViews?: boolean;
  /**
   * What a view that reads a table keeps from being done to it (the plan drops the view first
   * and creates it again after): PostgreSQL refuses to drop or retype a column a view uses
   * (`drop-and-type`), SQLite's DROP COLUMN fails on a view naming the column (`drop`).
   * Absent: nothing (MySQL/MariaDB leave such a view invalid until it is created again).
   */
  readonly viewsPinColumns?: "drop" | "drop-and-type";
  /**
   * The database keeps a view's query as written (SQLite's `sqlite_schema.sql`), so drift
   * compares it with the schema's text. Absent: it rewrites it (see `dialects/compare.ts`).
   */
  readonly viewsAsWritten?: boolean;
  /** A view keeps a comment (its `///` doc: PostgreSQL's COMMENT ON VIEW), read back and compared. */
  readonly viewComments?: boolean;
  /** Functions and procedures (PostgreSQL, MySQL/MariaDB). Absent: validation refuses them. */
  readonly functions?: boolean;
  /**
   * What a trigger runs: a function (`execute function f()`, PostgreSQL) or its own body
   * (`as $$ ... $$`, MySQL/MariaDB and SQLite); and what it fires for without `for each`.
   */
  readonly triggers?: {
    readonly runs: "function" | "body";
    readonly forEach: "row" | "statement";
    /** BEFORE or AFTER one event, for each row (MySQL/MariaDB): no INSTEAD OF, OR, TRUNCATE, UPDATE OF. */
    readonly oneEventPerRow?: boolean;
    /** One event of INSERT, UPDATE [OF], DELETE, for each row (SQLite): no OR, TRUNCATE, FOR EACH STATEMENT. */
    readonly oneEvent?: boolean;
  };
}

export type { CommentedItem };

/**
 * Whether an index exists on a dialect with these capabilities. Where expressions cannot be
 * indexed, an index with an expression part is not created (validation warns, and refuses a
 * unique one), so it is not dropped, renamed or compared either.
 */
export function createsIndex(caps: Capabilities, i: Index): boolean {
  return caps.expressionIndexes || i.parts.every((p) => p.kind === "column");
}

export interface IntrospectOptions {
  /** Tables to leave out (schemavc's own history table). */
  readonly exclude?: readonly string[];
  /**
   * PostgreSQL: the schemas to read besides the current one (`schemas` in schemavc.toml);
   * default: every schema the user owns (`postgres/namespaces.ts`).
   */
  readonly schemas?: readonly string[];
}

export interface Introspected {
  readonly schema: Schema;
  /**
   * Objects beside the tables that the language does not version yet (views, triggers,
   * functions, procedures, free-standing sequences, ...), one line each (`view active_users`):
   * `pull` lists them as warnings. The tables do not depend on them to be created.
   */
  readonly skipped: readonly string[];
  /** Why an entry of `skipped` is not pulled, where it is not that the language lacks its kind (a view using a function). */
  readonly skippedWhy?: Readonly<Record<string, string>>;
  /**
   * What a table holds that the language cannot express yet (an exclusion constraint, an index's
   * operator class, a generated column, ...): `schema` has it misread or not at all, so `pull`
   * refuses to write (or, with `--partial`, writes the rest and lists these). Each dialect finds
   * them in one function of its `introspect.ts` (`unsupportedPostgres`, ...); an entry goes when
   * the language learns the construct.
   */
  readonly unsupported: readonly Unsupported[];
}

/** One thing in a table that the language cannot express yet. */
export interface Unsupported {
  /** What cannot be expressed, in the plural: "exclusion constraints", "generated columns". */
  readonly what: string;
  /** The object that has it, as people name it: `bookings.no_overlap`, `users.full_name`. */
  readonly object: string;
  /** The table it belongs to (as `schema` names it). */
  readonly table: string;
  /**
   * The index or constraint of `table` (by its name in `schema`) that `pull --partial` leaves
   * out because no part of it can be written; `"table"` for the whole table, `"column:NAME"`
   * for a column (with the keys and indexes on it). Absent: the table is written without the
   * construct (a generated column as a plain column, ...).
   */
  readonly leaveOut?: string;
}

/** One SQL statement, ready to run. */
export interface Statement {
  readonly sql: string;
}

/** The two schemas around the changes being rendered (the renderer looks up definitions there). */
export interface RenderContext {
  readonly from: Schema;
  readonly to: Schema;
  /** The changes' timeline from `from` (the planner's, `diff/steps.ts`); built when absent. */
  readonly steps?: readonly Step[];
}

export interface Dialect {
  readonly name: DialectName;
  readonly capabilities: Capabilities;
  /** Quotes an identifier safely for this dialect (always quoted: names may be keywords). */
  quoteIdent(name: string): string;
  /** Dialect-only validation: constructs this dialect cannot express (errors) or ignores (warnings). */
  validate(schema: Schema): Diagnostic[];
  /** Renders changes to statements, in order. */
  render(changes: readonly Change[], ctx: RenderContext): Statement[];
  /**
   * Takes this database's migration lock on `conn`, waiting at most `timeoutMs`. Resolves to
   * its release, or to undefined when another runner kept it for the whole wait.
   */
  lock(conn: Connection, timeoutMs: number, onWait?: () => void): Promise<(() => Promise<void>) | undefined>;
  /** Reads the database's schema into the IR (pull, drift, the round-trip tests). */
  introspect(ex: Executor, opts?: IntrospectOptions): Promise<Introspected>;
  /**
   * The schema as this database holds it, for comparison only (never rendered): what the
   * database stores one way is written one way (types as the dialect writes them, defaults and
   * expressions in `normExpr` form, names it does not keep dropped, what it cannot hold left
   * out). Two schemas with equal normal forms need no migration between them on this dialect.
   * `defaults`, the live database's (`Schema.databaseDefaults`), let it compare what restates
   * them equal to what leaves them out.
   */
  normalize(schema: Schema, defaults?: DatabaseDefaults): Schema;
  /**
   * The views with their queries as this database prints them once it has created them (a
   * view it refuses keeps its text), created where nothing stays (PostgreSQL: temporary views
   * in a transaction rolled back). Absent where the database keeps the text as written
   * (SQLite) or offers no such place (MySQL/MariaDB, whose DDL commits): drift compares views
   * there as `dialects/compare.ts` says.
   */
  viewsAsStored?(conn: Connection, views: readonly View[]): Promise<View[]>;
  /**
   * The schema's functions and triggers as this database keeps them once it has created them
   * (one it refuses keeps its text), created where nothing stays (PostgreSQL: a scratch schema
   * in a transaction rolled back). Absent: the database keeps them as written (SQLite's
   * triggers) or offers no such place (MySQL/MariaDB): drift compares them as
   * `dialects/compare.ts` says.
   */
  routinesAsStored?(conn: Connection, schema: Schema): Promise<Pick<Schema, "functions" | "triggers">>;
  /** What must happen around a transactional migration on this database, if anything. */
  readonly guard?: MigrationGuard;
  /**
   * Checks, before anything runs, that the pending migrations can run safely on the database
   * behind `conn` (MySQL: on a Galera node, statements Galera cannot replicate safely); throws
   * `MigrationCheckError` naming the migration and the statement.
   */
  preflight?(
    conn: Executor,
    migrations: readonly { version: string; statements: readonly { sql: string; line: number }[] }[],
  ): Promise<void>;
}

/**
 * Work a dialect needs around one transactional migration (SQLite: foreign keys off outside
 * the transaction, triggers kept through table rebuilds, views and foreign keys checked before
 * commit). The runner and the test harness call it the same way; neither knows why.
 */
export interface MigrationGuard {
  /** On the connection, before the transaction begins. */
  before(conn: Executor): Promise<void>;
  /**
   * Inside the transaction, before the statements. Resolves to the check to run after them,
   * before commit; the check throws `MigrationCheckError` to roll the migration back.
   */
  enter(tx: Executor, statements: readonly string[]): Promise<() => Promise<void>>;
  /** On the connection, after the transaction ended (committed or rolled back). */
  after(conn: Executor): Promise<void>;
}

/** A guard's check found the migration unsafe to commit: the message says what, the hint what to do. */
export class MigrationCheckError extends SchemavcError {
  constructor(message: string, hint: string) {
    super(message, 1, hint);
    this.name = "MigrationCheckError";
  }
}

/**
 * What an `Executor`'s errors may carry besides their message: the database's own detail and
 * hint, when it gives them (PostgreSQL does: the views that block an `ALTER ... TYPE`). The
 * PostgreSQL driver's errors already have these fields; other drivers' errors have none.
 */
export interface DatabaseErrorInfo {
  readonly message?: string;
  readonly detail?: string;
  readonly hint?: string;
}

/**
 * A connection to one database, the only thing the runner and tests see of a driver
 * (Kysely's idea): fakes are trivial, and only `dialects/X/driver.ts` imports a driver.
 */
export interface Executor {
  /** Runs one statement, or a script of several (no results). */
  exec(sql: string): Promise<void>;
  /** Runs one query with positional parameters (`?` placeholders everywhere) and returns rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Connection extends Executor {
  readonly dialect: DialectName;
  /**
   * Runs `fn` in one transaction on this connection: committed when it resolves, rolled back
   * when it throws. On SQLite it is `BEGIN IMMEDIATE` (the write lock is taken at once).
   * On MySQL, DDL inside still commits implicitly: the capability `transactionalDdl` says so.
   */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * Another connection to the same database, where the driver can open one (MySQL: the Galera
   * lock renews its lease on it while the runner's connection is busy with a long statement).
   */
  open?(): Promise<Connection>;
  /**
   * A connection to another database of the same server, with the same credentials (PostgreSQL:
   * `pull`'s replay of several schemas runs in a scratch database of its own).
   */
  sibling?(database: string): Promise<Connection>;
  /**
   * Runs `first` (one statement, `?` parameters), then the statement `sql`, in one round trip,
   * stopping at the first that fails (its error is thrown), where the driver can (MySQL: one
   * multi-statement query). The runner's progress row before each statement of a migration
   * that runs outside a transaction travels with the statement (issue 19).
   */
  execAfter?(
    first: { readonly sql: string; readonly params: readonly unknown[] },
    sql: string,
  ): Promise<void>;
  close(): Promise<void>;
}
