/**
 * Reads a SQLite schema into the IR: `sqlite_schema` and the table-valued PRAGMA functions,
 * joined over every table in five queries, never one per table.
 *
 * The PRAGMAs give columns, keys, indexes and foreign keys but not constraint names, checks,
 * index expressions or predicates: those come from the `CREATE` text SQLite keeps verbatim,
 * split into its top-level items (`create-sql.ts`). SQLite keeps declared types verbatim too,
 * so the portable names the renderer writes map straight back; an enum is a TEXT column with a
 * `CHECK (col IN (...))`, read back as an enum type named after the column.
 */
import type {
  Trigger,
  Check,
  Column,
  ColumnType,
  DefaultValue,
  FkAction,
  ForeignKey,
  Index,
  IndexPart,
  PortableTypeName,
  PrimaryKey,
  Table,
  UniqueConstraint,
  View,
} from "../../ir/model.ts";
import { PORTABLE_TYPES } from "../../ir/model.ts";
import type { Executor, IntrospectOptions, Introspected, Unsupported } from "../dialect.ts";
import { sqliteType } from "./types.ts";
import { normExpr } from "../common/expr.ts";
import { parseCreateIndex, parseCreateTable } from "./create-sql.ts";
import { parseCreateVirtual } from "./virtual.ts";
import { sqliteTrigger, sqliteViewQuery } from "../common/views.ts";
import { UUID_SQL } from "./render.ts";
import { InlineEnums } from "../common/inline-enums.ts";
import { dedupeName, foreignKeyName, uniqueName } from "../../ir/naming.ts";

const DECLARED: Readonly<Record<string, ColumnType>> = {
  SMALLINT: { kind: "portable", name: "smallint" },
  INTEGER: { kind: "portable", name: "int" },
  BIGINT: { kind: "portable", name: "bigint" },
  REAL: { kind: "portable", name: "real" },
  DOUBLE: { kind: "portable", name: "double" },
  BOOLEAN: { kind: "portable", name: "bool" },
  TEXT: { kind: "portable", name: "text" },
  DATE: { kind: "portable", name: "date" },
  TIME: { kind: "portable", name: "time" },
  TIMESTAMP: { kind: "portable", name: "timestamp" },
  TIMESTAMPTZ: { kind: "portable", name: "timestamptz" },
  UUID: { kind: "portable", name: "uuid" },
  BLOB: { kind: "portable", name: "bytes" },
};

/**
 * A declared type → the IR, so that rendering it writes the declared text back exactly: SQLite
 * keeps the text as written, and it decides more than affinity (only a column declared exactly
 * `INTEGER` is an alias of the rowid: `INT PRIMARY KEY` is not). A portable type where the
 * renderer writes exactly this text (`INTEGER`, `VARCHAR(40)`); a native name with arguments
 * where that reads back as written (`NVARCHAR(70)`, `DATETIME`); otherwise the whole text as
 * one native name (`INT`, `integer`, `NUMERIC(10,2)`, `BLOB SUB_TYPE TEXT`, none at all), which
 * the printer double-quotes and the renderer passes through verbatim.
 */
export function sqliteTypeFromDeclared(declared: string): ColumnType {
  const exact = (t: ColumnType) => (sqliteType(t) === declared ? t : undefined);
  const known = DECLARED[declared];
  if (known) return known;
  let m = /^(VARCHAR|CHAR)\((\d+)\)$/.exec(declared);
  if (m && Number(m[2]) >= 1) {
    const t = exact({
      kind: "portable",
      name: m[1]!.toLowerCase() as "varchar" | "char",
      args: [Number(m[2])],
    });
    if (t) return t;
  }
  m = /^DECIMAL\((\d+),(\d+)\)$/.exec(declared);
  if (m && Number(m[2]) <= Number(m[1])) {
    const t = exact({ kind: "portable", name: "decimal", args: [Number(m[1]), Number(m[2])] });
    if (t) return t;
  }
  // A name the language reads as a name (no spaces), with simple arguments.
  const array = declared.endsWith("[]");
  const base = array ? declared.slice(0, -2) : declared;
  m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/.exec(base);
  if (m && !PORTABLE_NAMES.has(m[1]!.toLowerCase())) {
    const args = m[2]?.split(",").map((a) => a.trim());
    const t = exact({
      kind: "native",
      name: m[1]!,
      ...(args ? { args } : {}),
      ...(array ? { array: true } : {}),
    });
    if (t && (args ?? []).every((a) => /^(?:\d+|[A-Za-z_][A-Za-z0-9_]*)$/.test(a))) return t;
  }
  return { kind: "native", name: declared };
}

