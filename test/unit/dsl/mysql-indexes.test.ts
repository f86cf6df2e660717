/**
 * MySQL's index constructs through the stages that need no database (the database is in the
 * golden cases index_prefix_mysql and fulltext_mysql, test/integration/mysql-exact and the
 * round-trip oracle): prefix lengths on index entries, `using fulltext` / `using spatial`.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (items: string) =>
  `table users {\n  id bigint primary key\n  name varchar(500)\n  bio text\n  n int\n  ${items}\n}\n`;
const mysqlCodes = async (s: Schema) => (await getDialect("mysql")).validate(s).map((d) => d.code);

describe("index prefix lengths", () => {
  test("are parsed into the entry, printed back by fmt (a fixpoint), named like the column", () => {
    const s = schema(table("index (name(20), n desc)"));
    expect(s.tables[0]!.indexes[0]).toMatchObject({
      name: "users_name_n_idx",
      parts: [
        { kind: "column", column: "name", desc: false, length: 20 },
        { kind: "column", column: "n", desc: true },
      ],
    });
    const r = formatFile(table("index (name(20), n desc)"), "s.schema");
    expect(r.text).toContain("index (name(20), n desc)\n");
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("a length of 0 is an error", () => {
    expect(load(table("index (name(0))")).diagnostics.map((d) => d.code)).toEqual(["bad-prefix-length"]);
  });
  test("a change of length is a new index", () => {
    const kinds = diffSchemas(
      schema(table("index (name(20))")),
      schema(table("index (name(30))")),
      noRenames(),
    ).map((c) => c.kind);
    expect(kinds).toEqual(["drop-index", "create-index"]);
  });
  test("PostgreSQL and SQLite refuse them; MySQL takes them on string columns, not on an int", async () => {
    const s = schema(table("unique index (bio(100))"));
    for (const d of ["postgres", "sqlite"] as const)
      expect((await getDialect(d)).validate(s).map((x) => x.code)).toEqual(["index-prefix"]);
    expect(await mysqlCodes(s)).toEqual([]);
    expect(await mysqlCodes(schema(table("index (n(4))")))).toEqual(["mysql-prefix-type"]);
  });
});

describe("fulltext and spatial indexes", () => {
  test("a fulltext index on string columns is valid on MySQL; unique, or on an int, is refused", async () => {
    expect(await mysqlCodes(schema(table("index (name, bio) using fulltext")))).toEqual([]);
    expect(await mysqlCodes(schema(table("unique index (name) using fulltext")))).toEqual([
      "mysql-index-kind",
    ]);
    expect(await mysqlCodes(schema(table("index (n) using fulltext")))).toEqual(["mysql-index-kind"]);
  });
  test("PostgreSQL warns about the method, as about any it does not have", async () => {
    const d = (await getDialect("postgres")).validate(schema(table("index (bio) using fulltext")));
    expect(d.map((x) => [x.severity, x.code])).toEqual([["warning", "index-method"]]);
  });
});
