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

/** Canonical form without column order: the differ reorders columns only where asked (`columnOrder`, MySQL), and applying appends. */
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
/**
 * The schema as a dialect without sequences, domains, extensions and composite types can hold
 * it (validation refuses them there).
 */
const heldBy = (d: (typeof dialects)[number], s: Schema): Schema => {
  if (d.capabilities.standaloneSequences && d.capabilities.domains && d.capabilities.compositeTypes) return s;
  const { sequences: _s, domains: _d, extensions: _x, composites: _c, ...rest } = s;
  return rest;
};
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
  test("where column order is kept (MySQL), applying diff(A, B) gives the kept columns B's order, and the inverse A's", () => {
    /**
     * Each table's columns that the other schema's table of that name has too, in order, by
     * table name (the law is about columns: a new table is appended, wherever B lists it).
     */
    const kept = (s: Schema, other: Schema) =>
      Object.fromEntries(
        s.tables.map((t) => {
          const o = other.tables.find((x) => x.name === t.name);
          return [
            t.name,
            t.columns.filter((c) => o?.columns.some((x) => x.name === c.name)).map((c) => c.name),
          ];
        }),
      );
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const changes = diffSchemas(a, b, noRenames(), { columnOrder: true });
        const there = applyChanges(a, changes);
        expect(norm(there)).toEqual(norm(b));
        expect(kept(there, a)).toEqual(kept(b, a));
        const back = applyChanges(there, invertAll(changes));
        expect(kept(back, b)).toEqual(kept(a, b));
        const [ma, mb] = [heldBy(dialects[2]!, a), heldBy(dialects[2]!, b)];
        const held = diffSchemas(ma, mb, noRenames(), { columnOrder: true });
        expect(() => dialects[2]!.render(held, { from: ma, to: mb })).not.toThrow();
        expect(() => dialects[2]!.render(invertAll(held), { from: mb, to: ma })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
  test("every plan renders on every dialect", () => {
    fc.assert(
      fc.property(pairArb, ([a0, b0]) => {
        for (const d of dialects) {
          const [a, b] = [heldBy(d, a0), heldBy(d, b0)];
          const changes = diffSchemas(a, b, noRenames());
          const ctx = { from: a, to: b };
          expect(() => d.render(changes, ctx)).not.toThrow();
          expect(() => d.render(invertAll(changes), { from: b, to: a })).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });
});
