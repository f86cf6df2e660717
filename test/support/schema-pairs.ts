/**
 * Random schema pairs (A, B) that real databases can hold with rows in them, for the round-trip
 * property: A is a small random schema, B is A after a few random edits of the kinds people make
 * (add, drop and rename columns and tables with `renamed from`, widen types, defaults, indexes,
 * uniques, checks, foreign key actions, enum values, comments). Everything comes from one seed,
 * so a failure is reproduced by its seed alone.
 *
 * Edits keep the rows valid: B only adds NOT NULL columns with a default, uniques on columns
 * whose test rows are distinct, checks the test rows satisfy, and widens types.
 */
import { qualify, splitQualified } from "../../src/ir/qualified.ts";
import { quoteQualified } from "../../src/dialects/common/sql.ts";
import type {
  Column,
  ColumnType,
  EnumType,
  FkAction,
  Schema,
  Table,
  TableOptions,
  Routine,
  Trigger,
  View,
  VirtualModule,
} from "../../src/ir/model.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";
import {
  checkName,
  exclusionName,
  foreignKeyName,
  indexName,
  primaryKeyName,
  uniqueName,
} from "../../src/ir/naming.ts";

/** A small deterministic generator (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  bool(p = 0.5): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
}

/** The schema (PostgreSQL namespace) the generator puts tables in. */
const NAMESPACE = "s1";
const TABLE_NAMES = ["users", "orders", "order", "items", "tags", "Line Items", "accounts", "events"];
const COLUMN_NAMES = [
  "name",
  "title",
  "note",
  "qty",
  "price",
  "flag",
  "born",
  "seen_at",
  "at_tz",
  "code",
  "payload",
  "data",
  "mood",
  "score",
  "key",
  "Total Sum",
];
const FRESH_COLUMNS = ["extra", "added_at", "level", "label", "remark"];

type Kind =
  | "int"
  | "bigint"
  | "smallint"
  | "text"
  | "varchar"
  | "bool"
  | "decimal"
  | "double"
  | "date"
  | "timestamp"
  | "timestamptz"
  | "uuid"
  | "json"
  | "bytes"
  | "enum";
const KINDS: readonly Kind[] = [
  "int",
  "bigint",
  "smallint",
  "text",
  "varchar",
  "bool",
  "decimal",
  "double",
  "date",
  "timestamp",
  "timestamptz",
  "uuid",
  "json",
  "bytes",
  "enum",
];

function typeOf(kind: Kind, r: Rng, enums: readonly EnumType[]): ColumnType {
  switch (kind) {
    case "varchar":
      return { kind: "portable", name: "varchar", args: [r.int(10, 60)] };
    case "decimal":
      return { kind: "portable", name: "decimal", args: [12, 2] };
    case "enum":
      return enums.length ? { kind: "enum", name: r.pick(enums).name } : { kind: "portable", name: "text" };
    default:
      return { kind: "portable", name: kind };
  }
}

const isIntegral = (t: ColumnType) => t.kind === "portable" && ["int", "bigint", "smallint"].includes(t.name);
const isText = (t: ColumnType) => t.kind === "portable" && ["text", "varchar"].includes(t.name);

function defaultFor(c: Column, r: Rng, enums: readonly EnumType[]): Column["default"] {
  const t = c.type;
  if (t.kind === "enum")
    return { kind: "string", value: enums.find((e) => e.name === t.name)!.values[0]!.name };
  if (t.kind !== "portable") return undefined;
  switch (t.name) {
    case "int":
    case "bigint":
    case "smallint":
      return { kind: "number", text: String(r.int(0, 99)) };
    case "decimal":
      return { kind: "number", text: `${r.int(0, 9)}.${r.int(10, 99)}` };
    case "double":
      return { kind: "number", text: "1.5" };
    case "text":
    case "varchar":
      return { kind: "string", value: r.pick(["", "n/a", "it's", "x"]) };
    case "bool":
      return { kind: "bool", value: r.bool() };
    case "timestamp":
    case "timestamptz":
      return { kind: "function", name: "now" };
    case "date":
      return { kind: "function", name: "current_date" };
    case "uuid":
      return { kind: "function", name: "gen_uuid" };
    default:
      return undefined;
  }
}

