/**
 * Dialect validation shared by the three dialects, decided by their capabilities: what one
 * database refuses is an error, what it accepts but is odd a warning (the validator may refuse
 * only what the database itself would refuse; `grammar/README.md`, "Errors and warnings").
 */
import { qualify, schemaOf } from "../../ir/qualified.ts";
import { columnsOf, tableParent } from "../../ir/inheritance.ts";
import {
  INTEGER_TYPES,
  TEXT_TYPES,
  type Check,
  type Column,
  type ColumnType,
  type CommentedItem,
  type Exclusion,
  type ForeignKey,
  type Index,
  type PrimaryKey,
  type Schema,
  type SourceInfo,
  type Table,
  type UniqueConstraint,
} from "../../ir/model.ts";
import type { Capabilities, NameScopes } from "../dialect.ts";
import { diagnostic, type Diagnostic } from "../../ir/diagnostics.ts";
import { locOf, typeKey, typeText } from "../../ir/validate.ts";
import { integerTypeMax } from "../../ir/identity.ts";
import { validateTypeNames } from "./type-names.ts";

export const dialectError = (
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint?: string,
  part?: string,
): Diagnostic => diagnostic("error", code, message, locOf(src, part), hint);

export const dialectWarning = (
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint?: string,
  part?: string,
): Diagnostic => diagnostic("warning", code, message, locOf(src, part), hint);

/**
 * `collate NAME` against what the database accepts: a name it does not have (SQLite's set is
 * closed), a collation on a type or an enum it refuses (PostgreSQL); a warning where it drops
 * one without a word (MySQL/MariaDB on non-text columns). Native types are the user's: never judged.
 */
export function validateCollations(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { names, onOtherTypes, onEnums } = caps.collations;
  for (const t of schema.tables) {
    for (const c of t.columns) {
      if (c.collation === undefined) continue;
      const where = `\`${t.name}.${c.name}\``;
      if (names && !names.some((n) => n.toLowerCase() === c.collation!.toLowerCase())) {
        out.push(
          dialectError(
            "unknown-collation",
            `${db} has no collation \`${c.collation}\` (on ${where})`,
            c.src,
            `use one of ${names.join(", ")}`,
            "collate",
          ),
        );
      } else if (c.type.kind === "enum" && !onEnums) {
        out.push(
          dialectError(
            "collation-type",
            `${db} has no collations on enum types (\`collate ${c.collation}\` on ${where})`,
            c.src,
            "drop `collate`, or make the column text",
            "collate",
          ),
        );
      } else if (c.type.kind === "portable" && !TEXT_TYPES.has(c.type.name) && onOtherTypes !== "kept") {
        const message = `${db} has no collations on ${c.type.name} columns (\`collate ${c.collation}\` on ${where})`;
        out.push(
          onOtherTypes === "refused"
            ? dialectError(
                "collation-type",
                message,
                c.src,
                "`collate` is for text, varchar and char columns",
                "collate",
              )
            : dialectWarning(
                "collation-type",
                `${message}: it accepts the clause and drops it`,
                c.src,
                "`collate` is for text, varchar and char columns",
                "collate",
              ),
        );
      }
    }
  }
  return out;
}

/** An error where the database refuses it, a warning where it accepts it. */
const judged = (
  refused: boolean,
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint: string,
  part?: string,
): Diagnostic => (refused ? dialectError : dialectWarning)(code, message, src, hint, part);

/**
 * The portable rules that depend on the database: bare type names (`type-names.ts`), constraint and index names in their scope
 * (`nameScopes`), foreign keys (one type on both sides, a nullable column for `set null`),
 * `default null` on a NOT NULL column, a table without columns (`accepts`), a virtual table
 * (`virtualTables`).
 */
