/**
 * Generated columns, `name type as (expr) stored|virtual`, through the stages that need no
 * database (the databases are in the golden cases generated_column_*, the SQLite pull tests and
 * the round-trip oracle): parsed, printed by fmt, validated, diffed as their own facet, rendered.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { describe as describeChange } from "../../../src/diff/summary.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (col: string) => `table items {\n  id int primary key\n  price real\n  ${col}\n}\n`;
const format = (text: string) => {
  const r = formatFile(text, "s.schema");
  if (r.text === undefined) throw new Error(r.problem);
  return r.text;
};
const codes = (text: string) => load(text).diagnostics.map((d) => d.code);

describe("generated columns", () => {
  test("are parsed into Column.generated, the expression verbatim; virtual unless stored", () => {
    const col = (c: string) => schema(table(c)).tables[0]!.columns[2]!;
    expect(col("total real as (price * 2) stored").generated).toEqual({ expr: "price * 2", stored: true });
    expect(col("total real? as (price * 2)").generated).toEqual({ expr: "price * 2", stored: false });
    expect(col("total real? as (price * 2) virtual").generated).toEqual({ expr: "price * 2", stored: false });
  });
  test("`as`, `stored` and `virtual` are still names; `as` on a new line starts a column", () => {
    const s = schema("table t {\n  a int\n  as int\n  stored text\n  virtual int? as (as + 1) stored\n}\n");
    expect(s.tables[0]!.columns.map((c) => c.name)).toEqual(["a", "as", "stored", "virtual"]);
    expect(s.tables[0]!.columns[3]!.generated).toEqual({ expr: "as + 1", stored: true });
  });
  test("fmt prints `as (...) stored|virtual` after the type, and is a fixpoint", () => {
    const out = format(table("total real? as (price*2)"));
    expect(out).toContain("total  real?  as (price*2) virtual");
    expect(format(out)).toBe(out);
  });
  test("with a default or an identity, twice, or empty, it is an error", () => {
    expect(codes(table("total real as (price) stored default 1"))).toContain("generated-default");
    expect(codes("table t {\n  id bigint primary key identity as (1) stored\n}\n")).toContain(
      "generated-identity",
    );
    expect(codes(table("total real as (price) as (price)"))).toContain("duplicate-attribute");
    expect(codes(table("total real as () stored"))).toContain("empty-expression");
  });
  test("a changed expression, stored <-> virtual, or plain <-> generated is the generated facet", () => {
    const a = schema(table("total real as (price * 2) stored"));
    for (const other of [
      "total real as (price * 3) stored",
      "total real as (price * 2) virtual",
      "total real",
    ]) {
      const changes = diffSchemas(a, schema(table(other)), noRenames());
      expect(changes.map((c) => (c.kind === "alter-column" ? c.facets : c.kind))).toEqual([["generated"]]);
    }
    const [c] = diffSchemas(a, schema(table("total real as (price * 3) stored")), noRenames());
    expect(describeChange(c!)).toBe(
      "~ column items.total: generated as (price * 2) stored → as (price * 3) stored",
    );
    // Whitespace is not a change.
    expect(diffSchemas(a, schema(table("total real as (price  *  2) stored")), noRenames())).toEqual([]);
  });
  test("SQLite refuses one in the primary key", async () => {
    const sqlite = await getDialect("sqlite");
    const s = schema("table t {\n  a int\n  b int as (a) stored\n\n  primary key (b)\n}\n");
    expect(sqlite.validate(s).map((d) => d.code)).toContain("generated-primary-key");
  });
});