const PORTABLE_NAMES: ReadonlySet<string> = new Set(PORTABLE_TYPES);

/** Computed on first use, not when the dialect loads (issue 19: every command loads it). */
let uuidNorm: string | undefined;

/** A default as SQLite keeps it (the text after DEFAULT) → the IR. */
export function decodeSqliteDefault(text: string, type: ColumnType): DefaultValue {
  const s = text.trim();
  if (/^NULL$/i.test(s)) return { kind: "null" };
  if (/^CURRENT_TIMESTAMP$/i.test(s)) return { kind: "function", name: "now" };
  if (/^CURRENT_DATE$/i.test(s)) return { kind: "function", name: "current_date" };
  // Only a text naming randomblob can be the UUID expression: the tokenizing of every other
  // default (most are numbers and strings) is skipped (issue 19: `status` reads every default).
  if (/randomblob/i.test(s) && normExpr(s) === (uuidNorm ??= normExpr(UUID_SQL)))
    return { kind: "function", name: "gen_uuid" };
  const num = /^\(?(-?\d+(?:\.\d+)?)\)?$/.exec(s);
  if (num) {
    if (type.kind === "portable" && type.name === "bool" && (num[1] === "0" || num[1] === "1"))
      return { kind: "bool", value: num[1] === "1" };
    return { kind: "number", text: num[1]! };
  }
  const str = /^'((?:[^']|'')*)'$/.exec(s);
  if (str) return { kind: "string", value: str[1]!.replace(/''/g, "'") };
  // TRUE and FALSE (SQLite 3.23+) keep their spelling (`DEFAULT false`): the renderer writes a
  // bool as 1 or 0, so they stay raw, which it writes back bare, exactly as they were.
  if (/^(?:TRUE|FALSE)$/i.test(s)) return { kind: "raw", sql: s };
  // The renderer writes a raw default in parentheses; SQLite keeps them.
  const raw = /^\((.*)\)$/s.exec(s);
  return { kind: "raw", sql: raw ? raw[1]!.trim() : s };
}

const ACTIONS: Readonly<Record<string, FkAction>> = {
  "NO ACTION": "no action",
  RESTRICT: "restrict",
  CASCADE: "cascade",
  "SET NULL": "set null",
  "SET DEFAULT": "set default",
};

