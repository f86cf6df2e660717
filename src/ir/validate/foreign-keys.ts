/**
 * A table's foreign keys: the name, the local and referenced columns, as many of each, and that
 * the referenced columns are a key. That both sides have one type and that `set null` has a
 * nullable column to set are per database (some accept what others refuse): see
 * `dialects/common/validate.ts`.
 */
import type { Table } from "../model.ts";
import { didYouMean } from "../diagnostics.ts";
import { locOf, type TableScope, type Validation } from "./context.ts";

export function validateForeignKeys(v: Validation, s: TableScope) {
  const t = s.table;
  for (const fk of t.foreignKeys) {
    v.claimName(fk.name, fk.src, "foreign key");
    // The first unknown local column is reported, not every one.
    const localOk = fk.columns.every((n) => s.knownColumn(n, fk.src, "foreign key", fk.name));
    const target = v.tables.get(fk.refTable);
    if (!target) {
      v.err(
        "unknown-table",
        `unknown table \`${fk.refTable}\` in foreign key \`${fk.name}\``,
        locOf(fk.src, "refTable"),
        didYouMean(fk.refTable, v.tables.keys()) ?? "declare that table, or fix the name",
      );
      continue;
    }
    // Only the names are read (which exist, and in which order to list them).
    const targetCols = v.columnNames(target);
    let remoteOk = true;
    for (const n of fk.refColumns) {
      if (!targetCols.has(n)) {
        remoteOk = false;
        v.err(
          "unknown-column",
          `unknown column \`${n}\` in table \`${target.name}\`, referenced by foreign key \`${fk.name}\``,
          locOf(fk.src, `ref:column:${n}`) ?? locOf(fk.src, "refTable"),
          didYouMean(n, targetCols.keys()) ??
            `the columns of \`${target.name}\` are ${[...targetCols.keys()].map((x) => `\`${x}\``).join(", ")}`,
        );
      }
    }
    if (fk.columns.length !== fk.refColumns.length) {
      v.err(
        "foreign-key-arity",
        `foreign key \`${fk.name}\` has ${fk.columns.length} column(s) but references ${fk.refColumns.length}`,
        locOf(fk.src, "refTable"),
        "list as many referenced columns as local ones, in the same order",
      );
      continue;
    }
    if (!localOk || !remoteOk) continue;
    // Refused everywhere schemavc creates tables: PostgreSQL has no unique constraint to match,
    // SQLite's `PRAGMA foreign_key_check` (which `up` runs) and every write fail with "foreign
    // key mismatch", and InnoDB wants an index that schemavc creates only after the tables.
    if (!isKey(target, fk.refColumns)) {
      v.err(
        "reference-not-key",
        `foreign key \`${fk.name}\` references \`${target.name}(${fk.refColumns.join(", ")})\`, which is not a primary key or unique${deferrableKey(target, fk.refColumns) ? " that is not deferrable" : ""}`,
        locOf(fk.src, `ref:column:${fk.refColumns[0]}`) ?? locOf(fk.src, "refTable"),
        `add \`unique\` to \`${target.name}.${fk.refColumns.join(", ")}\`, or reference its primary key`,
      );
    }
  }
}

/** Whether `columns` are a deferrable key of the table (the reason it is no key to reference). */
function deferrableKey(t: Table, columns: readonly string[]): boolean {
  const want = [...columns].sort().join("\u0000");
  return [...(t.primaryKey ? [t.primaryKey] : []), ...t.uniques].some(
    (k) => k.deferrable && [...k.columns].sort().join("\u0000") === want,
  );
}

/**
 * Whether `columns` (as a set) are the table's primary key, a unique constraint or a plain
 * unique index. A deferrable key is none: PostgreSQL refuses "cannot use a deferrable unique
 * constraint for referenced table".
 */
function isKey(t: Table, columns: readonly string[]): boolean {
  // One column (nearly every reference: `references users(id)`) is compared as it is, without
  // the sorted, joined copies that compare sets of several.
  const only = columns.length === 1 ? columns[0] : undefined;
  const want = only === undefined ? [...columns].sort().join("\u0000") : "";
  const same = (cols: readonly string[]) =>
    only !== undefined ? cols.length === 1 && cols[0] === only : [...cols].sort().join("\u0000") === want;
  if (t.primaryKey && !t.primaryKey.deferrable && same(t.primaryKey.columns)) return true;
  if (t.uniques.some((u) => !u.deferrable && same(u.columns))) return true;
  return t.indexes.some(
    (i) =>
      i.unique &&
      !i.where &&
      i.parts.every((p) => p.kind === "column") &&
      same(i.parts.map((p) => (p.kind === "column" ? p.column : ""))),
  );
}
