/** What SQLite cannot express (errors) or ignores (warnings). */
import type { Schema, Table } from "../../ir/model.ts";
import { isRowidAlias, sqliteType } from "./types.ts";
import { SHADOW_SUFFIXES } from "./virtual.ts";
import { validateSequencesAndDomains } from "../common/validate-objects.ts";
import type { Diagnostic } from "../../ir/diagnostics.ts";
import {
  dialectError,
  dialectWarning,
  validateCollations,
  validateConstraintClauses,
  validateExclusions,
  validateIndexEntries,
  validateIdentity,
  validatePortable,
  validateUnsigned,
  validateTableOptions,
} from "../common/validate.ts";
import { CAPABILITIES } from "./capabilities.ts";

export function validateSqlite(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = validatePortable(schema, CAPABILITIES, "SQLite", {
    // sqlite.org/lang_createtable.html: NULLs are kept in a key column that is not NOT NULL
    // (a legacy quirk), except in the rowid alias and in a WITHOUT ROWID table, which refuses them.
    keyNulls: (t, c) =>
      isRowidAlias(t, c) ? "never" : t.options?.["without rowid"] === true ? "refused" : "kept",
  });
  out.push(...shadowNameRules(schema));
  for (const t of schema.tables) {
    out.push(...tableOptionRules(t));
    // "generated columns cannot be part of the PRIMARY KEY".
    for (const c of t.columns)
      if (c.generated && t.primaryKey?.columns.includes(c.name))
        out.push(
          dialectError(
            "generated-primary-key",
            `SQLite cannot key \`${t.name}\` on the generated column \`${c.name}\``,
            c.src,
            "key the table on the columns the expression reads",
            "generated",
          ),
        );
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
  out.push(...validateSequencesAndDomains(schema, CAPABILITIES, "SQLite"));
  out.push(...validateTableOptions(schema, CAPABILITIES, "SQLite"));
  out.push(...validateConstraintClauses(schema, CAPABILITIES, "SQLite"));
  out.push(...validateExclusions(schema, CAPABILITIES, "SQLite"));
  out.push(...validateIndexEntries(schema, CAPABILITIES, "SQLite"));
  return out;
}

/**
 * A table named as a virtual table's shadow table (`notes_search_content` beside `virtual table
 * notes_search using fts4`): SQLite refuses the second of the two ("table ... already exists").
 */
function shadowNameRules(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Only a virtual table has shadow tables: without one (nearly always) no map of the names.
  if (!schema.tables.some((t) => t.virtual)) return out;
  const tables = new Map(schema.tables.map((t) => [t.name.toLowerCase(), t]));
  for (const v of schema.tables) {
    if (!v.virtual) continue;
    for (const suffix of SHADOW_SUFFIXES[v.virtual.module.toLowerCase()] ?? []) {
      const clash = tables.get(`${v.name}_${suffix}`.toLowerCase());
      if (clash)
        out.push(
          dialectError(
            "shadow-table-name",
            `SQLite's ${v.virtual.module} table \`${v.name}\` keeps its data in a table \`${v.name}_${suffix}\`: \`${clash.name}\` cannot have that name`,
            clash.src,
            "rename one of the two tables",
          ),
        );
    }
  }
  return out;
}

/** The datatypes a STRICT table accepts (sqlite.org/stricttables.html). */
const STRICT_TYPES = new Set(["INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY"]);

/** What SQLite refuses of `without rowid` and `strict` tables. */
function tableOptionRules(t: Table): Diagnostic[] {
  const out: Diagnostic[] = [];
  const o = t.options ?? {};
  if (o["without rowid"] === true) {
    // "PRIMARY KEY missing on table": the key is the table's storage order.
    if (!t.primaryKey)
      out.push(
        dialectError(
          "without-rowid-primary-key",
          `SQLite's \`without rowid\` table \`${t.name}\` needs a primary key`,
          t.src,
          "declare a primary key, or drop `without rowid`",
          "option:without rowid",
        ),
      );
    // AUTOINCREMENT needs the rowid.
    for (const c of t.columns)
      if (c.identity)
        out.push(
          dialectError(
            "without-rowid-identity",
            `SQLite cannot generate \`${t.name}.${c.name}\`: \`identity\` needs a rowid, and the table is \`without rowid\``,
            c.src,
            "drop `identity`, or drop `without rowid`",
            "identity",
          ),
        );
  }
  if (o["strict"] === true) {
    for (const c of t.columns) {
      const declared = c.identity ? "INTEGER" : c.type.kind === "enum" ? "TEXT" : sqliteType(c.type);
      if (!STRICT_TYPES.has(declared.toUpperCase()))
        out.push(
          dialectError(
            "strict-type",
            `SQLite's \`strict\` table \`${t.name}\` refuses the type of \`${c.name}\` (written ${declared || "with none"})`,
            c.src,
            "a strict table's columns are int (INTEGER), text, real, bytes (BLOB), json, an enum, or the native INT or ANY",
            "type",
          ),
        );
    }
  }
  return out;
}
