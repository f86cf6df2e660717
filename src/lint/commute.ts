/**
 * Whether two migrations commute: run in either order, they leave the same schema and each
 * one's SQL still does what it was written to do. Used by `schemavc merge` (two git branches
 * that each added migrations on one parent: commuting lines are re-chained, overlapping ones
 * regenerated) and by `up` (a database that applied the later branch's migration first gets the
 * earlier one only when they commute).
 *
 * A migration's footprint is what it writes and what it reads, as object keys:
 *
 * - writes: the object of every change in its snapshot diff (parent → its snapshot; the object
 *   `changeTarget` names), both names of a rename; and every table its SQL drops, renames or
 *   updates (a SQLite rebuild drops and re-creates the table, copying only the columns it knew:
 *   the whole table is written, not one column).
 * - reads: the columns a new index, key or foreign key is on and those a foreign key
 *   references, the table of a new check or expression index (its expression may name any
 *   column), the enum a column's type names, a sequence's owner column, and the tables and
 *   views a new view's query names.
 *
 * Keys nest (`table:t` holds `table:t/column:c`); two keys overlap when one is the other or holds
 * it. Two footprints conflict where one side writes what the other writes or reads. A migration
 * whose snapshot records no change but whose SQL has statements schemavc cannot read (a data
 * migration's INSERT or DELETE) touches everything: its footprint is unknown, so it commutes
 * with nothing.
 */
import type { Dialect } from "../dialects/dialect.ts";
import type { Column, Schema, Table } from "../ir/model.ts";
import { emptySchema } from "../ir/model.ts";
import type { Migration } from "../migrate/dir.ts";
import { splitSql } from "../migrate/split.ts";
import { assertNever, type Change } from "../diff/changes.ts";
import { plan } from "../diff/plan.ts";
import { renamesFromHints } from "../diff/renames.ts";
import { factsOf } from "./statements.ts";

/** An object a migration touches: `key` for matching, `label` for people (`column users.email`). */
export interface ObjectRef {
  readonly key: string;
  readonly label: string;
}

export interface Footprint {
  readonly writes: readonly ObjectRef[];
  readonly reads: readonly ObjectRef[];
  /**
   * Its SQL does what schemavc cannot read (a data migration): it conflicts with everything;
   * the words that say so (`the hand-written statements of V`).
   */
  readonly opaque?: string;
}

/** Both sides' objects that overlap: `label` names the object, as the later side touches it. */
export interface Conflict {
  readonly label: string;
  /** The first side's object (it may hold the second's: `table t` and `column t.c`). */
  readonly earlier: string;
  readonly later: string;
}

const table = (t: string): ObjectRef => ({ key: `table:${t}`, label: `table ${t}` });
const column = (t: string, c: string): ObjectRef => ({
  key: `table:${t}/column:${c}`,
  label: `column ${t}.${c}`,
});
const item = (t: string, word: string, name: string): ObjectRef => ({
  key: `table:${t}/item:${name}`,
  label: `${word} ${t}.${name}`,
});
const enumRef = (e: string): ObjectRef => ({ key: `enum:${e}`, label: `enum ${e}` });
const named = (word: string, n: string): ObjectRef => ({ key: `object:${n}`, label: `${word} ${n}` });

/** The changes of migration `m` over its parent's schema (empty schema for the first). */
export function changesOf(dialect: Dialect, parent: Schema | undefined, m: Migration): Change[] {
  const from = parent ?? emptySchema();
  const to = m.snapshot.schema;
  return plan(from, to, renamesFromHints(from, to), dialect).changes;
}

/** The footprint of migration `m`, whose parent's schema is `parent` (undefined: the first). */
export function footprintOf(dialect: Dialect, parent: Schema | undefined, m: Migration): Footprint {
  const changes = changesOf(dialect, parent, m);
  const writes: ObjectRef[] = [];
  const reads: ObjectRef[] = [];
  const to = m.snapshot.schema;
  for (const c of changes) changeFootprint(c, to, writes, reads);
  const { statements } = splitSql(m.up, dialect.capabilities.backslashEscapes);
  let unread = false;
  for (const s of statements) {
    const facts = factsOf(
      s.sql,
      dialect.capabilities.backslashEscapes,
      dialect.capabilities.namespaces === true,
    );
    if (!facts.length) unread = true;
    for (const f of facts) {
      if (f.kind === "drop-table" || f.kind === "update") writes.push(table(f.table));
      else if (f.kind === "rename-table") writes.push(table(f.from), table(f.to));
    }
  }
  return {
    writes,
    reads,
    ...(changes.length === 0 && unread ? { opaque: `the hand-written statements of ${m.version}` } : {}),
  };
}

/** The union of footprints (a branch's migrations, one after the other). */
export function union(fs: readonly Footprint[]): Footprint {
  return {
    writes: fs.flatMap((f) => f.writes),
    reads: fs.flatMap((f) => f.reads),
    ...(fs.find((f) => f.opaque) ? { opaque: fs.find((f) => f.opaque)!.opaque! } : {}),
  };
}

const overlap = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

