/**
 * A plan as a timeline: each change with the schema as it is just before it runs (`before`)
 * and just after (`after`). "The names as they are when change i runs" is read here, once,
 * by the renderers and lint, instead of being rebuilt from the plan by each of them.
 *
 * The schemas come from `applyChange` (the machinery the differ laws prove right), one change
 * at a time on the schema before, lazily: a renderer that never asks (PostgreSQL, mostly) pays
 * nothing, and one that does pays one array copy per step, not a replay from the start.
 * A change that does not apply is a planner bug: it throws, and is never swallowed.
 */
import type { Schema } from "../ir/model.ts";
import { applyChange } from "./apply.ts";
import type { Change } from "./changes.ts";

export interface Step {
  readonly change: Change;
  /** The schema when the change runs. */
  readonly before: Schema;
  /** The schema once it has run (the next step's `before`). */
  readonly after: Schema;
}

/** The steps of `changes` run on `from`; each schema is computed the first time it is read. */
export function planSteps(from: Schema, changes: readonly Change[]): Step[] {
  const schemas: (Schema | undefined)[] = [from];
  const at = (i: number): Schema => {
    let k = i;
    while (schemas[k] === undefined) k--;
    for (; k < i; k++) schemas[k + 1] = applyChange(schemas[k]!, changes[k]!);
    return schemas[i]!;
  };
  return changes.map((change, i) => ({
    change,
    get before() {
      return at(i);
    },
    get after() {
      return at(i + 1);
    },
  }));
}

/**
 * Which table is which across a plan: one identity per table through its renames, so that
 * "every change of this table" is a lookup, not a rename chase. A table of the starting
 * schema is `=name`; one the plan creates is `+i:name` (i its create-table), so a table dropped
 * and another created (or renamed) under its name are two tables, as they are in the database.
 */
export interface TableLineage {
  /** The identity of the table called `name` when change `i` runs (`i` = the plan's length: at its end). */
  id(i: number, name: string): string;
  /** The name of table `id` when change `i` runs, if it exists then. */
  name(i: number, id: string): string | undefined;
}

export function tableLineage(changes: readonly Change[]): TableLineage {
  // The bindings that differ from the start (name → identity; `-k` = gone at change k), one map per
  // change, shared until a create, drop or rename changes them.
  const states: Map<string, string>[] = [];
  let cur = new Map<string, string>();
  const idIn = (s: Map<string, string>, name: string) => s.get(name) ?? `=${name}`;
  changes.forEach((c, k) => {
    // A created table is itself already in the change that creates it; a dropped or renamed
    // one still has its old name in the change that drops or renames it.
    if (c.kind === "create-table") cur = new Map(cur).set(c.table.name, `+${k}:${c.table.name}`);
    states.push(cur);
    if (c.kind === "drop-table") cur = new Map(cur).set(c.table.name, `-${k}`);
    if (c.kind === "rename-table") cur = new Map(cur).set(c.from, `-${k}`).set(c.to, idIn(cur, c.from));
  });
  states.push(cur);
  const at = (i: number) => states[Math.min(i, states.length - 1)]!;
  return {
    id: (i, name) => idIn(at(i), name),
    name(i, id) {
      if (id.startsWith("-")) return undefined; // a name that is gone names no table
      const s = at(i);
      for (const [n, v] of s) if (v === id) return n;
      const original = id.startsWith("=") ? id.slice(1) : undefined;
      return original !== undefined && !s.has(original) ? original : undefined;
    },
  };
}
