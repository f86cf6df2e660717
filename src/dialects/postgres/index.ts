/** The PostgreSQL dialect: capabilities as data, rendering and validation. */
import type { Dialect } from "../dialect.ts";
import { lockPostgres } from "./lock.ts";
import { quoteDouble } from "../common/sql.ts";
import { PostgresRenderer } from "./render.ts";
import { validatePostgres } from "./validate.ts";

export const postgres: Dialect = {
  name: "postgres",
  capabilities: {
    transactionalDdl: true, forwardForeignKeys: false, comments: true, enums: "type",
    partialIndexes: true, expressionIndexes: true, indexMethods: ["btree", "hash", "gist", "gin", "spgist", "brin"], lockIsTransaction: false, backslashEscapes: false,
  },
  quoteIdent: quoteDouble,
  validate: validatePostgres,
  lock: lockPostgres,
  render: (changes, ctx) => new PostgresRenderer().render(changes, ctx),
};
