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
 *   - create schemas (PostgreSQL namespaces, `objects.ts`), before anything that may be in one,
 *     and drop them last of all (the views' and triggers' phases wrap what follows)
 *   0 create extensions (`objects.ts`: an enum, domain, type or table may use what one makes)
 *   1 create enums, append enum values, rename enums; then domains, composite types and
 *     sequences (created, renamed, domains and composite types altered: `objects.ts`)
 *   2 drop foreign keys, then checks, uniques, indexes and primary keys that go or change,
 *     then tables replaced by another of the same name (a virtual table's new module or arguments)
 *   3 rename tables, then columns, constraints and indexes; drop the tables that are made again
 *     (PostgreSQL: partitioned or not, or a child of another table: no ALTER does it), then the
 *     dropped partitions and children of kept parents (down makes them after the parent's columns)
 *   4 create tables (referenced tables first), add columns (an inheritance child's before its
 *     parent's), alter columns, table comments; then sequences' options and owners
 *   5 add primary keys, uniques, checks, indexes
 *   6 add foreign keys (new ones, changed ones, and cycles between new tables)
 *   7 drop columns (a parent's before its children's), reorder columns (where order is kept: the table has its new columns then),
 *     then drop tables (referencing tables first), then composite types, sequences and domains,
 *     then enums and destructive enum edits, then extensions
 */
import type {
  Check,
  Column,
  CommentedItem,
  PrimaryKey,
  EnumType,
  Exclusion,
  ForeignKey,
  Index,
  IndexPart,
  KeyIndexClauses,
  Schema,
  Table,
  TableOptions,
  UniqueConstraint,
} from "../ir/model.ts";
import { normSql, virtualKey } from "../ir/canonical.ts";
import type { Change } from "./changes.ts";
import { columnFacets, typeDiffers } from "./facets.ts";
import { orderTablesForCreate } from "./order.ts";
import { nameValue, optionText, partitionKey, tableParent } from "../ir/inheritance.ts";
import type { Renames } from "./renames.ts";
import {
  compositeRenames,
  diffComposites,
  diffDomains,
  diffExtensions,
  diffNamespaces,
  diffSequences,
  domainRenames,
  type ObjectPhases,
} from "./objects.ts";
import { renameSequenceInDefault } from "../ir/sequence.ts";
import { diffViews, type ViewPhases } from "./views.ts";
import { diffFunctions, diffTriggers, type RoutinePhases, type TriggerPhases } from "./routines.ts";

export interface DiffOptions {
  /**
   * False when foreign keys must be added after every table exists (so cycles work); true when
   * a dialect accepts references to tables created later (SQLite): then they stay inline.
   */
  readonly forwardForeignKeys?: boolean;
  /** The dialect keeps column order (MySQL): kept columns in another order are a `reorder-columns`. */
  readonly columnOrder?: boolean;
  /** The dialect changes a table's `partition by` in place (MySQL); else a new one remakes the table. */
  readonly repartitions?: boolean;
  /**
   * What a view keeps from being done to a table it reads (`Capabilities.viewsPinColumns`):
   * such views are dropped before the plan and created again after it.
   */
  readonly viewsPinColumns?: "drop" | "drop-and-type";
}

/** The changes of each phase, concatenated in order at the end (see the header). */
interface Phases {
  readonly enumCreate: Change[];
  readonly fkDrop: Change[];
  readonly constraintDrop: Change[];
  readonly replaceDrop: Change[];
  readonly rename: Change[];
  readonly rebuildDrop: Change[];
  /** Dropped partitions and inheritance children of kept parents: before the parents' columns go. */
  readonly childDrop: Change[];
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
  /** Old column names of the table (named as it is new) mapped to the new names (itself when not renamed). */
  readonly mapCols: (newTable: string, cols: readonly string[]) => string[];
  /** Whether column `col` of new table `table` changes type (its foreign keys are rebuilt). */
  readonly retyped: (table: string, col: string) => boolean;
  /**
   * The new columns of kept columns that change type: the `type` facet of each kept pair,
   * decided once here (`diffColumns` pairs the same columns and would compare the types again).
   */
  readonly retypedColumns: ReadonlySet<Column>;
  /** Per new table with renamed columns: old column → new column (kept columns only). */
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
    rebuildDrop: [],
    childDrop: [],
    tableCreate: [],
    column: [],
    constraintAdd: [],
    fkAdd: [],
    columnDrop: [],
    reorder: [],
    tableDrop: [],
    enumDrop: [],
  };
  const objects: ObjectPhases = { create: [], own: [], drop: [], extensionCreate: [], extensionDrop: [] };
  const enumNewName = diffEnums(from, to, renames, p);
  // A renamed domain renames the type of its columns, as a renamed enum does.
  for (const [o, n] of domainRenames(from, to, renames)) enumNewName.set(o, n);
  // So does a renamed composite type.
  for (const [o, n] of compositeRenames(from, to, renames)) enumNewName.set(o, n);
  const { pairs: matched, created, dropped, replaced, m } = matchTables(from, to, renames, enumNewName);
  diffExtensions(from, to, objects);
  diffDomains(from, to, renames, objects);
  diffComposites(from, to, renames, objects);
  const sequenceNewName = diffSequences(from, to, renames, m, objects);
  const rebuilt = rebuiltTables(matched, m, opts.repartitions ?? false);
  const pairs = matched.filter((x) => !rebuilt.has(x.neu.name));
  const remade = matched.filter((x) => rebuilt.has(x.neu.name));
  // Foreign keys to a table made again are dropped first and added back after it.
  // Whether each pair's primary key stays, decided once for both droppedKeys and diffConstraints.
  const pkKept = new Map<Table, boolean>();
  const keys = new Set([
    ...droppedKeys(pairs, m, pkKept),
    ...remade.flatMap(({ old, neu }) => tableKeys(old, neu.name, m)),
  ]);
  for (const { old, neu } of pairs) {
    diffTableItself(old, neu, m, p);
    diffColumns(withSequencesRenamed(old, sequenceNewName), neu, m, p, opts);
    diffConstraints(old, neu, m, keys, p, pkKept.get(neu));
  }
  dropTables(
    remade.map((x) => x.old),
    opts,
    m,
    keys,
    p,
    p.rebuildDrop,
  );
  createTables([...created, ...remade.map((x) => x.neu)], opts, p);
  // A dropped child of a kept parent (no other table's key naming it) goes before the parent's
  // columns do, so its inverse creates it after they are back, in the parent's column order.
  const droppedNames = new Set(dropped.map((t) => t.name));
  const early = dropped.filter((t) => {
    const parent = tableParent(t);
    return (
      parent !== undefined &&
      !droppedNames.has(parent.parent) &&
      !from.tables.some((o) => o !== t && o.foreignKeys.some((f) => f.refTable === t.name))
    );
  });
  dropTables(early, opts, m, keys, p, p.childDrop);
  dropTables(
    dropped.filter((t) => !early.includes(t)),
    opts,
    m,
    keys,
    p,
    p.tableDrop,
  );
  // Before the new definition is created under the same name.
  dropTables(replaced, opts, m, keys, p, p.replaceDrop);
  const fn: RoutinePhases = { early: [], dropEarly: [], late: [], afterViews: [], dropLate: [] };
  const droppedFunctions = diffFunctions(from, to, renames.functions, fn);
  const tableChanges = [
    ...objects.extensionCreate,
    ...p.enumCreate,
    ...objects.create,
    ...fn.early,
    ...p.fkDrop,
    ...sortDrops(p.constraintDrop),
    ...p.replaceDrop,
    ...p.rename,
    ...p.rebuildDrop,
    ...p.childDrop,
    ...p.tableCreate,
    ...byInheritance(p.column, to, "add-column", -1),
    ...objects.own,
    ...sortAdds(p.constraintAdd),
    ...p.fkAdd,
    ...byInheritance(p.columnDrop, to, "drop-column", 1),
    ...p.reorder,
    ...p.tableDrop,
    ...fn.dropLate,
    ...objects.drop,
    ...p.enumDrop,
    ...objects.extensionDrop,
  ];
  const views: ViewPhases = { drop: [], rename: [], create: [] };
  const pinned = pinnedTables(tableChanges, from, to, m, opts);
  for (const f of droppedFunctions) pinned.add(f);
  diffViews(from, to, renames.views, pinned, views);
  const namespaces = diffNamespaces(from, to);
  const others = [
    ...namespaces.create,
    ...views.drop,
    ...fn.dropEarly,
    ...views.rename,
    ...tableChanges,
    ...fn.late,
    ...views.create,
    ...fn.afterViews,
    ...namespaces.drop,
  ];
  if (!from.triggers?.length && !to.triggers?.length) return others;
  const triggers: TriggerPhases = { drop: [], rename: [], create: [] };
  const viewNewName = new Map([...(renames.views ?? [])].map(([n, o]) => [o, n]));
  const functionNewName = new Map([...(renames.functions ?? [])].map(([n, o]) => [o, n]));
  diffTriggers(
    from,
    to,
    renames.triggers,
    (old) => viewNewName.get(old) ?? m.mapTable(old),
    (old) => functionNewName.get(old) ?? old,
    others,
    triggers,
  );
  return [...triggers.drop, ...triggers.rename, ...others, ...triggers.create];
}

/**
 * The tables (named as in `from`) whose views cannot stay while the plan runs: those it drops
 * (a table made again too), and as the dialect says (`DiffOptions.viewsPinColumns`) those
 * whose columns it drops or retypes (an enum's changed values retype its columns on PostgreSQL).
 */
function pinnedTables(
  changes: readonly Change[],
  from: Schema,
  to: Schema,
  m: Matching,
  opts: DiffOptions,
): Set<string> {
  const out = new Set<string>();
  if (!from.views?.length) return out;
  const oldName = new Map(from.tables.map((t) => [m.mapTable(t.name), t.name]));
  const pin = (table: string) => {
    out.add(table);
    const o = oldName.get(table);
    if (o !== undefined) out.add(o);
  };
  const retypes = opts.viewsPinColumns === "drop-and-type";
  for (const c of changes) {
    if (c.kind === "drop-table") pin(c.table.name);
    else if (c.kind === "drop-column" && opts.viewsPinColumns) pin(c.table);
    else if (
      c.kind === "alter-column" &&
      retypes &&
      c.facets.some((f) => f === "type" || f === "collation" || f === "generated")
    )
      pin(c.table);
    // Appending values retypes nothing, but its inverse in down.sql (the inverse of the up
    // changes, `invert.ts`) makes the type again and retypes the columns: the views must be out
    // of its way there too.
    else if ((c.kind === "alter-enum-values" || c.kind === "add-enum-values") && retypes)
      for (const t of to.tables)
        if (t.columns.some((col) => col.type.kind === "enum" && col.type.name === c.enum)) pin(t.name);
  }
  return out;
}

/**
 * The table with its defaults drawing from renamed sequences under their new names: the
 * rename alone changes how they print (PostgreSQL keeps them by oid), so they are no change.
 */
function withSequencesRenamed(t: Table, renamed: ReadonlyMap<string, string>): Table {
  if (!renamed.size) return t;
  let changed = false;
  const columns = t.columns.map((c) => {
    let d = c.default;
    for (const [o, n] of renamed) d = renameSequenceInDefault(d, o, n);
    if (d === c.default) return c;
    changed = true;
    return { ...c, default: d! };
  });
  return changed ? { ...t, columns } : t;
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
  // By table then column: a lookup builds no `table\0column` string (foreign keys ask per column).
  const retyped = new Map<string, Set<string>>();
  const retypedColumns = new Set<Column>();
  const retype = (table: string, c: Column) => {
    retypedColumns.add(c);
    (retyped.get(table) ?? retyped.set(table, new Set()).get(table)!).add(c.name);
  };
  // New table → (old col → new col), for the tables with renamed columns only: elsewhere every
  // kept column keeps its name, and `mapCols` maps a name to itself.
  const colMaps = new Map<string, Map<string, string>>();
  for (const { old, neu } of pairs) {
    const renamed = renames.columns.get(neu.name);
    if (!renamed) {
      // A loop, not `forEach`: every column of every kept table passes here.
      for (let i = 0; i < neu.columns.length; i++) {
        const c = neu.columns[i]!;
        const prev = columnAt(old, i, c.name);
        if (prev && typeDiffers(prev, c, mapEnum)) retype(neu.name, c);
      }
      continue;
    }
    const m = new Map<string, string>();
    const newCols = byName(neu.columns);
    const oldCols = byName(old.columns);
    for (const c of old.columns) m.set(c.name, c.name);
    for (const [n, o] of renamed) m.set(o, n);
    for (const [o, n] of m) if (!newCols.has(n)) m.delete(o);
    colMaps.set(neu.name, m);
    const oldByNew = new Map<string, string>();
    for (const [o, n] of m) oldByNew.set(n, o);
    for (const c of neu.columns) {
      const oc = oldByNew.get(c.name);
      const prev = oc === undefined ? undefined : oldCols.get(oc);
      if (prev && typeDiffers(prev, c, mapEnum)) retype(neu.name, c);
    }
  }
  const mapCols = (newTable: string, cols: readonly string[]) =>
    cols.map((c) => colMaps.get(newTable)?.get(c) ?? c);

  const m: Matching = {
    mapTable,
    mapEnum,
    mapCols,
    retyped: (table, col) => retyped.size > 0 && retyped.get(table)?.has(col) === true,
    retypedColumns,
    colMaps,
    enumNewName,
  };
  return { pairs, created, dropped, replaced, m };
}

/**
 * A matched table's own changes: its rename, its comment and its options (a partition's parent
 * named as it is after the renames, so a renamed parent is no change of its partitions).
 */
function diffTableItself(old: Table, neu: Table, m: Matching, p: Phases): void {
  const t = neu.name;
  if (old.name !== neu.name) p.rename.unshift({ kind: "rename-table", from: old.name, to: neu.name });
  const oldOptions = renamedParent(old.options, m.mapTable);
  if (!sameOptions(oldOptions, neu.options))
    p.column.push({
      kind: "set-table-options",
      table: t,
      ...(oldOptions !== undefined ? { from: oldOptions } : {}),
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

/**
 * The matched tables (by new name) that PostgreSQL cannot change in place into their new
 * form, so they are dropped and created again: a table that becomes partitioned or stops being
 * so, or gets another key; a table that becomes a partition or a child, stops being one, or
 * inherits another table (a partition that moves to another parent or bound is DETACH and
 * ATTACH in place); and, since its parent goes, every partition and child of such a table.
 */
function rebuiltTables(
  pairs: readonly { old: Table; neu: Table }[],
  m: Matching,
  repartitions: boolean,
): Set<string> {
  const out = new Set<string>();
  const key = (t: Table) => {
    const k = partitionKey(t);
    return k === undefined ? null : normSql(k);
  };
  for (const { old, neu } of pairs) {
    const a = tableParent(old),
      b = tableParent(neu);
    if (
      (!repartitions && key(old) !== key(neu)) ||
      a?.kind !== b?.kind ||
      (a?.kind === "inherits" && b?.kind === "inherits" && m.mapTable(a.parent) !== b.parent)
    )
      out.add(neu.name);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const { neu } of pairs) {
      const b = tableParent(neu);
      if (b && out.has(b.parent) && !out.has(neu.name)) {
        out.add(neu.name);
        grew = true;
      }
    }
  }
  return out;
}

/** The keys of a table (primary key, uniques, unique column indexes) as `keyId`s, in new names. */
function tableKeys(old: Table, name: string, m: Matching): string[] {
  const key = (cols: readonly string[]) => keyId(name, m.mapCols(name, cols));
  return [
    ...(old.primaryKey ? [key(old.primaryKey.columns)] : []),
    ...old.uniques.map((u) => key(u.columns)),
    ...old.indexes
      .filter((i) => i.unique && i.parts.every((x) => x.kind === "column"))
      .map((i) => key(i.parts.map((x) => (x.kind === "column" ? x.column : "")))),
  ];
}

/** Options with the parent of a partition or child named through the table renames. */
function renamedParent(
  o: TableOptions | undefined,
  mapTable: (t: string) => string,
): TableOptions | undefined {
  if (!o) return o;
  const out: Record<string, string | true> = { ...o };
  for (const k of ["partition of", "inherits"]) {
    const name = optionText(o[k]);
    if (name !== undefined && mapTable(name) !== name) out[k] = nameValue(mapTable(name));
  }
  return out;
}

/** A matched table's columns: renamed, altered (with their facets), added, dropped. */
function diffColumns(old: Table, neu: Table, m: Matching, p: Phases, opts: DiffOptions): void {
  const t = neu.name;
  const { mapEnum } = m;
  // columns
  const colMap = m.colMaps.get(t);
  const newCols = colMap ? byName(neu.columns) : undefined;
  // Which new columns (by position in `neu.columns`) are old ones kept.
  const keptAt: boolean[] = [];
  // The kept columns' new names in the old order (for `columnOrder`), gathered as they match.
  const before: string[] = [];
  const drops: Change[] = [];
  // A loop, not `forEach`: every column of every kept table passes here.
  for (let i = 0; i < old.columns.length; i++) {
    const c = old.columns[i]!;
    let nc: Column | undefined;
    // Where `nc` is in `neu.columns`: position `i` when the column kept its place (nearly
    // always), found by a scan otherwise (not `indexOf` per column: quadratic in the columns).
    let at: number;
    if (colMap) {
      const n = colMap.get(c.name);
      nc = n === undefined ? undefined : newCols!.get(n);
      at = nc ? neu.columns.indexOf(nc) : -1;
    } else if (neu.columns[i]?.name === c.name) {
      nc = neu.columns[i];
      at = i;
    } else {
      at = neu.columns.findIndex((x) => x.name === c.name);
      nc = at >= 0 ? neu.columns[at] : undefined;
    }
    if (!nc) {
      drops.push({ kind: "drop-column", table: t, column: c });
      continue;
    }
    keptAt[at] = true;
    before.push(nc.name);
    if (c.name !== nc.name) p.rename.push({ kind: "rename-column", table: t, from: c.name, to: nc.name });
    // No facet reads the name: the old column under its new name is made only for a change.
    const facets = columnFacets(c, nc, mapEnum, m.retypedColumns.has(nc));
    if (facets.length)
      p.column.push({ kind: "alter-column", table: t, from: { ...c, name: nc.name }, to: nc, facets });
  }
  // Dropped last column first: the down migration adds them back (at the end) in their order.
  p.columnDrop.push(...drops.reverse());
  for (let i = 0; i < neu.columns.length; i++)
    if (!keptAt[i]) p.column.push({ kind: "add-column", table: t, column: neu.columns[i]! });
  // Order: the kept columns, by their new names, in the old order and in the new (names are
  // unique in a table, so a kept column is one of `keptAt` and a matched old one is in `before`).
  if (opts.columnOrder) {
    // Compared as they come: the list of the new order is made only for a reorder.
    let j = 0,
      same = true;
    for (let k = 0; k < neu.columns.length && same; k++)
      if (keptAt[k]) same = before[j++] === neu.columns[k]!.name;
    if (!same || j !== before.length) {
      const after = neu.columns.filter((_, k) => keptAt[k]).map((c) => c.name);
      p.reorder.push({ kind: "reorder-columns", table: t, from: before, to: after });
    }
  }
}

/**
 * The keys (primary keys, unique constraints, unique indexes) of matched tables that are dropped
 * (a changed definition is a drop and an add), as `table\0columns` in the new names, sorted.
 * A foreign key needs the key it references: one that references a dropped key is dropped
 * before it (and added again after the new key where it stays), or the database refuses the
 * key's drop (PostgreSQL: "other objects depend on it").
 */
function droppedKeys(
  pairs: readonly { old: Table; neu: Table }[],
  m: Matching,
  pkKeptOut?: Map<Table, boolean>,
): ReadonlySet<string> {
  const out = new Set<string>();
  for (const { old, neu } of pairs) {
    const t = neu.name;
    const key = (cols: readonly string[]) => keyId(t, m.mapCols(t, cols));
    const mapCol = columnMapper(m, t);
    // Each kind on its own: a unique on the old key's columns is another object (added after).
    // In column order, as `diffConstraints` decides it (a reordered key is dropped and added).
    const pkKept =
      neu.primaryKey &&
      old.primaryKey &&
      (sameKey(old.primaryKey, neu.primaryKey, mapCol) ||
        (keyDef(old.primaryKey, (cs) => m.mapCols(t, cs)) === keyDef(neu.primaryKey) &&
          keyIndexKey(old.primaryKey, mapCol) === keyIndexKey(neu.primaryKey, (c) => c)));
    pkKeptOut?.set(neu, !!pkKept);
    if (old.primaryKey && !pkKept) out.add(key(old.primaryKey.columns));
    // The sets of the new keys are made only for a table that had such keys.
    const uniques = old.uniques.length
      ? new Set(neu.uniques.map((u) => keyDef(u) + keyIndexKey(u, (c) => c)))
      : NO_KEYS;
    for (const u of old.uniques)
      if (!uniques.has(keyDef(u, (cs) => m.mapCols(t, cs)) + keyIndexKey(u, mapCol))) out.add(key(u.columns));
    const keptIndexes = old.indexes.some((i) => i.unique)
      ? new Set(neu.indexes.filter((i) => i.unique).map((i) => indexKey(i, (c) => c)))
      : NO_KEYS;
    for (const i of old.indexes) {
      if (!i.unique || i.parts.some((x) => x.kind !== "column")) continue;
      if (keptIndexes.has(indexKey(i, mapCol))) continue;
      out.add(key(i.parts.map((x) => (x.kind === "column" ? x.column : ""))));
    }
  }
  return out;
}

/**
 * Items by name, the last of each name winning (as `new Map(xs.map(...))` would): built with a
 * loop because the Map constructor over an array of pairs was the differ's top cost at 1,000 tables.
 */
function byName<T extends { name: string }>(xs: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const x of xs) out.set(x.name, x);
  return out;
}

/**
 * Column `name` of `t`, looked for first at position `i` (a kept column nearly always keeps
 * its place): one comparison instead of a map of the table's columns. Names are unique in a
 * table (validation refuses a second), so this is the column a lookup by name finds.
 */
function columnAt(t: Table, i: number, name: string): Column | undefined {
  const c = t.columns[i];
  return c?.name === name ? c : t.columns.find((x) => x.name === name);
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * One old column name of new table `t` to its new name (`mapCols` of one name, without the
 * arrays): the index and key comparisons map every column they name.
 */
function columnMapper(m: Matching, t: string): (c: string) => string {
  const cm = m.colMaps.get(t);
  return cm ? (c) => cm.get(c) ?? c : (c) => c;
}

const keyId = (table: string, cols: readonly string[]) => `${table}\u0000${[...cols].sort().join("\u0000")}`;

/** A matched table's primary key, uniques, checks, indexes and foreign keys. */
function diffConstraints(
  old: Table,
  neu: Table,
  m: Matching,
  keys: ReadonlySet<string>,
  p: Phases,
  pkKept?: boolean,
): void {
  const t = neu.name;
  const { mapCols, mapTable } = m;
  const mapCol = columnMapper(m, t);
  // primary key
  const opk = old.primaryKey,
    npk = neu.primaryKey;
  // `pkKept`: what `droppedKeys` decided for this pair (the same comparison), when it has.
  const pkSame =
    opk &&
    npk &&
    (pkKept ??
      (keyDef(opk, (cs) => mapCols(t, cs)) === keyDef(npk) &&
        keyIndexKey(opk, mapCol) === keyIndexKey(npk, (c) => c)));
  // Drops run before renames (phase 2): they name the table and columns as they are then.
  if (opk && !pkSame) p.constraintDrop.push({ kind: "drop-primary-key", table: old.name, primaryKey: opk });
  if (npk && !pkSame) p.constraintAdd.push({ kind: "add-primary-key", table: t, primaryKey: npk });
  if (opk && npk && pkSame) comment(opk, npk, "primary-key", t, p);
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
    (u) => keyDef(u, (cs) => mapCols(t, cs)) + keyIndexKey(u, mapCol),
    (u) => keyDef(u) + keyIndexKey(u, (c) => c),
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
    undefined,
    (a, b) => comment(a, b, "unique", t, p),
    (a, b) => sameKey(a, b, mapCol),
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
    undefined,
    (a, b) => {
      validity(a, b, "check", t, p.constraintAdd);
      comment(a, b, "check", t, p);
    },
    // The same text is the same normalised text.
    (a, b) => !a.noInherit === !b.noInherit && a.expr === b.expr,
  );
  matchByDefinition(
    old.indexes,
    neu.indexes,
    (i) => indexKey(i, mapCol),
    (i) => indexKey(i, (c) => c),
    (i) => p.constraintDrop.push({ kind: "drop-index", table: old.name, index: i }),
    (i) => p.constraintAdd.push({ kind: "create-index", table: t, index: i }),
    (a, b) => p.rename.push({ kind: "rename-index", table: t, from: a.name, to: b.name }),
    undefined,
    (a, b) => comment(a, b, "index", t, p),
    (a, b) => sameIndex(a, b, mapCol),
  );
  matchByDefinition(
    old.exclusions ?? [],
    neu.exclusions ?? [],
    (x) => exclusionKey(x, mapCol),
    (x) => exclusionKey(x, (c) => c),
    (x) => p.constraintDrop.push({ kind: "drop-exclusion", table: old.name, exclusion: x }),
    (x) => p.constraintAdd.push({ kind: "add-exclusion", table: t, exclusion: x }),
    (a, b) =>
      p.rename.push({
        kind: "rename-constraint",
        table: t,
        constraint: "exclusion",
        from: a.name,
        to: b.name,
      }),
    undefined,
    (a, b) => comment(a, b, "exclusion", t, p),
  );
  const fkTouchesRetyped = (fk: ForeignKey, table: string) =>
    fk.columns.some((c) => m.retyped(table, c)) ||
    fk.refColumns.some((c) => m.retyped(fk.refTable, c)) ||
    // No key built when no key is dropped (nearly every plan).
    (keys.size > 0 && keys.has(keyId(fk.refTable, fk.refColumns)));
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
    (a, b) => {
      validity(a, b, "foreign-key", t, p.fkAdd);
      comment(a, b, "foreign-key", t, p);
    },
    (a, b) => sameForeignKey(a, b, mapCol, mapTable, m),
  );
}

/** A kept constraint or index whose comment (`///` doc) changed; with the table comments (phase 4). */
function comment(
  a: { comment?: string },
  b: { name: string; comment?: string },
  item: CommentedItem,
  table: string,
  p: Phases,
): void {
  if ((a.comment ?? "") !== (b.comment ?? ""))
    p.column.push({
      kind: "set-item-comment",
      table,
      item,
      name: b.name,
      ...(a.comment !== undefined ? { from: a.comment } : {}),
      ...(b.comment !== undefined ? { to: b.comment } : {}),
    });
}

/**
 * A kept check or foreign key whose `not valid` changed (its key in `matchByDefinition` leaves
 * validity out, so the constraint is kept): validated, or made not valid again.
 */
function validity(
  a: { notValid?: boolean },
  b: { name: string; notValid?: boolean },
  constraint: "check" | "foreign-key",
  table: string,
  phase: Change[],
): void {
  if ((a.notValid ?? false) !== (b.notValid ?? false))
    phase.push({ kind: "set-constraint-valid", table, constraint, name: b.name, valid: !b.notValid });
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
          ...parentRenamed(t, mapTable),
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

/**
 * A dropped partition's or inheritance child's options naming its parent as it is by then (a
 * parent renamed in the same plan), as its foreign keys do: the inverse creates it under the
 * parent's name of that moment (`INHERITS ("order_v2")` before the rename back).
 */
function parentRenamed(t: Table, mapTable: (old: string) => string): { options?: TableOptions } {
  const parent = tableParent(t);
  if (!parent || mapTable(parent.parent) === parent.parent) return {};
  const key = parent.kind === "partition" ? "partition of" : "inherits";
  return { options: { ...t.options, [key]: nameValue(mapTable(parent.parent)) } };
}

/** Within phase 2: checks, uniques and indexes before primary keys (a unique may need the key's index). */
function sortDrops(cs: Change[]): Change[] {
  const rank = (c: Change) => (c.kind === "drop-primary-key" ? 1 : 0);
  return [...cs].sort((a, b) => rank(a) - rank(b));
}
/** Within phase 5: primary keys first (a unique or index may rely on the key). */
/**
 * The `kind` changes (add-column or drop-column) in the order inheritance needs (PostgreSQL),
 * the others kept where they are: a column added to a parent reaches its children, where the
 * same column added after it already exists (added to the child first, PostgreSQL merges it);
 * and a child's inherited column cannot be dropped before its parent's. `sign` -1 puts the
 * deepest children first, 1 last; a stable sort, so without inheritance nothing moves.
 */
function byInheritance(cs: Change[], to: Schema, kind: "add-column" | "drop-column", sign: 1 | -1): Change[] {
  const tables = new Map(to.tables.map((t) => [t.name, t]));
  // How many ancestors the table has (0 for a table that inherits nothing).
  const depth = (name: string) => {
    const seen = new Set<string>([name]);
    const t = tables.get(name);
    let d = 0;
    for (let up = t ? tableParent(t) : undefined; up && !seen.has(up.parent); d++) {
      seen.add(up.parent);
      const p = tables.get(up.parent);
      up = p ? tableParent(p) : undefined;
    }
    return d;
  };
  const rank = (c: Change) => (c.kind === kind ? sign * depth(c.table) : 0);
  return [...cs].sort((a, b) => rank(a) - rank(b));
}

function sortAdds(cs: Change[]): Change[] {
  const rank = (c: Change) => (c.kind === "add-primary-key" ? 0 : 1);
  return [...cs].sort((a, b) => rank(a) - rank(b));
}

/** Whether two columns differ in any facet (`facets.ts`). */
export function columnDiffers(a: Column, b: Column, mapEnum: (n: string) => string = (x) => x): boolean {
  return columnFacets(a, b, mapEnum).length > 0;
}

/**
 * A primary key's or unique constraint's definition: its columns in order (in the new names
 * through `mapCols`) with their prefix lengths. Its name and comment are not part of it.
 */
function keyDef(
  k: PrimaryKey | UniqueConstraint,
  mapCols: (cs: readonly string[]) => readonly string[] = (cs) => cs,
): string {
  const lengths = k.prefixLengths ?? {};
  const names = mapCols(k.columns);
  return JSON.stringify(k.columns.map((c, i) => [names[i], lengths[c] ?? null]));
}

/** An index entry as a key: its column (through `mapCol`) or expression and its options. */
const partKey = (p: IndexPart, mapCol: (c: string) => string) => [
  ...(p.kind === "column"
    ? ["c", mapCol(p.column), p.desc, p.length ?? null]
    : ["e", normSql(p.sql), p.desc]),
  p.collation ?? null,
  p.opclass ?? null,
  // The default order of nulls (last ascending, first descending) written out is no change.
  p.nulls === undefined || p.nulls === (p.desc ? "first" : "last") ? null : p.nulls,
];

/** An exclusion constraint's definition: a change of any of it is a drop and an add. */
function exclusionKey(x: Exclusion, mapCol: (c: string) => string): string {
  return JSON.stringify([
    x.using,
    x.parts.map((p) => [...partKey(p, mapCol), p.operator]),
    x.where === undefined ? null : normSql(x.where),
    keyIndexKey(x, mapCol),
  ]);
}

/**
 * Whether old key `a` (its columns named through `mapCol`) and new key `b` have the same
 * `keyDef` and `keyIndexKey` for sure, told without building them: the same columns in order,
 * no prefix lengths, and none of the clauses `keyIndexKey` reads (false may still mean equal).
 */
function sameKey(
  a: PrimaryKey | UniqueConstraint,
  b: PrimaryKey | UniqueConstraint,
  mapCol: (c: string) => string,
): boolean {
  if (
    a.prefixLengths !== undefined ||
    b.prefixLengths !== undefined ||
    !plainKey(a) ||
    !plainKey(b) ||
    a.columns.length !== b.columns.length
  )
    return false;
  for (let k = 0; k < a.columns.length; k++) if (mapCol(a.columns[k]!) !== b.columns[k]) return false;
  return true;
}

/** A key that says nothing beyond its columns: its `keyIndexKey` is `PLAIN_KEY_INDEX`. */
const plainKey = (k: KeyIndexClauses): boolean =>
  !k.include?.length && k.storage === undefined && !k.nullsNotDistinct && k.deferrable === undefined;

/**
 * Whether old index `a` (its columns named through `mapCol`) and new index `b` have the same
 * `indexKey` for sure, told without building either: every field the key reads is the same
 * value (raw SQL the same text, so the same normalised). False when any differs, even where
 * the keys would still be equal (`desc` left out against `false`): then they are compared.
 */
function sameIndex(a: Index, b: Index, mapCol: (c: string) => string): boolean {
  if (
    a.unique !== b.unique ||
    a.where !== b.where ||
    a.using !== b.using ||
    a.include !== undefined ||
    b.include !== undefined ||
    a.nullsNotDistinct !== b.nullsNotDistinct ||
    a.storage !== undefined ||
    b.storage !== undefined ||
    a.parts.length !== b.parts.length
  )
    return false;
  for (let k = 0; k < a.parts.length; k++) {
    const p = a.parts[k]!,
      q = b.parts[k]!;
    if (p.desc !== q.desc || p.collation !== q.collation || p.opclass !== q.opclass || p.nulls !== q.nulls)
      return false;
    if (p.kind === "column") {
      if (q.kind !== "column" || mapCol(p.column) !== q.column || p.length !== q.length) return false;
    } else if (q.kind !== "expression" || p.sql !== q.sql) return false;
  }
  return true;
}

/**
 * Whether old foreign key `a` (of new table `t`'s columns through `mapCol`, its target through
 * the renames) and new `b` have the same `fkKey` for sure (as `sameIndex`: false may still mean
 * equal keys).
 */
function sameForeignKey(
  a: ForeignKey,
  b: ForeignKey,
  mapCol: (c: string) => string,
  mapTable: (t: string) => string,
  m: Matching,
): boolean {
  if (
    a.onDelete !== b.onDelete ||
    a.onUpdate !== b.onUpdate ||
    a.matchFull !== b.matchFull ||
    a.deferrable !== b.deferrable ||
    a.columns.length !== b.columns.length ||
    a.refColumns.length !== b.refColumns.length
  )
    return false;
  const refTable = mapTable(a.refTable);
  if (refTable !== b.refTable) return false;
  for (let k = 0; k < a.columns.length; k++) if (mapCol(a.columns[k]!) !== b.columns[k]) return false;
  const refCol = columnMapper(m, refTable);
  for (let k = 0; k < a.refColumns.length; k++)
    if (refCol(a.refColumns[k]!) !== b.refColumns[k]) return false;
  return true;
}

function indexKey(i: Index, mapCol: (c: string) => string): string {
  return JSON.stringify([
    i.unique,
    i.parts.map((p) => partKey(p, mapCol)),
    i.where === undefined ? null : normSql(i.where),
    i.using ?? null,
    (i.include ?? []).map(mapCol),
    i.nullsNotDistinct ?? false,
    sortedStorage(i.storage),
  ]);
}

/**
 * What a key says beyond its columns (`nulls not distinct`, `include`, `with`, `deferrable`): a
 * change of it is a new key (PostgreSQL alters only a foreign key's deferrability in place).
 */
function keyIndexKey(k: KeyIndexClauses, mapCol: (c: string) => string): string {
  // A key that says none of it (nearly all): the key of nothing, made once.
  if (plainKey(k)) return PLAIN_KEY_INDEX;
  return JSON.stringify([
    (k.include ?? []).map(mapCol),
    sortedStorage(k.storage),
    k.nullsNotDistinct ?? false,
    k.deferrable ?? null,
  ]);
}

const PLAIN_KEY_INDEX = JSON.stringify([[], [], false, null]);

/** Storage parameters by name: their order carries no meaning. */
const sortedStorage = (storage: Readonly<Record<string, string>> | undefined) =>
  // Nearly every key has none: no entries to list and sort (the same `[]` in the key).
  storage === undefined
    ? NO_STORAGE
    : Object.entries(storage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const NO_STORAGE: readonly [string, string][] = Object.freeze([]) as readonly [string, string][];

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
 * `forceRebuild` marks items to drop and add again although they did not change; `kept` sees
 * each pair kept (same name or renamed), for what the keys leave out and is altered in place.
 * `same`: a quick test that an old and a new item have equal keys (never true when they do not;
 * false may still mean equal), so the many items kept as they are need no keys built.
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
  kept?: (a: T, b: T) => void,
  same?: (a: T, b: T) => boolean,
): void {
  // Most tables have none of a kind (exclusions, uniques): nothing to pair.
  if (!olds.length && !news.length) return;
  if (allKeptInPlace(olds, news, oldKey, newKey, forceRebuild, same)) {
    for (let i = 0; i < olds.length; i++) kept?.(olds[i]!, news[i]!);
    return;
  }
  const newByName = byName(news);
  const leftOld: T[] = [];
  const matchedNew = new Set<T>();
  for (const o of olds) {
    const n = newByName.get(o.name);
    if (n && oldKey(o) === newKey(n) && !forceRebuild?.(n)) {
      matchedNew.add(n);
      kept?.(o, n);
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
      kept?.(o, n);
      continue;
    }
    drop(o);
  }
  for (const n of news) if (!matchedNew.has(n)) add(n);
}

/**
 * Whether `matchByDefinition` would keep every item as it is (nearly every table's): the same
 * names in the same order, none twice, each with its old definition and none to rebuild. Then
 * each old item pairs with the new one at its position, and no map or set is needed. Short
 * lists only (a table's checks, indexes or keys); longer ones take the general way.
 */
function allKeptInPlace<T extends { name: string }>(
  olds: readonly T[],
  news: readonly T[],
  oldKey: (x: T) => string,
  newKey: (x: T) => string,
  forceRebuild: ((x: T) => boolean) | undefined,
  same: ((a: T, b: T) => boolean) | undefined,
): boolean {
  if (olds.length !== news.length || news.length > 8) return false;
  for (let i = 0; i < news.length; i++) {
    const name = news[i]!.name;
    if (olds[i]!.name !== name) return false;
    for (let j = 0; j < i; j++) if (news[j]!.name === name) return false;
  }
  for (let i = 0; i < news.length; i++) {
    const o = olds[i]!,
      n = news[i]!;
    // `same` first: it tells equal keys without building them (false: compare the keys).
    if ((!same?.(o, n) && oldKey(o) !== newKey(n)) || forceRebuild?.(n)) return false;
  }
  return true;
}

export type { UniqueConstraint, Check };

/**
 * Whether two tables' options are the same set (order does not matter; none is an empty set; a
 * raw SQL value, `partition by = (range (d))`, compares whitespace-normalised).
 */
export function sameOptions(a: TableOptions | undefined, b: TableOptions | undefined): boolean {
  // The same object (nearly always: two tables without options) is the same set.
  if (a === b) return true;
  const key = (o: TableOptions | undefined) =>
    JSON.stringify(
      Object.entries(o ?? {})
        .map(([k, v]) => [k, typeof v === "string" && v.startsWith("(") ? normSql(v) : v])
        .sort(([x], [y]) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0)),
    );
  return key(a) === key(b);
}
