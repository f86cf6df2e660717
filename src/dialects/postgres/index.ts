/** The PostgreSQL dialect: capabilities as data, rendering and validation. */
import type { Dialect } from "../dialect.ts";
import { CAPABILITIES } from "./capabilities.ts";
import { normalizeSchema } from "../common/normalize.ts";
import { introspectPostgres } from "./introspect.ts";
import { lockPostgres } from "./lock.ts";
import { quoteDouble } from "../common/sql.ts";
import { PostgresRenderer } from "./render.ts";
import { validatePostgres } from "./validate.ts";
import { normalizePartitionOptions } from "./partitions.ts";
import { postgresViewsAsStored } from "./objects-introspect.ts";
import { postgresRoutinesAsStored } from "./routines-introspect.ts";

export const postgres: Dialect = {
  name: "postgres",
  capabilities: CAPABILITIES,
  quoteIdent: quoteDouble,
  validate: validatePostgres,
  lock: lockPostgres,
  render: (changes, ctx) => new PostgresRenderer().render(changes, ctx),
  introspect: introspectPostgres,
  viewsAsStored: postgresViewsAsStored,
  routinesAsStored: postgresRoutinesAsStored,
  normalize: (schema) =>
    normalizeSchema(schema, {
      capabilities: CAPABILITIES,
      renderer: () => new PostgresRenderer(),
      keepsIndexMethod: true,
      primaryKeyNames: true,
      uniqueIndexIsConstraint: false,
      // The same function under two spellings, which the catalog keeps apart.
      synonyms: { current_timestamp: "now ( )" },
      tableOptions: normalizePartitionOptions,
    }),
};
