/**
 * The differ: a pure function from (previous schema, current schema, renames) to an ordered
 * list of typed changes. Linear in the size of the schemas: every lookup is a map by name.
 *
 * Matching: tables, enums and columns by name or by an accepted rename; constraints and indexes
 * by name, then the leftovers by definition (a renamed table or column changes generated names:
 * that is a rename of the constraint, not a drop and an add). Definitions are compared through
 * the renames, so a foreign key to a renamed table is unchanged.
 *
 * Order (each phase after the one before, dependencies respected):
 *   1 create enums, append enum values, rename enums
 *   2 drop foreign keys, then checks, uniques, indexes and primary keys that go or change,
 *     then tables replaced by another of the same name (a virtual table's new module or arguments)
 *   3 rename tables, then columns, constraints and indexes
 *   4 create tables (referenced tables first), add columns, alter columns, table comments
 *   5 add primary keys, uniques, checks, indexes
 *   6 add foreign keys (new ones, changed ones, and cycles between new tables)
 *   7 drop columns, reorder columns (where order is kept: the table has its new columns then),
 *     then drop tables (referencing tables first), then enums and destructive enum edits
 */
import type {
  Check,
  Column,
  EnumType,
  ForeignKey,
  Index,
  Schema,
  Table,
  TableOptions,
  UniqueConstraint,
} from "../ir/model.ts";
import { typeKey } from "../ir/validate.ts";
import { normSql, virtualKey } from "../ir/canonical.ts";
import type { Change } from "./changes.ts";
import { columnFacets, typeOf } from "./facets.ts";
import { orderTablesForCreate } from "./order.ts";
import type { Renames } from "./renames.ts";

export interface DiffOptions {
  /**
   * False when foreign keys must be added after every table exists (so cycles work); true when
   * a dialect accepts references to tables created later (SQLite): then they stay inline.
   */
  readonly forwardForeignKeys?: boolean;
  /** The dialect keeps column order (MySQL): kept columns in another order are a `reorder-columns`. */
  readonly columnOrder?: boolean;
}

/** The changes of each phase, concatenated in order at the end (see the header). */
interface Phases {
  readonly enumCreate: Change[];
  readonly fkDrop: Change[];
  readonly constraintDrop: Change[];
  readonly replaceDrop: Change[];
  readonly rename: Change[];
  readonly tableCreate: Change[];
  readonly column: Change[];
  readonly constraintAdd: Change[];
  readonly fkAdd: Change[];
  readonly columnDrop: Change[];
  readonly reorder: Change[];
  readonly tableDrop: Change[];
  readonly enumDrop: Change[];
}

/** How old names map to new ones once tables, enums and columns are matched. */
interface Matching {
  readonly mapTable: (old: string) => string;
  readonly mapEnum: (old: string) => string;
  /** Old column names of the table (named as it is new) mapped to the new names. */
  readonly mapCols: (newTable: string, cols: readonly string[]) => string[];
  /** Whether column `col` of new table `table` changes type (its foreign keys are rebuilt). */
  readonly retyped: (table: string, col: string) => boolean;
  readonly colMaps: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly enumNewName: ReadonlyMap<string, string>;
}

export function diffSchemas(from: Schema, to: Schema, renames: Renames, opts: DiffOptions = {}): Change[] {
  const p: Phases = {
    enumCreate: [],
    fkDrop: [],
    constraintDrop: [],
    replaceDrop: [],
    rename: [],
    tableCreate: [],
    column: [],
    constraintAdd: [],
    fkAdd: [],
    columnDrop: [],
    reorder: [],
    tableDrop: [],
    enumDrop: [],
  };
  const enumNewName = diffEnums(from, to, renames, p);
  const { pairs, created, dropped, replaced, m } = matchTables(from, to, renames, enumNewName);
  const keys = droppedKeys(pairs, m);
  for (const { old, neu } of pairs) {
    diffTableItself(old, neu, p);
    diffColumns(old, neu, m, p, opts);
    diffConstraints(old, neu, m, keys, p);
  }
  createTables(created, opts, p);
  dropTables(dropped, opts, m, keys, p, p.tableDrop);
  // Before the new definition is created under the same name.
  dropTables(replaced, opts, m, keys, p, p.replaceDrop);
  return [
    ...p.enumCreate,
    ...p.fkDrop,
    ...sortDrops(p.constraintDrop),
    ...p.replaceDrop,
    ...p.rename,
    ...p.tableCreate,
    ...p.column,
    ...sortAdds(p.constraintAdd),
    ...p.fkAdd,
    ...p.columnDrop,
    ...p.reorder,
    ...p.tableDrop,
    ...p.enumDrop,
  ];
}

