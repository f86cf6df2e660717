/** Helpers for dialect validation: diagnostics located at the node that cannot be expressed. */
import { TEXT_TYPES, type Schema, type SourceInfo } from "../../ir/model.ts";
import type { Capabilities } from "../dialect.ts";
import { diagnostic, type Diagnostic } from "../../ir/diagnostics.ts";
import { locOf } from "../../ir/validate.ts";
import { integerTypeMax } from "../../ir/identity.ts";

export const dialectError = (
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint?: string,
  part?: string,
): Diagnostic => diagnostic("error", code, message, locOf(src, part), hint);

export const dialectWarning = (
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint?: string,
  part?: string,
): Diagnostic => diagnostic("warning", code, message, locOf(src, part), hint);

/**
 * `collate NAME` against what the database accepts: a name it does not have (SQLite's set is
 * closed), a collation on a type or an enum it refuses (PostgreSQL) or drops without a word
 * (MySQL/MariaDB on non-text columns). Native types are the user's: never judged.
 */
export function validateCollations(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { names, onAnyType, onEnums } = caps.collations;
  for (const t of schema.tables) {
    for (const c of t.columns) {
      if (c.collation === undefined) continue;
      const where = `\`${t.name}.${c.name}\``;
      if (names && !names.some((n) => n.toLowerCase() === c.collation!.toLowerCase())) {
        out.push(
          dialectError(
            "unknown-collation",
            `${db} has no collation \`${c.collation}\` (on ${where})`,
            c.src,
            `use one of ${names.join(", ")}`,
            "collate",
          ),
        );
      } else if (c.type.kind === "enum" && !onEnums) {
        out.push(
          dialectError(
            "collation-type",
            `${db} has no collations on enum types (\`collate ${c.collation}\` on ${where})`,
            c.src,
            "drop `collate`, or make the column text",
            "collate",
          ),
        );
      } else if (c.type.kind === "portable" && !TEXT_TYPES.has(c.type.name) && !onAnyType) {
        out.push(
          dialectError(
            "collation-type",
            `${db} has no collations on ${c.type.name} columns (\`collate ${c.collation}\` on ${where})`,
            c.src,
            "`collate` is for text, varchar and char columns",
            "collate",
          ),
        );
      }
    }
  }
  return out;
}

/**
 * MySQL's constructs where the database has none: `unsigned` (PostgreSQL refuses the type,
 * SQLite would store it signed and `INTEGER PRIMARY KEY` cannot say it), `on update now()` and
 * index prefix lengths. All errors.
 */
export function validateUnsigned(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of schema.tables)
    for (const c of t.columns) {
      // PostgreSQL and SQLite have no ON UPDATE on a column (a trigger does it there).
      if (c.onUpdate !== undefined && !caps.onUpdateNow)
        out.push(
          dialectError(
            "on-update",
            `${db} has no \`on update now()\` on a column (\`${t.name}.${c.name}\`)`,
            c.src,
            "remove it and set the column from the application or a trigger",
            "on update",
          ),
        );
      if (!caps.unsigned && c.type.kind !== "enum" && c.type.unsigned)
        out.push(
          dialectError(
            "unsigned",
            `${db} has no unsigned numbers (\`${t.name}.${c.name}\`)`,
            c.src,
            "remove `unsigned` (add `check (col >= 0)` to keep values positive)",
            "type",
          ),
        );
    }
  // An index key on a prefix: PostgreSQL and SQLite index whole values (or an expression).
  if (!caps.indexPrefixes)
    for (const t of schema.tables)
      for (const i of t.indexes)
        if (i.parts.some((p) => p.kind === "column" && p.length !== undefined))
          out.push(
            dialectError(
              "index-prefix",
              `${db} has no index prefix lengths (index \`${i.name}\`)`,
              i.src,
              "index the whole column, or an expression such as `(left(name, 20))`",
            ),
          );
  return out;
}

/**
 * `serial` and `identity(...)` options where the dialect has no sequences (MySQL, SQLite: their
 * generated keys have no options), and on PostgreSQL the option values it refuses (CREATE
 * SEQUENCE's rules: increment not 0, cache at least 1, min below max, start between them, every
 * bound within the column's type).
 */
export function validateIdentity(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of schema.tables) {
    for (const c of t.columns) {
      const where = `\`${t.name}.${c.name}\``;
      if (c.serial && !caps.sequences)
        out.push(
          dialectError(
            "serial-dialect",
            `${db} has no \`serial\` columns (${where})`,
            c.src,
            `write \`${c.type.kind === "portable" ? c.type.name : "bigint"} identity\`: ${db}'s own generated key`,
            "type",
          ),
        );
      const o = c.identityOptions;
      if (!o) continue;
      if (!caps.sequences) {
        out.push(
          dialectError(
            "identity-options-dialect",
            `${db} has no identity options (${where})`,
            c.src,
            "write `identity` alone",
            "identity",
          ),
        );
        continue;
      }
      const fail = (message: string) =>
        out.push(
          dialectError(
            "identity-option-value",
            `${message} (identity of ${where})`,
            c.src,
            undefined,
            "identity",
          ),
        );
      const typeMax = integerTypeMax(c);
      const n = (s: string | undefined) => (s === undefined ? undefined : BigInt(s));
      const inc = n(o.increment) ?? 1n;
      const min = n(o.min) ?? (inc > 0n ? 1n : -typeMax - 1n);
      const max = n(o.max) ?? (inc > 0n ? typeMax : -1n);
      const start = n(o.start) ?? (inc > 0n ? min : max);
      if (inc === 0n) fail("the increment cannot be 0");
      else if (n(o.cache) !== undefined && n(o.cache)! < 1n) fail("the cache must be at least 1");
      else if (min < -typeMax - 1n || max > typeMax)
        fail(`min and max must fit the column's type (up to ${typeMax})`);
      else if (min >= max) fail(`min (${min}) must be less than max (${max})`);
      else if (start < min || start > max)
        fail(`start (${start}) must lie between min (${min}) and max (${max})`);
    }
  }
  return out;
}
