/** The SQLite/libSQL dialect: capabilities as data, rendering and validation. */
import type { Dialect } from "../dialect.ts";
import { lockSqlite } from "./lock.ts";
import { sqliteGuard } from "./guard.ts";
import { quoteDouble } from "../common/sql.ts";
import { SqliteRenderer } from "./render.ts";
import { validateSqlite } from "./validate.ts";

export const sqlite: Dialect = {
  name: "sqlite",
  capabilities: {
    transactionalDdl: true, forwardForeignKeys: true, comments: false, enums: "check",
    partialIndexes: true, expressionIndexes: true, indexMethods: [], lockIsTransaction: true, backslashEscapes: false,
  },
  quoteIdent: quoteDouble,
  validate: validateSqlite,
  lock: lockSqlite,
  guard: sqliteGuard,
  render: (changes, ctx) => new SqliteRenderer().render(changes, ctx),
};
