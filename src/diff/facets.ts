/**
 * Which facets of a column an `alter-column` changes, computed once, in the differ (Atlas's
 * `ModifyColumn.Change` bit set): renderers, data-loss, the summary and SQLite's rebuild
 * decision read `change.facets` instead of comparing `from` and `to` again.
 *
 * A new column attribute is a new facet here: `FACET_DIFFERS` is a `Record<ColumnFacet, ...>`,
 * so the compiler refuses to build until the attribute says how it is compared, and every
 * switch over facets ends in `assertNever`.
 */
import type { Column, DefaultValue } from "../ir/model.ts";
import { normSql } from "../ir/canonical.ts";
import { typeKey } from "../ir/validate.ts";
import { identityKey } from "../ir/identity.ts";

export type ColumnFacet =
  | "type"
  | "nullable"
  | "default"
  | "onUpdate"
  | "identity"
  | "collation"
  | "generated"
  | "comment";

/** Every facet, in the order the summary lists them. */
export const COLUMN_FACETS: readonly ColumnFacet[] = [
  "type",
  "nullable",
  "default",
  "onUpdate",
  "identity",
  "collation",
  "generated",
  "comment",
];

type Differs = (a: Column, b: Column, mapEnum: (n: string) => string) => boolean;

/** How each facet is compared; `a` is the old column (its enum named through `mapEnum`). */
const FACET_DIFFERS: Record<ColumnFacet, Differs> = {
  type: (a, b, mapEnum) => typeDiffers(a, b, mapEnum),
  nullable: (a, b) => a.nullable !== b.nullable,
  default: (a, b) => !sameDefaultObject(a.default, b.default) && defaultKey(a) !== defaultKey(b),
  onUpdate: (a, b) => a.onUpdate !== b.onUpdate,
  // Serial and identity are different objects, and so are two identities' options.
  identity: (a, b) => identityKey(a) !== identityKey(b),
  collation: (a, b) => a.collation !== b.collation,
  // Becoming generated, ceasing to be, another expression, or stored <-> virtual.
  generated: (a, b) => generatedKey(a) !== generatedKey(b),
  comment: (a, b) => (a.doc ?? "") !== (b.doc ?? ""),
};

/**
 * The facets in which `b` differs from `a` (empty: the same column). Symmetric, so the inverse
 * of an `alter-column` carries the same facets. `retyped`: whether the types differ, when the
 * caller has compared them already (`typeDiffers` with the same `mapEnum`: the differ matches
 * the columns by comparing their types first).
 */
export function columnFacets(
  a: Column,
  b: Column,
  mapEnum: (n: string) => string = (x) => x,
  retyped?: boolean,
): readonly ColumnFacet[] {
  // A loop, not `filter`: this runs for every kept column, and almost all of them differ in
  // nothing (then no array is made at all).
  let out: ColumnFacet[] | undefined;
  for (const f of COLUMN_FACETS)
    if (f === "type" && retyped !== undefined ? retyped : FACET_DIFFERS[f](a, b, mapEnum))
      (out ??= []).push(f);
  return out ?? NO_FACETS;
}

/** The facets of a column that did not change: one shared, frozen empty list. */
const NO_FACETS: readonly ColumnFacet[] = Object.freeze([]);

/**
 * Whether the old column `a` (its enum or domain named through `mapEnum`) has another type than
 * `b`: their `typeOf` and `typeKey` differ. Two types written alike are told equal first without
 * building either key (every kept column is compared, and almost none changes type); anything
 * else compares the keys.
 */
export function typeDiffers(a: Column, b: Column, mapEnum: (n: string) => string): boolean {
  const x = a.type,
    y = b.type;
  if (
    x.kind === y.kind &&
    (x.kind === "portable" ? x.name === y.name : mapEnum(x.name) === y.name) &&
    (x.kind === "enum" ||
      (y.kind !== "enum" &&
        !x.unsigned === !y.unsigned &&
        sameArgs(x.args, y.args) &&
        (x.kind === "portable" || (y.kind === "native" && !x.array === !y.array))))
  )
    return false;
  return typeOf(a, mapEnum) !== typeKey(y);
}

/** Type arguments that print the same (`typeKey` joins them with commas). */
const sameArgs = (a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean => {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  // Equal values print alike without being printed (String only for `12` against `"12"`); a
  // loop, not `every`: a typed column of every kept table passes here.
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && String(a[i]) !== String(b[i])) return false;
  return true;
};

/**
 * The column's type key, its enum (or domain, a native type by its name) named as it is after
 * the renames of enums and domains.
 */
export function typeOf(c: Column, mapEnum: (n: string) => string): string {
  const t = c.type;
  if (t.kind === "portable") return typeKey(t);
  const name = mapEnum(t.name);
  // Unrenamed (nearly always): the type's own key, without a copy of the type under the new name.
  if (name === t.name) return typeKey(t);
  return t.kind === "enum" ? typeKey({ kind: "enum", name }) : typeKey({ ...t, name });
}

/**
 * Two defaults that `defaultKey` would print alike, told without printing them: both absent,
 * or the same keys in the same order with the same (primitive) values, not raw SQL (which is
 * compared normalised). `false` only means "compare the keys".
 */
function sameDefaultObject(a: DefaultValue | undefined, b: DefaultValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === "raw" || b.kind === "raw") return false;
  const ka = Object.keys(a),
    kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const x = a as unknown as Record<string, unknown>,
    y = b as unknown as Record<string, unknown>;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || x[k] !== y[k] || (typeof x[k] === "object" && x[k] !== null)) return false;
  }
  return true;
}

export const defaultKey = (c: Column): string => {
  const d = c.default;
  if (!d) return "";
  return d.kind === "raw" ? `raw:${normSql(d.sql)}` : JSON.stringify(d);
};

/** A generated column's expression (whitespace-normalised) and kind; "" for a plain column. */
export const generatedKey = (c: Column): string =>
  c.generated ? `${c.generated.stored ? "stored" : "virtual"}:${normSql(c.generated.expr)}` : "";
