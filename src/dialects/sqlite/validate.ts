/** What SQLite cannot express (errors) or ignores (warnings). */
import type { Schema } from "../../ir/model.ts";
import type { Diagnostic } from "../../ir/diagnostics.ts";
import {
  dialectError,
  dialectWarning,
  validateCollations,
  validateIdentity,
  validatePortable,
  validateUnsigned,
} from "../common/validate.ts";
import { CAPABILITIES } from "./capabilities.ts";

export function validateSqlite(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = validatePortable(schema, CAPABILITIES, "SQLite");
  for (const t of schema.tables) {
    for (const c of t.columns) {
      // AUTOINCREMENT exists only as INTEGER PRIMARY KEY AUTOINCREMENT on a one-column key.
      if (c.identity && !(t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0] === c.name)) {
        out.push(
          dialectError(
            "sqlite-identity",
            `SQLite can only generate \`${t.name}.${c.name}\` as the table's single-column primary key`,
            c.src,
            "make it `primary key identity`, or drop `identity`",
            "identity",
          ),
        );
      }
    }
    for (const i of t.indexes) {
      // No built-in methods: there is no choice, so any `using` is ignored.
      if (i.using && !CAPABILITIES.indexMethods.includes(i.using))
        out.push(
          dialectWarning(
            "index-method",
            `SQLite has one index method; \`using ${i.using}\` on \`${i.name}\` is ignored`,
            i.src,
            undefined,
            "using",
          ),
        );
    }
  }
  out.push(...validateCollations(schema, CAPABILITIES, "SQLite"));
  out.push(...validateUnsigned(schema, CAPABILITIES, "SQLite"));
  out.push(...validateIdentity(schema, CAPABILITIES, "SQLite"));
  return out;
}
