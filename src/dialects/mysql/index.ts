import type { Dialect } from "../dialect.ts";
import { CAPABILITIES, INDEX_KINDS } from "./capabilities.ts";
import { normalizeSchema } from "../common/normalize.ts";
import { introspectMysql } from "./introspect.ts";
import { lockMysql } from "./lock.ts";
import { preflightGalera } from "./galera-lock.ts";
import { quoteBacktick } from "../common/sql.ts";
import { MysqlRenderer } from "./render.ts";
import { effectiveCollation, normalTableOptions } from "./options.ts";
import { validateMysql } from "./validate.ts";

export const mysql: Dialect = {
  name: "mysql",
  capabilities: CAPABILITIES,
  quoteIdent: quoteBacktick,
  validate: validateMysql,
  lock: lockMysql,
  preflight: preflightGalera,
  render: (changes, ctx) => new MysqlRenderer().render(changes, ctx),
  introspect: introspectMysql,
  normalize: (schema, defaults) =>
    normalizeSchema(schema, {
      capabilities: CAPABILITIES,
      renderer: () => new MysqlRenderer(),
      keepsIndexMethod: INDEX_KINDS,
      tableOptions: (o) => normalTableOptions(o, defaults),
      // The collation the table gives its columns: a column's own equal to it is none.
      tableCollation: (t) => effectiveCollation(t.options, defaults),
      primaryKeyNames: false,
      uniqueIndexIsConstraint: true,
      fkAction: (a) => (a === "no action" ? "restrict" : a),
      synonyms: { octet_length: "length", integer: "int", numeric: "decimal" },
    }),
};