export function validatePortable(
  schema: Schema,
  caps: Capabilities,
  db: string,
  opts: {
    /**
     * What the database does with NULLs in a nullable primary key column: "refused" (the
     * default: PostgreSQL and MySQL make the column NOT NULL), "kept" (SQLite, a legacy quirk),
     * "never" (the column cannot hold one at all: SQLite's rowid alias).
     */
    readonly keyNulls?: (t: Table, c: Column) => "refused" | "kept" | "never";
  } = {},
): Diagnostic[] {
  const out: Diagnostic[] = [
    ...validateTypeNames(schema, caps, db),
    ...validateNameScopes(schema, caps.nameScopes, db),
  ];
  const tables = new Map<string, Table>();
  for (const t of schema.tables) tables.set(t.name, t);
  const lookup = (n: string) => tables.get(n);
  const a = caps.accepts;
  for (const t of schema.tables) {
    if (t.virtual) {
      if (!caps.virtualTables)
        out.push(
          dialectError(
            "virtual-table-dialect",
            `${db} has no virtual tables (\`${t.name}\` using ${t.virtual.module})`,
            t.src,
            "virtual tables are SQLite's (CREATE VIRTUAL TABLE): declare a `table` with columns here",
            "module",
          ),
        );
      continue; // the module holds its columns: none of the rules below applies
    }
    // A partition or an inheritance child has its parent's columns.
    if (!t.columns.length && !tableParent(t))
      out.push(
        judged(
          !a.emptyTables,
          "empty-table",
          `table \`${t.name}\` has no columns${a.emptyTables ? ` (${db} accepts it)` : ""}`,
          t.src,
          "declare at least one column: `id bigint primary key identity`",
        ),
      );
    for (const name of t.primaryKey?.columns ?? []) {
      const c = t.columns.find((x) => x.name === name);
      // Every database accepts it, and does something else with it (`keyNulls`).
      if (!c?.nullable) continue;
      const nulls = opts.keyNulls?.(t, c) ?? "refused";
      if (nulls === "never") continue;
      out.push(
        dialectWarning(
          "nullable-primary-key",
          nulls === "kept"
            ? `primary key column \`${t.name}.${name}\` is nullable: ${db} lets NULLs into this key (only an INTEGER primary key, the rowid, never holds one)`
            : `primary key column \`${t.name}.${name}\` is nullable: ${db} makes it NOT NULL`,
          c.src,
          nulls === "kept" ? "remove the `?` to keep NULLs out of the key" : "remove the `?`",
          "type",
        ),
      );
    }
    for (const c of t.columns)
      if (c.default?.kind === "null" && !c.nullable)
        out.push(
          judged(
            !a.nullDefaultOnNotNull,
            "null-default",
            `\`${t.name}.${c.name}\` is not nullable but its default is null${a.nullDefaultOnNotNull ? ` (${db} accepts it; an insert without the column fails)` : ""}`,
            c.src,
            "make it nullable (`?`) or choose another default",
            "default",
          ),
        );
    // The columns `t` has in the database, looked up once for all its foreign keys.
    let own: readonly Column[] | undefined;
    for (const fk of t.foreignKeys) {
      const target = tables.get(fk.refTable);
      // Unknown names and arity are the language's errors, reported before this runs.
      if (!target || fk.columns.length !== fk.refColumns.length) continue;
      const mine = (own ??= columnsOf(lookup, t));
      const theirs = columnsOf(lookup, target);
      const cols = fk.columns.map((n) => mine.find((c) => c.name === n));
      const refs = fk.refColumns.map((n) => theirs.find((c) => c.name === n));
      if (cols.includes(undefined) || refs.includes(undefined)) continue;
      cols.forEach((local, i) => {
        const remote = refs[i]!;
        const fit = foreignKeyTypes(local!.type, remote.type, a.foreignKeyTypes);
        if (fit !== "same")
          out.push(
            judged(
              fit === "refused",
              "foreign-key-type",
              `foreign key column \`${t.name}.${local!.name}\` is \`${typeText(local!.type)}\` but \`${target.name}.${remote.name}\` is \`${typeText(remote.type)}\`${
                fit === "refused" ? "" : ` (${db} accepts it)`
              }`,
              local!.src,
              `make \`${local!.name}\` a \`${typeText(remote.type)}\``,
              "type",
            ),
          );
        // On delete, then on update (no list of the two pairs per column).
        if (local!.nullable || (fk.onDelete !== "set null" && fk.onUpdate !== "set null")) return;
        const setNull = (which: "delete" | "update") =>
          out.push(
            judged(
              !a.setNullOnNotNull,
              "set-null-not-nullable",
              `\`on ${which} set null\` on \`${t.name}.${local!.name}\`, which is not nullable${
                a.setNullOnNotNull ? ` (${db} accepts it; the ${which} then fails)` : ""
              }`,
              fk.src,
              `make the column nullable (\`${typeText(local!.type)}?\`) or choose another action`,
              `column:${local!.name}`,
            ),
          );
        if (fk.onDelete === "set null") setNull("delete");
        if (fk.onUpdate === "set null") setNull("update");
      });
    }
  }
  return out;
}

