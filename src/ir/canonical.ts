/**
 * The canonical form of a schema for comparison: no source information, and the lists whose
 * order carries no meaning (tables, enums, and each table's constraints and indexes) sorted by
 * name. Column order and enum value order do carry meaning and are kept.
 */
import type { Schema, Table } from "./model.ts";
import { stripSource } from "./source.ts";

const byName = <T extends { name: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

export function canonical(schema: Schema): Schema {
  const s = stripSource(schema);
  return {
    enums: byName(s.enums),
    tables: byName(s.tables).map((t): Table => ({
      ...t,
      uniques: byName(t.uniques),
      indexes: byName(t.indexes),
      foreignKeys: byName(t.foreignKeys),
      checks: byName(t.checks),
    })),
  };
}