/** Enums: created, renamed, values appended or changed, comments; the dropped ones. */
function diffEnums(from: Schema, to: Schema, renames: Renames, p: Phases): Map<string, string> {
  const fromEnums = new Map(from.enums.map((e) => [e.name, e]));
  const matchedOldEnums = new Set<string>();
  const enumNewName = new Map<string, string>(); // old → new
  for (const e of to.enums) {
    const oldName = renames.enums.get(e.name) ?? (fromEnums.has(e.name) ? e.name : undefined);
    const old = oldName === undefined ? undefined : fromEnums.get(oldName);
    if (!old) {
      p.enumCreate.push({ kind: "create-enum", enum: e });
      continue;
    }
    matchedOldEnums.add(old.name);
    enumNewName.set(old.name, e.name);
    if (old.name !== e.name) p.enumCreate.push({ kind: "rename-enum", from: old.name, to: e.name });
    diffEnumValues(old, e);
    if ((old.doc ?? "") !== (e.doc ?? ""))
      p.enumCreate.push({
        kind: "set-enum-comment",
        enum: e.name,
        ...(old.doc !== undefined ? { from: old.doc } : {}),
        ...(e.doc !== undefined ? { to: e.doc } : {}),
      });
  }
  for (const e of from.enums)
    if (!matchedOldEnums.has(e.name)) p.enumDrop.push({ kind: "drop-enum", enum: e });

  function diffEnumValues(old: EnumType, e: EnumType) {
    const before = old.values.map((v) => v.name);
    const after = e.values.map((v) => v.name);
    if (before.join("\u0000") === after.join("\u0000")) return;
    const appended = after.length > before.length && before.every((v, i) => after[i] === v);
    if (appended)
      p.enumCreate.push({
        kind: "add-enum-values",
        enum: e.name,
        values: after.slice(before.length),
        before,
      });
    else p.enumDrop.unshift({ kind: "alter-enum-values", enum: e.name, from: before, to: after });
  }

  return enumNewName;
}

/**
 * Tables matched by name or accepted rename, and the column matching within each pair: what
 * every later comparison maps old names through.
 */
function matchTables(from: Schema, to: Schema, renames: Renames, enumNewName: ReadonlyMap<string, string>) {
  const fromTables = new Map(from.tables.map((t) => [t.name, t]));
  const tableNewName = new Map<string, string>(); // old → new
  const pairs: { old: Table; neu: Table }[] = [];
  const created: Table[] = [];
  // Tables whose definition cannot change in place (a virtual table's module or arguments, a
  // plain table made virtual or back): dropped, and created again.
  const replaced: Table[] = [];
  for (const t of to.tables) {
    const oldName = renames.tables.get(t.name) ?? (fromTables.has(t.name) ? t.name : undefined);
    const old = oldName === undefined ? undefined : fromTables.get(oldName);
    if (!old) {
      created.push(t);
      continue;
    }
    if (virtualKey(old.virtual) !== virtualKey(t.virtual)) {
      replaced.push(old);
      created.push(t);
      tableNewName.set(old.name, old.name);
      continue;
    }
    tableNewName.set(old.name, t.name);
    pairs.push({ old, neu: t });
  }
  const dropped = from.tables.filter((t) => !tableNewName.has(t.name));
  const mapTable = (old: string) => tableNewName.get(old) ?? old;
  const mapEnum = (old: string) => enumNewName.get(old) ?? old;

  // Columns whose type changes: foreign keys on either side are dropped and added again
  // (MySQL refuses to change a column used by a foreign key; PostgreSQL may too).
  const retyped = new Set<string>();
  const colMaps = new Map<string, Map<string, string>>(); // new table → (old col → new col)
  for (const { old, neu } of pairs) {
    const m = new Map<string, string>();
    const renamed = renames.columns.get(neu.name);
    const newNames = new Set(neu.columns.map((c) => c.name));
    for (const c of old.columns) m.set(c.name, c.name);
    if (renamed) for (const [n, o] of renamed) m.set(o, n);
    for (const [o, n] of m) if (!newNames.has(n)) m.delete(o);
    colMaps.set(neu.name, m);
    const oldCols = new Map(old.columns.map((c) => [c.name, c]));
    const oldByNew = new Map([...m].map(([o, n]) => [n, o]));
    for (const c of neu.columns) {
      const oc = oldByNew.get(c.name);
      const prev = oc === undefined ? undefined : oldCols.get(oc);
      if (prev && typeOf(prev, mapEnum) !== typeKey(c.type)) retyped.add(`${neu.name}\u0000${c.name}`);
    }
  }
  const mapCols = (newTable: string, cols: readonly string[]) =>
    cols.map((c) => colMaps.get(newTable)?.get(c) ?? c);

  const m: Matching = {
    mapTable,
    mapEnum,
    mapCols,
    retyped: (table, col) => retyped.has(`${table}\u0000${col}`),
    colMaps,
    enumNewName,
  };
  return { pairs, created, dropped, replaced, m };
}

