/** The MySQL/MariaDB dialect: capabilities as data, rendering and validation. */
import { normalizePartitionClause } from "./partitions.ts";
import type { Dialect } from "../dialect.ts";
import { CAPABILITIES, INDEX_KINDS } from "./capabilities.ts";
import { normalizeSchema } from "../common/normalize.ts";
import { introspectMysql } from "./introspect.ts";
import { lockMysql } from "./lock.ts";
import { preflightGalera } from "./galera-lock.ts";
import { quoteBacktick } from "../common/sql.ts";
import { MysqlRenderer } from "./render.ts";
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
  normalize: (schema) =>
    normalizeSchema(schema, {
      capabilities: CAPABILITIES,
      renderer: () => new MysqlRenderer(),
      keepsIndexMethod: INDEX_KINDS,
      // Engine, charset and collation names ignore case; InnoDB is what a table gets without ENGINE.
      tableOptions: (o) => {
        const out = Object.fromEntries(
          Object.entries(o).map(([k, v]) => [
            k,
            k === "partition by" && typeof v === "string"
              ? normalizePartitionClause(v)
              : typeof v === "string"
                ? v.toLowerCase()
                : v,
          ]),
        );
        if (out["engine"] === "innodb") delete out["engine"];
        return Object.keys(out).length ? out : undefined;
      },
      tableCollation: (t) => (typeof t.options?.["collate"] === "string" ? t.options["collate"] : undefined),
      primaryKeyNames: false,
      uniqueIndexIsConstraint: true,
      fkAction: (a) => (a === "no action" ? "restrict" : a),
      synonyms: { octet_length: "length", integer: "int", numeric: "decimal" },
    }),
};