/** Collations each database has built in (`collate NAME` on text columns). */
const COLLATIONS: Readonly<Record<DialectName, readonly string[]>> = {
  postgres: ["C", "POSIX"],
  mysql: ["utf8mb4_bin", "utf8mb4_unicode_ci"],
  sqlite: ["NOCASE", "RTRIM"],
};

/** Members of the `set(...)` columns the MySQL schemas get, as the language writes them. */
const SET_MEMBERS = ["'Trailers'", "'it''s'", "'Behind the Scenes'"];

function column(
  name: string,
  r: Rng,
  enums: readonly EnumType[],
  d: DialectName,
  forceNullable = false,
): Column {
  let type = typeOf(r.pick(KINDS), r, enums);
  // MySQL's own integers: unsigned ones and tinyint.
  if (d === "mysql" && isIntegral(type) && r.bool(0.3)) type = { ...type, unsigned: true } as ColumnType;
  else if (d === "mysql" && isIntegral(type) && r.bool(0.2)) type = { kind: "native", name: "tinyint" };
  // MySQL's `set(...)` (Sakila's special_features), in place of a text column sometimes.
  else if (d === "mysql" && isText(type) && r.bool(0.15))
    type = { kind: "native", name: "set", args: SET_MEMBERS.slice(0, r.int(1, SET_MEMBERS.length)) };
  const nullable = forceNullable || r.bool(0.4);
  const col: Column = {
    name,
    type,
    nullable,
    identity: false,
    ...(isText(type) && r.bool(0.3) ? { collation: r.pick(COLLATIONS[d]) } : {}),
    ...(r.bool(0.2) ? { doc: r.pick(["Why it exists.", "Set by the app; it's free text."]) } : {}),
  };
  const dv = r.bool(0.4) ? defaultFor(col, r, enums) : undefined;
  // MySQL's `on update now()` on a timestamp column with a default (Sakila's last_update; with
  // none, MariaDB gives a NOT NULL TIMESTAMP the zero date).
  const onUpdate =
    d === "mysql" &&
    dv !== undefined &&
    type.kind === "portable" &&
    /^timestamp(tz)?$/.test(type.name) &&
    r.bool(0.5)
      ? { onUpdate: "now" as const }
      : {};
  return dv ? { ...col, ...onUpdate, default: dv } : { ...col, ...onUpdate };
}

type MTable = { -readonly [K in keyof Table]: Table[K] extends readonly (infer U)[] ? U[] : Table[K] };

/** How a PostgreSQL key is generated: identity, serial, or identity with sequence options. */
function generation(r: Rng): Pick<Column, "identity" | "serial" | "identityOptions"> {
  switch (r.int(0, 3)) {
    case 0:
      return { identity: false };
    case 1:
      return { identity: true, serial: true };
    case 2:
      return {
        identity: true,
        identityOptions: { always: r.bool(0.5), start: String(r.int(1, 500)), cache: "5" },
      };
    default:
      return { identity: true };
  }
}

function table(
  name: string,
  r: Rng,
  enums: readonly EnumType[],
  parents: readonly Table[],
  d: DialectName,
): Table {
  const identity = r.bool(0.6);
  // Laravel's and Rails' key on MySQL: `bigint unsigned`.
  const idType: ColumnType =
    d === "mysql" && r.bool(0.4)
      ? { kind: "portable", name: "bigint", unsigned: true }
      : { kind: "portable", name: "bigint" };
  // MySQL's table options: another charset (latin1), collation, engine or row format.
  const choices: TableOptions[] = [
    { charset: "latin1" },
    { row_format: "COMPACT" },
    { collate: "utf8mb4_bin" },
    { engine: "InnoDB" },
  ];
  const options: { options?: TableOptions } =
    d === "mysql" && r.bool(0.3) ? { options: r.pick(choices) } : {};
  const t: MTable = {
    name,
    ...options,
    columns: [
      {
        name: "id",
        type: idType,
        nullable: false,
        identity,
        ...(identity && d === "postgres" ? generation(r) : {}),
      },
    ],
    // A name of its own now and then (`primary key NAME (id)`, Northwind's `pk_<table>`).
    primaryKey: { name: r.bool(0.25) ? `pk_${name}` : primaryKeyName(name), columns: ["id"] },
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    ...(r.bool(0.2) ? { doc: "A table of things." } : {}),
  };
  const names = [...COLUMN_NAMES].sort(() => r.next() - 0.5).slice(0, r.int(1, 4));
  for (const n of names) t.columns.push(column(n, r, enums, d));
  // Not an inheritance child: its `id` is its parent's, and no key of its own.
  const keyed = parents.filter((x) => x.columns.some((c) => c.name === "id"));
  if (keyed.length && r.bool(0.6)) {
    const p = r.pick(keyed);
    const col = `${p.name.replace(/\W/g, "_").toLowerCase()}_id`;
    t.columns.push({
      name: col,
      type: p.columns.find((c) => c.name === "id")!.type,
      nullable: true,
      identity: false,
    });
    const actions: FkAction[] =
      d === "mysql"
        ? ["no action", "restrict", "cascade", "set null"]
        : ["no action", "restrict", "cascade", "set null", "set default"];
    t.foreignKeys.push({
      name: foreignKeyName(name, [col]),
      columns: [col],
      refTable: p.name,
      refColumns: ["id"],
      onDelete: r.pick(actions),
      onUpdate: r.pick(["no action", "cascade"]),
    });
  }
  addIndexes(t, r, d);
  return t as Table;
}

