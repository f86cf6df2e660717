/** The SQLite/libSQL dialect: capabilities as data, rendering and validation. */
import type { Dialect } from "../dialect.ts";
import { CAPABILITIES } from "./capabilities.ts";
import { normalizeSchema } from "../common/normalize.ts";
import { introspectSqlite } from "./introspect.ts";
import { lockSqlite } from "./lock.ts";
import { sqliteGuard } from "./guard.ts";
import { quoteDouble } from "../common/sql.ts";
import { SqliteRenderer } from "./render.ts";
import { validateSqlite } from "./validate.ts";

export const sqlite: Dialect = {
  name: "sqlite",
  capabilities: CAPABILITIES,
  quoteIdent: quoteDouble,
  validate: validateSqlite,
  lock: lockSqlite,
  guard: sqliteGuard,
  render: (changes, ctx) => new SqliteRenderer().render(changes, ctx),
  introspect: introspectSqlite,
  normalize: (schema) =>
    normalizeSchema(schema, {
      capabilities: CAPABILITIES,
      renderer: () => new SqliteRenderer(),
      keepsIndexMethod: false,
      primaryKeyNames: true,
      uniqueIndexIsConstraint: false,
      bracketNames: true,
      enumTypeSuffix: (values) => `in (${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(" , ")})`,
    }),
};