/** A matched table's own changes: its rename, its comment and its options. */
function diffTableItself(old: Table, neu: Table, p: Phases): void {
  const t = neu.name;
  if (old.name !== neu.name) p.rename.unshift({ kind: "rename-table", from: old.name, to: neu.name });
  if (!sameOptions(old.options, neu.options))
    p.column.push({
      kind: "set-table-options",
      table: t,
      ...(old.options !== undefined ? { from: old.options } : {}),
      ...(neu.options !== undefined ? { to: neu.options } : {}),
    });
  if ((old.doc ?? "") !== (neu.doc ?? ""))
    p.column.push({
      kind: "set-table-comment",
      table: t,
      ...(old.doc !== undefined ? { from: old.doc } : {}),
      ...(neu.doc !== undefined ? { to: neu.doc } : {}),
    });
}

/** A matched table's columns: renamed, altered (with their facets), added, dropped. */
function diffColumns(old: Table, neu: Table, m: Matching, p: Phases, opts: DiffOptions): void {
  const t = neu.name;
  const { mapEnum } = m;
  // columns
  const colMap = m.colMaps.get(t)!;
  const newCols = new Map(neu.columns.map((c) => [c.name, c]));
  const kept = new Set<string>();
  for (const c of old.columns) {
    const n = colMap.get(c.name);
    const nc = n === undefined ? undefined : newCols.get(n);
    if (!nc) {
      p.columnDrop.push({ kind: "drop-column", table: t, column: c });
      continue;
    }
    kept.add(nc.name);
    if (c.name !== nc.name) p.rename.push({ kind: "rename-column", table: t, from: c.name, to: nc.name });
    const renamedFrom = { ...c, name: nc.name };
    const facets = columnFacets(renamedFrom, nc, mapEnum);
    if (facets.length) p.column.push({ kind: "alter-column", table: t, from: renamedFrom, to: nc, facets });
  }
  for (const c of neu.columns)
    if (!kept.has(c.name)) p.column.push({ kind: "add-column", table: t, column: c });
  // Order: the kept columns, by their new names, in the old order and in the new.
  if (opts.columnOrder) {
    const before = old.columns.flatMap((c) => {
      const n = colMap.get(c.name);
      return n !== undefined && kept.has(n) ? [n] : [];
    });
    const after = neu.columns.filter((c) => kept.has(c.name)).map((c) => c.name);
    if (!sameList(before, after))
      p.reorder.push({ kind: "reorder-columns", table: t, from: before, to: after });
  }
}

/**
 * The keys (primary keys, unique constraints, unique indexes) of matched tables that are dropped
 * (a changed definition is a drop and an add), as `table\0columns` in the new names, sorted.
 * A foreign key needs the key it references: one that references a dropped key is dropped
 * before it (and added again after the new key where it stays), or the database refuses the
 * key's drop (PostgreSQL: "other objects depend on it").
 */