const NUMBERS = new Set(["smallint", "int", "bigint", "decimal", "real", "double"]);
const STRINGS = new Set(["text", "varchar", "char"]);
const DATETIMES = new Set(["date", "timestamp", "timestamptz"]);

/**
 * Whether a database accepts a foreign key from a column of type `a` to one of type `b`: the
 * same type, accepted (legal, a warning), or refused. A native type is the user's: accepted.
 */
export function foreignKeyTypes(
  a: ColumnType,
  b: ColumnType,
  mode: Capabilities["accepts"]["foreignKeyTypes"],
): "same" | "accepted" | "refused" {
  if (typeKey(a) === typeKey(b)) return "same";
  if (mode === "any" || a.kind === "native" || b.kind === "native") return "accepted";
  if (a.kind === "enum" || b.kind === "enum") return mode === "comparable" ? "refused" : "accepted";
  const x = a.name,
    y = b.name;
  const family = (s: ReadonlySet<string>) => s.has(x) && s.has(y);
  if (mode === "comparable")
    return x === y || family(NUMBERS) || family(STRINGS) || family(DATETIMES) ? "accepted" : "refused";
  // InnoDB: integers of one type only; decimals of any precision; char and varchar of any length
  // (uuid is CHAR(36) there).
  if (INTEGER_TYPES.has(x) || INTEGER_TYPES.has(y)) return "refused";
  const chars = new Set(["varchar", "char", "uuid"]);
  return x === y || family(chars) ? "accepted" : "refused";
}

/**
 * Constraint and index names used in two tables of one schema: an error where the database names both kinds
 * in one namespace wider than a table (both scoped "schema"), a warning elsewhere (legal, but a
 * move to a database that scopes them wider would fail). Within a table, names are checked by
 * the language's own validation.
 */
export function validateNameScopes(schema: Schema, scopes: NameScopes, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, NameClaim>();
  for (const t of schema.tables) {
    // Each kind's items in turn, without a list of [kind, item] pairs per table.
    // In the table's schema (PostgreSQL's `sales.orders_pkey` is not `orders_pkey`): `sibling`,
    // with the table's schema read once.
    const ns = schemaOf(t.name);
    if (t.primaryKey) claimScoped(first, out, scopes, db, t, ns, "primaryKey", t.primaryKey);
    for (const u of t.uniques) claimScoped(first, out, scopes, db, t, ns, "unique", u);
    for (const i of t.indexes) claimScoped(first, out, scopes, db, t, ns, "index", i);
    for (const c of t.checks) claimScoped(first, out, scopes, db, t, ns, "check", c);
    for (const f of t.foreignKeys) claimScoped(first, out, scopes, db, t, ns, "foreignKey", f);
  }
  return out;
}

/** The first use of a constraint or index name in its schema (`validateNameScopes`). */
interface NameClaim {
  readonly table: string;
  readonly kind: keyof NameScopes;
  readonly src: SourceInfo | undefined;
}