export async function introspectSqlite(ex: Executor, opts: IntrospectOptions = {}): Promise<Introspected> {
  const exclude = new Set(opts.exclude ?? []);
  const objects = await ex.query<{ type: string; name: string; tbl_name: string; sql: string | null }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
  );
  // 'table', 'virtual', or 'shadow' (a virtual table's storage: part of it, never a table of its own).
  // With WITHOUT ROWID and STRICT (SQLite 3.37+ reports both here), read below: one query.
  const tableList = await ex.query<{ name: string; type: string; wr: number; strict: number }>(
    "SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'",
  );
  const kinds = new Map(tableList.map((r) => [r.name, r.type]));
  const tableSql = new Map<string, string>();
  const virtualSql = new Map<string, string>();
  const indexSql = new Map<string, string>();
  const skipped: string[] = [];
  const views: View[] = [];
  const triggers: Trigger[] = [];
  const skippedWhy: Record<string, string> = {};
  for (const o of objects) {
    if (o.type === "table" && kinds.get(o.name) === "shadow") continue;
    if (o.type === "table" && kinds.get(o.name) === "virtual") {
      if (!exclude.has(o.name)) virtualSql.set(o.name, o.sql ?? "");
    } else if (o.type === "table" && !exclude.has(o.name)) tableSql.set(o.name, o.sql ?? "");
    else if (o.type === "index" && o.sql) indexSql.set(o.name, o.sql);
    else if (o.type === "view" && sqliteViewQuery(o.sql ?? "") !== undefined)
      views.push({ name: o.name, query: sqliteViewQuery(o.sql ?? "")! });
    else if (o.type === "view") {
      skipped.push(`view ${o.name}`);
      skippedWhy[`view ${o.name}`] = "it names its columns (`CREATE VIEW v(a, b)`), not expressed yet";
    } else if (o.type === "trigger") {
      const t = sqliteTrigger(o.name, o.tbl_name, o.sql ?? "");
      if (t) triggers.push(t);
      else {
        skipped.push(`trigger ${o.name} on ${o.tbl_name}`);
        skippedWhy[`trigger ${o.name} on ${o.tbl_name}`] = "its CREATE TRIGGER text could not be read";
      }
    }
  }
  const tables = new Map<
    string,
    {
      name: string;
      columns: Column[];
      pk: [number, string][];
      primaryKey?: PrimaryKey;
      uniques: UniqueConstraint[];
      indexes: Index[];
      foreignKeys: ForeignKey[];
      checks: Check[];
      options?: Record<string, true>;
    }
  >();
  for (const name of tableSql.keys())
    tables.set(name, { name, columns: [], pk: [], uniques: [], indexes: [], foreignKeys: [], checks: [] });
  const parsed = new Map([...tableSql].map(([n, sql]) => [n, parseCreateTable(sql)]));

  // WITHOUT ROWID and STRICT.
  for (const r of tableList) {
    if (r.type !== "table") continue;
    const t = tables.get(r.name);
    if (!t) continue;
    const options: Record<string, true> = {};
    if (Number(r.wr)) options["without rowid"] = true;
    if (Number(r.strict)) options["strict"] = true;
    if (Object.keys(options).length) t.options = options;
  }

  const inline = new InlineEnums(() => tables.keys());
  const enums = inline.enums;
  const enumFor = (table: string, column: string, values: string[]) => inline.nameFor(table, column, values);

  const cols = await ex.query<{
    t: string;
    name: string;
    type: string;
    notnull: number;
    dflt: string | null;
    pk: number;
    hidden: number;
  }>(
    `SELECT m.name AS t, p.name AS name, p.type AS type, p."notnull" AS "notnull", p.dflt_value AS dflt, p.pk AS pk, p.hidden AS hidden
     FROM sqlite_schema m JOIN pragma_table_xinfo(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid`,
  );
  for (const r of cols) {
    const t = tables.get(r.t);
    if (!t) continue;
    const item = parsed.get(r.t)!.columns.get(r.name);
    let type = sqliteTypeFromDeclared(r.type);
    if (item?.enumValues) type = { kind: "enum", name: enumFor(r.t, r.name, item.enumValues) };
    const identity = item?.autoincrement ?? false;
    const collation = item?.collation;
    // hidden: 2 a VIRTUAL generated column, 3 a STORED one; its expression is in the CREATE text.
    const hidden = Number(r.hidden);
    const generated =
      (hidden === 2 || hidden === 3) && item?.generated
        ? { expr: item.generated.expr, stored: hidden === 3 }
        : undefined;
    if (Number(r.pk) > 0) t.pk.push([Number(r.pk), r.name]);
    t.columns.push({
      name: r.name,
      type,
      identity,
      ...(collation !== undefined ? { collation } : {}),
      ...(generated ? { generated } : {}),
      // The catalog's flag, as declared, so the column is declared again the same way: an
      // `INTEGER PRIMARY KEY [AUTOINCREMENT]` written without NOT NULL (it holds no NULL: SQLite
      // gives a NULL a new rowid) is nullable here, and one written with it is not.
      nullable: Number(r.notnull) === 0,
      ...(r.dflt !== null ? { default: decodeSqliteDefault(r.dflt, type) } : {}),
    });
  }
  for (const t of tables.values()) {
    if (!t.pk.length) continue;
    const p = parsed.get(t.name)!;
    t.primaryKey = {
      name: p.pkName ?? `${t.name}_pkey`,
      columns: t.pk.sort((a, b) => a[0] - b[0]).map((x) => x[1]),
    };
  }

  const idx = await ex.query<{
    t: string;
    name: string;
    unique: number;
    origin: string;
    cols: string | null;
  }>(
    `SELECT m.name AS t, l.name AS name, l."unique" AS "unique", l.origin AS origin,
       (SELECT group_concat(ii.name, char(1)) FROM pragma_index_info(l.name) ii) AS cols
     FROM sqlite_schema m JOIN pragma_index_list(m.name) l WHERE m.type = 'table' ORDER BY m.name, l.name`,
  );
  for (const r of idx) {
    const t = tables.get(r.t);
    if (!t) continue;
    if (r.origin === "u") {
      const columns = (r.cols ?? "").split("\u0001");
      const named = parsed.get(r.t)!.uniques.find((u) => u.columns.join("\u0001") === columns.join("\u0001"));
      // SQLite keeps no name for an unnamed constraint: it gets the one the language would give it.
      t.uniques.push({ name: named?.name || uniqueName(r.t, columns), columns });
    } else if (r.origin === "c") {
      const def = parseCreateIndex(indexSql.get(r.name) ?? "");
      const parts: IndexPart[] = def.parts.map((p) => ({
        ...(p.expression
          ? { kind: "expression" as const, sql: p.text, desc: p.desc }
          : { kind: "column" as const, column: p.text, desc: p.desc }),
        ...(p.collation !== undefined ? { collation: p.collation } : {}),
      }));
      t.indexes.push({
        name: r.name,
        unique: Number(r.unique) === 1,
        parts,
        ...(def.where !== undefined ? { where: def.where } : {}),
      });
    }
  }

  const fks = await ex.query<{
    t: string;
    id: number;
    ref: string;
    from: string;
    to: string | null;
    upd: string;
    del: string;
  }>(
    `SELECT m.name AS t, f.id AS id, f."table" AS ref, f."from" AS "from", f."to" AS "to", f.on_update AS upd, f.on_delete AS del
     FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' ORDER BY m.name, f.id DESC, f.seq`,
  );
  // SQLite numbers a table's foreign keys from the last one written: descending ids are the
  // order of the CREATE text, which the renderer then writes back.
  const byId = new Map<
    string,
    { t: string; ref: string; columns: string[]; refColumns: string[]; upd: string; del: string }
  >();
  for (const r of fks) {
    const key = `${r.t}\u0000${r.id}`;
    let fk = byId.get(key);
    if (!fk)
      byId.set(key, (fk = { t: r.t, ref: r.ref, columns: [], refColumns: [], upd: r.upd, del: r.del }));
    fk.columns.push(r.from);
    // `to` is NULL when the reference names no columns: then it is the parent's primary key.
    fk.refColumns.push(r.to ?? "");
  }
  const unmatched = new Map<string, { name: string; columns: string[]; refTable: string }[]>();
  for (const fk of byId.values()) {
    const t = tables.get(fk.t);
    if (!t) continue;
    const refColumns = fk.refColumns.some((c) => c === "")
      ? [...(tables.get(fk.ref)?.primaryKey?.columns ?? [])]
      : fk.refColumns;
    // The CREATE text's foreign keys in order, each matched once (two may have the same columns).
    let written = unmatched.get(fk.t);
    if (!written) unmatched.set(fk.t, (written = [...parsed.get(fk.t)!.foreignKeys]));
    const at = written.findIndex(
      (f) => f.columns.join("\u0001") === fk.columns.join("\u0001") && f.refTable === fk.ref,
    );
    const named = at >= 0 ? written.splice(at, 1)[0] : undefined;
    t.foreignKeys.push({
      // SQLite keeps no name for an unnamed foreign key: it gets the one the language would give it.
      name: named?.name || foreignKeyName(fk.t, fk.columns),
      columns: fk.columns,
      refTable: fk.ref,
      refColumns,
      onDelete: ACTIONS[fk.del.toUpperCase()] ?? "no action",
      onUpdate: ACTIONS[fk.upd.toUpperCase()] ?? "no action",
    });
  }
  dedupeGenerated(tables.values(), parsed);
  widenRowidKeys(tables);
  for (const t of tables.values()) {
    const p = parsed.get(t.name)!;
    p.checks.forEach((c, i) => {
      t.checks.push({ name: c.name ?? `${t.name}_check${i ? i : ""}`, expr: c.expr });
    });
  }
  const virtual = [...virtualSql].flatMap(([name, sql]): Table[] => {
    const v = parseCreateVirtual(sql);
    return v
      ? [{ name, virtual: v, columns: [], uniques: [], indexes: [], foreignKeys: [], checks: [] }]
      : [];
  });
  return {
    schema: {
      enums,
      tables: [...[...tables.values()].map(({ pk: _pk, ...t }): Table => t), ...virtual].sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      ),
      ...(views.length ? { views } : {}),
      ...(triggers.length ? { triggers } : {}),
    },
    skipped,
    ...(Object.keys(skippedWhy).length ? { skippedWhy } : {}),
    unsupported: unsupportedSqlite(tableSql, virtualSql),
  };
}

