/**
 * Reads what a real database holds (tables, columns, keys, indexes, foreign keys) through its
 * catalog, in one shape for all three dialects, so tests can check SQL against the IR.
 * A handful of catalog queries for the whole database, never one per table.
 */
import { schemaColumnsOf } from "../../src/ir/inheritance.ts";
import { expect } from "bun:test";
import type { Connection } from "../../src/dialects/dialect.ts";
import type { Schema } from "../../src/ir/model.ts";

export interface CatalogTable {
  columns: Map<string, { nullable: boolean }>;
  primaryKey: string[];
  /** Unique constraints as column lists (order kept). */
  uniques: string[][];
  /** Index names (not those backing primary keys or unique constraints), with their uniqueness. */
  indexes: Map<string, { unique: boolean }>;
  foreignKeys: {
    name?: string;
    columns: string[];
    refTable: string;
    refColumns: string[];
    onDelete: string;
  }[];
  /** A virtual table (SQLite): its columns are its module's, not read here. */
  virtual?: boolean;
}
export type Catalog = Map<string, CatalogTable>;

const table = (cat: Catalog, name: string): CatalogTable => {
  let t = cat.get(name);
  if (!t)
    cat.set(
      name,
      (t = { columns: new Map(), primaryKey: [], uniques: [], indexes: new Map(), foreignKeys: [] }),
    );
  return t;
};

const str = (v: unknown) => String(v);
const split = (v: unknown) => (v === null || v === undefined || v === "" ? [] : String(v).split("\u0001"));

export async function readCatalog(c: Connection): Promise<Catalog> {
  switch (c.dialect) {
    case "postgres":
      return readPostgres(c);
    case "mysql":
      return readMysql(c);
    case "sqlite":
      return readSqlite(c);
  }
}

/**
 * PostgreSQL: every schema but the system's, tables of other schemas than public named
 * `schema.table` (the IR's qualified names, src/ir/qualified.ts).
 */
const USER_SCHEMA =
  "table_schema not in ('pg_catalog', 'information_schema') and table_schema not like 'pg\\_%'";
const QT = "case when table_schema = 'public' then table_name else table_schema || '.' || table_name end";
const nsUser = (ns: string) =>
  `${ns}.nspname not in ('pg_catalog', 'information_schema') and ${ns}.nspname not like 'pg\\_%'`;
const qualified = (ns: string, name: string) =>
  `(case when ${ns}.nspname = 'public' then ${name} else ${ns}.nspname || '.' || ${name} end)`;

async function readPostgres(c: Connection): Promise<Catalog> {
  const cat: Catalog = new Map();
  const cols = await c.query(
    // Views' columns are the views' (the introspection oracle compares views).
    `select ${QT} as table_name, column_name, is_nullable from information_schema.columns c where ${USER_SCHEMA}
      and (table_schema, table_name) not in (select table_schema, table_name from information_schema.views)
      order by table_name, ordinal_position`,
  );
  for (const r of cols)
    table(cat, str(r["table_name"])).columns.set(str(r["column_name"]), {
      nullable: r["is_nullable"] === "YES",
    });
  // Tables without columns (PostgreSQL's `CREATE TABLE t ()`) are in no row above.
  for (const r of await c.query(
    `select ${QT} as table_name from information_schema.tables where ${USER_SCHEMA} and table_type = 'BASE TABLE'`,
  ))
    table(cat, str(r["table_name"]));
  const cons = await c.query(`
    select ${qualified("n", "t.relname")} as tbl, k.conname as name, k.contype as type, ${qualified("rn", "r.relname")} as ref, k.confdeltype as del,
      (select string_agg(a.attname, chr(1) order by u.ord) from unnest(k.conkey) with ordinality u(n, ord) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n) as cols,
      (select string_agg(a.attname, chr(1) order by u.ord) from unnest(k.confkey) with ordinality u(n, ord) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n) as refcols
    from pg_constraint k join pg_class t on t.oid = k.conrelid join pg_namespace n on n.oid = t.relnamespace
    left join pg_class r on r.oid = k.confrelid left join pg_namespace rn on rn.oid = r.relnamespace
    where ${nsUser("n")} and k.contype in ('p', 'u', 'f', 'x')
      -- A partition's copies of its parent's keys are the parent's (the schema writes them there).
      and k.conparentid = 0`);
  const actions: Record<string, string> = {
    a: "no action",
    r: "restrict",
    c: "cascade",
    n: "set null",
    d: "set default",
  };
  const backing = new Set<string>();
  for (const r of cons) {
    const t = table(cat, str(r["tbl"]));
    if (r["type"] === "p") {
      t.primaryKey = split(r["cols"]);
      backing.add(str(r["name"]));
    } else if (r["type"] === "u") {
      t.uniques.push(split(r["cols"]));
      backing.add(str(r["name"]));
    } else if (r["type"] === "x") {
      // An exclusion constraint's index is its own (introspection compares the constraint).
      backing.add(str(r["name"]));
    } else
      t.foreignKeys.push({
        name: str(r["name"]),
        columns: split(r["cols"]),
        refTable: str(r["ref"]),
        refColumns: split(r["refcols"]),
        onDelete: actions[str(r["del"])] ?? "?",
      });
  }
  const idx = await c.query(
    // A partition's copies of its parent's indexes (attached to them) are the parent's.
    `select case when schemaname = 'public' then tablename else schemaname || '.' || tablename end as tablename,
        indexname, indexdef from pg_indexes i
      join pg_class ic on ic.relname = i.indexname and ic.relnamespace = i.schemaname::regnamespace
      where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\\_%' and not ic.relispartition`,
  );
  for (const r of idx)
    if (!backing.has(str(r["indexname"])))
      table(cat, str(r["tablename"])).indexes.set(str(r["indexname"]), {
        unique: /^CREATE UNIQUE/.test(str(r["indexdef"])),
      });
  return cat;
}

