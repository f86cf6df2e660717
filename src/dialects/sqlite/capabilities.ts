/**
 * What SQLite/libSQL can do, as data: the planner, runner, validator and renderer branch on it
 * (in its own file so that the renderer and the validator read it without importing the dialect).
 */
import type { Capabilities } from "../dialect.ts";
import { SQLITE_TYPES } from "./native-types.ts";

export const CAPABILITIES: Capabilities = {
  types: SQLITE_TYPES,
  transactionalDdl: true,
  offline: {
    // %f is seconds with milliseconds (SS.SSS): Date.toISOString()'s form.
    nowIso: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    // The migration guard's (guard.ts): foreign keys off outside the transaction, on after.
    aroundTransaction: { before: ["PRAGMA foreign_keys = OFF"], after: ["PRAGMA foreign_keys = ON"] },
  },
  forwardForeignKeys: true,
  comments: false,
  enums: "check",
  partialIndexes: true,
  expressionIndexes: true,
  indexMethods: [],
  lockIsTransaction: true,
  backslashEscapes: false,
  missingTable: /no such table/i,
  unsigned: false,
  collations: { names: ["BINARY", "NOCASE", "RTRIM"], fold: "upper", onOtherTypes: "kept", onEnums: true },
  // `CREATE INDEX ... (email COLLATE NOCASE)`; SQLite has no operator classes and no NULLS in an index.
  indexEntryOptions: ["collation"],
  // Index names are per database (beside the tables'); constraint names are not kept
  // anywhere but the CREATE text (a unique constraint's index is `sqlite_autoindex_...`).
  nameScopes: { index: "schema", unique: "table", primaryKey: "table", foreignKey: "table", check: "table" },
  accepts: {
    foreignKeyTypes: "any",
    setNullOnNotNull: true,
    nullDefaultOnNotNull: true,
    emptyTables: false,
    nullableIdentity: true,
  },
  onUpdateNow: false,
  indexPrefixes: false,
  // sqlite.org/withoutrowid.html, sqlite.org/stricttables.html: both fixed at CREATE TABLE.
  // A rebuild writes the columns in any order: order is part of a table (a reorder rebuilds).
  columnOrder: true,
  // sqlite.org/vtab.html: any module the connection has (fts3/4/5 and rtree are built in).
  virtualTables: true,
  viewsPinColumns: "drop",
  viewsAsWritten: true,
  triggers: { runs: "body", forEach: "row", oneEvent: true },
  tableOptions: [
    { name: "without rowid", takes: "flag" },
    { name: "strict", takes: "flag" },
  ],
};
