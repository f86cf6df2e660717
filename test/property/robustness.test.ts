/**
 * The parser never crashes or hangs on bad input: random garbage, token soup, every truncation
 * of a real schema, deep nesting, huge lines. Each parse returns diagnostics with valid
 * positions, and never runs away: the bound below is far above a normal parse (a few ms) and
 * only catches a recovery loop or exponential backtracking; it is not a speed test (speed is
 * measured by scripts/bench-parse.ts, where a loaded CI machine cannot make it flaky).
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFile } from "../../src/dsl/parse.ts";
import { getParser } from "../../src/dsl/parser.ts";

getParser(); // built once, outside the timings
const EXAMPLE = readFileSync(join(import.meta.dir, "../../schema-examples/blog.schema"), "utf8");

// 2 s was crossed once by a huge-line parse on a 2-core machine under a load of 14.
const RUNAWAY_MS = 10_000;

function parseChecked(text: string): void {
  const t0 = performance.now();
  const r = parseFile(text, "g.schema");
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(RUNAWAY_MS);
  for (const d of r.diagnostics) {
    expect(d.loc).toBeDefined();
    expect(d.loc!.line).toBeGreaterThanOrEqual(1);
    expect(d.loc!.col).toBeGreaterThanOrEqual(1);
    expect(d.loc!.offset).toBeGreaterThanOrEqual(0);
    expect(d.loc!.offset).toBeLessThanOrEqual(text.length);
  }
}

const TOKENS = [
  "table",
  "enum",
  "{",
  "}",
  "(",
  ")",
  ",",
  "?",
  "primary",
  "key",
  "unique",
  "index",
  "check",
  "references",
  "default",
  "identity",
  "renamed",
  "from",
  "on",
  "delete",
  "set",
  "null",
  "where",
  "using",
  "asc",
  "desc",
  "'s'",
  '"q"',
  "x",
  "int",
  "1",
  "-",
  ">=",
  "//c\n",
  "///d\n",
  "\n",
];

describe("parser robustness", () => {
  test("random strings", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), parseChecked), { numRuns: 300 });
  });
  test("random unicode", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), parseChecked), { numRuns: 200 });
  });
  test("token soup", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }), (ts) =>
        parseChecked(ts.join(" ")),
      ),
      { numRuns: 300 },
    );
  });
  test("every truncation of a real schema", () => {
    for (let i = 0; i <= EXAMPLE.length; i += 7) parseChecked(EXAMPLE.slice(0, i));
  });
  test("deeply nested parentheses", () => {
    parseChecked(`table t { a int check ${"(".repeat(5000)}1${")".repeat(5000)} }`);
    parseChecked(`table t { a int check ${"(".repeat(5000)}`);
    parseChecked(`table t { a int default ${"(".repeat(3000)} }`);
  });
  test("a very long line and unterminated strings and names", () => {
    parseChecked(`table t { ${"a int ".repeat(5000)} }`);
    parseChecked("table t { a text default 'never closed }");
    parseChecked('table "never closed { a int }');
  });
});
