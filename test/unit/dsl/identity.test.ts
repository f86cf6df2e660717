/**
 * `serial` types and `identity(...)` options through the stages that need no database (the
 * databases are in the golden cases serial_*, identity_options and the round-trip oracle):
 * parsed, printed by fmt, checked per dialect, diffed as the identity facet.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import type { DialectName } from "../../../src/dialects/dialect.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (col: string) => `table t {\n  ${col}\n  n int\n}\n`;
const codes = (text: string) => load(text).diagnostics.map((d) => d.code);
const dialectErrors = async (d: DialectName, text: string) =>
  (await getDialect(d))
    .validate(schema(text))
    .filter((x) => x.severity === "error")
    .map((x) => x.code);

describe("serial", () => {
  test("serial, bigserial and smallserial are integer identities with serial set", () => {
    for (const [word, type] of [
      ["serial", "int"],
      ["bigserial", "bigint"],
      ["SMALLSERIAL", "smallint"],
    ] as const) {
      const c = schema(table(`id ${word} primary key`)).tables[0]!.columns[0]!;
      expect(c).toMatchObject({ type: { kind: "portable", name: type }, identity: true, serial: true });
    }
  });
  test("a quoted serial is a native type passed through", () => {
    const c = schema(table(`id "serial"`)).tables[0]!.columns[0]!;
    expect(c.type).toEqual({ kind: "native", name: "serial" });
    expect(c.serial).toBeUndefined();
  });
  test("fmt prints the serial type back, and is a fixpoint", () => {
    const r = formatFile(table("id  bigserial primary key"), "s.schema");
    expect(r.text).toContain("id  bigserial  primary key");
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("serial with identity, a default or `?` is an error", () => {
    expect(codes(table("id serial identity"))).toContain("identity-serial");
    expect(codes(table("id serial default 1"))).toContain("identity-default");
  });
  test("a nullable serial or identity is an error on PostgreSQL", async () => {
    expect(await dialectErrors("postgres", table("id serial? primary key"))).toContain("identity-nullable");
    expect(await dialectErrors("postgres", table("id bigint? primary key identity"))).toContain(
      "identity-nullable",
    );
  });
  test("serial ↔ identity is a change of the identity facet", () => {
    const a = schema(table("id serial primary key"));
    const b = schema(table("id int primary key identity"));
    expect(
      diffSchemas(a, b, noRenames()).map((c) => (c.kind === "alter-column" ? c.facets : c.kind)),
    ).toEqual([["identity"]]);
  });
  for (const d of ["mysql", "sqlite"] as const)
    test(`${d} refuses serial`, async () => {
      expect(await dialectErrors(d, table("id serial primary key"))).toContain("serial-dialect");
    });
});

describe("identity options", () => {
  test("are parsed into identityOptions, numbers as text", () => {
    const c = schema(
      table("id bigint identity(always, start 100, increment -2, max 9223372036854775807, cycle)"),
    ).tables[0]!.columns[0]!;
    expect(c.identityOptions).toEqual({
      always: true,
      start: "100",
      increment: "-2",
      max: "9223372036854775807",
      cycle: true,
    });
  });
  test("fmt prints them in one order", () => {
    const r = formatFile(table("id bigint identity(cycle, cache 5, always)"), "s.schema");
    expect(r.text).toContain("identity(always, cache 5, cycle)");
  });
  test("an unknown word, a repeated one, a missing or extra number are errors", () => {
    expect(codes(table("id bigint identity(strat 1)"))).toContain("identity-option");
    expect(codes(table("id bigint identity(start 1, start 2)"))).toContain("duplicate-attribute");
    expect(codes(table("id bigint identity(start)"))).toContain("identity-option");
    expect(codes(table("id bigint identity(always 1)"))).toContain("identity-option");
  });
  test("an option equal to the default is no change; another value is", () => {
    const plain = schema(table("id bigint identity"));
    const same = schema(table("id bigint identity(start 1, increment 1, cache 1, max 9223372036854775807)"));
    expect(diffSchemas(plain, same, noRenames())).toEqual([]);
    const always = schema(table("id bigint identity(always)"));
    expect(diffSchemas(plain, always, noRenames()).map((c) => c.kind)).toEqual(["alter-column"]);
  });
  test("PostgreSQL refuses the values CREATE SEQUENCE refuses", async () => {
    expect(await dialectErrors("postgres", table("id bigint identity(start 5, max 10)"))).toEqual([]);
    for (const bad of ["increment 0", "cache 0", "min 10, max 5", "start 0", "max 40000"])
      expect(await dialectErrors("postgres", table(`id smallint identity(${bad})`))).toEqual([
        "identity-option-value",
      ]);
  });
  for (const d of ["mysql", "sqlite"] as const)
    test(`${d} refuses options`, async () => {
      expect(await dialectErrors(d, table("id bigint primary key identity(always)"))).toContain(
        "identity-options-dialect",
      );
    });
});