/**
 * Where two footprints conflict: what one side writes and the other writes or reads, each object
 * once. Empty: they commute. An opaque side conflicts with every object of the other (and with
 * an empty other side too: nothing says what its statements touch).
 */
export function conflicts(earlier: Footprint, later: Footprint): Conflict[] {
  const opaque = earlier.opaque ?? later.opaque;
  if (opaque) return [{ label: opaque, earlier: earlier.opaque ?? "", later: later.opaque ?? "" }];
  const out = new Map<string, Conflict>();
  const add = (a: ObjectRef, b: ObjectRef) => {
    // The narrower of the two names the object (`column t.c` within `table t`): the more precise.
    const label = a.key.length >= b.key.length ? a.label : b.label;
    if (!out.has(label)) out.set(label, { label, earlier: a.label, later: b.label });
  };
  for (const a of earlier.writes)
    for (const b of [...later.writes, ...later.reads]) if (overlap(a.key, b.key)) add(a, b);
  for (const b of later.writes) for (const a of earlier.reads) if (overlap(a.key, b.key)) add(a, b);
  return [...out.values()];
}

function changeFootprint(c: Change, to: Schema, writes: ObjectRef[], reads: ObjectRef[]): void {
  const readColumnType = (t: Pick<Column, "type">) => {
    if (t.type.kind === "enum") reads.push(enumRef(t.type.name));
    // A bare type name is a domain's or a composite type's (or a built-in's: reads nothing).
    else if (t.type.kind === "native" && !t.type.args)
      reads.push(named("domain", t.type.name), named("composite type", t.type.name));
  };
  const readTable = (t: Table) => {
    for (const col of t.columns) readColumnType(col);
    for (const fk of t.foreignKeys) readForeignKey(fk.refTable, fk.refColumns);
  };
  const readForeignKey = (refTable: string, refColumns: readonly string[]) => {
    for (const col of refColumns) reads.push(column(refTable, col));
    if (!refColumns.length) reads.push(table(refTable));
  };
  switch (c.kind) {
    case "create-enum":
    case "drop-enum":
      writes.push(enumRef(c.enum.name));
      return;
    case "rename-enum":
      writes.push(enumRef(c.from), enumRef(c.to));
      return;
    case "add-enum-values":
    case "alter-enum-values":
    case "set-enum-comment":
      writes.push(enumRef(c.enum));
      return;
    case "create-sequence":
    case "drop-sequence":
      writes.push(named("sequence", c.sequence.name));
      if (c.sequence.ownedBy) reads.push(column(c.sequence.ownedBy.table, c.sequence.ownedBy.column));
      return;
    case "rename-sequence":
      writes.push(named("sequence", c.from), named("sequence", c.to));
      return;
    case "alter-sequence":
      writes.push(named("sequence", c.from.name), named("sequence", c.to.name));
      if (c.to.ownedBy) reads.push(column(c.to.ownedBy.table, c.to.ownedBy.column));
      return;
    case "create-domain":
    case "drop-domain":
      writes.push(named("domain", c.domain.name));
      return;
    case "rename-domain":
      writes.push(named("domain", c.from), named("domain", c.to));
      return;
    case "alter-domain":
      writes.push(named("domain", c.to.name));
      return;
    case "create-view":
    case "drop-view":
      writes.push(named("view", c.view.name));
      for (const name of namesIn(c.view.query, to)) reads.push(name);
      return;
    case "rename-view":
      writes.push(named("view", c.from), named("view", c.to));
      return;
    case "set-view-comment":
      writes.push(named("view", c.view));
      return;
    case "create-namespace":
    case "drop-namespace":
      writes.push(named("schema", c.namespace.name));
      return;
    case "set-namespace-comment":
      writes.push(named("schema", c.namespace));
      return;
    case "create-extension":
    case "drop-extension":
      writes.push(named("extension", c.extension.name));
      return;
    case "create-composite":
    case "drop-composite":
      writes.push(named("composite type", c.composite.name));
      for (const a of c.composite.attributes) readColumnType(a);
      return;
    case "rename-composite":
      writes.push(named("composite type", c.from), named("composite type", c.to));
      return;
    case "alter-composite":
      writes.push(named("composite type", c.from.name), named("composite type", c.to.name));
      for (const a of c.to.attributes) readColumnType(a);
      return;
    case "create-function":
    case "drop-function":
      writes.push(named("function", c.function.name));
      // A body may name any table, view or function of the schema (read coarsely, by word).
      for (const name of namesIn(c.function.body, to)) reads.push(name);
      return;
    case "replace-function":
      writes.push(named("function", c.to.name));
      for (const name of namesIn(c.to.body, to)) reads.push(name);
      return;
    case "rename-function":
      writes.push(named("function", c.from), named("function", c.to));
      return;
    case "create-trigger":
    case "drop-trigger":
      // A trigger changes what writing its table does: it writes the trigger, reads the table.
      writes.push(named("trigger", c.trigger.name));
      reads.push(table(c.trigger.table));
      if (c.trigger.execute) reads.push(named("function", c.trigger.execute.function));
      for (const name of namesIn(c.trigger.body ?? "", to)) reads.push(name);
      return;
    case "rename-trigger":
      writes.push(named("trigger", c.from), named("trigger", c.to));
      return;
    case "set-routine-doc":
      writes.push(named(c.of, c.name));
      return;
    case "create-table":
      writes.push(table(c.table.name));
      readTable(c.table);
      return;
    case "drop-table":
      writes.push(table(c.table.name));
      return;
    case "rename-table":
      writes.push(table(c.from), table(c.to));
      return;
    case "set-table-comment":
    case "set-table-options":
    case "reorder-columns":
      writes.push(table(c.table));
      return;
    case "add-column":
      writes.push(column(c.table, c.column.name));
      readColumnType(c.column);
      return;
    case "drop-column":
      writes.push(column(c.table, c.column.name));
      return;
    case "rename-column":
      writes.push(column(c.table, c.from), column(c.table, c.to));
      return;
    case "alter-column":
      writes.push(column(c.table, c.from.name), column(c.table, c.to.name));
      readColumnType(c.to);
      return;
    case "add-primary-key":
      writes.push(item(c.table, "primary key", c.primaryKey.name));
      for (const col of c.primaryKey.columns) reads.push(column(c.table, col));
      return;
    case "drop-primary-key":
      writes.push(item(c.table, "primary key", c.primaryKey.name));
      return;
    case "add-unique":
      writes.push(item(c.table, "unique", c.unique.name));
      for (const col of c.unique.columns) reads.push(column(c.table, col));
      return;
    case "drop-unique":
      writes.push(item(c.table, "unique", c.unique.name));
      return;
    case "create-index":
      writes.push(item(c.table, "index", c.index.name));
      // An index reads its columns (an expression's: the whole table, coarsely).
      for (const p of c.index.parts)
        reads.push(p.kind === "column" ? column(c.table, p.column) : table(c.table));
      for (const col of c.index.include ?? []) reads.push(column(c.table, col));
      return;
    case "drop-index":
      writes.push(item(c.table, "index", c.index.name));
      return;
    case "add-foreign-key":
      writes.push(item(c.table, "foreign key", c.foreignKey.name));
      for (const col of c.foreignKey.columns) reads.push(column(c.table, col));
      readForeignKey(c.foreignKey.refTable, c.foreignKey.refColumns);
      return;
    case "drop-foreign-key":
      writes.push(item(c.table, "foreign key", c.foreignKey.name));
      return;
    case "add-check":
      writes.push(item(c.table, "check", c.check.name));
      // A check's expression may name any column: the whole table, coarsely.
      reads.push(table(c.table));
      return;
    case "drop-check":
      writes.push(item(c.table, "check", c.check.name));
      return;
    case "add-exclusion":
    case "drop-exclusion":
      writes.push(item(c.table, "exclusion", c.exclusion.name));
      return;
    case "set-constraint-valid":
      writes.push(item(c.table, c.constraint === "check" ? "check" : "foreign key", c.name));
      return;
    case "set-item-comment":
      writes.push(item(c.table, "constraint", c.name));
      return;
    case "rename-constraint":
      writes.push(item(c.table, "constraint", c.from), item(c.table, "constraint", c.to));
      return;
    case "rename-index":
      writes.push(item(c.table, "index", c.from), item(c.table, "index", c.to));
      return;
    default:
      assertNever(c);
  }
}

