/**
 * The introspection oracle: what a database holds, read back through the dialect's
 * introspector, must equal the schema that was applied, compared in the dialect's normal form
 * (`Dialect.normalize`). On a mismatch the differences are listed as changes, readable.
 */
import { expect } from "bun:test";
import type { Connection } from "../../src/dialects/dialect.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import type { Schema } from "../../src/ir/model.ts";
import { diffSchemas } from "../../src/diff/differ.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { describe as describeChange } from "../../src/diff/summary.ts";
import { viewsCompared } from "../../src/dialects/compare.ts";

/** The differences between the live database and `schema`, as readable lines (empty when equal). */
export async function introspectionDiff(c: Connection, schema: Schema): Promise<string[]> {
  const dialect = await getDialect(c.dialect);
  const live = await dialect.introspect(c, { exclude: ["schemavc_migrations"] });
  // Column order too, where the dialect keeps it (MySQL).
  // Views in the database's words where it can print the schema's (PostgreSQL), queries and
  // all; else, where it rewrites queries (MySQL), by name and kind.
  if (dialect.viewsAsStored && schema.views?.length)
    schema = { ...schema, views: await dialect.viewsAsStored(c, schema.views) };
  // Functions and triggers likewise, where the database can print the schema's (PostgreSQL).
  if (dialect.routinesAsStored && (schema.functions?.length || schema.triggers?.length))
    schema = { ...schema, ...(await dialect.routinesAsStored(c, schema)) };
  const views = viewsCompared(dialect, dialect.viewsAsStored !== undefined);
  const changes = diffSchemas(
    dialect.normalize(views(schema), live.schema.databaseDefaults),
    dialect.normalize(views(live.schema), live.schema.databaseDefaults),
    noRenames(),
    {
      columnOrder: dialect.capabilities.columnOrder ?? false,
    },
  );
  return changes.map((ch) => `${describeChange(ch)}  ${JSON.stringify(ch).slice(0, 400)}`);
}

export async function expectIntrospectionMatches(
  c: Connection,
  schema: Schema,
  label: string,
): Promise<void> {
  expect({ case: label, differences: await introspectionDiff(c, schema) }).toEqual({
    case: label,
    differences: [],
  });
}