/**
 * What the tables hold that the language cannot express yet, from the `CREATE` text: the
 * queries above leave the clause out (DEFERRABLE, ON CONFLICT), or cannot read the virtual
 * table's statement. One branch per construct: delete it when the language learns the construct.
 */
export function unsupportedSqlite(
  tableSql: ReadonlyMap<string, string>,
  virtualSql: ReadonlyMap<string, string>,
): Unsupported[] {
  const out: Unsupported[] = [];
  for (const [name, sql] of virtualSql)
    if (!parseCreateVirtual(sql))
      out.push({ what: "virtual tables written so", object: name, table: name, leaveOut: "table" });
  // Clauses the PRAGMAs do not show, found in the CREATE text with string literals blanked out.
  for (const [name, sql] of tableSql) {
    const bare = sql.replace(/'(?:[^']|'')*'/g, "''");
    // Only INITIALLY DEFERRED changes anything: SQLite checks every other key immediately.
    if (/(?<!\bNOT\s+)\bDEFERRABLE\s+INITIALLY\s+DEFERRED\b/i.test(bare))
      out.push({ what: "deferred foreign keys", object: name, table: name });
    if (/\bON\s+CONFLICT\b/i.test(bare)) out.push({ what: "ON CONFLICT clauses", object: name, table: name });
  }
  return out.sort((a, b) => (a.what === b.what ? (a.object < b.object ? -1 : 1) : a.what < b.what ? -1 : 1));
}