async function readMysql(c: Connection): Promise<Catalog> {
  const cat: Catalog = new Map();
  const cols = await c.query(
    `select TABLE_NAME as t, COLUMN_NAME as c, IS_NULLABLE as n from information_schema.COLUMNS where TABLE_SCHEMA = database()
      and TABLE_NAME not in (select TABLE_NAME from information_schema.VIEWS where TABLE_SCHEMA = database())
      order by TABLE_NAME, ORDINAL_POSITION`,
  );
  for (const r of cols) table(cat, str(r["t"])).columns.set(str(r["c"]), { nullable: r["n"] === "YES" });
  const keys = await c.query(`
    select tc.TABLE_NAME as t, tc.CONSTRAINT_NAME as name, tc.CONSTRAINT_TYPE as type,
      group_concat(k.COLUMN_NAME order by k.ORDINAL_POSITION separator '\u0001') as cols,
      max(k.REFERENCED_TABLE_NAME) as ref,
      group_concat(k.REFERENCED_COLUMN_NAME order by k.ORDINAL_POSITION separator '\u0001') as refcols,
      max(rc.DELETE_RULE) as del
    from information_schema.TABLE_CONSTRAINTS tc
    join information_schema.KEY_COLUMN_USAGE k on k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and k.TABLE_NAME = tc.TABLE_NAME and k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
    left join information_schema.REFERENTIAL_CONSTRAINTS rc on rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA and rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME and rc.TABLE_NAME = tc.TABLE_NAME
    where tc.TABLE_SCHEMA = database() and tc.CONSTRAINT_TYPE in ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
    group by tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE`);
  const backing = new Set<string>();
  for (const r of keys) {
    const t = table(cat, str(r["t"]));
    if (r["type"] === "PRIMARY KEY") {
      t.primaryKey = split(r["cols"]);
      backing.add(`${r["t"]}.PRIMARY`);
    } else if (r["type"] === "UNIQUE") {
      t.uniques.push(split(r["cols"]));
      backing.add(`${r["t"]}.${r["name"]}`);
    } else {
      t.foreignKeys.push({
        name: str(r["name"]),
        columns: split(r["cols"]),
        refTable: str(r["ref"]),
        refColumns: split(r["refcols"]),
        onDelete: str(r["del"]).toLowerCase(),
      });
      backing.add(`${r["t"]}.${r["name"]}`);
    }
  }
  const idx = await c.query(
    `select TABLE_NAME as t, INDEX_NAME as i, max(NON_UNIQUE) as nu from information_schema.STATISTICS where TABLE_SCHEMA = database() group by TABLE_NAME, INDEX_NAME`,
  );
  // InnoDB adds an index named after each foreign key that has none: not ours, leave it out.
  for (const r of idx)
    if (!backing.has(`${r["t"]}.${r["i"]}`))
      table(cat, str(r["t"])).indexes.set(str(r["i"]), { unique: Number(r["nu"]) === 0 });
  return cat;
}