function droppedKeys(pairs: readonly { old: Table; neu: Table }[], m: Matching): ReadonlySet<string> {
  const out = new Set<string>();
  for (const { old, neu } of pairs) {
    const t = neu.name;
    const key = (cols: readonly string[]) => keyId(t, m.mapCols(t, cols));
    // Each kind on its own: a unique on the old key's columns is another object (added after).
    // In column order, as `diffConstraints` decides it (a reordered key is dropped and added).
    const pkKept =
      neu.primaryKey &&
      old.primaryKey &&
      sameList(m.mapCols(t, old.primaryKey.columns), neu.primaryKey.columns);
    if (old.primaryKey && !pkKept) out.add(key(old.primaryKey.columns));
    const uniques = new Set(neu.uniques.map((u) => keyId(t, u.columns)));
    for (const u of old.uniques) if (!uniques.has(key(u.columns))) out.add(key(u.columns));
    const keptIndexes = new Set(neu.indexes.filter((i) => i.unique).map((i) => indexKey(i, (c) => c)));
    for (const i of old.indexes) {
      if (!i.unique || i.parts.some((x) => x.kind !== "column")) continue;
      if (keptIndexes.has(indexKey(i, (c) => m.mapCols(t, [c])[0]!))) continue;
      out.add(key(i.parts.map((x) => (x.kind === "column" ? x.column : ""))));
    }
  }
  return out;
}

const keyId = (table: string, cols: readonly string[]) => `${table}\u0000${[...cols].sort().join("\u0000")}`;

/** A matched table's primary key, uniques, checks, indexes and foreign keys. */
function diffConstraints(old: Table, neu: Table, m: Matching, keys: ReadonlySet<string>, p: Phases): void {
  const t = neu.name;
  const { mapCols, mapTable } = m;
  // primary key
  const opk = old.primaryKey,
    npk = neu.primaryKey;
  const pkSame = opk && npk && sameList(mapCols(t, opk.columns), npk.columns);
  // Drops run before renames (phase 2): they name the table and columns as they are then.
  if (opk && !pkSame) p.constraintDrop.push({ kind: "drop-primary-key", table: old.name, primaryKey: opk });
  if (npk && !pkSame) p.constraintAdd.push({ kind: "add-primary-key", table: t, primaryKey: npk });
  if (opk && npk && pkSame && opk.name !== npk.name)
    p.rename.push({
      kind: "rename-constraint",
      table: t,
      constraint: "primary-key",
      from: opk.name,
      to: npk.name,
    });

  // uniques, checks, indexes, foreign keys: by name, then by definition
  matchByDefinition(
    old.uniques,
    neu.uniques,
    (u) => JSON.stringify(mapCols(t, u.columns)),
    (u) => JSON.stringify(u.columns),
    (u) => p.constraintDrop.push({ kind: "drop-unique", table: old.name, unique: u }),
    (u) => p.constraintAdd.push({ kind: "add-unique", table: t, unique: u }),
    (a, b) =>
      p.rename.push({
        kind: "rename-constraint",
        table: t,
        constraint: "unique",
        from: a.name,
        to: b.name,
      }),
  );
  matchByDefinition(
    old.checks,
    neu.checks,
    // NO INHERIT cannot be altered: a change of it is a drop and an add.
    (c) => `${c.noInherit ? "no inherit:" : ""}${normSql(c.expr)}`,
    (c) => `${c.noInherit ? "no inherit:" : ""}${normSql(c.expr)}`,
    (c) => p.constraintDrop.push({ kind: "drop-check", table: old.name, check: c }),
    (c) => p.constraintAdd.push({ kind: "add-check", table: t, check: c }),
    (a, b) =>
      p.rename.push({ kind: "rename-constraint", table: t, constraint: "check", from: a.name, to: b.name }),
  );
  matchByDefinition(
    old.indexes,
    neu.indexes,
    (i) => indexKey(i, (c) => mapCols(t, [c])[0]!),
    (i) => indexKey(i, (c) => c),
    (i) => p.constraintDrop.push({ kind: "drop-index", table: old.name, index: i }),
    (i) => p.constraintAdd.push({ kind: "create-index", table: t, index: i }),
    (a, b) => p.rename.push({ kind: "rename-index", table: t, from: a.name, to: b.name }),
  );
  const fkTouchesRetyped = (fk: ForeignKey, table: string) =>
    fk.columns.some((c) => m.retyped(table, c)) ||
    fk.refColumns.some((c) => m.retyped(fk.refTable, c)) ||
    keys.has(keyId(fk.refTable, fk.refColumns));
  matchByDefinition(
    old.foreignKeys,
    neu.foreignKeys,
    (f) =>
      fkKey(
        f,
        (cs) => mapCols(t, cs),
        mapTable,
        (rt, cs) => mapCols(mapTable(rt), cs),
      ),
    (f) =>
      fkKey(
        f,
        (cs) => cs,
        (x) => x,
        (_, cs) => cs,
      ),
    (f) => p.fkDrop.push({ kind: "drop-foreign-key", table: old.name, foreignKey: f }),
    (f) => p.fkAdd.push({ kind: "add-foreign-key", table: t, foreignKey: f }),
    (a, b) =>
      p.rename.push({
        kind: "rename-constraint",
        table: t,
        constraint: "foreign-key",
        from: a.name,
        to: b.name,
      }),
    (b) => fkTouchesRetyped(b, t),
  );
}