function addIndexes(t: MTable, r: Rng, d: DialectName, distinct: (c: Column) => boolean = () => true) {
  const plain = t.columns.filter(
    (c) => c.name !== "id" && !t.foreignKeys.some((f) => f.columns.includes(c.name)),
  );
  const keyable = plain.filter(
    (c) => distinct(c) && (isIntegral(c.type) || (c.type.kind === "portable" && c.type.name === "varchar")),
  );
  if (keyable.length && r.bool(0.4)) {
    const c = r.pick(keyable);
    const name = uniqueName(t.name, [c.name]);
    // One unique per column list (SQLite keeps only one of two identical UNIQUE constraints).
    if (!t.uniques.some((u) => u.name === name || (u.columns.length === 1 && u.columns[0] === c.name)))
      t.uniques.push({
        name,
        columns: [c.name],
        // MySQL: a unique key on a prefix of a varchar column, two characters at least: the
        // test rows' text differs from its second character on (`v1...`, `v2...`).
        ...(d === "mysql" && isText(c.type) && r.bool(0.3)
          ? { prefixLengths: { [c.name]: r.int(2, 10) } }
          : {}),
        // PostgreSQL's clauses of the key's index, now and then.
        ...(d === "postgres" && r.bool(0.3) ? { include: ["id"] } : {}),
        ...(d === "postgres" && r.bool(0.3) ? { storage: { fillfactor: "80" } } : {}),
        // PostgreSQL 15's NULLS NOT DISTINCT on a NOT NULL column (test rows may hold NULLs, which
        // would collide), and a deferrable key (no foreign key names it:
        // they all reference `id`).
        ...(d === "postgres" && !c.nullable && r.bool(0.2) ? { nullsNotDistinct: true } : {}),
        ...(d === "postgres" && r.bool(0.2) ? { deferrable: r.bool(0.5) ? "deferred" : "immediate" } : {}),
        ...(r.bool(0.2) ? { comment: "One per row's value." } : {}),
      });
  }
  // PostgreSQL: an exclusion constraint now and then, on the key (its rows never conflict).
  if (d === "postgres" && t.columns.some((c) => c.name === "id") && r.bool(0.15))
    t.exclusions = [
      {
        name: exclusionName(t.name, ["id"]),
        using: "btree",
        parts: [{ kind: "column", column: "id", desc: false, operator: "=" }],
        ...(r.bool(0.5) ? { where: `${quote("id")} > 0` } : {}),
        ...(r.bool(0.2) ? { deferrable: "deferred" as const } : {}),
      },
    ];
  const indexable =
    d === "mysql"
      ? keyable
      : plain.filter((c) => c.type.kind === "portable" && !["json", "bytes"].includes(c.type.name));
  if (indexable.length && r.bool(0.5)) {
    const c = r.pick(indexable);
    const expression = d !== "mysql" && isText(c.type) && r.bool(0.4);
    const part = expression
      ? { kind: "expression" as const, sql: `lower(${quote(c.name)})`, desc: false }
      : {
          kind: "column" as const,
          column: c.name,
          desc: r.bool(0.3),
          // MySQL: a prefix of a varchar column.
          ...(d === "mysql" && isText(c.type) && r.bool(0.4) ? { length: r.int(1, 10) } : {}),
        };
    const name = indexName(t.name, [expression ? `lower_${c.name}` : c.name]);
    if (!t.indexes.some((i) => i.name === name)) {
      t.indexes.push({
        name,
        unique: false,
        parts: [part],
        ...(d !== "mysql" && r.bool(0.3) ? { where: `${quote(c.name)} is not null` } : {}),
        ...(d === "mysql" && r.bool(0.3) ? { comment: "For lookups; it's fast." } : {}),
      });
    }
  }
  // MySQL's FULLTEXT index on a text column.
  const searchable = d === "mysql" ? plain.filter((c) => isText(c.type)) : [];
  if (searchable.length && r.bool(0.3)) {
    const c = r.pick(searchable);
    const name = indexName(t.name, [c.name]);
    if (!t.indexes.some((i) => i.name === name))
      t.indexes.push({
        name,
        unique: false,
        parts: [{ kind: "column", column: c.name, desc: false }],
        using: "fulltext",
      });
  }
  const checkable = plain.filter((c) => isIntegral(c.type));
  if (checkable.length && r.bool(0.3)) {
    const c = r.pick(checkable);
    const name = checkName(t.name, [c.name]);
    if (!t.checks.some((k) => k.name === name)) t.checks.push({ name, expr: `${quote(c.name)} >= 0` });
  }
}

