/**
 * The keyword list in tokens.ts: the lexer's tokens and the reserved words are derived from it,
 * and what is reserved is exactly what cannot be a name (so the printer quotes just those).
 */
import { describe, expect, test } from "bun:test";
import { format } from "../../../src/dsl/format.ts";
import { parseFile } from "../../../src/dsl/parse.ts";
import { printName } from "../../../src/dsl/printer.ts";
import { Identifier, Name, RESERVED_WORDS, allTokens } from "../../../src/dsl/tokens.ts";
import { getLexer } from "../../../src/dsl/lexer.ts";

/** The keyword tokens: those that `Identifier` is the longer alternative of. */
const keywords = allTokens.filter((t) => t.LONGER_ALT === Identifier);
const wordOf = (t: (typeof allTokens)[number]) => (t.PATTERN as RegExp).source;
const isName = (t: (typeof allTokens)[number]) => (t.CATEGORIES ?? []).includes(Name);

describe("keywords", () => {
  test("the reserved words are the keywords that are not names", () => {
    expect(keywords.length).toBeGreaterThan(RESERVED_WORDS.size);
    expect(new Set(keywords.filter((t) => !isName(t)).map(wordOf))).toEqual(new Set(RESERVED_WORDS));
    expect([...RESERVED_WORDS]).toContain("table");
    expect([...RESERVED_WORDS]).not.toContain("from");
  });

  test("every keyword lexes as itself, and a longer word as a name", () => {
    for (const t of keywords) {
      const word = wordOf(t);
      expect(
        getLexer()
          .tokenize(word)
          .tokens.map((x) => x.tokenType),
      ).toEqual([t]);
      expect(
        getLexer()
          .tokenize(`${word}x`)
          .tokens.map((x) => x.tokenType),
      ).toEqual([Identifier]);
    }
  });

  test("the printer quotes the reserved words only, and the result parses back", () => {
    for (const t of keywords) {
      const word = wordOf(t);
      expect(printName(word)).toBe(isName(t) ? word : `"${word}"`);
      const parsed = parseFile(
        format(parseFile(`table t { ${printName(word)} int }`, "a.schema")),
        "a.schema",
      );
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.tables[0]!.columns.map((c) => c.name)).toEqual([word]);
    }
  });
});
