/**
 * The differ's part for functions, procedures and triggers, matched by name or accepted rename.
 *
 * Functions. A new definition with the same signature (procedure or function, arguments and
 * return type, whitespace-normalised) is a `replace-function` (CREATE OR REPLACE where the
 * dialect can); another signature is a drop and a create (PostgreSQL's CREATE OR REPLACE would
 * leave the old overload, and refuses a new return type). Phases, placed by `differ.ts`:
 * - `early` (after enums, domains and sequences, before the tables): renames, and the
 *   functions whose arguments, return type or (`language sql`, whose body PostgreSQL checks
 *   when it is created) body mention no table or view, so defaults and checks may use them;
 * - `dropEarly` (after the views are dropped, before the tables change): functions that go and
 *   that no default, check or index expression of the old tables mentions;
 * - `late` (after the tables, before the views are created): the functions that mention a
 *   table, and the replaced ones; `afterViews`: those that mention a view;
 * - `dropLate` (after the tables are dropped, before domains and enums): functions that go and
 *   that a default, check or index expression mentions (dropped once those are gone).
 *
 * Triggers. Never altered in place: a new definition is a drop and a create. `drop` runs first
 * of all (before the views are dropped), `rename` after it, `create` last of all (after the
 * views are created: a trigger may be on a view). Dropped and created again with them: the
 * triggers on a table or view the plan drops (a table made again, a view with a new query),
 * and those running a function the plan drops (a new signature). What a trigger is on follows
 * the renames of tables and views; the function it runs follows the renames of functions.
 */
import { normSql } from "../ir/canonical.ts";
import type { Routine, Schema, Trigger } from "../ir/model.ts";
import type { Change } from "./changes.ts";
import { mentionedNames } from "./views.ts";

export interface RoutinePhases {
  readonly early: Change[];
  readonly dropEarly: Change[];
  readonly late: Change[];
  readonly afterViews: Change[];
  readonly dropLate: Change[];
}

export interface TriggerPhases {
  readonly drop: Change[];
  readonly rename: Change[];
  readonly create: Change[];
}

export const functionsOf = (s: Schema): readonly Routine[] => s.functions ?? [];
export const triggersOf = (s: Schema): readonly Trigger[] => s.triggers ?? [];

/** What a caller sees of a function: procedure or function, arguments and return type. */
export const signatureKey = (f: Routine): string =>
  JSON.stringify([
    f.procedure === true,
    normSql(f.args).toLowerCase(),
    normSql(f.returns ?? "").toLowerCase(),
  ]);

/** What makes two functions the same (the doc aside): the signature, language, options and body. */
export const functionKey = (f: Routine): string =>
  JSON.stringify([signatureKey(f), f.language ?? "", normSql(f.options ?? ""), normSql(f.body)]);

/** A trigger's definition, on the table named `table` (its table through the renames). */
export const triggerKey = (t: Trigger, table = t.table): string =>
  JSON.stringify([
    table,
    t.timing,
    normSql(t.events),
    t.forEach ?? "",
    normSql(t.when ?? ""),
    t.execute ? [t.execute.function, normSql(t.execute.args)] : null,
    normSql(t.body ?? ""),
  ]);

/** A kept function's or trigger's new `///` doc (a replaced or remade one carries its own). */
function docChange(
  of: "function" | "trigger",
  old: { doc?: string },
  neu: { name: string; doc?: string },
  phase: Change[],
): void {
  if ((old.doc ?? "") === (neu.doc ?? "")) return;
  phase.push({
    kind: "set-routine-doc",
    of,
    name: neu.name,
    ...(old.doc !== undefined ? { from: old.doc } : {}),
    ...(neu.doc !== undefined ? { to: neu.doc } : {}),
  });
}

/** Pairs each new declaration with its old one (by accepted rename, else by name); the rest are new. */
function match<X extends { name: string }>(
  olds: readonly X[],
  news: readonly X[],
  renames: ReadonlyMap<string, string> | undefined,
) {
  const old = new Map(olds.map((x) => [x.name, x]));
  const pairs: { old: X; neu: X }[] = [];
  const created: X[] = [];
  const matched = new Set<string>();
  for (const x of news) {
    const o = old.get(renames?.get(x.name) ?? x.name) ?? (renames?.has(x.name) ? undefined : old.get(x.name));
    if (o && !matched.has(o.name)) {
      matched.add(o.name);
      pairs.push({ old: o, neu: x });
    } else created.push(x);
  }
  return { pairs, created, dropped: olds.filter((x) => !matched.has(x.name)) };
}

