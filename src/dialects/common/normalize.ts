/**
 * The comparison form of a schema on one dialect (`Dialect.normalize`): what the database stores
 * one way is written one way, what it does not keep is left out. Shared by the three dialects,
 * which pass their renderer (types and defaults are compared as the dialect writes them, so
 * `uuid` and `char(36)` are one type on MySQL) and the few facts that differ.
 *
 * Used for drift, for `diff` against a database and for the round-trip tests; never rendered.
 */
import {
  type Column,
  type FkAction,
  type Index,
  type IndexPart,
  type KeyIndexClauses,
  keyPrefixLengths,
  type PrefixLengths,
  type Schema,
  type Table,
  type TableOptions,
} from "../../ir/model.ts";
import { type Capabilities, type CommentedItem, createsIndex } from "../dialect.ts";
import type { BaseRenderer } from "./render.ts";
import { normExpr } from "./expr.ts";
import { effectiveIdentityOptions } from "../../ir/identity.ts";
import { effectiveSequenceOptions } from "../../ir/sequence.ts";

export interface NormalizeFacts {
  readonly capabilities: Capabilities;
  readonly renderer: () => BaseRenderer;
  /** The database names every primary key itself (MySQL: PRIMARY). */
  readonly primaryKeyNames: boolean;
  /** A unique index on plain columns is the same object as a unique constraint (MySQL). */
  readonly uniqueIndexIsConstraint: boolean;
  /**
   * The database keeps an index's access method (InnoDB turns HASH into BTREE: MySQL does not),
   * or the methods it keeps (MySQL: FULLTEXT and SPATIAL, which are kinds of index there).
   */
  readonly keepsIndexMethod: boolean | readonly string[];
  /** Foreign key actions the database stores as another (MySQL: NO ACTION is RESTRICT). */
  readonly fkAction?: (a: FkAction) => FkAction;
  /** Function names the database prints in place of others (MariaDB: `octet_length` for `length`). */
  readonly synonyms?: Readonly<Record<string, string>>;
  /** `[name]` in expressions is a quoted name (SQLite). */
  readonly bracketNames?: boolean;
  /** Table options as the database keeps them (MySQL: names of any case, InnoDB the default engine); undefined: none. */
  readonly tableOptions?: (o: TableOptions) => TableOptions | undefined;
  /** The collation a table gives its columns, where the schema can say it (MySQL's `collate` option). */
  readonly tableCollation?: (t: Table) => string | undefined;
  /** Extra words of the normal form of an enum column's type (SQLite: its CHECK's values). */
  readonly enumTypeSuffix?: (values: readonly string[]) => string;
}

