/**
 * A plan as a timeline: each change with the schema as it is just before it runs (`before`)
 * and just after (`after`). "The names as they are when change i runs" is read here, once,
 * by the renderers and lint, instead of being rebuilt from the plan by each of them.
 *
 * The schemas come from `applyChange` (the machinery the differ laws prove right), one change
 * at a time on the schema before, lazily: a renderer that never asks (PostgreSQL, mostly) pays
 * nothing, and one that does pays one array copy per step it reads, not a replay from the start.
 * A change that does not apply is a planner bug: it throws, and is never swallowed.
 */
import type { Schema } from "../ir/model.ts";
import { applyChange, applyChanges } from "./apply.ts";
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
    const known = schemas[i];
    if (known !== undefined) return known;
    let k = i;
    while (schemas[k] === undefined) k--;
    // From the nearest schema known, the changes up to `i` applied in one go: one copy of the
    // table list, not one per change in between (SQLite's renderer asks for the steps of the
    // column changes only; a copy of 1,000 tables at every step of a 1,000-table down plan
    // was a fifth of rendering it). Those in between are computed if they are ever asked for.
    return (schemas[i] =
      k + 1 === i ? applyChange(schemas[k]!, changes[k]!) : applyChanges(schemas[k]!, changes.slice(k, i)));
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
  // The bindings that differ from the start (name → identity; `-k` = gone at change k), as each
  // name's timeline: the state index from which a binding holds (a created table is itself
  // already in the change that creates it; a dropped or renamed one still has its old name in
  // the change that drops or renames it, so those hold from the next one). A timeline per name,
  // not a map per change: 1,000 created tables were a million map entries copied.
  const events = new Map<string, { at: number; id: string }[]>();
  /** The names ever bound to an identity (a table's names through its renames). */
  const namesOf = new Map<string, string[]>();
  const bind = (name: string, at: number, id: string) => {
    (events.get(name) ?? events.set(name, []).get(name)!).push({ at, id });
    if (!id.startsWith("-")) (namesOf.get(id) ?? namesOf.set(id, []).get(id)!).push(name);
  };
  const latest = (name: string) => events.get(name)?.at(-1)?.id ?? `=${name}`;
  changes.forEach((c, k) => {
    if (c.kind === "create-table") bind(c.table.name, k, `+${k}:${c.table.name}`);
    if (c.kind === "drop-table") bind(c.table.name, k + 1, `-${k}`);
    if (c.kind === "rename-table") {
      const id = latest(c.from);
      bind(c.from, k + 1, `-${k}`);
      bind(c.to, k + 1, id);
    }
  });
  /** The binding of `name` when change `i` runs (undefined: none yet, it is its starting self). */
  const bindingAt = (name: string, i: number): string | undefined => {
    const list = events.get(name);
    if (!list) return undefined;
    const at = Math.min(i, changes.length);
    // The last event holding from `at` or before (events are in plan order).
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : list[lo - 1]!.id;
  };
  return {
    id: (i, name) => bindingAt(name, i) ?? `=${name}`,
    name(i, id) {
      if (id.startsWith("-")) return undefined; // a name that is gone names no table
      // An identity is bound to one name at a time: the one of its names that holds it then.
      for (const n of namesOf.get(id) ?? []) if (bindingAt(n, i) === id) return n;
      const original = id.startsWith("=") ? id.slice(1) : undefined;
      return original !== undefined && bindingAt(original, i) === undefined ? original : undefined;
    },
  };
}
