/**
 * Identity sequence options in their comparison form: an option equal to the database's default
 * for the column's type is the same as leaving it out (`identity(start 1)` is `identity`), so
 * the differ, drift and the round-trip compare what the sequence actually does. PostgreSQL's
 * defaults (CREATE SEQUENCE): increment 1; ascending: min 1, max the type's largest value;
 * descending: min the type's smallest, max -1; start at min (ascending) or max (descending);
 * cache 1; no cycle.
 */
import type { Column, IdentityOptions } from "./model.ts";
import { IDENTITY_NUMBER_OPTIONS } from "./model.ts";

/** The largest value of each integer type (its smallest is -max - 1). */
export const TYPE_MAX: Readonly<Record<string, bigint>> = {
  smallint: 32767n,
  int: 2147483647n,
  bigint: 9223372036854775807n,
};

/** A number option as a bigint, or undefined when absent or not a number. */
export const big = (s: string | undefined): bigint | undefined => {
  if (s === undefined) return undefined;
  try {
    return BigInt(s);
  } catch {
    return undefined;
  }
};

/** The largest value a column of this type holds (bigint when it is not an integer type). */
export function integerTypeMax(c: Column): bigint {
  return (c.type.kind === "portable" ? TYPE_MAX[c.type.name] : undefined) ?? TYPE_MAX["bigint"]!;
}

/**
 * The options that differ from the defaults for `c`'s type, as written (undefined when none):
 * what drift and the differ compare, and what `pull` writes.
 */
export function effectiveIdentityOptions(c: Column): IdentityOptions | undefined {
  const o = c.identityOptions;
  if (!o) return undefined;
  const typeMax = integerTypeMax(c);
  const inc = big(o.increment) ?? 1n;
  const ascending = inc > 0n;
  const defMin = ascending ? 1n : -typeMax - 1n;
  const defMax = ascending ? typeMax : -1n;
  const min = big(o.min) ?? defMin;
  const max = big(o.max) ?? defMax;
  const defaults: Record<(typeof IDENTITY_NUMBER_OPTIONS)[number], bigint> = {
    start: ascending ? min : max,
    increment: 1n,
    min: defMin,
    max: defMax,
    cache: 1n,
  };
  const out: { -readonly [K in keyof IdentityOptions]: IdentityOptions[K] } = {};
  if (o.always) out.always = true;
  for (const k of IDENTITY_NUMBER_OPTIONS) {
    const v = o[k];
    // A value that is not a number is kept as written (validation reports it).
    if (v !== undefined && big(v) !== defaults[k]) out[k] = big(v)?.toString() ?? v;
  }
  if (o.cycle) out.cycle = true;
  return Object.keys(out).length ? out : undefined;
}

const PLAIN_IDENTITY = `identity:${JSON.stringify({})}`;

/** What the `identity` facet compares: none, serial, or identity with its effective options. */
export function identityKey(c: Column): string {
  if (!c.identity) return "";
  if (c.serial) return "serial";
  // No options (nearly every identity): the key of none, without computing or printing them.
  if (!c.identityOptions) return PLAIN_IDENTITY;
  return `identity:${JSON.stringify(effectiveIdentityOptions(c) ?? {})}`;
}
