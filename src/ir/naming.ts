/**
 * Deterministic names for unnamed constraints and indexes, so that diffs stay stable:
 * `<table>_<cols>_key` (unique), `<table>_<cols>_idx` (index), `<table>_<cols>_fkey`,
 * `<table>_pkey`, `<table>_<cols>_check`. Names are capped at 63 characters (PostgreSQL's
 * limit, under MySQL's 64) with a short stable hash, so two long names never collapse into one.
 */

import { localName } from "./qualified.ts";

export const MAX_IDENTIFIER = 63;

/** FNV-1a (32 bits), first 6 hex digits: enough to keep truncated names apart. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0").slice(0, 6);
}

/** Caps a generated name at MAX_IDENTIFIER characters, keeping its suffix readable. */
export function capName(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = shortHash(name);
  return `${name.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`;
}

/** Turns an SQL expression into name-safe words: `lower(email)` → `lower_email`. */
export function expressionWords(sql: string): string {
  const words = sql.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
  return words.join("_") || "expr";
}

// A table in another schema (`sales.orders`) names its constraints and indexes from its own
// name (`orders_pkey`), as PostgreSQL does: they live in the table's schema (src/ir/qualified.ts).
export const primaryKeyName = (table: string) => capName(`${localName(table)}_pkey`);
export const uniqueName = (table: string, cols: readonly string[]) =>
  capName(`${localName(table)}_${cols.join("_")}_key`);
export const indexName = (table: string, parts: readonly string[]) =>
  capName(`${localName(table)}_${parts.join("_")}_idx`);
/** An exclusion constraint's name, as PostgreSQL makes it: `<table>_<parts>_excl`. */
export const exclusionName = (table: string, parts: readonly string[]) =>
  capName(`${localName(table)}_${parts.join("_")}_excl`);
export const foreignKeyName = (table: string, cols: readonly string[]) =>
  capName(`${localName(table)}_${cols.join("_")}_fkey`);
/** A check's name from the columns its expression mentions (PostgreSQL's habit), else `<table>_check`. */
export const checkName = (table: string, cols: readonly string[]) =>
  capName(cols.length ? `${localName(table)}_${cols.join("_")}_check` : `${localName(table)}_check`);

/** Makes `name` unique against `taken` by appending 1, 2, ... before the suffix-free end. */
export function dedupeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) {
    const candidate = capName(`${name}${i}`);
    if (!taken.has(candidate)) return candidate;
  }
}
