/**
 * The dialect-neutral intermediate representation (IR) of a schema.
 *
 * Plain readonly data: the parser builds it, the validator checks it, the differ compares two of
 * them, the renderers turn it into SQL and snapshots store it as JSON. Every constraint lives at
 * table level here, whatever the source syntax (a column's `unique` becomes a `UniqueConstraint`),
 * and every constraint and index has its final, deterministic name (see `ir/naming.ts`), so two
 * IRs compare structurally.
 *
 * Source-only facts (positions, comments, blank lines) sit in the optional `src` field of each
 * node. They never take part in a comparison and are stripped from snapshots (`stripSource`).
 */

/** Where a node came from, plus the comments the formatter must keep around it. */
export interface SourceInfo {
  readonly file: string;
  /** 1-based line and column of the node's first token. */
  readonly line: number;
  readonly col: number;
  /** 0-based offsets of the node's first and last characters (end exclusive). */
  readonly offset: number;
  readonly end: number;
  /** Positions of named parts of the node (e.g. `refTable`, `column:email`) for diagnostics. */
  readonly parts?: Readonly<Record<string, Loc>>;
  /** `//` comments on the lines before the node, text without the slashes' trailing newline. */
  readonly leading?: readonly string[];
  /** A `//` comment on the node's last line, after it. */
  readonly trailing?: string;
  /** True when a blank line separated this node from the one before (kept by `fmt`). */
  readonly blankBefore?: boolean;
  /**
   * A column's type name was double-quoted (`"my_type"`): a deliberate pass-through that the
   * type check leaves alone and `fmt` keeps quoted.
   */
  readonly quotedType?: true;
  /** For tables and enums: comments before the closing brace. */
  readonly inner?: readonly string[];
}

/** A position in a source file. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly offset: number;
  readonly length: number;
}

export const PORTABLE_TYPES = [
  "smallint",
  "int",
  "bigint",
  "real",
  "double",
  "decimal",
  "bool",
  "text",
  "varchar",
  "char",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "uuid",
  "json",
  "jsonb",
  "bytes",
] as const;
export type PortableTypeName = (typeof PORTABLE_TYPES)[number];

/** The portable string types: those a `collate` applies to on every dialect. */
export const TEXT_TYPES: ReadonlySet<string> = new Set(["text", "varchar", "char"]);

/** The integer types `identity` accepts. */
export const INTEGER_TYPES: ReadonlySet<string> = new Set(["smallint", "int", "bigint"]);

/**
 * Native type names the language knows as integers (MySQL's `tinyint`, `mediumint`): passed to
 * the database as written, but `identity` and `unsigned` accept them as they do `int`.
 */
export const NATIVE_INTEGER_TYPES: ReadonlySet<string> = new Set(["tinyint", "mediumint"]);

/** The portable types `unsigned` applies to (MySQL refuses it on the others). */
export const NUMERIC_TYPES: ReadonlySet<string> = new Set([...INTEGER_TYPES, "decimal", "real", "double"]);

/** Whether a column of this type is an integer (a portable one, or a native one of NATIVE_INTEGER_TYPES). */
export function isIntegerType(t: ColumnType): boolean {
  return t.kind === "portable"
    ? INTEGER_TYPES.has(t.name)
    : t.kind === "native" &&
        !t.array &&
        // MySQL's own, and an integer with a display width (`int(4)`, pulled from MariaDB).
        (NATIVE_INTEGER_TYPES.has(t.name.toLowerCase()) || INTEGER_TYPES.has(t.name.toLowerCase()));
}

/**
 * A column type: one of the portable types (with its parameters), an enum declared in the
 * schema, or any other name passed through verbatim to the dialect (`tsvector`, `inet`).
 */
export type ColumnType =
  | {
      readonly kind: "portable";
      readonly name: PortableTypeName;
      readonly args?: readonly number[];
      /** MySQL's `unsigned` (numeric types only; other dialects refuse it). */
      readonly unsigned?: true;
    }
  | { readonly kind: "enum"; readonly name: string }
  | {
      readonly kind: "native";
      readonly name: string;
      readonly args?: readonly string[];
      readonly array?: boolean;
      readonly unsigned?: true;
    };

