/** Completion of a column's type offers the portable types, the enums, then the dialect's native types. */
import { expect, test } from "bun:test";
import { complete } from "../../../src/lsp/completion.ts";
import { loadSources } from "../../../src/dsl/load.ts";
import { POSTGRES_TYPES } from "../../../src/dialects/postgres/native-types.ts";

test("a column's type: portable types, enums, and the project dialect's native types", () => {
  const schema = loadSources(new Map([["s.schema", "enum st { a }\n"]])).schema;
  const labels = complete(schema, "enum st { a }\ntable t {\n  c ", POSTGRES_TYPES.names).map((s) => s.label);
  expect(labels.slice(0, 3)).toEqual(["smallint", "int", "bigint"]);
  expect(labels).toContain("st");
  expect(labels).toContain("citext");
  expect(labels).toContain("tsvector");
  expect(labels.filter((l) => l === "text")).toHaveLength(1);
});