/** New tables, in dependency order; foreign keys in a cycle come after all tables. */
function createTables(created: readonly Table[], opts: DiffOptions, p: Phases): void {
  if (created.length) {
    const { order, deferred } = orderTablesForCreate(created, opts.forwardForeignKeys ?? false);
    for (const t of order) {
      const inline = t.foreignKeys.filter((fk) => !deferred.has(fk));
      p.tableCreate.push({ kind: "create-table", table: { ...t, foreignKeys: inline, indexes: [] } });
      for (const i of t.indexes) p.constraintAdd.push({ kind: "create-index", table: t.name, index: i });
      for (const fk of t.foreignKeys)
        if (deferred.has(fk)) p.fkAdd.push({ kind: "add-foreign-key", table: t.name, foreignKey: fk });
    }
  }
}

/**
 * Dropped tables: referencing tables first. Only foreign keys in a cycle among them are
 * dropped apart first (the mirror of creation, so the inverse plan creates them the same way).
 */
function dropTables(
  dropped: readonly Table[],
  opts: DiffOptions,
  m: Matching,
  keys: ReadonlySet<string>,
  p: Phases,
  into: Change[],
): void {
  const { mapTable, mapCols, enumNewName } = m;
  if (dropped.length) {
    const { order, deferred: cycles } = orderTablesForCreate(dropped, opts.forwardForeignKeys ?? false);
    // Also dropped apart first: keys to a kept table's key that is dropped, or to a column
    // retyped (the key's drop or the retype needs them gone; the inverse adds them back last).
    // (SQLite checks keys on writes only, and its drop of a key would be a rebuild: not there.)
    const deferred = new Set(cycles);
    if (!opts.forwardForeignKeys)
      for (const t of dropped)
        for (const fk of t.foreignKeys) {
          const refTable = mapTable(fk.refTable);
          const refCols = mapCols(refTable, fk.refColumns);
          if (keys.has(keyId(refTable, refCols)) || refCols.some((c) => m.retyped(refTable, c)))
            deferred.add(fk);
        }
    for (const t of [...order].reverse()) {
      for (const fk of t.foreignKeys)
        if (deferred.has(fk)) p.fkDrop.push({ kind: "drop-foreign-key", table: t.name, foreignKey: fk });
      // Tables are dropped after every rename: the dropped table names the tables, columns and
      // enums it refers to as they are by then (so its inverse creates it right).
      into.push({
        kind: "drop-table",
        table: {
          ...t,
          columns: t.columns.map((c) =>
            c.type.kind === "enum"
              ? { ...c, type: { kind: "enum", name: enumNewName.get(c.type.name) ?? c.type.name } }
              : c,
          ),
          foreignKeys: t.foreignKeys
            .filter((fk) => !deferred.has(fk))
            .map((fk) => ({
              ...fk,
              refTable: mapTable(fk.refTable),
              refColumns: mapCols(mapTable(fk.refTable), fk.refColumns),
            })),
        },
      });
    }
  }
}

