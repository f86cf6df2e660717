/** A table's indexes: names in the table's namespace, columns that exist, expressions not empty. */
import { locOf, type TableScope, type Validation } from "./context.ts";

export function validateIndexes(v: Validation, s: TableScope) {
  for (const i of s.table.indexes) {
    v.claimName(i.name, i.src, "index");
    for (const p of i.parts) {
      if (p.kind === "column") s.knownColumn(p.column, i.src, `index \`${i.name}\``);
      else if (!p.sql) v.err("empty-expression", `an index expression is empty`, locOf(i.src));
    }
    if (i.where !== undefined && !i.where)
      v.err("empty-expression", `the \`where\` of index \`${i.name}\` is empty`, locOf(i.src));
  }
}
