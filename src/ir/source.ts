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
      const o = v as Record<string, unknown>;
      // The keys, not `Object.entries`: no [key, value] pair made per property of the whole
      // schema (this copy was most of writing a 1,000-table snapshot). Same keys, same order.
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (k === "src" || k === "fileTrailing" || x === undefined) continue;
        out[k] = strip(x);
      }
      return out;
    }
    return v;
  };
  return strip(schema) as Schema;
}
