/**
 * What PostgreSQL can do, as data: the planner, runner, validator and renderer branch on it
 * (in its own file so that the renderer and the validator read it without importing the dialect).
 */
import type { Capabilities } from "../dialect.ts";

export const CAPABILITIES: Capabilities = {
  transactionalDdl: true,
  forwardForeignKeys: false,
  comments: true,
  enums: "type",
  partialIndexes: true,
  expressionIndexes: true,
  indexMethods: ["btree", "hash", "gist", "gin", "spgist", "brin"],
  lockIsTransaction: false,
  backslashEscapes: false,
  collations: { onAnyType: false, onEnums: false },
  unsigned: false,
  sequences: true,
  tableOptions: [],
};
