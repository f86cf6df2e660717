/**
 * Named enums for introspection on databases whose enums are inline in a column (MySQL's
 * `ENUM(...)`, SQLite's `CHECK (col IN (...))`): one enum per distinct value list, named
 * `<table>_<column>` after its first column, never clashing with another enum or a table.
 */
import type { EnumType } from "../../ir/model.ts";
import { dedupeName } from "../../ir/naming.ts";

export class InlineEnums {
  readonly enums: EnumType[] = [];
  /** `tableNames` is read at each new enum (the tables may still be being read). */
  constructor(private readonly tableNames: () => Iterable<string>) {}

  /** The enum holding exactly `values` in this order: an earlier one, or a new one. */
  nameFor(table: string, column: string, values: readonly string[]): string {
    const same = this.enums.find(
      (e) => e.values.length === values.length && e.values.every((v, i) => v.name === values[i]),
    );
    if (same) return same.name;
    const name = dedupeName(
      `${table}_${column}`,
      new Set([...this.enums.map((e) => e.name), ...this.tableNames()]),
    );
    this.enums.push({ name, values: values.map((v) => ({ name: v })) });
    return name;
  }
}
