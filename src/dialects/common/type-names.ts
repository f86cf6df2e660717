/**
 * Bare type names are checked (the contract's version 1.1): a column's type must be a portable
 * type, a type the schema declares (an enum), or a native type of the project's dialect, from
 * the dialect's catalogue (`Capabilities.types`, data in `dialects/<d>/native-types.ts`). Any
 * other bare name is what the database would refuse: an error with did-you-mean (PostgreSQL,
 * MySQL/MariaDB). SQLite refuses no declared type name (it derives an affinity from any
 * text), so there an unknown name is a warning saying which affinity it gets. A type name
 * written double-quoted (`"my_type"`) is a deliberate pass-through: never judged.
 */
import { PORTABLE_TYPES, type Schema } from "../../ir/model.ts";
import { declaredTypeNames } from "../../ir/declared.ts";
import { diagnostic, nearest, type Diagnostic } from "../../ir/diagnostics.ts";
import { locOf } from "../../ir/validate/context.ts";
import type { Capabilities } from "../dialect.ts";

/** A dialect's native type names, as data. */
export interface TypeCatalogue {
  /**
   * Native names the database has built in, or from a common extension (PostgreSQL's
   * `citext`, `vector`, PostGIS's `geometry`), lower case: passed to the database as written.
   */
  readonly names: readonly string[];
  /** What the database does with any other name: refuses it (an error) or accepts it (a warning). */
  readonly unknown: "refused" | "accepted";
  /**
   * Names from other databases (or common slips) → the type to write here, lower case:
   * `datetime` on PostgreSQL is `timestamp`. They also count for did-you-mean: `strng` is
   * near `string`, which is `text`.
   */
  readonly advice: Readonly<Record<string, string>>;
}

/** Whether a bare native name is known on this dialect (in its catalogue, case-insensitively). */
export function knownNativeType(types: TypeCatalogue, name: string): boolean {
  return catalogueSet(types).has(name.toLowerCase());
}

const sets = new WeakMap<TypeCatalogue, ReadonlySet<string>>();
function catalogueSet(types: TypeCatalogue): ReadonlySet<string> {
  let s = sets.get(types);
  if (!s) sets.set(types, (s = new Set(types.names)));
  return s;
}

/**
 * The hint for an unknown name: the advice for it (or for the nearest advised name), else the
 * nearest portable, declared or native name.
 */
export function typeSuggestion(
  types: TypeCatalogue,
  name: string,
  declared: readonly string[],
): string | undefined {
  const lower = name.toLowerCase();
  const advised = types.advice[lower];
  if (advised) return advised;
  const candidates = [...PORTABLE_TYPES, ...declared, ...types.names, ...Object.keys(types.advice)];
  const near = nearest(lower, candidates);
  return near === undefined ? undefined : (types.advice[near] ?? near);
}

/**
 * SQLite's affinity of a declared type name (sqlite.org/datatype3.html, 3.1): the first rule
 * that matches, in this order.
 */
export function sqliteAffinity(name: string): "INTEGER" | "TEXT" | "BLOB" | "REAL" | "NUMERIC" {
  const n = name.toUpperCase();
  if (n.includes("INT")) return "INTEGER";
  if (n.includes("CHAR") || n.includes("CLOB") || n.includes("TEXT")) return "TEXT";
  if (n.includes("BLOB") || n === "") return "BLOB";
  if (n.includes("REAL") || n.includes("FLOA") || n.includes("DOUB")) return "REAL";
  return "NUMERIC";
}

/** Every bare native type name of the schema's columns that the dialect does not know. */
export function validateTypeNames(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const types = caps.types;
  const declared = declaredTypeNames(schema);
  const declaredSet = new Set(declared);
  for (const t of schema.tables)
    for (const c of t.columns) {
      const ty = c.type;
      if (ty.kind !== "native" || c.src?.quotedType) continue;
      if (declaredSet.has(ty.name) || knownNativeType(types, ty.name)) continue;
      const near = typeSuggestion(types, ty.name, declared);
      const quoted = `\`"${ty.name}"\``;
      if (types.unknown === "refused") {
        out.push(
          diagnostic(
            "error",
            "unknown-type",
            `unknown type \`${ty.name}\` (\`${t.name}.${c.name}\`): ${db} has no such type`,
            locOf(c.src, "type"),
            near
              ? `did you mean \`${near}\`? (a type an extension provides is written quoted: ${quoted})`
              : `write a portable type (${PORTABLE_TYPES.slice(0, 6).join(", ")}, ...), an enum of the schema, or a ${db} type; a type an extension provides is written quoted: ${quoted}`,
          ),
        );
      } else {
        out.push(
          diagnostic(
            "warning",
            "unknown-type",
            `unknown type \`${ty.name}\` (\`${t.name}.${c.name}\`): ${db} accepts any type name and gives this one ${sqliteAffinity(ty.name)} affinity`,
            locOf(c.src, "type"),
            near
              ? `did you mean \`${near}\`? (write it quoted, ${quoted}, if \`${ty.name}\` is meant)`
              : `write a portable type, or write it quoted (${quoted}) if \`${ty.name}\` is meant`,
          ),
        );
      }
    }
  return out;
}