async function readSqlite(c: Connection): Promise<Catalog> {
  const cat: Catalog = new Map();
  // A virtual table's shadow tables are its storage, never tables of their own; its columns
  // are its module's (the schema keeps the module's arguments instead).
  const kinds = await c.query(
    `select name, type from pragma_table_list where schema = 'main' and name not like 'sqlite_%'`,
  );
  const plain = new Set<string>();
  for (const r of kinds)
    if (r["type"] === "virtual") table(cat, str(r["name"])).virtual = true;
    else if (r["type"] === "table") plain.add(str(r["name"]));
  // table_xinfo, not table_info: table_info leaves generated columns out.
  const cols = (
    await c.query(
      `select m.name as t, p.name as c, p."notnull" as nn, p.pk as pk from sqlite_schema m join pragma_table_xinfo(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' order by m.name, p.cid`,
    )
  ).filter((r) => plain.has(str(r["t"])));
  const pk = new Map<string, [number, string][]>();
  for (const r of cols) {
    const t = table(cat, str(r["t"]));
    // A declared INTEGER PRIMARY KEY is NOT NULL even when the catalog says otherwise.
    t.columns.set(str(r["c"]), { nullable: Number(r["nn"]) === 0 && Number(r["pk"]) === 0 });
    if (Number(r["pk"]) > 0) {
      if (!pk.has(str(r["t"]))) pk.set(str(r["t"]), []);
      pk.get(str(r["t"]))!.push([Number(r["pk"]), str(r["c"])]);
    }
  }
  for (const [t, list] of pk) table(cat, t).primaryKey = list.sort((a, b) => a[0] - b[0]).map((x) => x[1]);
  const idx = await c.query(
    `select m.name as t, l.name as i, l."unique" as u, l.origin as o, (select group_concat(ii.name, char(1)) from pragma_index_info(l.name) ii) as cols from sqlite_schema m join pragma_index_list(m.name) l where m.type = 'table' and m.name not like 'sqlite_%'`,
  );
  for (const r of idx) {
    if (!plain.has(str(r["t"]))) continue;
    const t = table(cat, str(r["t"]));
    if (r["o"] === "u") t.uniques.push(split(r["cols"]));
    else if (r["o"] === "c") t.indexes.set(str(r["i"]), { unique: Number(r["u"]) === 1 });
  }
  const fks = await c.query(
    `select m.name as t, f.id as id, f."table" as ref, f."from" as col, f."to" as refcol, f.on_delete as del from sqlite_schema m join pragma_foreign_key_list(m.name) f where m.type = 'table' order by m.name, f.id, f.seq`,
  );
  const byId = new Map<string, CatalogTable["foreignKeys"][number]>();
  for (const r of fks) {
    const key = `${r["t"]}\u0000${r["id"]}`;
    let fk = byId.get(key);
    if (!fk) {
      fk = { columns: [], refTable: str(r["ref"]), refColumns: [], onDelete: str(r["del"]).toLowerCase() };
      byId.set(key, fk);
      table(cat, str(r["t"])).foreignKeys.push(fk);
    }
    fk.columns.push(str(r["col"]));
    fk.refColumns.push(str(r["refcol"]));
  }
  return cat;
}

/** Asserts that a database's catalog holds exactly the schema's tables, columns, keys, indexes and foreign keys. */
export function expectCatalogMatches(cat: Catalog, schema: Schema, dialect: string) {
  expect([...cat.keys()].sort()).toEqual(schema.tables.map((t) => t.name).sort());
  for (const t of schema.tables) {
    const got = cat.get(t.name)!;
    expect({ table: t.name, virtual: got.virtual ?? false }).toEqual({ table: t.name, virtual: !!t.virtual });
    expect({ table: t.name, columns: [...got.columns].map(([n, c]) => [n, c.nullable]) }).toEqual({
      table: t.name,
      // A partition or inheritance child has its parent's columns too.
      columns: schemaColumnsOf(schema, t).map((c) => [c.name, c.nullable]),
    });
    expect({ table: t.name, pk: got.primaryKey }).toEqual({
      table: t.name,
      pk: [...(t.primaryKey?.columns ?? [])],
    });
    const sortLists = (ls: readonly (readonly string[])[]) => ls.map((l) => l.join(",")).sort();
    // MySQL: a unique index is a unique constraint in its catalog; expression indexes are
    // skipped (MariaDB cannot make them; validation warns); NO ACTION reads back as RESTRICT.
    const mysql = dialect === "mysql";
    const columnOnly = (i: Schema["tables"][number]["indexes"][number]) =>
      i.parts.every((p) => p.kind === "column");
    const expectedUniques = [
      ...t.uniques.map((u) => u.columns),
      ...(mysql
        ? t.indexes
            .filter((i) => i.unique && columnOnly(i))
            .map((i) => i.parts.map((p) => (p.kind === "column" ? p.column : "")))
        : []),
    ];
    expect({ table: t.name, uniques: sortLists(got.uniques) }).toEqual({
      table: t.name,
      uniques: sortLists(expectedUniques),
    });
    const expectedIndexes = t.indexes.filter((i) => !mysql || (columnOnly(i) && !i.unique));
    expect({ table: t.name, indexes: [...got.indexes].map(([n, i]) => [n, i.unique]).sort() }).toEqual({
      table: t.name,
      indexes: expectedIndexes.map((i) => [i.name, i.unique]).sort(),
    });
    const action = (a: string) => (mysql && a === "no action" ? "restrict" : a);
    const fkKey = (f: {
      columns: readonly string[];
      refTable: string;
      refColumns: readonly string[];
      onDelete: string;
    }) => `${f.columns.join(",")}->${f.refTable}(${f.refColumns.join(",")}) ${action(f.onDelete)}`;
    expect({ table: t.name, fks: got.foreignKeys.map(fkKey).sort() }).toEqual({
      table: t.name,
      fks: t.foreignKeys.map(fkKey).sort(),
    });
  }
}
