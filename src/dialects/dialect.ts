/**
 * What a dialect is: a small factory with its capabilities as data. The planner and runner
 * branch on capabilities, never on a dialect's name; only `src/dialects/` knows the names.
 */
import type { Schema } from "../ir/model.ts";
import type { Change } from "../diff/changes.ts";
import type { Diagnostic } from "../dsl/diagnostics.ts";

export type DialectName = "sqlite" | "postgres" | "mysql";
export const DIALECT_NAMES: readonly DialectName[] = ["sqlite", "postgres", "mysql"];

export interface Capabilities {
  /** DDL runs inside a transaction and rolls back with it (PostgreSQL, SQLite). */
  readonly transactionalDdl: boolean;
  /** A foreign key may name a table created later (SQLite checks references only on writes). */
  readonly forwardForeignKeys: boolean;
  /** `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` exists (not on SQLite). */
  readonly alterAddForeignKey: boolean;
  /** Tables and columns can carry comments (`///` doc comments become them). */
  readonly comments: boolean;
  /** How enums are expressed: a named type, an inline column type, or a CHECK on text. */
  readonly enums: "type" | "inline" | "check";
  readonly partialIndexes: boolean;
  readonly expressionIndexes: boolean;
  /** Index access methods accepted in `using`; empty when the dialect has no choice. */
  readonly indexMethods: readonly string[];
}

/** One SQL statement, ready to run. */
export interface Statement {
  readonly sql: string;
}

export interface Dialect {
  readonly name: DialectName;
  readonly capabilities: Capabilities;
  /** Quotes an identifier safely for this dialect (always quoted: names may be keywords). */
  quoteIdent(name: string): string;
  /** Dialect-only validation: constructs this dialect cannot express (errors) or ignores (warnings). */
  validate(schema: Schema): Diagnostic[];
  /** Renders changes to statements; `schema` is the schema the changes lead to (for enum lookups). */
  render(changes: readonly Change[], schema: Schema): Statement[];
}
