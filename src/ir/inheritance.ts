/**
 * PostgreSQL's partitioned tables and table inheritance, read from a table's options (the
 * language writes them as table options, `grammar/README.md`):
 *
 *   table payment (partition by = (range (payment_date))) { ... }            a partitioned table
 *   table payment_p1 (partition of = payment, values = (from ('a') to ('b'))) { }   a partition
 *   table payment_d (partition of = payment, values = (default)) { }         its default partition
 *   table payment_p2007_01 (inherits = payment) { check (...) }              an inheritance child
 *
 * A partition or a child holds only what is its own: its columns come from its parent (a child
 * may add columns of its own), and so do the parent's checks, and for a partition the parent's
 * keys, indexes and foreign keys too, which PostgreSQL creates on it. `columnsOf` resolves the
 * whole list where a table's columns are looked up (validation); everything else (differ,
 * renderers, comparison) works on the table's own items, which is what the database keeps
 * apart from the parent's (pg_attribute.attislocal, pg_constraint.conislocal / conparentid).
 */
import type { Column, Schema, Table, TableOptions } from "./model.ts";
import { splitQualified } from "./qualified.ts";

/** The table options of partitioning and inheritance (PostgreSQL's `Capabilities.tableOptions`). */
export const PARTITION_OPTIONS = ["partition by", "partition of", "values", "inherits"] as const;

/** What a partition or an inheritance child hangs from. */
export type TableParent =
  | { readonly kind: "partition"; readonly parent: string; readonly bound: string }
  | { readonly kind: "inherits"; readonly parent: string };

/** An option's value without the parentheses of raw SQL or the quotes of a quoted name. */
export function optionText(v: string | true | undefined): string | undefined {
  if (v === undefined || v === true) return undefined;
  if (v.startsWith("(") && v.endsWith(")")) return v.slice(1, -1).trim();
  // A schema-qualified table (`sales.events`, `sales."Events"`): its IR name (src/ir/qualified.ts).
  const q = QUALIFIED.exec(v);
  if (q) return `${unquote(q[1]!)}.${unquote(q[2]!)}`;
  return unquote(v);
}

const QUALIFIED = /^("(?:[^".]|"")*"|[A-Za-z_][A-Za-z0-9_]*)\.("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)$/;
const unquote = (v: string) =>
  v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v;

/** A table name as an option's value: bare when it is a plain name, else quoted. */
export const nameValue = (name: string): string => {
  const q = splitQualified(name);
  if (q.schema !== undefined) return `${nameValue(q.schema)}.${nameValue(q.name)}`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
};

/** `partition by = (range (d))`: the partition key as written (`range (d)`), or undefined. */
export function partitionKey(t: Table): string | undefined {
  return optionText(t.options?.["partition by"]);
}

/** The table's parent: a partition's (with its bound, `default` for a default partition) or the table it inherits. */
export function tableParent(t: Table): TableParent | undefined {
  const o = t.options;
  if (!o) return undefined;
  const of = optionText(o["partition of"]);
  if (of !== undefined) return { kind: "partition", parent: of, bound: optionText(o["values"]) ?? "" };
  const inh = optionText(o["inherits"]);
  return inh !== undefined ? { kind: "inherits", parent: inh } : undefined;
}

/** Whether a bound is the default partition's (`values = (default)`). */
export const isDefaultBound = (bound: string) => /^default$/i.test(bound.trim());

/** The table's options without those of partitioning and inheritance (the dialect's other options). */
export function otherOptions(o: TableOptions | undefined): TableOptions | undefined {
  if (!o) return undefined;
  const rest = Object.fromEntries(
    Object.entries(o).filter(([k]) => !(PARTITION_OPTIONS as readonly string[]).includes(k)),
  );
  return Object.keys(rest).length ? rest : undefined;
}

/** `columnsOf`'s default: no table seen yet (one set, not one per call; it is never changed). */
const NONE_SEEN: ReadonlySet<string> = new Set();

/**
 * The columns a table has in the database: its parent's (recursively, as the parent has them)
 * followed by its own. A cycle of parents (an error validation reports) stops the walk.
 */
export function columnsOf(
  lookup: (name: string) => Table | undefined,
  t: Table,
  seen: ReadonlySet<string> = NONE_SEEN,
): readonly Column[] {
  const p = tableParent(t);
  if (!p || seen.has(t.name)) return t.columns;
  const parent = lookup(p.parent);
  if (!parent) return t.columns;
  const inherited = columnsOf(lookup, parent, new Set([...seen, t.name])).filter(
    (c) => !t.columns.some((o) => o.name === c.name),
  );
  return [...inherited, ...t.columns];
}

/** `columnsOf` with the tables of a schema. */
export const schemaColumnsOf = (schema: Schema, t: Table) =>
  columnsOf((n) => schema.tables.find((x) => x.name === n), t);

/**
 * The partitions and children of each table, by parent name: to create a parent before them
 * and drop them before it.
 */
export function childrenOf(tables: readonly Table[]): Map<string, Table[]> {
  const out = new Map<string, Table[]>();
  for (const t of tables) {
    const p = tableParent(t);
    if (!p) continue;
    if (!out.has(p.parent)) out.set(p.parent, []);
    out.get(p.parent)!.push(t);
  }
  return out;
}