export const PORTABLE_FUNCTIONS = ["now", "current_date", "gen_uuid"] as const;
export type PortableFunction = (typeof PORTABLE_FUNCTIONS)[number];

/** A column default. Numbers keep their source text so no precision is lost. */
export type DefaultValue =
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "function"; readonly name: PortableFunction }
  | { readonly kind: "raw"; readonly sql: string };

export type FkAction = "no action" | "restrict" | "cascade" | "set null" | "set default";

/**
 * How an identity column generates its values (PostgreSQL's `GENERATED ... AS IDENTITY (...)`):
 * `always` refuses explicit values (absent: `BY DEFAULT`); the sequence options keep their
 * source text (a bigint bound does not fit a JS number). Absent options are the database's
 * defaults; `identityOptionsKey` compares them with the defaults written out or left out alike.
 */
export interface IdentityOptions {
  readonly always?: boolean;
  readonly start?: string;
  readonly increment?: string;
  readonly min?: string;
  readonly max?: string;
  readonly cache?: string;
  readonly cycle?: boolean;
}

/** The sequence options of `identity(...)`, in the order `fmt` prints them. */
export const IDENTITY_NUMBER_OPTIONS = ["start", "increment", "min", "max", "cache"] as const;

/** A generated column's expression and kind (`Column.generated`). */
export interface GeneratedColumn {
  readonly expr: string;
  readonly stored: boolean;
}

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: DefaultValue;
  /** The database generates the value: `identity`, or PostgreSQL's `serial` (`serial` set too). */
  readonly identity: boolean;
  /** `identity(always, start 100, ...)`: how an identity generates (never with `serial`). */
  readonly identityOptions?: IdentityOptions;
  /**
   * PostgreSQL `serial`/`bigserial`/`smallserial` (the type is `int`/`bigint`/`smallint`, and
   * `identity` is true): a sequence owned by the column and a `nextval` default, not an
   * identity. Serial and identity are different things in the database: a change between
   * them is a change.
   */
  readonly serial?: boolean;
  /**
   * `collate NAME` on a text column: the collation as the dialect names it (PostgreSQL `C`,
   * MySQL `utf8mb4_bin`, SQLite `NOCASE`); absent means the database's default.
   */
  readonly collation?: string;
  /**
   * `on update now()`: MySQL's `ON UPDATE CURRENT_TIMESTAMP`, the time of the row's last update
   * (Sakila's `last_update`); other dialects have none (a trigger there).
   */
  readonly onUpdate?: "now";
  /**
   * `as (expr) stored|virtual`: the column's value is computed from the expression (raw SQL,
   * verbatim), kept on disk (`stored`) or computed when read (`virtual`). Such a column has no
   * default and no identity.
   */
  readonly generated?: GeneratedColumn;
  /** From `///` doc comments: the database comment where the dialect has them. */
  readonly doc?: string;
  readonly renamedFrom?: string;
  readonly src?: SourceInfo;
}

/**
 * MySQL's prefix lengths on a key's columns (`primary key (jid(75), node)`): column name → the
 * number of characters the key holds. Absent for a column keyed whole (and absent altogether
 * when none has one). An index keeps the same fact on its entries (`IndexPart.length`);
 * `keyPrefixLengths` reads either.
 */
export type PrefixLengths = Readonly<Record<string, number>>;

/** The table items a `///` doc comment can give a database comment (`set-item-comment`). */
export type CommentedItem = "primary-key" | "unique" | "index" | "foreign-key" | "check" | "exclusion";

/**
 * What a primary key or unique constraint says about the index it owns (PostgreSQL), as an
 * index says it: `include (a, b)`, `with (fillfactor = 70)`.
 */
