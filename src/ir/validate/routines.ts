/**
 * Functions, procedures and triggers: one declaration per name (the language has no overloads;
 * MySQL/MariaDB and SQLite name triggers schema-wide), and a trigger on a table or view of the
 * schema. What a dialect refuses (functions on SQLite, a trigger's body or function) is
 * decided in `dialects/common/validate-objects.ts`.
 */
import type { Schema, SourceInfo } from "../model.ts";
import { didYouMean } from "../diagnostics.ts";
import { locOf, type Validation } from "./context.ts";

export function validateRoutines(v: Validation, schema: Schema) {
  for (const [kind, list] of [
    ["function", schema.functions ?? []],
    ["trigger", schema.triggers ?? []],
  ] as const) {
    const first = new Map<string, SourceInfo | undefined>();
    for (const d of list) {
      if (first.has(d.name)) {
        const prev = locOf(first.get(d.name));
        v.err(
          "duplicate-name",
          `${kind} \`${d.name}\` is defined twice`,
          locOf(d.src),
          kind === "function"
            ? "the language has no overloads: give each its own name"
            : "rename one of them",
          prev ? { message: `the first ${kind} \`${d.name}\` is here`, loc: prev } : undefined,
        );
        continue;
      }
      first.set(d.name, d.src);
    }
  }
  // The names a trigger can be on, gathered only when there are triggers (once, in a set).
  if (!schema.triggers?.length) return;
  const relations = [...schema.tables.map((t) => t.name), ...(schema.views ?? []).map((x) => x.name)];
  const known = new Set(relations);
  for (const t of schema.triggers)
    if (!known.has(t.table))
      v.err(
        "unknown-table",
        `trigger \`${t.name}\` is on \`${t.table}\`, which is no table or view of the schema`,
        t.src?.parts?.["table"] ?? locOf(t.src),
        didYouMean(t.table, relations) ?? "declare the table, or put the trigger on one that is declared",
      );
}