const NAME_KINDS: Record<keyof NameScopes, string> = {
  index: "index",
  unique: "unique constraint",
  primaryKey: "primary key",
  foreignKey: "foreign key",
  check: "check",
};

/**
 * Takes `x.name` in schema `ns` for table `t`, or reports the other table that took it first.
 * A function of the module, not a closure made per table: it runs for every key, index and
 * constraint of the schema.
 */
function claimScoped(
  first: Map<string, NameClaim>,
  out: Diagnostic[],
  scopes: NameScopes,
  db: string,
  t: Table,
  ns: string | undefined,
  kind: keyof NameScopes,
  x: { readonly name: string; readonly src?: SourceInfo },
) {
  const key = qualify(ns, x.name);
  const prev = first.get(key);
  if (!prev) {
    first.set(key, { table: t.name, kind, src: x.src });
    return;
  }
  if (prev.table === t.name) return;
  const refused = scopes[kind] === "schema" && scopes[prev.kind] === "schema";
  const prevLoc = locOf(prev.src);
  out.push(
    diagnostic(
      refused ? "error" : "warning",
      "duplicate-name",
      `${NAME_KINDS[kind]} name \`${x.name}\` is already used in table \`${prev.table}\`${
        refused ? ` (${db} names them per schema)` : ` (legal on ${db}, which names them per table)`
      }`,
      locOf(x.src, "name") ?? locOf(x.src),
      "give it another name",
      prevLoc ? { message: "first used here", loc: prevLoc } : undefined,
    ),
  );
}

/**
 * MySQL's constructs where the database has none: `unsigned` (PostgreSQL refuses the type,
 * SQLite would store it signed and `INTEGER PRIMARY KEY` cannot say it), `on update now()` and
 * index prefix lengths. All errors.
 */
export function validateUnsigned(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of schema.tables)
    for (const c of t.columns) {
      // PostgreSQL and SQLite have no ON UPDATE on a column (a trigger does it there).
      if (c.onUpdate !== undefined && !caps.onUpdateNow)
        out.push(
          dialectError(
            "on-update",
            `${db} has no \`on update now()\` on a column (\`${t.name}.${c.name}\`)`,
            c.src,
            "remove it and set the column from the application or a trigger",
            "on update",
          ),
        );
      if (!caps.unsigned && c.type.kind !== "enum" && c.type.unsigned)
        out.push(
          dialectError(
            "unsigned",
            `${db} has no unsigned numbers (\`${t.name}.${c.name}\`)`,
            c.src,
            "remove `unsigned` (add `check (col >= 0)` to keep values positive)",
            "type",
          ),
        );
    }
  // `using` on a primary key: only MySQL writes one (and keeps that it was written).
  if (!caps.primaryKeyMethod)
    for (const t of schema.tables)
      if (t.primaryKey?.using !== undefined)
        out.push(
          dialectWarning(
            "index-method",
            `${db} takes no method on a primary key; \`using ${t.primaryKey.using}\` on \`${t.name}\`'s is ignored`,
            t.primaryKey.src,
            "remove `using`",
            "using",
          ),
        );
  // A key on a prefix: PostgreSQL and SQLite index whole values (or an expression).
  if (!caps.indexPrefixes) {
    // What each key is called is written only for one that has prefix lengths.
    const prefixes = (k: PrimaryKey | UniqueConstraint | Index, what: string) =>
      out.push(
        dialectError(
          "index-prefix",
          `${db} has no index prefix lengths (${what})`,
          k.src,
          "index the whole column, or an expression such as `(left(name, 20))`",
        ),
      );
    for (const t of schema.tables) {
      if (t.primaryKey && hasPrefixLengths(t.primaryKey))
        prefixes(t.primaryKey, `primary key of \`${t.name}\``);
      for (const u of t.uniques) if (hasPrefixLengths(u)) prefixes(u, `unique constraint \`${u.name}\``);
      for (const i of t.indexes) if (hasPrefixLengths(i)) prefixes(i, `index \`${i.name}\``);
    }
  }
  return out;
}

