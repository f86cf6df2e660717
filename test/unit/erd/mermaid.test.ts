/**
 * `erd`'s Mermaid output: accepted by the `mermaid` package's own parser for every schema
 * example and for names Mermaid cannot take as they are; every table an entity, every foreign
 * key an edge with the right ends. (Rendering in a browser belongs to the ERD issue's tests.)
 */
import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import mermaid from "mermaid";
import { loadSchemaPath, loadSources } from "../../../src/dsl/load.ts";
import { mermaidErd } from "../../../src/erd/mermaid.ts";

const EXAMPLES = join(import.meta.dir, "../../../schema-examples");

async function parses(text: string): Promise<void> {
  expect(await mermaid.parse(text)).toMatchObject({ diagramType: "er" });
}

describe("mermaid erd", () => {
  for (const e of readdirSync(EXAMPLES).sort()) {
    test(`${e}: parsed by mermaid; every table an entity, every foreign key an edge`, async () => {
      const { schema } = await loadSchemaPath(join(EXAMPLES, e), EXAMPLES);
      const text = mermaidErd(schema);
      await parses(text);
      for (const t of schema.tables) expect(text).toMatch(new RegExp(`^  "?${t.name}"? \\{$`, "m"));
      const edges = text.split("\n").filter((l) => / : "/.test(l));
      expect(edges.length).toBe(schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0));
    });
  }
  test("odd names: quoted entities, attribute names rewritten with the real name in the note", async () => {
    const { schema } = loadSources(
      new Map([
        [
          "a.schema",
          'table "line items" {\n  "my col" int primary key\n  "x""y" text?\n}\ntable order {\n  id int primary key\n  li int? references "line items"("my col")\n}\n',
        ],
      ]),
    );
    const text = mermaidErd(schema);
    await parses(text);
    expect(text).toContain('  "line items" {');
    expect(text).toContain('int _my_col PK "int; column &quot;my col&quot;"');
    // Optional parent (nullable key), many children, non-identifying: o|..}o
    expect(text).toContain('"line items" o|..}o order : "li"');
  });
  test("ends: a required key is ||, a key that is the child's primary key is one-to-one and identifying", async () => {
    const { schema } = loadSources(
      new Map([
        [
          "a.schema",
          "table a {\n  id int primary key\n}\ntable b {\n  id int primary key references a(id)\n}\ntable c {\n  id int primary key\n  a_id int references a(id)\n}\n",
        ],
      ]),
    );
    const text = mermaidErd(schema);
    await parses(text);
    expect(text).toContain('a ||--|o b : "id"');
    expect(text).toContain('a ||..}o c : "a_id"');
  });
  test("the parser can fail: a broken diagram is rejected", async () => {
    await expect(mermaid.parse("erDiagram\n  a ||--\n")).rejects.toThrow();
  });
});