/** Within phase 2: checks, uniques and indexes before primary keys (a unique may need the key's index). */
function sortDrops(cs: Change[]): Change[] {
  const rank = (c: Change) => (c.kind === "drop-primary-key" ? 1 : 0);
  return [...cs].sort((a, b) => rank(a) - rank(b));
}
/** Within phase 5: primary keys first (a unique or index may rely on the key). */
function sortAdds(cs: Change[]): Change[] {
  const rank = (c: Change) => (c.kind === "add-primary-key" ? 0 : 1);
  return [...cs].sort((a, b) => rank(a) - rank(b));
}

/** Whether two columns differ in any facet (`facets.ts`). */
export function columnDiffers(a: Column, b: Column, mapEnum: (n: string) => string = (x) => x): boolean {
  return columnFacets(a, b, mapEnum).length > 0;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function indexKey(i: Index, mapCol: (c: string) => string): string {
  return JSON.stringify([
    i.unique,
    i.parts.map((p) => [
      ...(p.kind === "column"
        ? ["c", mapCol(p.column), p.desc, p.length ?? null]
        : ["e", normSql(p.sql), p.desc]),
      p.collation ?? null,
      p.opclass ?? null,
      // The default order of nulls (last ascending, first descending) written out is no change.
      p.nulls === undefined || p.nulls === (p.desc ? "first" : "last") ? null : p.nulls,
    ]),
    i.where === undefined ? null : normSql(i.where),
    i.using ?? null,
    (i.include ?? []).map(mapCol),
    i.nullsNotDistinct ?? false,
    // Storage parameters by name: their order carries no meaning.
    Object.entries(i.storage ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
}

function fkKey(
  f: ForeignKey,
  mapCols: (cs: readonly string[]) => string[] | readonly string[],
  mapTable: (t: string) => string,
  mapRefCols: (t: string, cs: readonly string[]) => string[] | readonly string[],
): string {
  return JSON.stringify([
    mapCols(f.columns),
    mapTable(f.refTable),
    mapRefCols(f.refTable, f.refColumns),
    f.onDelete,
    f.onUpdate,
    f.matchFull ?? false,
    f.deferrable ?? null,
  ]);
}

/**
 * Pairs old and new items: same name and same definition → unchanged; same name, other
 * definition → drop + add; different names, same definition → rename; the rest drop or add.
 * `forceRebuild` marks items to drop and add again although they did not change.
 */
function matchByDefinition<T extends { name: string }>(
  olds: readonly T[],
  news: readonly T[],
  oldKey: (x: T) => string,
  newKey: (x: T) => string,
  drop: (x: T) => void,
  add: (x: T) => void,
  rename: (a: T, b: T) => void,
  forceRebuild?: (x: T) => boolean,
): void {
  const newByName = new Map(news.map((x) => [x.name, x]));
  const leftOld: T[] = [];
  const matchedNew = new Set<T>();
  for (const o of olds) {
    const n = newByName.get(o.name);
    if (n && oldKey(o) === newKey(n) && !forceRebuild?.(n)) {
      matchedNew.add(n);
      continue;
    }
    if (n && forceRebuild?.(n) && oldKey(o) === newKey(n)) {
      drop(o);
      add(n);
      matchedNew.add(n);
      continue;
    }
    leftOld.push(o);
  }
  const leftNewByKey = new Map<string, T[]>();
  for (const n of news) {
    if (matchedNew.has(n)) continue;
    const k = newKey(n);
    if (!leftNewByKey.has(k)) leftNewByKey.set(k, []);
    leftNewByKey.get(k)!.push(n);
  }
  for (const o of leftOld) {
    const candidates = leftNewByKey.get(oldKey(o));
    const n = candidates?.find((x) => !newByName.has(o.name) || x.name !== o.name);
    if (n && !forceRebuild?.(n) && !news.some((x) => x.name === o.name && x !== n)) {
      candidates!.splice(candidates!.indexOf(n), 1);
      matchedNew.add(n);
      rename(o, n);
      continue;
    }
    drop(o);
  }
  for (const n of news) if (!matchedNew.has(n)) add(n);
}

export type { UniqueConstraint, Check };

/** Whether two tables' options are the same set (order does not matter; none is an empty set). */
export function sameOptions(a: TableOptions | undefined, b: TableOptions | undefined): boolean {
  const key = (o: TableOptions | undefined) =>
    JSON.stringify(Object.entries(o ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return key(a) === key(b);
}