/**
 * The tables and views of `schema` a view's query names: every identifier of the query (bare or
 * quoted) that is one of their names. Coarse on purpose: a word that happens to be a table's
 * name counts as reading it, which can only make two migrations overlap, never wrongly commute.
 */
function namesIn(query: string, schema: Schema): ObjectRef[] {
  const words = new Set(
    [...query.matchAll(/"((?:[^"]|"")+)"|`((?:[^`]|``)+)`|([A-Za-z_][A-Za-z0-9_$]*)/g)].map((m) =>
      (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase(),
    ),
  );
  return [
    ...schema.tables.filter((t) => words.has(t.name.toLowerCase())).map((t) => table(t.name)),
    ...(schema.views ?? []).filter((v) => words.has(v.name.toLowerCase())).map((v) => named("view", v.name)),
    ...(schema.functions ?? [])
      .filter((f) => words.has(f.name.toLowerCase()))
      .map((f) => named("function", f.name)),
  ];
}

/**
 * The runner's check for an unapplied migration older than the newest applied one
 * (`OutOfOrderCheck` in `src/migrate/runner.ts`): the objects it and the applied migrations after it both change, each
 * migration's footprint taken over the one before it in the folder (after `schemavc merge`,
 * the later branch's migrations follow the earlier branch's).
 */
export function outOfOrderCheck(
  dialect: Dialect,
  all: readonly Migration[],
): (m: Migration, after: readonly Migration[]) => string[] {
  const index = new Map(all.map((m, i) => [m.version, i]));
  const footprint = (m: Migration) => {
    const i = index.get(m.version)!;
    return footprintOf(dialect, i > 0 ? all[i - 1]!.snapshot.schema : undefined, m);
  };
  return (m, after) => conflicts(footprint(m), union(after.map(footprint))).map((c) => c.label);
}
