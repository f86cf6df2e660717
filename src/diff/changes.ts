/**
 * The typed changes the planner produces and the dialect renderers turn into SQL: a
 * discriminated union on `kind`. Every switch over it ends in `assertNever`, so a change that a
 * renderer does not handle is a compile error, never an empty string.
 *
 * This first set covers creating a schema from nothing (`schemavc sql`); the differ (planner
 * issue) adds alter/drop/rename kinds, each carrying its old state so it can be inverted.
 */
import type { EnumType, ForeignKey, Index, Table } from "../ir/model.ts";

export type Change =
  /** A new enum type (PostgreSQL `CREATE TYPE`; inline in columns elsewhere). */
  | { readonly kind: "create-enum"; readonly enum: EnumType }
  /**
   * A new table with its columns, primary key, uniques, checks, and the foreign keys that can be
   * declared inline (`table.foreignKeys`). Indexes come as separate `create-index` changes.
   */
  | { readonly kind: "create-table"; readonly table: Table }
  /** A foreign key added after its table exists (cycles between tables). */
  | { readonly kind: "add-foreign-key"; readonly table: string; readonly foreignKey: ForeignKey }
  | { readonly kind: "create-index"; readonly table: string; readonly index: Index };

export type ChangeKind = Change["kind"];

/** The compile-time exhaustiveness check at the end of every switch over `Change`. */
export function assertNever(x: never): never {
  throw new Error(`unhandled change: ${JSON.stringify(x)}`);
}