const quote = (n: string) =>
  /^[a-z_][a-z0-9_]*$/.test(n) && !["key", "order"].includes(n) ? n : `"${n.replace(/"/g, '""')}"`;

/** A random schema applicable on dialect `d` with test rows. */
export function randomSchema(r: Rng, d: DialectName): Schema {
  const enums: EnumType[] = r.bool(0.5)
    ? [{ name: "mood", values: ["happy", "sad", "so-so"].slice(0, r.int(2, 3)).map((name) => ({ name })) }]
    : [];
  const tables: Table[] = [];
  for (const name of [...TABLE_NAMES].sort(() => r.next() - 0.5).slice(0, r.int(1, 4)))
    tables.push(table(name, r, enums, tables, d));
  // PostgreSQL: an inheritance child of one table, with a column and an index of its own.
  if (d === "postgres" && r.bool(0.3)) tables.push(child(r.pick(tables), r));
  // SQLite: a virtual table, which the edits below change, drop or add.
  if (d === "sqlite" && r.bool(0.3)) tables.push(virtualTable(r));
  // PostgreSQL: a schema `s1` holding a table (its keys may reference the current schema's), and
  // the edits below move tables in and out of it.
  const namespaces = d === "postgres" && r.bool(0.3) ? [{ name: NAMESPACE }] : [];
  if (namespaces.length) {
    const name = TABLE_NAMES.find((n) => !tables.some((t) => t.name === n)) ?? "extra";
    tables.push(table(`${NAMESPACE}.${name}`, r, enums, tables, d));
  }
  const views: View[] = [];
  if (r.bool(0.4)) {
    const v = viewOn(r.pick(tables.filter((t) => !t.virtual)), r, d, tables);
    if (v) views.push(v);
    // A view of that view, now and then: dropped before it and created after it.
    if (v && r.bool(0.4))
      views.push({ name: `${v.name}_ids`, query: `select ${qv(d, "id")} from ${qv(d, v.name)}` });
  }
  const triggers: Trigger[] = [];
  if (r.bool(0.4)) triggers.push(triggerOn(r.pick(tables.filter((t) => !t.virtual)), r, d));
  return {
    ...(namespaces.length ? { namespaces } : {}),
    tables,
    enums,
    ...(views.length ? { views } : {}),
    ...(d === "postgres" && triggers.length ? { functions: [triggerFunction(r)] } : {}),
    ...(triggers.length ? { triggers } : {}),
  };
}

/**
 * A trigger that leaves the rows as they are (the round trip checks them): on PostgreSQL it
 * runs `keep_row()` (`triggerFunction`), elsewhere a body of its own; events drawn.
 */
