/**
 * A table's keys and checks: names in the table's namespace, columns that exist, checks not
 * empty (a nullable key column is judged per database: `dialects/common/validate.ts`). (Indexes come between the two in `validateSchema`,
 * in the order names are claimed.)
 */
import { locOf, type TableScope, type Validation } from "./context.ts";

/** The primary key and the unique constraints. */
export function validateKeys(v: Validation, s: TableScope) {
  const t = s.table;
  if (t.primaryKey) {
    v.claimName(t.primaryKey.name, t.primaryKey.src, "primary key");
    // A nullable key column is judged per database (`validatePortable`): what it does with one differs.
    for (const name of t.primaryKey.columns) s.knownColumn(name, t.primaryKey.src, "the primary key");
  }
  for (const u of t.uniques) {
    v.claimName(u.name, u.src, "unique constraint");
    for (const n of u.columns) s.knownColumn(n, u.src, "unique constraint", u.name);
  }
}

export function validateChecks(v: Validation, s: TableScope) {
  for (const ck of s.table.checks) {
    v.claimName(ck.name, ck.src, "check");
    if (!ck.expr)
      v.err(
        "empty-expression",
        `check \`${ck.name}\` is empty`,
        locOf(ck.src, "expr"),
        "write the condition inside the parentheses: `check (price >= 0)`",
      );
  }
}
