/**
 * What MySQL/MariaDB can do, as data: the planner, runner, validator and renderer branch on it
 * (in its own file so that the renderer and the validator read it without importing the dialect).
 */
import type { Capabilities } from "../dialect.ts";

export const CAPABILITIES: Capabilities = {
  // DDL commits implicitly: a failed migration is recorded, not rolled back.
  transactionalDdl: false,
  forwardForeignKeys: false,
  comments: true,
  enums: "inline",
  partialIndexes: false,
  expressionIndexes: false,
  indexMethods: ["btree", "hash"],
  lockIsTransaction: false,
  backslashEscapes: true,
  collations: { fold: "lower", onAnyType: false, onEnums: true },
  unsigned: true,
  tableOptions: [],
};
