/**
 * The type names a schema declares, which a column may name as its type: its enums, domains and
 * composite types. Every
 * declaration that makes a type joins here, by one line (a PostgreSQL `domain`, for one), so the
 * type check (`dialects/common/type-names.ts`) and its did-you-mean know it.
 */
import type { Schema } from "./model.ts";

export function declaredTypeNames(schema: Schema): string[] {
  return [
    ...schema.enums.map((e) => e.name),
    ...(schema.domains ?? []).map((d) => d.name),
    ...(schema.composites ?? []).map((t) => t.name),
  ];
}