function triggerOn(t: Table, r: Rng, d: DialectName, name?: string): Trigger {
  const events =
    d === "postgres"
      ? r.pick(["insert", "update", "insert or update", "delete"])
      : r.pick(["insert", "update", "delete"]);
  return {
    name: name ?? `trg_${t.name.replace(/\W/g, "_").toLowerCase()}`,
    table: t.name,
    timing: d === "sqlite" ? r.pick(["before", "after"] as const) : "before",
    events,
    forEach: "row",
    ...(d === "postgres"
      ? { execute: { function: "keep_row", args: "" } }
      : d === "mysql"
        ? {
            body: r.bool()
              ? "SET @schemavc_fired = 1"
              : "BEGIN\n  SET @schemavc_fired = 1;\n  SET @schemavc_fired = 2;\nEND",
          }
        : { body: r.bool() ? "BEGIN SELECT 1; END" : "BEGIN\n  SELECT 1;\n  SELECT 2;\nEND" }),
  };
}

/** PostgreSQL's trigger function: returns the row as it is (NEW, or OLD for a delete). */
const triggerFunction = (r: Rng): Routine => ({
  name: "keep_row",
  args: "",
  returns: "trigger",
  language: "plpgsql",
  body: r.bool()
    ? "\nbegin\n  if tg_op = 'DELETE' then return old; end if;\n  return new;\nend\n"
    : " begin return coalesce(new, old); end ",
});

/**
 * B's triggers from A's: each kept where its table is (renamed with it), given other events
 * now and then (a drop and a create), or dropped; one added now and then. PostgreSQL keeps its
 * trigger function while a trigger runs it, its body written again now and then (a replace).
 */
function mutateTriggers(a: Schema, b: W<Schema>, r: Rng, d: DialectName): void {
  const plain = b.tables.filter((t) => !t.virtual) as Table[];
  const out: Trigger[] = [];
  for (const t of a.triggers ?? []) {
    if (r.bool(0.2)) continue;
    const now = plain.find((x) => x.name === t.table || x.renamedFrom === t.table);
    if (!now) continue;
    out.push(r.bool(0.3) ? triggerOn(now, r, d, t.name) : { ...t, table: now.name });
  }
  if (!out.length && plain.length && r.bool(0.2)) out.push(triggerOn(r.pick(plain), r, d));
  const w = b as { triggers?: Trigger[]; functions?: Routine[] };
  if (out.length) w.triggers = out;
  else delete w.triggers;
  if (d !== "postgres") return;
  const had = a.functions?.[0];
  if (out.length) w.functions = [had && r.bool(0.7) ? had : triggerFunction(r)];
  else if (had && r.bool(0.5)) w.functions = [had];
  else delete w.functions;
}

/** A dialect's quoted name in a view's query (MySQL's backquotes, else double quotes). */
const qv = (d: DialectName, n: string) =>
  d === "mysql" ? `\`${n.replace(/`/g, "``")}\`` : `"${n.replace(/"/g, '""')}"`;
/** A table's name in a view's query: PostgreSQL's `s1.users` is `"s1"."users"`. */
const qt = (d: DialectName, n: string) => (d === "postgres" ? quoteQualified(n) : qv(d, n));

/** A view of a table's key and one more of its columns, named after the table (none when that name is taken). */
function viewOn(t: Table, r: Rng, d: DialectName, tables: readonly Table[], name?: string): View | undefined {
  if (!t.columns.some((c) => c.name === "id")) return undefined;
  const others = t.columns.filter((c) => c.name !== "id");
  const cols = ["id", ...(others.length ? [r.pick(others).name] : [])];
  const view = name ?? `v_${t.name.replace(/\W/g, "_").toLowerCase()}`;
  if (tables.some((x) => x.name === view)) return undefined;
  return { name: view, query: `select ${cols.map((c) => qv(d, c)).join(", ")} from ${qt(d, t.name)}` };
}

/**
 * B's views from A's: each kept with its query where what it reads is still there under the
 * same names (PostgreSQL's plan must then drop and create it around a retyped column), written
 * again on B's table where a column or the table was renamed or dropped, or dropped; a view of
 * a view goes with it. Now and then one is added.
 */