/**
 * AUTOINCREMENT needs the declared type to be exactly INTEGER, so the schema's width of an
 * identity key (`int` or `bigint`) is not in the catalog. The key is a 64-bit rowid; read it as
 * the integer type its referencing columns declare (they keep their declared type), so that a
 * pulled schema passes the foreign-key type rule; `bigint` (the rowid's real width) otherwise.
 */
function widenRowidKeys(
  tables: ReadonlyMap<string, { name: string; columns: Column[]; foreignKeys: ForeignKey[] }>,
): void {
  const INTS = new Set<PortableTypeName>(["smallint", "int", "bigint"]);
  const referrers = new Map<string, Set<PortableTypeName>>();
  for (const t of tables.values()) {
    for (const fk of t.foreignKeys) {
      fk.columns.forEach((n, i) => {
        const c = t.columns.find((x) => x.name === n);
        if (c?.type.kind !== "portable" || !INTS.has(c.type.name)) return;
        const key = `${fk.refTable}\u0001${fk.refColumns[i]}`;
        (referrers.get(key) ?? referrers.set(key, new Set()).get(key)!).add(c.type.name);
      });
    }
  }
  for (const t of tables.values()) {
    t.columns.forEach((c, i) => {
      if (!c.identity || c.type.kind !== "portable" || c.type.name !== "int") return;
      const used = referrers.get(`${t.name}\u0001${c.name}`);
      t.columns[i] = { ...c, type: { kind: "portable", name: used?.size === 1 ? [...used][0]! : "bigint" } };
    });
  }
}

/**
 * Two unnamed constraints of a table can get the same generated name (two foreign keys on one
 * column): as the language does, names written in the CREATE text are taken first, and a
 * generated one that is already taken gets a number.
 */
function dedupeGenerated(
  tables: Iterable<{ name: string; uniques: UniqueConstraint[]; foreignKeys: ForeignKey[] }>,
  parsed: ReadonlyMap<string, ReturnType<typeof parseCreateTable>>,
): void {
  for (const t of tables) {
    const p = parsed.get(t.name)!;
    const written = new Set([...p.uniques, ...p.foreignKeys].map((x) => x.name).filter(Boolean));
    const taken = new Set(written);
    for (const list of [t.uniques, t.foreignKeys] as const)
      list.forEach((x, i) => {
        if (written.has(x.name)) return;
        const name = dedupeName(x.name, taken);
        taken.add(name);
        if (name !== x.name) list[i] = { ...x, name };
      });
  }
}
