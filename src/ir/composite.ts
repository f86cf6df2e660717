/**
 * Extensions and composite types (PostgreSQL) in their comparison form, beside
 * `ir/sequence.ts`'s sequences and domains.
 */
import type { CompositeAttribute, CompositeType, Extension, Schema } from "./model.ts";
import { typeKey } from "./validate/context.ts";

/** The schema's extensions and composite types (absent: none). */
export const extensionsOf = (s: Schema): readonly Extension[] => s.extensions ?? [];
export const compositesOf = (s: Schema): readonly CompositeType[] => s.composites ?? [];

/** What the differ compares of an attribute: its type (every facet of it) and collation. */
export const compositeAttributeKey = (a: CompositeAttribute): string =>
  JSON.stringify([typeKey(a.type), a.collation ?? ""]);

/**
 * The composite types in an order to create them: each after the composite types its
 * attributes are of (a cycle, which PostgreSQL refuses anyway, keeps the declaration order).
 */
export function compositesInCreateOrder(types: readonly CompositeType[]): CompositeType[] {
  const byName = new Map(types.map((t) => [t.name, t]));
  const out: CompositeType[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: CompositeType) => {
    if (state.has(t.name)) return;
    state.set(t.name, "visiting");
    for (const a of t.attributes) {
      const dep = a.type.kind === "native" ? byName.get(a.type.name) : undefined;
      if (dep && dep !== t) visit(dep);
    }
    state.set(t.name, "done");
    out.push(t);
  };
  for (const t of types) visit(t);
  return out;
}

/** What ALTER TYPE does to turn composite type `a` into `b` (`compositeAlteration`). */
export interface CompositeAlteration {
  /** Attributes dropped: gone from `b`, or in `b` but where only dropping and adding again puts them. */
  readonly drop: readonly string[];
  /** Attributes added at the end, in `b`'s order (new ones, and those dropped to be put there). */
  readonly add: readonly CompositeAttribute[];
  /** Attributes kept in place whose type or collation changes. */
  readonly retype: readonly CompositeAttribute[];
  /** Of `drop`, the attributes `b` keeps (dropped and added again: their values are lost). */
  readonly moved: readonly string[];
}

/**
 * PostgreSQL adds an attribute only at the end, so `b`'s order is reached by keeping the
 * longest start of it that `a` has in that order, and dropping and adding again every attribute
 * after the first new one (or after one out of `a`'s order). An attribute `b` drops goes.
 */
export function compositeAlteration(a: CompositeType, b: CompositeType): CompositeAlteration {
  const at = new Map(a.attributes.map((x, i) => [x.name, i]));
  const kept = new Set<string>();
  let last = -1;
  for (const x of b.attributes) {
    const i = at.get(x.name);
    if (i === undefined || i < last) break;
    kept.add(x.name);
    last = i;
  }
  const inB = new Set(b.attributes.map((x) => x.name));
  const drop = a.attributes.filter((x) => !kept.has(x.name)).map((x) => x.name);
  const before = new Map(a.attributes.map((x) => [x.name, x]));
  return {
    drop,
    add: b.attributes.filter((x) => !kept.has(x.name)),
    retype: b.attributes.filter(
      (x) => kept.has(x.name) && compositeAttributeKey(before.get(x.name)!) !== compositeAttributeKey(x),
    ),
    moved: drop.filter((n) => inB.has(n)),
  };
}
