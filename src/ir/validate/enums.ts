/** Enums: renames, and at least one value. */
import type { EnumType } from "../model.ts";
import { locOf, type Validation } from "./context.ts";

export function validateEnums(v: Validation, enums: readonly EnumType[]) {
  const renames = new Map<string, EnumType>();
  for (const e of enums) {
    if (e.renamedFrom !== undefined) v.claimRename(e.renamedFrom, e, renames, v.enums, "enum", e.src);
    if (!e.values.length)
      v.err(
        "empty-enum",
        `enum \`${e.name}\` has no values`,
        locOf(e.src),
        "list its values: `enum status { draft, published }`",
      );
  }
}
