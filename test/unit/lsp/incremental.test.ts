/**
 * The language server's piecewise parse gives exactly what the CLI's whole-file parse gives —
 * schema, source positions, comments, diagnostics — on the examples, a large generated schema,
 * comment placements, and after a sequence of edits (pieces reused from the cache, moved).
 */
import { expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../../../src/dsl/parse.ts";
import { IncrementalParser } from "../../../src/lsp/incremental.ts";
import { generateSchema } from "../../../scripts/gen-schema.ts";

const EXAMPLES = join(import.meta.dir, "../../../schema-examples");
const exampleFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? exampleFiles(p) : p.endsWith(".schema") ? [p] : [];
  });
const same = (text: string, parser = new IncrementalParser()) =>
  expect(parser.parse(text, "f.schema")).toEqual(parseFile(text, "f.schema"));

test("every schema example", () => {
  for (const f of exampleFiles(EXAMPLES)) same(readFileSync(f, "utf8"));
});

test("a 200-table generated schema", () => same(generateSchema(200, 12)));

test("comments between, after and inside declarations; doc comments; a trailing comment on a closing brace", () => {
  same(
    "// head\nenum s { a, b }\n\n// about t\n/// T doc\ntable t {\n  id int primary key // the key\n\n  // inner\n}\n// between\n\ntable u {\n  id int primary key\n  s s\n} // after u\ntable v {\n  id int primary key references t(id)\n}\n// at the end\n",
  );
});

test("semantic errors keep their positions; syntax errors fall back to the whole file's messages", () => {
  same(
    "table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n  a_id int references x(id)\n}\n",
  );
  same("table a {\n  id int primary key\n\ntable b {\n  id int primary key\n}\n");
  same("table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n  bad (\n}\n");
});

test("a sequence of edits with one parser: each result equals a fresh whole-file parse", () => {
  const parser = new IncrementalParser();
  let text = generateSchema(30, 6);
  for (let i = 0; i < 30; i++) {
    const at = text.indexOf(`table t${i} {`);
    const eol = text.indexOf("\n", at);
    // Insert a column, then (every third edit) break a reference, then fix it again.
    text = `${text.slice(0, eol + 1)}  extra_${i}  text?\n${text.slice(eol + 1)}`;
    same(text, parser);
    if (i % 3 === 0) {
      const broken = text.replace(`references t${i}(id)`, `references nope${i}(id)`);
      same(broken, parser);
    }
    if (i % 5 === 0) same(text.replace(`table t${i} {`, `table t${i}`), parser);
  }
});