export function normalizeSchema(schema: Schema, f: NormalizeFacts): Schema {
  const caps = f.capabilities;
  const r = f.renderer().bind(schema);
  const opts = {
    backslashEscapes: caps.backslashEscapes,
    ...(f.synonyms ? { synonyms: f.synonyms } : {}),
    ...(f.bracketNames ? { bracketNames: true } : {}),
  };
  // Each text once: a large schema repeats its types, defaults and checks table after table.
  const exprs = new Map<string, string>();
  const expr = (s: string) => {
    let n = exprs.get(s);
    if (n === undefined) exprs.set(s, (n = normExpr(s, opts)));
    return n;
  };
  const foldCollation = (n: string) =>
    caps.collations.fold === "upper"
      ? n.toUpperCase()
      : caps.collations.fold === "lower"
        ? n.toLowerCase()
        : n;
  const enumValues = (name: string) =>
    schema.enums.find((e) => e.name === name)?.values.map((v) => v.name) ?? [];
  // A column's collation equal to its table's is no collation of its own (MySQL stores none then).
  const sameAsTable = (t: Table, collation: string) => {
    const own = f.tableCollation?.(t);
    return own !== undefined && foldCollation(own) === foldCollation(collation);
  };
  const column = (t: Table, c: Column): Column => {
    let type = expr(r.typeSql(t.name, c));
    if (c.type.kind === "enum" && f.enumTypeSuffix) type += ` ${f.enumTypeSuffix(enumValues(c.type.name))}`;
    const d = c.default?.kind === "null" ? undefined : r.defaultSql(c);
    return {
      name: c.name,
      type: { kind: "native", name: type },
      nullable: c.nullable,
      identity: c.identity,
      ...(c.serial ? { serial: true } : {}),
      ...(c.identity && !c.serial && effectiveIdentityOptions(c)
        ? { identityOptions: effectiveIdentityOptions(c)! }
        : {}),
      ...(c.collation !== undefined && !sameAsTable(t, c.collation)
        ? { collation: foldCollation(c.collation) }
        : {}),
      ...(c.onUpdate !== undefined ? { onUpdate: c.onUpdate } : {}),
      ...(c.generated ? { generated: { expr: expr(c.generated.expr), stored: c.generated.stored } } : {}),
      ...(d !== undefined && !c.identity ? { default: { kind: "raw", sql: expr(d) } } : {}),
      ...(caps.comments && c.doc !== undefined ? { doc: c.doc } : {}),
    };
  };
  // A comment where the database keeps one on that kind of item (`Capabilities.itemComments`).
  const comment = (kind: CommentedItem, text: string | undefined) =>
    text !== undefined && text !== "" && caps.itemComments?.includes(kind) ? { comment: text } : {};
  const lengths = (l: PrefixLengths | undefined) => (l && Object.keys(l).length ? { prefixLengths: l } : {});
  const plainUnique = (i: Index) =>
    f.uniqueIndexIsConstraint &&
    i.unique &&
    i.where === undefined &&
    i.parts.every((p) => p.kind === "column" && !p.desc);
  const index = (i: Index): Index => ({
    name: i.name,
    unique: i.unique,
    parts: i.parts.map((p) => {
      const { collation, nulls, ...rest } = p.kind === "expression" ? { ...p, sql: expr(p.sql) } : p;
      return {
        ...rest,
        ...(collation !== undefined ? { collation: foldCollation(collation) } : {}),
        // The default order of nulls written out is the same index.
        ...(nulls !== undefined && nulls !== (p.desc ? "first" : "last") ? { nulls } : {}),
      } as IndexPart;
    }),
    ...(i.where !== undefined && caps.partialIndexes ? { where: expr(i.where) } : {}),
    ...(i.include?.length ? { include: i.include } : {}),
    ...(i.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    ...(i.storage ? { storage: i.storage } : {}),
    ...comment("index", i.comment),
    ...(i.using !== undefined &&
    i.using !== "btree" &&
    (f.keepsIndexMethod === true ||
      (Array.isArray(f.keepsIndexMethod) && f.keepsIndexMethod.includes(i.using)))
      ? { using: i.using }
      : {}),
  });
  const keyIndexClauses = (k: KeyIndexClauses): KeyIndexClauses => ({
    ...(k.include?.length ? { include: k.include } : {}),
    ...(k.storage ? { storage: k.storage } : {}),
    ...(k.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    ...(k.deferrable ? { deferrable: k.deferrable } : {}),
  });
  const action = f.fkAction ?? ((a: FkAction) => a);
  const sequences = (schema.sequences ?? []).map((q) => ({
    name: q.name,
    options: effectiveSequenceOptions(q.options),
    ...(q.ownedBy ? { ownedBy: q.ownedBy } : {}),
    ...(caps.comments && q.doc !== undefined ? { doc: q.doc } : {}),
  }));
  // A domain as a column of its type would be: its type and default as the dialect writes them.
  const domains = (schema.domains ?? []).map((d) => {
    const asColumn: Column = {
      name: d.name,
      type: d.type,
      nullable: d.nullable,
      identity: false,
      ...(d.default ? { default: d.default } : {}),
    };
    const def = d.default?.kind === "null" ? undefined : r.defaultSql(asColumn);
    return {
      name: d.name,
      type: { kind: "native" as const, name: expr(r.typeSql("", asColumn)) },
      nullable: d.nullable,
      ...(def !== undefined ? { default: { kind: "raw" as const, sql: expr(def) } } : {}),
      ...(d.collation !== undefined ? { collation: foldCollation(d.collation) } : {}),
      checks: d.checks.map((c) => ({ name: c.name, expr: expr(c.expr) })),
      ...(caps.comments && d.doc !== undefined ? { doc: d.doc } : {}),
    };
  });
  // A view's name, kind and query (compared whitespace-normalised by the differ); its doc where
  // the database keeps it (PostgreSQL), else in the snapshot only. Where the database rewrites queries, `dialects/compare.ts`
  // decides what the query is compared with.
  const views = (schema.views ?? []).map((v) => ({
    name: v.name,
    query: v.query,
    ...(v.materialized ? { materialized: true } : {}),
    ...(caps.viewComments && v.doc !== undefined ? { doc: v.doc } : {}),
  }));
  const namespaces = [...(schema.namespaces ?? [])]
    .map((x) => ({ name: x.name, ...(caps.comments && x.doc !== undefined ? { doc: x.doc } : {}) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const extensions = [...(schema.extensions ?? [])]
    .map((x) => ({ name: x.name, ...(x.schema !== undefined ? { schema: x.schema } : {}) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A composite type's attributes as columns of their types would be, in the dialect's words.
  const composites = (schema.composites ?? []).map((t) => ({
    name: t.name,
    attributes: t.attributes.map((a) => ({
      name: a.name,
      type: {
        kind: "native" as const,
        name: expr(r.typeSql("", { name: a.name, type: a.type, nullable: true, identity: false })),
      },
      ...(a.collation !== undefined ? { collation: foldCollation(a.collation) } : {}),
    })),
    ...(caps.comments && t.doc !== undefined ? { doc: t.doc } : {}),
  }));
  // Functions and triggers without their docs (kept in the snapshot only), a trigger's `for
  // each` said (the dialect's default where absent), names of the language's words lower-cased.
  const functions = (schema.functions ?? []).map((fn) => ({
    name: fn.name,
    ...(fn.procedure ? { procedure: true } : {}),
    args: fn.args,
    ...(fn.returns !== undefined ? { returns: fn.returns } : {}),
    ...(fn.language !== undefined && fn.language !== "sql" ? { language: fn.language } : {}),
    ...(fn.options !== undefined ? { options: fn.options } : {}),
    body: fn.body,
  }));
  const triggers = (schema.triggers ?? []).map((t) => ({
    name: t.name,
    table: t.table,
    timing: t.timing,
    // `update of a,b` and `update of a, b` are the same events.
    events: t.events.replace(/\s*,\s*/g, ", "),
    forEach: t.forEach ?? caps.triggers?.forEach ?? "row",
    ...(t.when !== undefined ? { when: t.when } : {}),
    ...(t.execute ? { execute: t.execute } : {}),
    ...(t.body !== undefined ? { body: t.body } : {}),
  }));
  return {
    ...(namespaces.length ? { namespaces } : {}),
    ...(extensions.length ? { extensions } : {}),
    ...(composites.length ? { composites } : {}),
    ...(sequences.length ? { sequences } : {}),
    ...(domains.length ? { domains } : {}),
    ...(views.length ? { views } : {}),
    ...(functions.length ? { functions } : {}),
    ...(triggers.length ? { triggers } : {}),
    enums:
      caps.enums === "type"
        ? schema.enums.map((e) => ({
            name: e.name,
            values: e.values.map((v) => ({ name: v.name })),
            ...(caps.comments && e.doc !== undefined ? { doc: e.doc } : {}),
          }))
        : [],
    tables: schema.tables.map(
      (t): Table => ({
        name: t.name,
        ...(caps.comments && t.doc !== undefined ? { doc: t.doc } : {}),
        // Compared as `virtualKey` says (module case and whitespace aside).
        ...(t.virtual ? { virtual: t.virtual } : {}),
        ...(() => {
          const o = t.options !== undefined && f.tableOptions ? f.tableOptions(t.options) : t.options;
          return o !== undefined ? { options: o } : {};
        })(),
        columns: t.columns.map((c) => column(t, c)),
        ...(t.primaryKey
          ? {
              primaryKey: {
                name: f.primaryKeyNames ? t.primaryKey.name : "",
                columns: t.primaryKey.columns,
                ...lengths(t.primaryKey.prefixLengths),
                ...keyIndexClauses(t.primaryKey),
                ...comment("primary-key", t.primaryKey.comment),
              },
            }
          : {}),
        uniques: [
          ...t.uniques.map((u) => ({
            name: u.name,
            columns: u.columns,
            ...lengths(u.prefixLengths),
            ...keyIndexClauses(u),
            ...comment("unique", u.comment),
          })),
          // The same object as a unique constraint: its prefix lengths and comment with it.
          ...t.indexes.filter(plainUnique).map((i) => ({
            name: i.name,
            columns: i.parts.map((p) => (p.kind === "column" ? p.column : "")),
            ...lengths(Object.fromEntries(keyPrefixLengths(i))),
            ...comment("unique", i.comment),
          })),
        ],
        indexes: t.indexes.filter((i) => !plainUnique(i) && createsIndex(caps, i)).map(index),
        foreignKeys: t.foreignKeys.map((k) => ({
          name: k.name,
          columns: k.columns,
          refTable: k.refTable,
          refColumns: k.refColumns,
          onDelete: action(k.onDelete),
          onUpdate: action(k.onUpdate),
          ...(k.matchFull ? { matchFull: true } : {}),
          ...(k.deferrable ? { deferrable: k.deferrable } : {}),
          ...(k.notValid ? { notValid: true } : {}),
          ...comment("foreign-key", k.comment),
        })),
        checks: t.checks.map((c) => ({
          name: c.name,
          expr: expr(c.expr),
          ...(c.noInherit ? { noInherit: true } : {}),
          ...(c.notValid ? { notValid: true } : {}),
          ...comment("check", c.comment),
        })),
        ...(t.exclusions?.length
          ? {
              exclusions: t.exclusions.map((x) => ({
                name: x.name,
                using: x.using,
                // An exclusion's elements are index entries: the same normal form, and its operator.
                parts: x.parts.map((p) => ({
                  ...index({ name: "", unique: false, parts: [p] }).parts[0]!,
                  operator: p.operator,
                })),
                ...(x.where !== undefined ? { where: expr(x.where) } : {}),
                ...keyIndexClauses(x),
                ...comment("exclusion", x.comment),
              })),
            }
          : {}),
      }),
    ),
  };
}
