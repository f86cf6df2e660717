/**
 * Free-standing sequences and domains in their comparison form. A sequence option equal to
 * PostgreSQL's default (CREATE SEQUENCE: `as bigint`, increment 1; ascending: min 1, max the
 * type's largest value; descending: min the type's smallest, max -1; start at min ascending or
 * max descending; cache 1; no cycle) is the same as leaving it out, as `identity(...)` does
 * (`ir/identity.ts`): the differ, drift and `pull` see what the sequence does, not how it was
 * written.
 */
import type { ColumnType, DefaultValue, Domain, Schema, Sequence, SequenceOptions } from "./model.ts";
import { normSql } from "./canonical.ts";
// An identity's sequence and a free-standing one share PostgreSQL's integer ranges.
import { big, TYPE_MAX } from "./identity.ts";
import { typeKey } from "./validate/context.ts";

/** The number options of a sequence, in the order `fmt` prints them. */
export const SEQUENCE_NUMBER_OPTIONS = ["start", "increment", "min", "max", "cache"] as const;

/** The options that differ from the defaults, numbers in their plain form (`+5` → `5`). */
export function effectiveSequenceOptions(o: SequenceOptions): SequenceOptions {
  const typeMax = TYPE_MAX[o.as ?? "bigint"] ?? TYPE_MAX["bigint"]!;
  const inc = big(o.increment) ?? 1n;
  const ascending = inc > 0n;
  const defMin = ascending ? 1n : -typeMax - 1n;
  const defMax = ascending ? typeMax : -1n;
  const min = big(o.min) ?? defMin;
  const max = big(o.max) ?? defMax;
  const defaults: Record<(typeof SEQUENCE_NUMBER_OPTIONS)[number], bigint> = {
    start: ascending ? min : max,
    increment: 1n,
    min: defMin,
    max: defMax,
    cache: 1n,
  };
  const out: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {};
  if (o.as !== undefined && o.as !== "bigint") out.as = o.as;
  for (const k of SEQUENCE_NUMBER_OPTIONS) {
    const v = o[k];
    // A value that is not a number is kept as written (validation reports it).
    if (v !== undefined && big(v) !== defaults[k]) out[k] = big(v)?.toString() ?? v;
  }
  if (o.cycle) out.cycle = true;
  return out;
}

/** What the differ compares of a sequence's options. */
export const sequenceOptionsKey = (s: Sequence): string =>
  JSON.stringify(effectiveSequenceOptions(s.options));

/** What the differ compares of a sequence's owner. */
export const ownerKey = (s: Sequence): string => (s.ownedBy ? `${s.ownedBy.table}.${s.ownedBy.column}` : "");

/** The schema's sequences and domains (absent: none). */
export const sequencesOf = (s: Schema): readonly Sequence[] => s.sequences ?? [];
export const domainsOf = (s: Schema): readonly Domain[] => s.domains ?? [];

/**
 * The domain a column type names, if any: a native type without arguments whose name is a
 * domain of the schema (a domain is used by its name, as PostgreSQL prints it). The one place a
 * type name is resolved to a domain.
 */
export function domainOfType(
  domains: ReadonlyMap<string, Domain> | readonly Domain[],
  t: ColumnType,
): Domain | undefined {
  if (t.kind !== "native" || t.args || t.unsigned) return undefined;
  return Array.isArray(domains)
    ? (domains as readonly Domain[]).find((d) => d.name === t.name)
    : (domains as ReadonlyMap<string, Domain>).get(t.name);
}

/** A domain's checks as the differ compares them: by name, expressions whitespace-normalised. */
export const domainChecksKey = (d: Domain): string =>
  JSON.stringify(
    [...d.checks].map((c) => [c.name, normSql(c.expr)]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
  );

/** A domain's default as the differ compares it. */
export const domainDefaultKey = (d: Domain): string =>
  !d.default ? "" : d.default.kind === "raw" ? `raw:${normSql(d.default.sql)}` : JSON.stringify(d.default);

/** A domain's base type and collation: a change of them is a drop and a create. */
export const domainBaseKey = (d: Domain): string =>
  // The column type's own key, so every facet of the type (unsigned, args, array) counts.
  JSON.stringify([typeKey(d.type), d.collation ?? ""]);

/**
 * A raw default that draws from sequence `from` (`nextval('from'::regclass)`), drawing from `to`
 * instead: PostgreSQL keeps such a reference by the sequence's oid, so a renamed sequence's
 * defaults print its new name without being altered. Other defaults are returned as they are.
 */
export function renameSequenceInDefault<D extends DefaultValue | undefined>(
  d: D,
  from: string,
  to: string,
): D {
  if (d?.kind !== "raw") return d;
  // `'name'` or `'"Name"'` as nextval's argument: cast to regclass, or alone (`nextval('s')`).
  const literal = (n: string) => `'${n.replace(/'/g, "''")}'`;
  const quoted = (n: string) => `'"${n.replace(/"/g, '""').replace(/'/g, "''")}"'`;
  const regexText = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let sql = d.sql;
  for (const [a, b] of [
    [literal(from), literal(to)],
    [quoted(from), quoted(to)],
  ] as const)
    sql = sql.replace(new RegExp(`${regexText(a)}(?=\\s*(?:::regclass|\\)))`, "g"), b);
  return (sql === d.sql ? d : { kind: "raw", sql }) as D;
}