/**
 * Whether `keyPrefixLengths(k)` is not empty, without building it: asked of every key and
 * index of a schema, of which nearly none has a prefix length.
 */
function hasPrefixLengths(k: PrimaryKey | UniqueConstraint | Index): boolean {
  if ("parts" in k) {
    for (const p of k.parts) if (p.kind === "column" && p.length !== undefined) return true;
    return false;
  }
  for (const _ in k.prefixLengths) return true;
  return false;
}

/**
 * `serial` and `identity(...)` options where the dialect has no sequences (MySQL, SQLite: their
 * generated keys have no options), and on PostgreSQL the option values it refuses (CREATE
 * SEQUENCE's rules: increment not 0, cache at least 1, min below max, start between them, every
 * bound within the column's type).
 */
export function validateIdentity(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of schema.tables) {
    for (const c of t.columns) {
      // Every rule below is about an identity, a serial or identity options: most columns have none.
      if (!c.identity && !c.serial && !c.identityOptions) continue;
      const where = `\`${t.name}.${c.name}\``;
      if (c.identity && c.nullable && !caps.accepts.nullableIdentity)
        out.push(
          dialectError(
            "identity-nullable",
            `identity column ${where} cannot be nullable on ${db}`,
            c.src,
            "remove the `?`",
            "type",
          ),
        );
      if (c.serial && !caps.sequences)
        out.push(
          dialectError(
            "serial-dialect",
            `${db} has no \`serial\` columns (${where})`,
            c.src,
            `write \`${c.type.kind === "portable" ? c.type.name : "bigint"} identity\`: ${db}'s own generated key`,
            "type",
          ),
        );
      const o = c.identityOptions;
      if (!o) continue;
      if (!caps.sequences) {
        out.push(
          dialectError(
            "identity-options-dialect",
            `${db} has no identity options (${where})`,
            c.src,
            "write `identity` alone",
            "identity",
          ),
        );
        continue;
      }
      const fail = (message: string) =>
        out.push(
          dialectError(
            "identity-option-value",
            `${message} (identity of ${where})`,
            c.src,
            undefined,
            "identity",
          ),
        );
      const typeMax = integerTypeMax(c);
      const n = (s: string | undefined) => (s === undefined ? undefined : BigInt(s));
      const inc = n(o.increment) ?? 1n;
      const min = n(o.min) ?? (inc > 0n ? 1n : -typeMax - 1n);
      const max = n(o.max) ?? (inc > 0n ? typeMax : -1n);
      const start = n(o.start) ?? (inc > 0n ? min : max);
      if (inc === 0n) fail("the increment cannot be 0");
      else if (n(o.cache) !== undefined && n(o.cache)! < 1n) fail("the cache must be at least 1");
      else if (min < -typeMax - 1n || max > typeMax)
        fail(`min and max must fit the column's type (up to ${typeMax})`);
      else if (min >= max) fail(`min (${min}) must be less than max (${max})`);
      else if (start < min || start > max)
        fail(`start (${start}) must lie between min (${min}) and max (${max})`);
    }
  }
  return out;
}

/**
 * Table options against the dialect's list (`Capabilities.tableOptions`): the database refuses
 * an option it does not have, a value given to a flag, or an option missing its value.
 */
