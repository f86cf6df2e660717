/**
 * What MySQL/MariaDB can do, as data: the planner, runner, validator and renderer branch on it
 * (in its own file so that the renderer and the validator read it without importing the dialect).
 */
import type { Capabilities } from "../dialect.ts";
import { MYSQL_TYPES } from "./native-types.ts";

/**
 * `using fulltext` and `using spatial`: on MySQL kinds of index (`CREATE FULLTEXT INDEX`), not
 * methods of a B-tree, so the database keeps them (it turns HASH into BTREE).
 */
export const INDEX_KINDS: readonly string[] = ["fulltext", "spatial"];

/**
 * MySQL's table options, as `table t (engine = InnoDB, charset = latin1) {` writes them:
 * ENGINE, DEFAULT CHARSET, COLLATE, ROW_FORMAT, KEY_BLOCK_SIZE (the comment is the `///` doc).
 */
export const MYSQL_TABLE_OPTIONS = [
  "engine",
  "charset",
  "collate",
  "row_format",
  "key_block_size",
  // The whole PARTITION BY clause, raw SQL (`partitions.ts`).
  "partition by",
] as const;

export const CAPABILITIES: Capabilities = {
  types: MYSQL_TYPES,
  functions: true,
  triggers: { runs: "body", forEach: "row", oneEventPerRow: true },
  // DDL commits implicitly: a failed migration is recorded, not rolled back.
  transactionalDdl: false,
  offline: {
    // %f is microseconds: LEFT keeps the milliseconds of Date.toISOString()'s form.
    nowIso: "CONCAT(LEFT(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 23), 'Z')",
  },
  forwardForeignKeys: false,
  comments: true,
  enums: "inline",
  partialIndexes: false,
  expressionIndexes: false,
  indexMethods: ["btree", "hash", ...INDEX_KINDS],
  lockIsTransaction: false,
  backslashEscapes: true,
  missingTable: /doesn't exist|ER_NO_SUCH_TABLE/i,
  unsigned: true,
  collations: { fold: "lower", onOtherTypes: "dropped", onEnums: true },
  // Index names (unique constraints are indexes) are per table; InnoDB's foreign key names
  // per database. MariaDB names checks per table (MySQL 8 per database).
  nameScopes: { index: "table", unique: "table", primaryKey: "table", foreignKey: "schema", check: "table" },
  accepts: {
    foreignKeyTypes: "similar",
    setNullOnNotNull: false,
    nullDefaultOnNotNull: false,
    emptyTables: false,
  },
  onUpdateNow: true,
  indexPrefixes: true,
  tableOptions: MYSQL_TABLE_OPTIONS.map((name) => ({ name, takes: "value" as const })),
  repartitions: true,
  columnOrder: true,
  // `COMMENT '...'` is an index option: keys and indexes have it, foreign keys and checks not.
  itemComments: ["primary-key", "unique", "index"],
  primaryKeyMethod: true,
};
