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
