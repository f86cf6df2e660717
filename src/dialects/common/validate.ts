/** Helpers for dialect validation: diagnostics located at the node that cannot be expressed. */
import { TEXT_TYPES, type Schema, type SourceInfo } from "../../ir/model.ts";
import type { Capabilities } from "../dialect.ts";
import { diagnostic, type Diagnostic } from "../../ir/diagnostics.ts";
import { locOf } from "../../ir/validate.ts";

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
