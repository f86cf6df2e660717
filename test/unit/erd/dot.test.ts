/**
 * `erd`'s Graphviz output: one node per table and one edge per foreign key for every schema
 * example; names that are markup or DOT syntax (`<`, `&`, `"`, `\`, `]`, `->`, newlines) are
 * escaped so Graphviz lays the diagram out without a complaint and the SVG's text is the names
 * exactly; crow's-foot ends follow nullability and uniqueness.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadSchemaPath, loadSources } from "../../../src/dsl/load.ts";
import { dotErd, dotId, html, wrap } from "../../../src/erd/dot.ts";
import { renderSvg } from "../../../src/erd/svg.ts";
import type { Column, Schema, Table } from "../../../src/ir/model.ts";

const EXAMPLES = join(import.meta.dir, "../../../schema-examples");

/** The text of every `<text>` element of an SVG, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

/** Edge statements: a quoted id, an optional `:"port":side`, then `->`. */
const edgeLines = (dot: string) =>
  dot.split("\n").filter((l) => /^ {2}"(?:[^"\\]|\\.)*"(?::"[^"]*":[ew])? -> /.test(l));

describe("dot erd", () => {
  for (const e of readdirSync(EXAMPLES).sort()) {
    test(`${e}: one node per table, one edge per foreign key, laid out by Graphviz with every name in the SVG`, async () => {
      const { schema } = await loadSchemaPath(join(EXAMPLES, e), EXAMPLES);
      const dot = dotErd(schema);
      for (const t of schema.tables) expect(dot).toContain(`\n  ${dotId(t.name)} [label=<`);
      expect(edgeLines(dot).length).toBe(schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0));
      const texts = svgTexts(await renderSvg(dot));
      for (const t of schema.tables) {
        expect(texts).toContain(t.name);
        for (const c of t.columns) expect(texts).toContain(c.name);
      }
    });
  }

  test("odd names from the schema language: quoted table and column names with spaces, quotes and markup", async () => {
    const { schema, diagnostics } = loadSources(
      new Map([
        [
          "a.schema",
          'table "line items" {\n  "my col" int primary key\n  "x""y" text?\n  "a<b>&c" int? unique\n}\n' +
            'table order {\n  id int primary key\n  li int? references "line items"("my col")\n}\n',
        ],
      ]),
    );
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const dot = dotErd(schema);
    expect(dot).toContain("a&lt;b&gt;&amp;c");
    expect(dot).toContain("x&quot;y");
    expect(dot).not.toContain("a<b>");
    expect(edgeLines(dot)).toEqual([expect.stringContaining('"order":"c1r":e -> "line items":"c0l":w [')]);
    const texts = svgTexts(await renderSvg(dot));
    for (const name of ["line items", "my col", 'x"y', "a<b>&c", "order", "li"])
      expect(texts).toContain(name);
  });

  test("names the language cannot write (backslashes, DOT syntax, control characters) still make a valid graph", async () => {
    const col = (name: string, nullable = false): Column => ({
      name,
      type: { kind: "portable", name: "int" },
      nullable,
      identity: false,
    });
    const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
      name,
      columns,
      uniques: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
      primaryKey: { name: `${name}_pk`, columns: [columns[0]!.name] },
      ...extra,
    });
    const names = ["ends\\", 'q"\\"', "a -> b; }", "]] <!-- -->", "tab\there", "caf\u00e9 \u{1F600}", "x'y"];
    const schema: Schema = {
      enums: [],
      tables: [
        table(names[0]!, [col("id"), col(names[1]!)], {
          doc: "A doc with <markup> & a very long sentence that has to wrap over more than one line of the header",
        }),
        table(names[2]!, [col(names[3]!), col(names[4]!, true)], {
          foreignKeys: [
            {
              name: "fk1",
              columns: [names[4]!],
              refTable: names[0]!,
              refColumns: ["id"],
              onDelete: "cascade",
              onUpdate: "no action",
            },
          ],
        }),
        table(names[5]!, [col(names[6]!), col("bell\u0007")], {
          foreignKeys: [
            {
              name: "fk2",
              columns: [names[6]!],
              refTable: names[2]!,
              refColumns: [names[3]!],
              onDelete: "no action",
              onUpdate: "no action",
            },
            {
              name: "fk3",
              columns: ["bell\u0007"],
              refTable: names[5]!,
              refColumns: [names[6]!],
              onDelete: "no action",
              onUpdate: "no action",
            },
          ],
        }),
      ],
    };
    const dot = dotErd(schema);
    expect(edgeLines(dot).length).toBe(3);
    expect(dot).not.toMatch(/[\u0000-\u0008]/);
    // renderSvg fails on any Graphviz complaint (an HTML label it cannot parse is dropped silently otherwise).
    const svg = await renderSvg(dot);
    const texts = svgTexts(svg);
    for (const name of [
      "ends\\",
      'q"\\"',
      "a -> b; }",
      "]] <!-- -->",
      "tab here",
      "caf\u00e9 \u{1F600}",
      "x'y",
      "bell\ufffd",
    ])
      expect(texts).toContain(name);
    // The SVG is well-formed XML even with `-->` in a name (Graphviz writes names into comments).
    expect(svg.replace(/<!--[\s\S]*?-->/g, "")).not.toContain("-->");
    // A long doc comment wraps into lines of the header instead of widening the table.
    expect(texts).toContain("A doc with <markup> & a very long sentence that has to");
    expect(texts).toContain("wrap over more than one line of the header");
  });

  test("ends: nullable key → zero-or-one parent; the child's primary key → one child, identifying (solid)", () => {
    const { schema } = loadSources(
      new Map([
        [
          "a.schema",
          "table a {\n  id int primary key\n}\ntable b {\n  id int primary key references a(id)\n}\n" +
            "table c {\n  id int primary key\n  a_id int? references a(id)\n  a2 int references a(id)\n}\n",
        ],
      ]),
    );
    const [b, c1, c2] = edgeLines(dotErd(schema));
    expect(b).toContain('"b":"c0r":e -> "a":"c0l":w [arrowtail=teeodot, arrowhead=teetee,');
    expect(b).not.toContain("dashed");
    expect(c1).toContain("arrowtail=crowodot, arrowhead=teeodot,");
    expect(c1).toContain("style=dashed");
    expect(c2).toContain("arrowtail=crowodot, arrowhead=teetee,");
  });

  test("escaping helpers", () => {
    expect(html(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    expect(html("a\nb\u0001")).toBe("a b\ufffd");
    expect(dotId('a\\"b\nc')).toBe('"a\\\\\\"b\\nc"');
    expect(wrap("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrap("averyveryverylongword x", 5)).toEqual(["averyveryverylongword", "x"]);
  });
});