function mutateViews(a: Schema, b: W<Schema>, r: Rng, d: DialectName): void {
  const out: View[] = [];
  const plain = b.tables.filter((t) => !t.virtual) as Table[];
  for (const v of a.views ?? []) {
    if (v.name.endsWith("_ids")) {
      if (out.some((x) => `${x.name}_ids` === v.name)) out.push(v);
      continue;
    }
    if (r.bool(0.2)) continue;
    const source = (a.tables.find((t) => v.query.endsWith(qt(d, t.name))) ?? undefined) as Table | undefined;
    const now = source && plain.find((t) => t.name === source.name || t.renamedFrom === source.name);
    if (!now) continue;
    const read = [...v.query.matchAll(d === "mysql" ? /`([^`]+)`/g : /"([^"]+)"/g)].map((m) => m[1]!);
    const same =
      now.name === source.name &&
      read.slice(0, -1).every((c) => now.columns.some((x) => x.name === c && !x.renamedFrom));
    if (same && r.bool(0.7)) out.push(v);
    else {
      const again = viewOn(now, r, d, b.tables as Table[], v.name);
      if (again) out.push(again);
    }
  }
  if (!out.length && plain.length && r.bool(0.2)) {
    const v = viewOn(r.pick(plain), r, d, b.tables as Table[]);
    if (v) out.push(v);
  }
  if (out.length) (b as { views?: View[] }).views = out;
  else delete (b as { views?: View[] }).views;
}

/** A child of `parent` (`inherits`): one nullable column of its own, sometimes indexed. */
function child(parent: Table, r: Rng): Table {
  const name = `${parent.name.replace(/\W/g, "_").toLowerCase()}_kid`;
  return {
    name,
    options: { inherits: quote(parent.name) },
    columns: [{ name: "remark", type: { kind: "portable", name: "text" }, nullable: true, identity: false }],
    uniques: [],
    indexes: r.bool(0.5)
      ? [
          {
            name: indexName(name, ["remark"]),
            unique: false,
            parts: [{ kind: "column", column: "remark", desc: false }],
          },
        ]
      : [],
    foreignKeys: [],
    checks: [],
  };
}

/** The tables that inherit `name`. */
const childrenOfTable = (s: Schema, name: string) =>
  s.tables.filter((t) => t.options?.["inherits"] === quote(name));

/** SQLite's virtual tables the generator uses: full-text search and an R*Tree. */
const VIRTUALS: readonly VirtualModule[] = [
  { module: "fts5", args: "title, body" },
  { module: "fts5", args: "title, body, tokenize = 'porter unicode61'" },
  { module: "fts4", args: "title, body" },
  { module: "rtree", args: "id, min_x, max_x" },
];
const virtualTable = (r: Rng, name = "search"): Table => ({
  name,
  virtual: r.pick(VIRTUALS),
  columns: [],
  uniques: [],
  indexes: [],
  foreignKeys: [],
  checks: [],
});

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
/** A writable copy's type: edits happen in place on a clone. */
type W<T> = { -readonly [K in keyof T]: T[K] extends object ? W<T[K]> : T[K] };

/** Columns a constraint, index or check of the table mentions. */
const used = (t: Table, name: string) =>
  t.primaryKey?.columns.includes(name) ||
  t.uniques.some((u) => u.columns.includes(name)) ||
  t.foreignKeys.some((f) => f.columns.includes(name)) ||
  t.indexes.some(
    (i) =>
      i.parts.some((p) => (p.kind === "column" ? p.column === name : p.sql.includes(quote(name)))) ||
      (i.where ?? "").includes(quote(name)),
  ) ||
  t.checks.some((k) => k.expr.includes(quote(name)));

/** B: A after 1-4 random edits. */
export function mutate(a: Schema, r: Rng, d: DialectName): Schema {
  const s = clone(a) as W<Schema>;
  const referenced = (name: string) =>
    s.tables.some((t) => t.foreignKeys.some((f) => f.refTable === name && t.name !== name));
  const edits = r.int(1, 4);
  // The edits of columns, keys and indexes are for plain tables (a virtual one has none).
  const plain = () => s.tables.filter((x) => !x.virtual);
  for (let e = 0; e < edits; e++) {
    const t = r.pick(plain()) as W<Table>;
    const free = t.columns.filter((c) => !used(t as Table, c.name));
    const k = r.int(0, d === "mysql" ? 17 : d === "sqlite" ? 16 : 15);
    switch (d === "sqlite" && k === 16 ? 18 : k) {
      case 0: {
        // add a column: nullable, or NOT NULL with a default
        const name = FRESH_COLUMNS.find((n) => !t.columns.some((c) => c.name === n));
        if (!name) break;
        let c = column(name, r, s.enums as EnumType[], d);
        if (!c.nullable && !c.default) c = { ...c, nullable: true };
        // MySQL keeps column order: a column added anywhere lands there.
        if (d === "mysql") t.columns.splice(r.int(0, t.columns.length), 0, c);
        else t.columns.push(c);
        break;
      }
      case 1: {
        // drop a column the down migration can add back to a table with rows
        // As the column is in A: the down migration adds back A's definition.
        const inA = a.tables.find((x) => x.name === (t.renamedFrom ?? t.name));
        const droppable = free.filter((c) => {
          const o = inA?.columns.find((x) => x.name === (c.renamedFrom ?? c.name));
          // A column unique in A comes back with its key: one value on every row would break it.
          const unique =
            o !== undefined &&
            (inA!.uniques.some((u) => u.columns.includes(o.name)) ||
              inA!.indexes.some(
                (i) => i.unique && i.parts.some((p) => p.kind === "column" && p.column === o.name),
              ));
          return !o || (unique ? o.nullable && !o.default : o.nullable || o.default);
        });
        if (droppable.length > 0 && t.columns.length > 2) {
          const c = r.pick(droppable);
          t.columns = t.columns.filter((x) => x !== c);
        }
        break;
      }
      case 2: {
        // rename a column, with the hint
        if (!free.length) break;
        const c = r.pick(free);
        const to = `${c.name.replace(/\W/g, "_").toLowerCase()}_new`;
        if (t.columns.some((x) => x.name === to)) break;
        Object.assign(c, { name: to, renamedFrom: c.renamedFrom ?? c.name });
        break;
      }
      case 3: {
        // rename a table, with the hint; with a schema (PostgreSQL), now and then a move into
        // it or out of it, under the same name (SET SCHEMA) or another
        const q = splitQualified(t.name);
        const move = (s.namespaces?.length ?? 0) > 0 && r.bool(0.6);
        const local = move && r.bool(0.5) ? q.name : `${q.name.replace(/\W/g, "_").toLowerCase()}_v2`;
        const to = move
          ? q.schema === undefined
            ? `${NAMESPACE}.${local}`
            : local
          : qualify(q.schema, local);
        if (s.tables.some((x) => x.name === to) || t.renamedFrom !== undefined) break;
        for (const o of s.tables) for (const f of o.foreignKeys) if (f.refTable === t.name) f.refTable = to;
        for (const k of childrenOfTable(s as Schema, t.name))
          (k as W<Table>).options = { inherits: quote(to) };
        // A generated primary key name follows the rename; a name of its own stays.
        Object.assign(t, {
          renamedFrom: t.name,
          name: to,
          primaryKey:
            t.primaryKey && t.primaryKey.name === primaryKeyName(t.name)
              ? { ...t.primaryKey, name: primaryKeyName(to) }
              : t.primaryKey,
        });
        if (!t.primaryKey) delete (t as { primaryKey?: unknown }).primaryKey;
        break;
      }
      case 4: {
        // widen a type
        const c = t.columns.find(
          (x) =>
            x.type.kind === "portable" &&
            (x.type.name === "varchar" || x.type.name === "int" || x.type.name === "smallint") &&
            !t.foreignKeys.some((f) => f.columns.includes(x.name)),
        );
        // MySQL: a `set(...)` gets a member at the end (its rows keep theirs).
        const members = t.columns.find(
          (x) =>
            x.type.kind === "native" &&
            x.type.name === "set" &&
            (x.type.args?.length ?? 0) < SET_MEMBERS.length,
        );
        if (!c && members?.type.kind === "native") {
          members.type = {
            ...members.type,
            args: SET_MEMBERS.slice(0, (members.type.args?.length ?? 0) + 1),
          };
          break;
        }
        if (c?.type.kind !== "portable") break;
        c.type =
          c.type.name === "varchar"
            ? { kind: "portable", name: "varchar", args: [(c.type.args?.[0] ?? 10) + 40] }
            : {
                kind: "portable",
                name: c.type.name === "smallint" ? "int" : "bigint",
                // MySQL: a signed column turns unsigned as it widens, sometimes (the rows are positive).
                ...(c.type.unsigned || (d === "mysql" && r.bool(0.3)) ? { unsigned: true as const } : {}),
              };
        break;
      }
      case 5: {
        const c = t.columns.find(
          (x) => !x.nullable && !x.identity && !t.primaryKey?.columns.includes(x.name),
        );
        if (c) c.nullable = true;
        break;
      }
      case 6: {
        // change or remove a default
        const c = r.pick(t.columns);
        if (c.identity) break;
        const d2 = r.bool(0.5) ? defaultFor(c, r, s.enums as EnumType[]) : undefined;
        if (d2) c.default = d2;
        else if (c.nullable) delete (c as { default?: unknown }).default;
        break;
      }
      case 7:
        t.indexes = [];
        t.uniques = [];
        break;
      case 8: {
        // A unique only where the rows differ: a column A had (its test rows are distinct), a
        // nullable one without a default (NULLs never clash), or any in a table new in B.
        const inA = a.tables.find((x) => x.name === (t.renamedFrom ?? t.name));
        addIndexes(
          t as MTable,
          r,
          d,
          (c) =>
            !inA ||
            inA.columns.some((x) => x.name === (c.renamedFrom ?? c.name)) ||
            (c.nullable && !c.default),
        );
        break;
      }
      case 9:
        if (s.enums[0]) s.enums[0].values.push({ name: `v${s.enums[0].values.length}` });
        break;
      case 10: {
        // add a table
        // Never a name A had: a different table under an old name would be a retype of its columns.
        const name = TABLE_NAMES.find(
          (n) =>
            !s.tables.some((x) => x.name === n || x.renamedFrom === n) && !a.tables.some((x) => x.name === n),
        );
        if (name) s.tables.push(table(name, r, s.enums as EnumType[], plain() as Table[], d) as W<Table>);
        break;
      }
      case 11:
        if (plain().length > 1 && !referenced(t.name) && !childrenOfTable(s as Schema, t.name).length)
          s.tables = s.tables.filter((x) => x !== t);
        break;
      case 12:
        for (const f of t.foreignKeys) {
          f.onDelete = r.pick(
            d === "mysql" ? ["cascade", "restrict", "set null"] : ["cascade", "set null", "no action"],
          );
          // PostgreSQL: deferrable or not (a change of it is a drop and an add of the key).
          if (d === "postgres") {
            const next = r.pick([undefined, "immediate", "deferred"] as const);
            if (next) f.deferrable = next;
            else delete (f as { deferrable?: string }).deferrable;
            // Validated or not (VALIDATE CONSTRAINT one way, a drop and an add the other).
            if (r.pick([true, false])) f.notValid = true;
            else delete (f as { notValid?: boolean }).notValid;
          }
        }
        break;
      case 13:
        if (t.checks.length) t.checks = [];
        else t.doc = t.doc ? `${t.doc} Changed.` : "Now documented.";
        break;
      case 14: {
        // set, change or drop a text column's collation
        const c = t.columns.find((x) => isText(x.type as ColumnType));
        if (!c) break;
        const next = r.pick([undefined, ...COLLATIONS[d]]);
        if (next === undefined) delete (c as { collation?: string }).collation;
        else c.collation = next;
        break;
      }
      case 15: {
        // PostgreSQL: the key's generation changes (none, identity, serial, identity options)
        const c = t.columns.find((x) => x.name === "id");
        if (d !== "postgres" || !c || t.foreignKeys.length) break;
        Object.assign(c, generation(r));
        if (!c.identity) delete (c as { identity?: boolean; serial?: boolean }).serial;
        if (!c.identityOptions) delete (c as { identityOptions?: unknown }).identityOptions;
        break;
      }
      case 16: {
        // MySQL: two columns swap places
        if (t.columns.length < 2) break;
        const i = r.int(0, t.columns.length - 1),
          j = r.int(0, t.columns.length - 1);
        [t.columns[i], t.columns[j]] = [t.columns[j]!, t.columns[i]!];
        break;
      }
      case 17: {
        // MySQL: a comment on the primary key, a unique key or an index set, changed or removed
        const items = [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniques, ...t.indexes] as {
          comment?: string;
        }[];
        if (!items.length) break;
        const item = r.pick(items);
        const next = r.pick([undefined, "Changed.", "A key's comment."]);
        if (next === undefined) delete item.comment;
        else item.comment = next;
        break;
      }
      case 18: {
        // SQLite: a virtual table added, given another definition (a drop and a create), or dropped
        const v = s.tables.find((x) => x.virtual);
        if (!v) s.tables.push(virtualTable(r) as W<Table>);
        else if (r.bool()) v.virtual = r.pick(VIRTUALS) as W<VirtualModule>;
        else s.tables = s.tables.filter((x) => x !== v);
        break;
      }
    }
  }
  mutateViews(a, s, r, d);
  mutateTriggers(a, s, r, d);
  return s as Schema;
}
