/**
 * What PostgreSQL can do, as data: the planner, runner, validator and renderer branch on it
 * (in its own file so that the renderer and the validator read it without importing the dialect).
 */
import type { Capabilities } from "../dialect.ts";
import { PARTITION_OPTIONS } from "../../ir/inheritance.ts";
import { POSTGRES_TYPES } from "./native-types.ts";

export const CAPABILITIES: Capabilities = {
  types: POSTGRES_TYPES,
  transactionalDdl: true,
  offline: {
    // to_char of the UTC time: the runner's Date.toISOString() form.
    nowIso: `to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  },
  forwardForeignKeys: false,
  comments: true,
  enums: "type",
  partialIndexes: true,
  expressionIndexes: true,
  indexMethods: ["btree", "hash", "gist", "gin", "spgist", "brin"],
  lockIsTransaction: false,
  backslashEscapes: false,
  missingTable: /relation "[^"]*" does not exist/i,
  unsigned: false,
  sequences: true,
  standaloneSequences: true,
  domains: true,
  extensions: true,
  namespaces: true,
  compositeTypes: true,
  materializedViews: true,
  viewsPinColumns: "drop-and-type",
  viewComments: true,
  functions: true,
  triggers: { runs: "function", forEach: "statement" },
  collations: { onOtherTypes: "refused", onEnums: false },
  // Indexes are relations, and so are the unique and primary key constraints (each owns an
  // index): one namespace per schema. Foreign keys and checks are named per table.
  nameScopes: {
    index: "schema",
    unique: "schema",
    primaryKey: "schema",
    foreignKey: "table",
    check: "table",
  },
  accepts: {
    foreignKeyTypes: "comparable",
    setNullOnNotNull: true,
    nullDefaultOnNotNull: true,
    emptyTables: true,
  },
  onUpdateNow: false,
  indexPrefixes: false,
  // Partitioning and inheritance (`ir/inheritance.ts`), all with a value.
  tableOptions: PARTITION_OPTIONS.map((name) => ({ name, takes: "value" as const })),
  constraintClauses: true,
  // COMMENT ON CONSTRAINT and COMMENT ON INDEX: every key, index and constraint keeps one.
  itemComments: ["primary-key", "unique", "index", "foreign-key", "check", "exclusion"],
  exclusions: true,
  indexEntryOptions: ["collation", "opclass", "nulls"],
  indexClauses: true,
};
