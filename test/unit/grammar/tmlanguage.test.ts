/** The editor grammar is valid JSON, every pattern compiles, and it colours the basics. */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const grammar = JSON.parse(
  readFileSync(join(import.meta.dir, "../../../grammar/schemavc.tmLanguage.json"), "utf8"),
);

test("every match/begin/end pattern compiles as a regular expression", () => {
  const patterns: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (["match", "begin", "end"].includes(k) && typeof x === "string") patterns.push(x);
        else walk(x);
      }
    }
  };
  walk(grammar);
  expect(patterns.length).toBeGreaterThan(10);
  for (const p of patterns) expect(() => new RegExp(p)).not.toThrow();
});

test("scope and file type", () => {
  expect(grammar.scopeName).toBe("source.schemavc");
  expect(grammar.fileTypes).toEqual(["schema"]);
});

test("portable types and keywords are recognised", () => {
  const types = new RegExp(grammar.repository.types.match);
  expect(types.test("timestamptz")).toBe(true);
  expect(new RegExp(grammar.repository.keywords.patterns[0].match).test("references")).toBe(true);
});
