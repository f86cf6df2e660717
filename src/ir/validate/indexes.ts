/**
 * A table's indexes and exclusion constraints (each owns an index): names in the table's
 * namespace, columns that exist, expressions not empty.
 */
import { locOf, type TableScope, type Validation } from "./context.ts";

export function validateIndexes(v: Validation, s: TableScope) {
  for (const i of s.table.indexes) {
    v.claimName(i.name, i.src, "index");
    for (const p of i.parts) {
      if (p.kind === "column") s.knownColumn(p.column, i.src, "index", i.name);
      else if (!p.sql) v.err("empty-expression", `an index expression is empty`, locOf(i.src));
    }
    if (i.where !== undefined && !i.where)
      v.err("empty-expression", `the \`where\` of index \`${i.name}\` is empty`, locOf(i.src));
  }
}

export function validateExclusions(v: Validation, s: TableScope) {
  for (const x of s.table.exclusions ?? []) {
    v.claimName(x.name, x.src, "exclusion constraint");
    const what = `exclusion constraint \`${x.name}\``;
    for (const p of x.parts) {
      if (p.kind === "column") s.knownColumn(p.column, x.src, what);
      else if (!p.sql) v.err("empty-expression", `an exclusion's expression is empty`, locOf(x.src));
    }
    for (const c of x.include ?? []) s.knownColumn(c, x.src, what);
    if (x.where !== undefined && !x.where)
      v.err("empty-expression", `the \`where\` of ${what} is empty`, locOf(x.src));
  }
}
