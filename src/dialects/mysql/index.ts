/** The MySQL/MariaDB dialect: capabilities as data, rendering and validation. */
import type { Dialect } from "../dialect.ts";
import { lockMysql } from "./lock.ts";
import { quoteBacktick } from "../common/sql.ts";
import { MysqlRenderer } from "./render.ts";
import { validateMysql } from "./validate.ts";

export const mysql: Dialect = {
  name: "mysql",
  capabilities: {
    // DDL commits implicitly: a failed migration is recorded, not rolled back.
    transactionalDdl: false, forwardForeignKeys: false, comments: true, enums: "inline",
    partialIndexes: false, expressionIndexes: false, indexMethods: ["btree", "hash"], lockIsTransaction: false, backslashEscapes: true,
  },
  quoteIdent: quoteBacktick,
  validate: validateMysql,
  lock: lockMysql,
  render: (changes, ctx) => new MysqlRenderer().render(changes, ctx),
};