/**
 * Diffs the functions; returns the names (in `from`) of those dropped, so the views and
 * triggers using them are dropped first and created again after.
 */
export function diffFunctions(
  from: Schema,
  to: Schema,
  renames: ReadonlyMap<string, string> | undefined,
  p: RoutinePhases,
): Set<string> {
  const { pairs, created, dropped } = match(functionsOf(from), functionsOf(to), renames);
  const gone: Routine[] = [...dropped];
  const made: Routine[] = [...created];
  for (const { old, neu } of pairs) {
    // A new signature is another function: the old one goes under its old name.
    if (signatureKey(old) !== signatureKey(neu)) {
      gone.push(old);
      made.push(neu);
      continue;
    }
    if (old.name !== neu.name) p.early.push({ kind: "rename-function", from: old.name, to: neu.name });
    if (functionKey(old) !== functionKey(neu))
      p.late.push({ kind: "replace-function", from: { ...old, name: neu.name }, to: neu });
    else docChange("function", old, neu, p.late);
  }
  // Where the old tables' expressions mention a function, it goes after them (their SQL read
  // out of the IR as JSON, whose own quotes and brackets are not SQL's quoted names).
  // Read only when a function goes (most plans drop none; a large schema's JSON is costly).
  const expressions = gone.length
    ? from.tables.map((t) =>
        JSON.stringify([t.columns.map((c) => [c.default, c.generated]), t.checks, t.indexes]).replace(
          /["[\]]/g,
          " ",
        ),
      )
    : [];
  for (const f of gone) {
    const used = expressions.some((e) => mentionedNames(e, [f.name]).size > 0);
    (used ? p.dropLate : p.dropEarly).push({ kind: "drop-function", function: f });
  }
  const tableNames = to.tables.map((t) => t.name);
  const viewNames = (to.views ?? []).map((v) => v.name);
  for (const f of made) {
    const text = [f.args, f.returns ?? "", f.language === "sql" ? f.body : ""].join(" ");
    const phase = mentionedNames(text, viewNames).size
      ? p.afterViews
      : mentionedNames(text, tableNames).size
        ? p.late
        : p.early;
    phase.push({ kind: "create-function", function: f });
  }
  return new Set(gone.map((f) => f.name));
}

/**
 * Diffs the triggers, once every other change is known (`others`): a trigger on a table or
 * view those drop, or running a function they drop, is dropped first and created again.
 * `relationName`: a table's or view's old name to its new one.
 */
export function diffTriggers(
  from: Schema,
  to: Schema,
  renames: ReadonlyMap<string, string> | undefined,
  relationName: (old: string) => string,
  functionName: (old: string) => string,
  others: readonly Change[],
  p: TriggerPhases,
): void {
  const droppedRelations = new Set<string>();
  const droppedFunctions = new Set<string>();
  for (const c of others)
    if (c.kind === "drop-table") droppedRelations.add(c.table.name);
    else if (c.kind === "drop-view") droppedRelations.add(c.view.name);
    else if (c.kind === "drop-function") droppedFunctions.add(c.function.name);
  const { pairs, created, dropped } = match(triggersOf(from), triggersOf(to), renames);
  const gone: Trigger[] = [...dropped];
  const made: Trigger[] = [...created];
  for (const { old, neu } of pairs) {
    const moved = old.execute
      ? { ...old, execute: { ...old.execute, function: functionName(old.execute.function) } }
      : old;
    const same =
      triggerKey(moved, relationName(old.table)) === triggerKey(neu) &&
      !droppedRelations.has(old.table) &&
      !(
        old.execute &&
        (droppedFunctions.has(old.execute.function) ||
          droppedFunctions.has(functionName(old.execute.function)))
      );
    if (same) {
      if (old.name !== neu.name) p.rename.push({ kind: "rename-trigger", from: old.name, to: neu.name });
      docChange("trigger", old, neu, p.rename);
    } else {
      gone.push(old);
      made.push(neu);
    }
  }
  for (const t of gone) p.drop.push({ kind: "drop-trigger", trigger: t });
  for (const t of made) p.create.push({ kind: "create-trigger", trigger: t });
}
