/**
 * The typed changes the planner produces and the dialect renderers turn into SQL: a
 * discriminated union on `kind`. Every switch over it ends in `assertNever`, so a change that a
 * renderer does not handle is a compile error, never an empty string.
 *
 * Every change carries the state it replaces, so it can be inverted (`invert.ts`): the down
 * migration is `reverse(changes.map(invert))` (Alembic's `reverse()`, Atlas's `Change.Reverse`).
 * Table-level changes name their table as it is called when the change runs.
 */
import type {
  Check,
  Routine,
  Trigger,
  Column,
  CommentedItem,
  CompositeType,
  Domain,
  EnumType,
  Extension,
  Namespace,
  Exclusion,
  Sequence,
  ForeignKey,
  Index,
  PrimaryKey,
  Table,
  TableOptions,
  UniqueConstraint,
  View,
} from "../ir/model.ts";
import type { ColumnFacet } from "./facets.ts";

export type Change =
  // Enums
  /** A new enum type (PostgreSQL `CREATE TYPE`; inline in columns elsewhere). */
  | { readonly kind: "create-enum"; readonly enum: EnumType }
  | { readonly kind: "drop-enum"; readonly enum: EnumType }
  | { readonly kind: "rename-enum"; readonly from: string; readonly to: string }
  /** Values appended at the end: non-destructive everywhere. */
  | {
      readonly kind: "add-enum-values";
      readonly enum: string;
      readonly values: readonly string[];
      readonly before: readonly string[];
    }
  /** Any other change of the value list (removal, reorder): destructive; the type is rebuilt. */
  | {
      readonly kind: "alter-enum-values";
      readonly enum: string;
      readonly from: readonly string[];
      readonly to: readonly string[];
    }
  | { readonly kind: "set-enum-comment"; readonly enum: string; readonly from?: string; readonly to?: string }
  // Sequences and domains (PostgreSQL)
  /** A new sequence; its `ownedBy` is set by an `alter-sequence` once the table exists. */
  | { readonly kind: "create-sequence"; readonly sequence: Sequence }
  /** Drops a sequence (its current value is lost); owned by nothing by then. */
  | { readonly kind: "drop-sequence"; readonly sequence: Sequence }
  | { readonly kind: "rename-sequence"; readonly from: string; readonly to: string }
  /** Options, owner or comment of a sequence (named `to.name`), both states carried. */
  | { readonly kind: "alter-sequence"; readonly from: Sequence; readonly to: Sequence }
  | { readonly kind: "create-domain"; readonly domain: Domain }
  | { readonly kind: "drop-domain"; readonly domain: Domain }
  | { readonly kind: "rename-domain"; readonly from: string; readonly to: string }
  /** Default, NOT NULL, checks or comment of a domain (named `to.name`; same base type). */
  | { readonly kind: "alter-domain"; readonly from: Domain; readonly to: Domain }
  // Schemas (namespaces, PostgreSQL)
  /** CREATE SCHEMA: before every object in it (and before extensions, which may live in it). */
  | { readonly kind: "create-namespace"; readonly namespace: Namespace }
  /** DROP SCHEMA (never CASCADE): after every object in it is gone. */
  | { readonly kind: "drop-namespace"; readonly namespace: Namespace }
  /** COMMENT ON SCHEMA of a kept schema. */
  | {
      readonly kind: "set-namespace-comment";
      readonly namespace: string;
      readonly from?: string;
      readonly to?: string;
    }
  // Extensions and composite types (PostgreSQL)
  /** CREATE EXTENSION: before everything that may use what it makes. */
  | { readonly kind: "create-extension"; readonly extension: Extension }
  /** DROP EXTENSION: after everything that used it is gone. */
  | { readonly kind: "drop-extension"; readonly extension: Extension }
  | { readonly kind: "create-composite"; readonly composite: CompositeType }
  | { readonly kind: "drop-composite"; readonly composite: CompositeType }
  | { readonly kind: "rename-composite"; readonly from: string; readonly to: string }
  /** Attributes added, dropped or retyped, or the comment, of a composite type (named `to.name`). */
  | { readonly kind: "alter-composite"; readonly from: CompositeType; readonly to: CompositeType }
  // Views
  /** A new view (a materialized one computes its rows). */
  | { readonly kind: "create-view"; readonly view: View }
  /** Drops a view; `view` is its whole definition. A new query is a drop and a create. */
  | { readonly kind: "drop-view"; readonly view: View }
  | { readonly kind: "rename-view"; readonly from: string; readonly to: string }
  /** A kept view's `///` doc (PostgreSQL's COMMENT ON VIEW; none elsewhere: kept in the snapshot). */
  | { readonly kind: "set-view-comment"; readonly view: string; readonly from?: string; readonly to?: string }
  /** A new function or procedure; `drop-function` carries the whole definition. */
  | { readonly kind: "create-function"; readonly function: Routine }
  | { readonly kind: "drop-function"; readonly function: Routine }
  /** A new definition with the same signature (arguments, return type): CREATE OR REPLACE where the dialect can. */
  | { readonly kind: "replace-function"; readonly from: Routine; readonly to: Routine }
  | { readonly kind: "rename-function"; readonly from: string; readonly to: string }
  /** A new trigger; `drop-trigger` carries the whole definition (its table named as it is then). */
  | { readonly kind: "create-trigger"; readonly trigger: Trigger }
  | { readonly kind: "drop-trigger"; readonly trigger: Trigger }
  | { readonly kind: "rename-trigger"; readonly from: string; readonly to: string }
  /** A kept function's or trigger's `///` doc: kept in the snapshot only (no SQL). */
  | {
      readonly kind: "set-routine-doc";
      readonly of: "function" | "trigger";
      readonly name: string;
      readonly from?: string;
      readonly to?: string;
    }
  // Tables
  /**
   * A new table with its columns, primary key, uniques, checks, and the foreign keys that can be
   * declared inline (`table.foreignKeys`). Indexes come as separate `create-index` changes.
   */
  | { readonly kind: "create-table"; readonly table: Table }
  /** Drops a table; `table` is its whole definition (as `create-table` would need it back). */
  | { readonly kind: "drop-table"; readonly table: Table }
  | { readonly kind: "rename-table"; readonly from: string; readonly to: string }
  | {
      readonly kind: "set-table-comment";
      readonly table: string;
      readonly from?: string;
      readonly to?: string;
    }
  /** The table's options (`Table.options`), all of them before and after; absent: none. */
  | {
      readonly kind: "set-table-options";
      readonly table: string;
      readonly from?: TableOptions;
      readonly to?: TableOptions;
    }
  // Columns
  | { readonly kind: "add-column"; readonly table: string; readonly column: Column }
  | { readonly kind: "drop-column"; readonly table: string; readonly column: Column }
  | { readonly kind: "rename-column"; readonly table: string; readonly from: string; readonly to: string }
  /**
   * The kept columns of a table in another order (MySQL, where column order is part of a table):
   * `from` and `to` are the same names (as named after renames) in the old and the new order.
   * Emitted only where the dialect keeps column order (`DiffOptions.columnOrder`).
   */
  | {
      readonly kind: "reorder-columns";
      readonly table: string;
      readonly from: readonly string[];
      readonly to: readonly string[];
    }
  /**
   * Type, nullability, default, identity or comment of one column; both states carried, and
   * which of them change (`facets`, never empty, computed once by `columnFacets`).
   */
  | {
      readonly kind: "alter-column";
      readonly table: string;
      readonly from: Column;
      readonly to: Column;
      readonly facets: readonly ColumnFacet[];
    }
  // Constraints and indexes
  | { readonly kind: "add-primary-key"; readonly table: string; readonly primaryKey: PrimaryKey }
  | { readonly kind: "drop-primary-key"; readonly table: string; readonly primaryKey: PrimaryKey }
  | { readonly kind: "add-unique"; readonly table: string; readonly unique: UniqueConstraint }
  | { readonly kind: "drop-unique"; readonly table: string; readonly unique: UniqueConstraint }
  | { readonly kind: "create-index"; readonly table: string; readonly index: Index }
  | { readonly kind: "drop-index"; readonly table: string; readonly index: Index }
  /** A foreign key added after its table exists (new keys, and cycles between new tables). */
  | { readonly kind: "add-foreign-key"; readonly table: string; readonly foreignKey: ForeignKey }
  | { readonly kind: "drop-foreign-key"; readonly table: string; readonly foreignKey: ForeignKey }
  | { readonly kind: "add-check"; readonly table: string; readonly check: Check }
  | { readonly kind: "drop-check"; readonly table: string; readonly check: Check }
  /** PostgreSQL's exclusion constraints (a change of one is a drop and an add). */
  | { readonly kind: "add-exclusion"; readonly table: string; readonly exclusion: Exclusion }
  | { readonly kind: "drop-exclusion"; readonly table: string; readonly exclusion: Exclusion }
  /**
   * A check or foreign key made valid (PostgreSQL `VALIDATE CONSTRAINT`, which checks the rows
   * there) or not valid (`valid` false: dropped and added again `NOT VALID`, as PostgreSQL has
   * no way back). The rest of its definition is the same on both sides (in the table after).
   */
  | {
      readonly kind: "set-constraint-valid";
      readonly table: string;
      readonly constraint: "check" | "foreign-key";
      readonly name: string;
      readonly valid: boolean;
    }
  /**
   * The comment (`///` doc) of a kept constraint or index: PostgreSQL's COMMENT ON CONSTRAINT /
   * COMMENT ON INDEX; MySQL restates the key or index with it (`DROP INDEX i, ADD INDEX i ...
   * COMMENT '...'`); a dialect that keeps none writes nothing. `name` is its name when the
   * change runs (after renames).
   */
  | {
      readonly kind: "set-item-comment";
      readonly table: string;
      readonly item: CommentedItem;
      readonly name: string;
      readonly from?: string;
      readonly to?: string;
    }
  /** Same definition, new name (a renamed table or column changes generated names). */
  | {
      readonly kind: "rename-constraint";
      readonly table: string;
      readonly constraint: "primary-key" | "unique" | "foreign-key" | "check" | "exclusion";
      readonly from: string;
      readonly to: string;
    }
  | { readonly kind: "rename-index"; readonly table: string; readonly from: string; readonly to: string };

export type ChangeKind = Change["kind"];

/** The table items a `///` comment can be on besides columns (declared with the IR). */
export type { CommentedItem };

/** The `alter-column` change: what the renderers' `alterColumn` hooks receive. */
export type AlterColumn = Extract<Change, { kind: "alter-column" }>;

/** The compile-time exhaustiveness check at the end of every switch over `Change` or `ColumnFacet`. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

/**
 * The changes of schemas, sequences, domains, extensions and composite types: what the renderers'
 * `objectChange` hook receives.
 */
export type ObjectChange = Extract<
  Change,
  {
    kind:
      | "create-sequence"
      | "drop-sequence"
      | "rename-sequence"
      | "alter-sequence"
      | "create-domain"
      | "drop-domain"
      | "rename-domain"
      | "alter-domain"
      | "create-namespace"
      | "drop-namespace"
      | "set-namespace-comment"
      | "create-extension"
      | "drop-extension"
      | "create-composite"
      | "drop-composite"
      | "rename-composite"
      | "alter-composite";
  }
>;