export interface KeyIndexClauses {
  /** `include (a, b)`: columns stored in the key's index, not part of the key. */
  readonly include?: readonly string[];
  /** `with (fillfactor = 70)`: the index's storage parameters, names lower-cased, values as written. */
  readonly storage?: Readonly<Record<string, string>>;
  /** `nulls not distinct` (a unique constraint's only, PostgreSQL 15+): rows whose key has nulls still collide. */
  readonly nullsNotDistinct?: boolean;
  /**
   * `deferrable` (checked at the end of the statement unless the transaction defers it) or
   * `deferrable initially deferred` (checked at commit); absent is NOT DEFERRABLE.
   */
  readonly deferrable?: "immediate" | "deferred";
}

export interface PrimaryKey extends KeyIndexClauses {
  readonly name: string;
  readonly columns: readonly string[];
  readonly prefixLengths?: PrefixLengths;
  /**
   * `using btree` written on the key (MySQL's `PRIMARY KEY (...) USING BTREE`), lower-cased: the
   * server keeps that it was written; the key is the same one without it (not compared).
   */
  readonly using?: string;
  /** From `///` doc comments: its database comment (MySQL `COMMENT '...'`, PostgreSQL COMMENT ON CONSTRAINT). */
  readonly comment?: string;
  readonly src?: SourceInfo;
}

export interface UniqueConstraint extends KeyIndexClauses {
  readonly name: string;
  readonly columns: readonly string[];
  readonly prefixLengths?: PrefixLengths;
  /** From `///` doc comments: its database comment (MySQL `COMMENT '...'`, PostgreSQL COMMENT ON CONSTRAINT). */
  readonly comment?: string;
  readonly src?: SourceInfo;
}

/** One entry of an index: a column or a raw SQL expression, ascending unless `desc`. */
export type IndexPart = (
  | {
      readonly kind: "column";
      readonly column: string;
      readonly desc: boolean;
      /** MySQL's prefix length (`name(255)`): the key holds the column's first N characters. */
      readonly length?: number;
    }
  | { readonly kind: "expression"; readonly sql: string; readonly desc: boolean }
) &
  IndexPartOptions;

/** What an index entry may say besides its column or expression and direction. */
export interface IndexPartOptions {
  /** `collate NAME` on the entry: the key's collation (PostgreSQL, SQLite `collate nocase`). */
  readonly collation?: string;
  /** An operator class (PostgreSQL `text_pattern_ops`, `gin_trgm_ops`), as written. */
  readonly opclass?: string;
  /** `nulls first` / `nulls last` (PostgreSQL); absent is the default: last ascending, first descending. */
  readonly nulls?: "first" | "last";
}

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  readonly parts: readonly IndexPart[];
  /** Partial index predicate, raw SQL. */
  readonly where?: string;
  /** Access method (`btree`, `gin`, `hash`, ...), lower-cased. */
  readonly using?: string;
  /** `include (a, b)` (PostgreSQL): columns stored in the index, not part of its key. */
  readonly include?: readonly string[];
  /** `nulls not distinct` (PostgreSQL 15+): a unique index where nulls are equal. */
  readonly nullsNotDistinct?: boolean;
  /** `with (fillfactor = 70)`: storage parameters (PostgreSQL), names lower-cased, values as written. */
  readonly storage?: Readonly<Record<string, string>>;
  /** From `///` doc comments: its database comment (MySQL `COMMENT '...'`, PostgreSQL COMMENT ON INDEX). */
  readonly comment?: string;
  readonly src?: SourceInfo;
}

export interface ForeignKey {
  readonly name: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete: FkAction;
  readonly onUpdate: FkAction;
  /** `match full` (PostgreSQL): all columns null or none; absent is MATCH SIMPLE. */
  readonly matchFull?: boolean;
  /**
   * `deferrable` (checked at the end of the statement unless deferred by the transaction) or
   * `deferrable initially deferred` (checked at commit); absent is NOT DEFERRABLE.
   */
  readonly deferrable?: "immediate" | "deferred";
  /**
   * `not valid` (PostgreSQL): the key holds for rows written from now on; the rows already
   * there were not checked (`convalidated` false). Absent: validated.
   */
  readonly notValid?: boolean;
  /** From `///` doc comments: the database comment on it (PostgreSQL's COMMENT ON INDEX / CONSTRAINT). */
  readonly comment?: string;
  readonly src?: SourceInfo;
}

