/**
 * Laws of the differ on random schema pairs (fast-check, seeded; a failure prints the seed):
 * diff(A, A) is empty; applying diff(A, B) to A gives B; applying the inverse plan after it
 * gives A back; and every change renders on every dialect (no renderer gap).
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { schemaArb } from "../support/arbitrary-schema.ts";
import { diffSchemas } from "../../src/diff/differ.ts";
import { applyChanges } from "../../src/diff/apply.ts";
import { invertAll } from "../../src/diff/invert.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { canonical } from "../../src/ir/canonical.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import type { Schema } from "../../src/ir/model.ts";

/** Canonical form without column order: the differ does not reorder columns (databases append). */
const norm = (s: Schema) => {
  const c = canonical(s);
  return {
    ...c,
    tables: c.tables.map((t) => ({
      ...t,
      columns: [...t.columns].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
    })),
  };
};
const dialects = await Promise.all((["sqlite", "postgres", "mysql"] as const).map(getDialect));
/** Pairs that share names often, so tables and columns match and alter rather than drop/add. */
const pairArb = fc.tuple(
  schemaArb({ maxTables: 3, maxColumns: 4 }),
  schemaArb({ maxTables: 3, maxColumns: 4 }),
);

describe("differ laws", () => {
  test("diff(A, A) is empty", () => {
    fc.assert(
      fc.property(schemaArb(), (a) => expect(diffSchemas(a, a, noRenames())).toEqual([])),
      { numRuns: 300 },
    );
  });
  test("applying diff(A, B) to A gives B, and the inverse gives A back", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const changes = diffSchemas(a, b, noRenames());
        const there = applyChanges(a, changes);
        expect(norm(there)).toEqual(norm(b));
        expect(norm(applyChanges(there, invertAll(changes)))).toEqual(norm(a));
      }),
      { numRuns: 500 },
    );
  });
  test("every plan renders on every dialect", () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const changes = diffSchemas(a, b, noRenames());
        for (const d of dialects) {
          const ctx = { from: a as Schema, to: b as Schema };
          expect(() => d.render(changes, ctx)).not.toThrow();
          expect(() => d.render(invertAll(changes), { from: b, to: a })).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });
});
