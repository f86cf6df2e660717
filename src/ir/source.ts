/** Helpers for the source-only part of the IR (`src` fields). */
import type { Schema } from "./model.ts";

/**
 * A deep copy of `schema` without source positions and comments: the form snapshots store and
 * the form compared in tests. Keys whose value is `undefined` are dropped too, so two schemas
 * built by different paths compare equal with `toEqual`.
 */
export function stripSource(schema: Schema): Schema {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === "src" || k === "fileTrailing" || x === undefined) continue;
        out[k] = strip(x);
      }
      return out;
    }
    return v;
  };
  return strip(schema) as Schema;
}