export interface Check {
  readonly name: string;
  /** Raw SQL, verbatim from the source (compared whitespace-normalised). */
  readonly expr: string;
  /** `no inherit` (PostgreSQL): the check does not apply to tables inheriting this one. */
  readonly noInherit?: boolean;
  /** `not valid` (PostgreSQL): existing rows were not checked (see `ForeignKey.notValid`). */
  readonly notValid?: boolean;
  /** From `///` doc comments: the database comment on it (PostgreSQL's COMMENT ON INDEX / CONSTRAINT). */
  readonly comment?: string;
  readonly src?: SourceInfo;
}

/** One element of an exclusion constraint: an index entry and the operator it is compared with. */
export type ExclusionPart = IndexPart & {
  /** The operator (`=`, `&&`), as written. */
  readonly operator: string;
};

/**
 * `exclude using gist (room with =, during with &&)` (PostgreSQL's EXCLUDE): no two rows whose
 * elements all compare true with these operators. It owns an index of its method, which holds
 * the `include`, `with` and `where` clauses as an index does.
 */
export interface Exclusion extends KeyIndexClauses {
  readonly name: string;
  /** The index method, lower-cased (`btree` when none is written, as PostgreSQL's default). */
  readonly using: string;
  readonly parts: readonly ExclusionPart[];
  /** `where (...)`: a partial exclusion, raw SQL. */
  readonly where?: string;
  /** From `///` doc comments: the database comment on it. */
  readonly comment?: string;
  readonly src?: SourceInfo;
}

/**
 * A table's options (`table t (without rowid, strict) {`, `(engine = InnoDB)`): names
 * lower-cased with words joined by one space, values verbatim (a string literal keeps its
 * quotes); `true` for a flag, which has no value. Order does not matter. Which options a dialect
 * has is in its capabilities (`Capabilities.tableOptions`).
 */
export type TableOptions = Readonly<Record<string, string | true>>;

/**
 * A virtual table's module and its arguments (SQLite's `CREATE VIRTUAL TABLE t USING fts5(a, b)`):
 * the module's name as written, the text between the parentheses verbatim (absent when the
 * statement has none), compared whitespace-normalised and with the module's name lower-cased.
 */
export interface VirtualModule {
  readonly module: string;
  readonly args?: string;
}