export function validateTableOptions(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = caps.tableOptions;
  for (const t of schema.tables) {
    // Most tables have no options: no empty list of them each.
    if (!t.options) continue;
    for (const [name, value] of Object.entries(t.options)) {
      const spec = known.find((o) => o.name === name);
      const part = `option:${name}`;
      if (!spec)
        out.push(
          dialectError(
            "unknown-table-option",
            `${db} has no table option \`${name}\` (on table \`${t.name}\`)`,
            t.src,
            known.length
              ? `the table options of ${db} are ${known.map((o) => `\`${o.name}\``).join(", ")}`
              : `${db} tables take no options here: remove it`,
            part,
          ),
        );
      else if (spec.takes === "flag" && value !== true)
        out.push(
          dialectError(
            "table-option-value",
            `table option \`${name}\` takes no value (on table \`${t.name}\`)`,
            t.src,
            `write \`${name}\` alone`,
            part,
          ),
        );
      else if (spec.takes === "value" && value === true)
        out.push(
          dialectError(
            "table-option-value",
            `table option \`${name}\` needs a value (on table \`${t.name}\`)`,
            t.src,
            `write \`${name} = ...\``,
            part,
          ),
        );
    }
  }
  return out;
}

/** Exclusion constraints where the dialect has none (PostgreSQL alone has EXCLUDE). */
export function validateExclusions(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  if (caps.exclusions) return [];
  return schema.tables.flatMap((t) =>
    (t.exclusions ?? []).map((x) =>
      dialectError(
        "exclusion-dialect",
        `${db} has no exclusion constraints (\`${x.name}\`)`,
        x.src,
        "use a unique key where equality is enough, or remove it",
      ),
    ),
  );
}

/** `no inherit`, `match full`, `deferrable` and `not valid` where the dialect has no such clauses. */
export function validateConstraintClauses(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  if (caps.constraintClauses) return [];
  const out: Diagnostic[] = [];
  const notValid = (c: Check | ForeignKey) =>
    out.push(
      dialectError(
        "not-valid-dialect",
        `${db} has no \`not valid\` constraints (\`${c.name}\`): it checks every row`,
        c.src,
        "remove `not valid`",
      ),
    );
  const deferrableKey = (k: PrimaryKey | UniqueConstraint) =>
    out.push(
      dialectError(
        "deferrable-dialect",
        `${db} has no deferrable keys (\`${k.name}\`): it checks each row as it is written`,
        k.src,
        "remove `deferrable`",
      ),
    );
  // The checks, then the foreign keys (and the primary key, then the unique keys): the lists
  // one after the other, without a joined copy of them per table.
  for (const t of schema.tables) {
    for (const c of t.checks) if (c.notValid) notValid(c);
    for (const c of t.foreignKeys) if (c.notValid) notValid(c);
    for (const ck of t.checks)
      if (ck.noInherit)
        out.push(
          dialectError(
            "no-inherit-dialect",
            `${db} has no \`no inherit\` checks (\`${ck.name}\`)`,
            ck.src,
            "remove `no inherit`",
          ),
        );
    if (t.primaryKey?.deferrable) deferrableKey(t.primaryKey);
    for (const k of t.uniques) if (k.deferrable) deferrableKey(k);
    for (const fk of t.foreignKeys) {
      if (fk.matchFull)
        out.push(
          dialectError(
            "match-full-dialect",
            `${db} does not keep \`match full\` (\`${fk.name}\`)`,
            fk.src,
            "remove `match full`",
          ),
        );
      if (fk.deferrable)
        out.push(
          dialectError(
            "deferrable-dialect",
            `schemavc has no deferrable foreign keys on ${db} (\`${fk.name}\`)`,
            fk.src,
            "remove `deferrable`",
          ),
        );
    }
  }
  return out;
}

/**
 * An index entry's `collate`, operator class and `nulls first|last` where the dialect has none
 * (MySQL has none; SQLite has `collate` only, with its three collations).
 */
