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
 * `unsigned` where the database has no unsigned numbers: PostgreSQL refuses the type, SQLite
 * would store it signed (and `INTEGER PRIMARY KEY` cannot say it), so both are errors.
 */
export function validateUnsigned(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  if (caps.unsigned) return [];
  const out: Diagnostic[] = [];
  for (const t of schema.tables)
    for (const c of t.columns)
      if (c.type.kind !== "enum" && c.type.unsigned)
        out.push(
          dialectError(
            "unsigned",
            `${db} has no unsigned numbers (\`${t.name}.${c.name}\`)`,
            c.src,
            "remove `unsigned` (add `check (col >= 0)` to keep values positive)",
            "type",
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

/**
 * Table options against the dialect's list (`Capabilities.tableOptions`): the database refuses
 * an option it does not have, a value given to a flag, or an option missing its value.
 */
export function validateTableOptions(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = caps.tableOptions;
  for (const t of schema.tables) {
    for (const [name, value] of Object.entries(t.options ?? {})) {
      const spec = known.find((o) => o.name === name);
      const part = `option:${name}`;
      if (!spec)
        out.push(
          dialectError(
            "unknown-table-option",
            `${db} has no table option \`${name}\` (on table \`${t.name}\`)`,
            t.src,
            known.length
              ? `the table options of ${db} are ${known.map((o) => `\`${o.name}\``).join(", ")}`
              : `${db} tables take no options here: remove it`,
            part,
          ),
        );
      else if (spec.takes === "flag" && value !== true)
        out.push(
          dialectError(
            "table-option-value",
            `table option \`${name}\` takes no value (on table \`${t.name}\`)`,
            t.src,
            `write \`${name}\` alone`,
            part,
          ),
        );
      else if (spec.takes === "value" && value === true)
        out.push(
          dialectError(
            "table-option-value",
            `table option \`${name}\` needs a value (on table \`${t.name}\`)`,
            t.src,
            `write \`${name} = ...\``,
            part,
          ),
        );
    }
  }
  return out;
}