export interface Table {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  /** Absent when the table has none. */
  readonly options?: TableOptions;
  /**
   * Set for a virtual table (`virtual table t using fts4 (a, b)`, SQLite): the module holds
   * the columns, so `columns` and every key, index and check list are empty. The tables the
   * module creates for itself (its shadow tables) are not in the schema.
   */
  readonly virtual?: VirtualModule;
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly uniques: readonly UniqueConstraint[];
  readonly indexes: readonly Index[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly Check[];
  /** PostgreSQL's exclusion constraints; absent when the table has none. */
  readonly exclusions?: readonly Exclusion[];
  readonly src?: SourceInfo;
}

export interface EnumValue {
  readonly name: string;
  readonly src?: SourceInfo;
}

export interface EnumType {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  readonly values: readonly EnumValue[];
  readonly src?: SourceInfo;
}

/**
 * The options of a free-standing sequence (`sequence s (start = 100, as = int)`): numbers keep
 * their source text (a bigint bound does not fit a JS number); absent options are PostgreSQL's
 * defaults, and `effectiveSequenceOptions` (`ir/sequence.ts`) compares them with the defaults
 * written out or left out alike.
 */
export interface SequenceOptions {
  /** The sequence's integer type; absent: `bigint`, CREATE SEQUENCE's default. */
  readonly as?: "smallint" | "int" | "bigint";
  readonly start?: string;
  readonly increment?: string;
  readonly min?: string;
  readonly max?: string;
  readonly cache?: string;
  readonly cycle?: boolean;
}

/**
 * A sequence of its own (PostgreSQL `CREATE SEQUENCE`), beside the tables: a column draws from
 * it through a raw default (`default (nextval('users_seq'))`). `ownedBy`: the column it goes
 * with (dropped with it), PostgreSQL's `OWNED BY`. A serial's or an identity's sequence is not
 * one of these: it belongs to its column.
 */
export interface Sequence {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  readonly options: SequenceOptions;
  readonly ownedBy?: { readonly table: string; readonly column: string };
  readonly src?: SourceInfo;
}

/**
 * A domain (PostgreSQL `CREATE DOMAIN`): a named type over a base type, with its own NOT NULL,
 * default, collation and checks (`VALUE` names the value in them). Columns use it by its name, as
 * a native type (`name varchar_ci`).
 */
export interface Domain {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  readonly type: ColumnType;
  /** As for a column: `domain d text?` is nullable, `domain d text` is NOT NULL. */
  readonly nullable: boolean;
  readonly default?: DefaultValue;
  readonly collation?: string;
  /** Named as columns' checks are: `<domain>_check`, then `<domain>_check1`... */
  readonly checks: readonly Check[];
  readonly src?: SourceInfo;
}

/**
 * A schema (namespace) of PostgreSQL other than the connection's current one (`schema sales`,
 * CREATE SCHEMA). Objects in it are named `sales.orders` in the IR: the schema's name, a dot, the
 * object's name (see `src/ir/qualified.ts`); a bare name is in the current schema (normally
 * `public`), which is never declared. Created before, and dropped after, every object in it.
 */
export interface Namespace {
  readonly name: string;
  /** COMMENT ON SCHEMA. */
  readonly doc?: string;
  readonly src?: SourceInfo;
}

/**
 * An extension the schema needs (`extension btree_gist`, PostgreSQL's CREATE EXTENSION), created
 * before anything that uses its types, functions or operator classes and dropped after. What the
 * extension itself makes (its types, functions, operators) is its own, never declared.
 */
export interface Extension {
  readonly name: string;
  /**
   * The schema it installs its objects in (`extension citext (schema = ext)`, CREATE EXTENSION
   * ... SCHEMA): absent, the current schema.
   */
  readonly schema?: string;
  readonly src?: SourceInfo;
}

/**
 * A composite type (`type address { street text, city text? }`, PostgreSQL's CREATE TYPE ... AS):
 * named attributes, each of a type and an optional collation. Columns use it by its name, as a
 * native type, as they use a domain.
 */
export interface CompositeType {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  readonly attributes: readonly CompositeAttribute[];
  readonly src?: SourceInfo;
}

export interface CompositeAttribute {
  readonly name: string;
  readonly type: ColumnType;
  readonly collation?: string;
}

/**
 * A view (`view v as (select ...)`): a stored query, its text verbatim as written (compared
 * whitespace-normalised offline; against a database in the database's own form, see
 * `dialects/compare.ts`). `materialized`: PostgreSQL's materialized view, whose rows are
 * computed when it is created. It shares the tables' namespace.
 */
export interface View {
  readonly name: string;
  readonly renamedFrom?: string;
  /** From `///` doc comments: PostgreSQL's COMMENT ON VIEW; kept in the snapshot only elsewhere. */
  readonly doc?: string;
  readonly materialized?: boolean;
  /** The query: the SQL between the outer parentheses of `as (...)`, verbatim. */
  readonly query: string;
  readonly src?: SourceInfo;
}

/**
 * A function or procedure (`function f(a int) returns int language sql as $$ select a $$`),
 * PostgreSQL's and MySQL/MariaDB's. One per name: the language has no overloads. Its parts are
 * kept as written (arguments, return type and body verbatim; language and option words
 * lower-cased), compared whitespace-normalised offline and in the database's own words against
 * a database (`Dialect.routinesAsStored`).
 */
export interface Routine {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  /** `procedure` (no return type, CALLed); else a function. */
  readonly procedure?: boolean;
  /** The argument list between its parentheses, verbatim (`a integer, b text default 'x'`). */
  readonly args: string;
  /** A function's return type as written (`integer`, `setof film`, `table (a int)`, `trigger`). */
  readonly returns?: string;
  /** `plpgsql`, `sql`, ... lower-cased; absent: the dialect's default (SQL). */
  readonly language?: string;
  /** The words between language and body (`immutable strict`, `deterministic`), lower-cased, single-spaced. */
  readonly options?: string;
  /** The body between the dollar quotes, verbatim. */
  readonly body: string;
  readonly src?: SourceInfo;
}

/**
 * A trigger (`trigger t before insert on users for each row execute function f()`) on a table
 * or view of the schema. PostgreSQL's runs a function (`execute`); MySQL/MariaDB's and SQLite's
 * run their body (`as $$ ... $$`: the statement, `BEGIN ... END` or one statement, verbatim).
 */
export interface Trigger {
  readonly name: string;
  readonly renamedFrom?: string;
  readonly doc?: string;
  readonly table: string;
  readonly timing: "before" | "after" | "instead of";
  /** The events as written, lower-cased keywords: `insert or update of a, b`. */
  readonly events: string;
  /** `for each row` / `for each statement`; absent: the dialect's default (PostgreSQL: statement). */
  readonly forEach?: "row" | "statement";
  /** The `when (...)` condition, verbatim. */
  readonly when?: string;
  /** PostgreSQL: the function run and its arguments (between the parentheses, verbatim). */
  readonly execute?: { readonly function: string; readonly args: string };
  /** MySQL/MariaDB and SQLite: the body, verbatim. */
  readonly body?: string;
  readonly src?: SourceInfo;
}

/** A whole schema. Declaration order is kept (files in path order, then source order). */
export interface Schema {
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
  /** Free-standing sequences (PostgreSQL); absent: none. */
  readonly sequences?: readonly Sequence[];
  /** Domains (PostgreSQL); absent: none. */
  readonly domains?: readonly Domain[];
  /** Views, in declaration order; absent: none (snapshots older than views have none). */
  readonly views?: readonly View[];
  /** Schemas other than the current one (PostgreSQL), in declaration order; absent: none. */
  readonly namespaces?: readonly Namespace[];
  /** Extensions (PostgreSQL); absent: none. */
  readonly extensions?: readonly Extension[];
  /** Composite types (PostgreSQL); absent: none. */
  readonly composites?: readonly CompositeType[];
  /** Functions and procedures, in declaration order; absent: none. */
  readonly functions?: readonly Routine[];
  /** Triggers, in declaration order; absent: none. */
  readonly triggers?: readonly Trigger[];
  /** For `fmt`: comments after the last declaration of each file, keyed by file. */
  readonly fileTrailing?: Readonly<Record<string, readonly string[]>>;
  /** Set by introspection only: what the database gives what says nothing (see `DatabaseDefaults`). */
  readonly databaseDefaults?: DatabaseDefaults;
}

/**
 * What a live database gives an object that says nothing, read when connected (a schema from
 * files has none): the normal form compares a table that restates a default equal to one that
 * does not (MySQL: `charset = utf8mb4` where the database's is utf8mb4).
 */
export interface DatabaseDefaults {
  /** The options a table created without any has (MySQL: `engine`, `charset`, `collate`). */
  readonly tableOptions: Readonly<Record<string, string>>;
  /** Each character set's default collation, lower-cased (MySQL: `latin1` → `latin1_swedish_ci`). */
  readonly collations?: Readonly<Record<string, string>>;
}

/** The prefix lengths of a key or an index, by column (empty when it keys whole columns). */
export function keyPrefixLengths(k: PrimaryKey | UniqueConstraint | Index): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  if ("parts" in k) {
    for (const p of k.parts) if (p.kind === "column" && p.length !== undefined) out.set(p.column, p.length);
  } else if (k.prefixLengths) for (const c in k.prefixLengths) out.set(c, k.prefixLengths[c]!);
  return out;
}

export const emptySchema = (): Schema => ({ tables: [], enums: [] });