export function validateIndexEntries(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const has = new Set(caps.indexEntryOptions ?? []);
  const names = caps.collations.names;
  const words = {
    collation: "`collate` on an index entry",
    opclass: "operator classes",
    nulls: "`nulls first|last` in an index",
  };
  const keyClause = (k: PrimaryKey | UniqueConstraint) => {
    if (k.include?.length || k.storage || k.nullsNotDistinct)
      out.push(
        dialectError(
          "index-clause-dialect",
          `${db} has no ${k.include?.length ? "`include`" : k.nullsNotDistinct ? "`nulls not distinct`" : "storage parameters (`with`)"} on a key (\`${k.name}\`)`,
          k.src,
          "remove it",
        ),
      );
  };
  // The primary key, then the unique keys, without a joined list of them per table.
  if (!caps.indexClauses)
    for (const t of schema.tables) {
      if (t.primaryKey) keyClause(t.primaryKey);
      for (const k of t.uniques) keyClause(k);
    }
  for (const t of schema.tables)
    for (const i of t.indexes) {
      const clause = i.include?.length
        ? "`include`"
        : i.nullsNotDistinct
          ? "`nulls not distinct`"
          : i.storage
            ? "storage parameters (`with`)"
            : undefined;
      if (clause && !caps.indexClauses)
        out.push(
          dialectError(
            "index-clause-dialect",
            `${db} has no ${clause} on an index (\`${i.name}\`)`,
            i.src,
            "remove it",
          ),
        );
      if (i.nullsNotDistinct && !i.unique)
        out.push(
          dialectError(
            "nulls-not-distinct",
            `\`nulls not distinct\` is for unique indexes (\`${i.name}\`)`,
            i.src,
            "make it `unique index`, or remove it",
          ),
        );
      for (const p of i.parts) {
        // Nearly every entry is a bare column: nothing below applies to it.
        if (p.collation === undefined && p.opclass === undefined && p.nulls === undefined) continue;
        for (const k of ["collation", "opclass", "nulls"] as const)
          if (p[k] !== undefined && !has.has(k))
            out.push(
              dialectError(
                "index-entry-dialect",
                `${db} has no ${words[k]} (index \`${i.name}\`)`,
                i.src,
                "remove it",
              ),
            );
        if (
          p.collation !== undefined &&
          has.has("collation") &&
          names &&
          !names.some((n) => n.toLowerCase() === p.collation!.toLowerCase())
        )
          out.push(
            dialectError(
              "unknown-collation",
              `${db} has no collation \`${p.collation}\` (index \`${i.name}\`)`,
              i.src,
              `use one of ${names.join(", ")}`,
            ),
          );
      }
    }
  return out;
}

/**
 * A `///` comment on a key, index or constraint the database keeps no comment on (MySQL: foreign
 * keys and checks): the database accepts the item, the comment is not kept. A warning.
 */
export function validateItemComments(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kept = new Set(caps.itemComments ?? []);
  const words: Record<CommentedItem, string> = {
    "primary-key": "primary key",
    unique: "unique constraint",
    index: "index",
    "foreign-key": "foreign key",
    check: "check",
    exclusion: "exclusion constraint",
  };
  for (const t of schema.tables) {
    const items: [CommentedItem, { name: string; comment?: string; src?: SourceInfo }][] = [
      ...(t.primaryKey ? [["primary-key", t.primaryKey] as [CommentedItem, PrimaryKey]] : []),
      ...t.uniques.map((u): [CommentedItem, UniqueConstraint] => ["unique", u]),
      ...t.indexes.map((i): [CommentedItem, Index] => ["index", i]),
      ...t.foreignKeys.map((f): [CommentedItem, ForeignKey] => ["foreign-key", f]),
      ...t.checks.map((c): [CommentedItem, Check] => ["check", c]),
      ...(t.exclusions ?? []).map((x): [CommentedItem, Exclusion] => ["exclusion", x]),
    ];
    for (const [kind, item] of items)
      if (item.comment !== undefined && !kept.has(kind))
        out.push(
          dialectWarning(
            "item-comment",
            `${db} keeps no comment on a ${words[kind]}: the \`///\` comment on \`${item.name}\` is not kept`,
            item.src,
            "make it a `//` comment, or put it on the table or a column",
          ),
        );
  }
  return out;
}
