/**
 * `unsigned` and the native integers `tinyint`/`mediumint` through the stages that need no
 * database (the database is in the golden case unsigned_mysql and the round-trip oracle): parsed
 * into the type, printed by fmt, checked per dialect, diffed as a type change, read back from
 * MySQL's COLUMN_TYPE.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import { mysqlTypeFromCatalog } from "../../../src/dialects/mysql/introspect.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (cols: string) => `table users {\n  ${cols}\n}\n`;

describe("unsigned and the native integers", () => {
  test("`unsigned` belongs to the type; a column named unsigned on the next line stays a column", () => {
    const s = schema(table("id bigint unsigned primary key identity\n  unsigned int"));
    expect(s.tables[0]!.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", { kind: "portable", name: "bigint", unsigned: true }],
      ["unsigned", { kind: "portable", name: "int" }],
    ]);
  });
  test("fmt prints it after the type, before `?`, and is a fixpoint", () => {
    const r = formatFile(table("id bigint unsigned primary key identity\n  n tinyint unsigned?"), "s.schema");
    expect(r.text).toContain("n   tinyint unsigned?");
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("identity accepts tinyint and mediumint, not text", () => {
    schema(table("id tinyint primary key identity"));
    schema(table("id mediumint unsigned primary key identity"));
    expect(load(table("id varchar(3) primary key identity")).diagnostics.map((d) => d.code)).toEqual([
      "identity-type",
    ]);
  });
  test("MySQL refuses a second identity column in a table", async () => {
    const s = schema(table("id bigint unsigned primary key identity\n  n tinyint identity unique"));
    expect((await getDialect("mysql")).validate(s).map((d) => d.code)).toEqual(["mysql-identity-count"]);
  });
  test("`unsigned` on a portable type that is not a number is an error (MySQL refuses it)", () => {
    expect(load(table("id bigint primary key\n  name text unsigned")).diagnostics.map((d) => d.code)).toEqual(
      ["unsigned-type"],
    );
  });
  test("PostgreSQL and SQLite refuse `unsigned`; MySQL takes it", async () => {
    const s = schema(table("id bigint unsigned primary key"));
    for (const d of ["postgres", "sqlite"] as const)
      expect((await getDialect(d)).validate(s).map((x) => x.code)).toEqual(["unsigned"]);
    expect((await getDialect("mysql")).validate(s)).toEqual([]);
  });
  test("a change of signedness is a type change", () => {
    const a = schema(table("id bigint primary key\n  n int"));
    const b = schema(table("id bigint primary key\n  n int unsigned"));
    const changes = diffSchemas(a, b, noRenames());
    expect(changes.map((c) => (c.kind === "alter-column" ? c.facets : c.kind))).toEqual([["type"]]);
  });
  test("MySQL's COLUMN_TYPE is read back without display widths, tinyint(1) is bool", () => {
    expect(mysqlTypeFromCatalog("bigint(20) unsigned")).toEqual({
      kind: "portable",
      name: "bigint",
      unsigned: true,
    });
    expect(mysqlTypeFromCatalog("int unsigned")).toEqual({ kind: "portable", name: "int", unsigned: true });
    expect(mysqlTypeFromCatalog("tinyint(4)")).toEqual({ kind: "native", name: "tinyint" });
    expect(mysqlTypeFromCatalog("tinyint(3) unsigned")).toEqual({
      kind: "native",
      name: "tinyint",
      unsigned: true,
    });
    expect(mysqlTypeFromCatalog("mediumint(8) unsigned")).toEqual({
      kind: "native",
      name: "mediumint",
      unsigned: true,
    });
    expect(mysqlTypeFromCatalog("tinyint(1)")).toEqual({ kind: "portable", name: "bool" });
    expect(mysqlTypeFromCatalog("int(11)")).toEqual({ kind: "portable", name: "int" });
  });
  test("a display width MariaDB does not print by default was written, and is kept (a native type)", () => {
    expect(mysqlTypeFromCatalog("int(4) unsigned")).toEqual({
      kind: "native",
      name: "int",
      args: ["4"],
      unsigned: true,
    });
    expect(mysqlTypeFromCatalog("int(10)")).toEqual({ kind: "native", name: "int", args: ["10"] });
    expect(mysqlTypeFromCatalog("bigint(13)")).toEqual({ kind: "native", name: "bigint", args: ["13"] });
    expect(mysqlTypeFromCatalog("tinyint(1) unsigned")).toEqual({
      kind: "native",
      name: "tinyint",
      args: ["1"],
      unsigned: true,
    });
    // identity accepts such an integer
    schema(table('id "int"(4) unsigned primary key identity'));
    expect(mysqlTypeFromCatalog("decimal(5,2) unsigned")).toEqual({
      kind: "portable",
      name: "decimal",
      args: [5, 2],
      unsigned: true,
    });
  });
});
