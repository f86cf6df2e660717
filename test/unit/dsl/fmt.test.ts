/**
 * `fmt`'s printer: the canonical style, comments kept where they were, idempotent.
 */
import { describe, expect, test } from "bun:test";
import { parseFile } from "../../../src/dsl/parse.ts";
import { format } from "../../../src/dsl/format.ts";

const fmt = (text: string) => format(parseFile(text, "a.schema"));

describe("fmt", () => {
  test("aligns columns and puts table items after a blank line", () => {
    expect(
      fmt("table users { id bigint primary key identity\n email varchar(255) unique\n index (email) }"),
    ).toBe(
      "table users {\n  id     bigint        primary key identity\n  email  varchar(255)  unique\n\n  index (email)\n}\n",
    );
  });
  test("keeps line comments, trailing comments, doc comments and file-end comments", () => {
    const src =
      "// head\n/// Doc.\ntable t {\n  // before a\n  a int // after a\n  /// Doc of b.\n  b int\n  // inner\n} // after table\n// the end\n";
    const out = fmt(src);
    for (const c of [
      "// head",
      "/// Doc.",
      "// before a",
      "// after a",
      "/// Doc of b.",
      "// inner",
      "// after table",
      "// the end",
    ])
      expect(out).toContain(c);
    expect(fmt(out)).toBe(out);
  });
  test("keeps one blank line between groups of columns", () => {
    expect(fmt("table t {\n  a int\n\n\n  b int\n}")).toBe(
      "table t {\n  a  int\n\n  b  int\n}\n"
        .replace("  a  int", "  a  int")
        .replace(/ {2}([ab]) {2}int/g, "  $1  int"),
    );
  });
  test("prints single-column constraints with generated names inline, others at table level", () => {
    expect(fmt("table t {\n  a int\n  b int\n  unique (a)\n  unique named (b)\n  check (a > b)\n}")).toBe(
      "table t {\n  a  int  unique\n  b  int\n\n  unique named (b)\n  check (a > b)\n}\n",
    );
  });
  test("omits generated names and keeps explicit ones", () => {
    expect(fmt("table t {\n  a int\n  index t_a_idx (a)\n  index mine (a desc)\n}")).toBe(
      "table t {\n  a  int\n\n  index (a)\n  index mine (a desc)\n}\n",
    );
  });
  test("quotes names only where needed", () => {
    expect(fmt('table "order" { "id" int\n "check" int\n "a b" int }')).toBe(
      'table order {\n  id       int\n  "check"  int\n  "a b"    int\n}\n',
    );
  });
  test("is idempotent on the contract's example", async () => {
    const text = await Bun.file(new URL("../../fixtures/contract-example.schema", import.meta.url)).text();
    const once = fmt(text);
    expect(fmt(once)).toBe(once);
  });
  test("a short enum stays on one line, a commented one is one value per line", () => {
    expect(fmt("enum e {a,b}")).toBe("enum e { a, b }\n");
    expect(fmt("enum e {\n  a, // first\n  b\n}")).toBe("enum e {\n  a, // first\n  b,\n}\n");
  });
});
