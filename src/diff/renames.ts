/**
 * Renames are decided outside the differ (drizzle-kit's resolver idea): from the schema's
 * `renamed from` hints, from a person answering a prompt, or from a fixed map in tests. The
 * differ only reads the result.
 */
import type { Column, Schema, Table } from "../ir/model.ts";
import { typeKey } from "../ir/validate.ts";

export interface Renames {
  /** New table name → old table name. */
  readonly tables: ReadonlyMap<string, string>;
  /** New enum name → old enum name. */
  readonly enums: ReadonlyMap<string, string>;
  /** New table name → (new column name → old column name). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** New sequence name → old sequence name (absent: none). */
  readonly sequences?: ReadonlyMap<string, string>;
  /** New domain name → old domain name (absent: none). */
  readonly domains?: ReadonlyMap<string, string>;
  /** New view name → old view name (absent: none). */
  readonly views?: ReadonlyMap<string, string>;
  /** New composite type name → old name (absent: none). */
  readonly composites?: ReadonlyMap<string, string>;
  /** New function name → old function name (absent: none). */
  readonly functions?: ReadonlyMap<string, string>;
  /** New trigger name → old trigger name (absent: none). */
  readonly triggers?: ReadonlyMap<string, string>;
}

export const noRenames = (): Renames => ({ tables: new Map(), enums: new Map(), columns: new Map() });

/**
 * The renames the `renamed from` hints ask for. A hint counts only while the rename has not
 * happened yet: its old name exists in `from` and its new name does not. Once applied, the hint
 * is ignored, so it can stay in the file.
 */
export function renamesFromHints(from: Schema, to: Schema): Renames {
  const tables = hintedRenames(from.tables, to.tables);
  const enums = hintedRenames(from.enums, to.enums);
  // The old tables by name, made the first time a column hint needs them: most schemas have none.
  let fromTables: Map<string, Table> | undefined;
  const columns = new Map<string, Map<string, string>>();
  for (const t of to.tables) {
    if (!t.columns.some((c) => c.renamedFrom !== undefined)) continue;
    const old = (fromTables ??= new Map(from.tables.map((x) => [x.name, x]))).get(
      tables.get(t.name) ?? t.name,
    );
    if (!old) continue;
    const renamed = hintedRenames(old.columns, t.columns);
    if (renamed.size) columns.set(t.name, renamed);
  }
  return {
    tables,
    enums,
    columns,
    sequences: hintedRenames(from.sequences ?? [], to.sequences ?? []),
    domains: hintedRenames(from.domains ?? [], to.domains ?? []),
    views: hintedRenames(from.views ?? [], to.views ?? []),
    composites: hintedRenames(from.composites ?? [], to.composites ?? []),
    functions: hintedRenames(from.functions ?? [], to.functions ?? []),
    triggers: hintedRenames(from.triggers ?? [], to.triggers ?? []),
  };
}

/**
 * The `renamed from` hints of declarations (tables, enums, a table's columns, ...) that have
 * not happened yet (new name → old name).
 */
function hintedRenames(
  from: readonly { name: string }[],
  to: readonly { name: string; renamedFrom?: string }[],
): Map<string, string> {
  const out = new Map<string, string>();
  // Nearly always there is no hint: then no set of either side's names is made.
  if (!to.some((x) => x.renamedFrom !== undefined)) return out;
  const before = new Set(from.map((x) => x.name));
  const after = new Set(to.map((x) => x.name));
  for (const x of to)
    if (
      x.renamedFrom !== undefined &&
      before.has(x.renamedFrom) &&
      !before.has(x.name) &&
      !after.has(x.renamedFrom)
    )
      out.set(x.name, x.renamedFrom);
  return out;
}

/** A possible rename the hints do not settle: something disappeared and something alike appeared. */
export type RenameCandidate =
  | { readonly kind: "table"; readonly from: string; readonly to: string }
  | { readonly kind: "column"; readonly table: string; readonly from: string; readonly to: string };

/**
 * Unhinted rename candidates: in a table present on both sides, a dropped column and an added
 * column of the same type; a dropped table and an added table with mostly the same columns.
 * Each old or new name is offered once (the first match), so a person answers few questions.
 */
export function renameCandidates(from: Schema, to: Schema, renames: Renames): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const renamedOld = new Set(renames.tables.values());
  const fromTables = new Map(from.tables.map((t) => [t.name, t]));
  const toNames = new Set(to.tables.map((t) => t.name));
  const droppedTables = from.tables.filter((t) => !toNames.has(t.name) && !renamedOld.has(t.name));
  const addedTables = to.tables.filter((t) => !fromTables.has(t.name) && !renames.tables.has(t.name));
  const usedDropped = new Set<string>();
  for (const added of addedTables) {
    const match = droppedTables.find((d) => !usedDropped.has(d.name) && similarTables(d, added));
    if (match) {
      usedDropped.add(match.name);
      out.push({ kind: "table", from: match.name, to: added.name });
    }
  }
  for (const t of to.tables) {
    const old = fromTables.get(renames.tables.get(t.name) ?? t.name);
    if (!old) continue;
    // Every column at its old place (nearly every table): nothing added, so no candidate; told
    // by a plain loop before the filter below makes a call per column (10,000 tables: 26 ms).
    let k = 0;
    while (k < t.columns.length && old.columns[k]?.name === t.columns[k]!.name) k++;
    if (k === t.columns.length) continue;
    const colRenames = renames.columns.get(t.name) ?? NO_RENAMES;
    // The added columns first, each looked for at its own position in the old table before a
    // scan (a kept column nearly always keeps its place): with none added, as in nearly every
    // table, there is no candidate, and no set of either table's names is made.
    const added = t.columns.filter(
      (c, i) =>
        old.columns[i]?.name !== c.name &&
        !old.columns.some((o) => o.name === c.name) &&
        !colRenames.has(c.name),
    );
    if (!added.length) continue;
    const renamedOldCols = new Set(colRenames.values());
    const newCols = new Set(t.columns.map((c) => c.name));
    const dropped = old.columns.filter((c) => !newCols.has(c.name) && !renamedOldCols.has(c.name));
    const used = new Set<string>();
    for (const a of added) {
      const match = dropped.find((d) => !used.has(d.name) && compatible(d, a));
      if (match) {
        used.add(match.name);
        out.push({ kind: "column", table: t.name, from: match.name, to: a.name });
      }
    }
  }
  return out;
}

const NO_RENAMES: ReadonlyMap<string, string> = new Map();

const compatible = (a: Column, b: Column) => typeKey(a.type) === typeKey(b.type);

function similarTables(a: Table, b: Table): boolean {
  const keys = new Set(a.columns.map((c) => `${c.name} ${typeKey(c.type)}`));
  const same = b.columns.filter((c) => keys.has(`${c.name} ${typeKey(c.type)}`)).length;
  return same * 2 >= Math.max(a.columns.length, b.columns.length) && same > 0;
}

/** Adds accepted candidates to a set of renames. */
export function withRenames(base: Renames, accepted: readonly RenameCandidate[]): Renames {
  const tables = new Map(base.tables);
  const enums = new Map(base.enums);
  const columns = new Map([...base.columns].map(([k, v]) => [k, new Map(v)]));
  for (const c of accepted) {
    if (c.kind === "table") tables.set(c.to, c.from);
    else {
      if (!columns.has(c.table)) columns.set(c.table, new Map());
      columns.get(c.table)!.set(c.to, c.from);
    }
  }
  // The other kinds' renames (sequences, domains, views, ...) are kept as they were.
  return { ...base, tables, enums, columns };
}
