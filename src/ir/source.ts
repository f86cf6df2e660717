/** Helpers for the source-only part of the IR (`src` fields). */
import type { Schema } from "./model.ts";

/**
 * A deep copy of `schema` without source positions and comments: the form snapshots store and
 * the form compared in tests. Keys whose value is `undefined` are dropped too, so two schemas
 * built by different paths compare equal with `toEqual`.
 */
export function stripSource(schema: Schema): Schema {
  // Loops instead of `map` and `Object.entries` (no [key, value] pair per property): this copy
  // of the whole schema was most of writing a 1,000-table snapshot. IR objects are plain
  // (no inherited enumerable keys), so `for...in` lists exactly their own keys, in order.
  const strip = (v: unknown): unknown => {
    if (!v || typeof v !== "object") return v;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) out.push(strip(x));
      return out;
    }
    const out: Record<string, unknown> = {};
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (k === "src" || k === "fileTrailing" || x === undefined) continue;
      out[k] = x && typeof x === "object" ? strip(x) : x;
    }
    return out;
  };
  return strip(schema) as Schema;
}
