/**
 * The hand-written scanner (src/dsl/scan.ts) gives exactly the Chevrotain lexer's result: every
 * token's type, image, offsets, lines and columns, the comment group and the errors, on every
 * schema file of the repository, a generated large schema, and random text made of the
 * characters that matter (quotes, line ends, operators, keywords, non-ASCII).
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import type { ILexingResult, IToken } from "chevrotain";
import { Glob } from "bun";
import { scan } from "../../../src/dsl/scan.ts";
import { getLexer } from "../../../src/dsl/lexer.ts";
import { generateSchema } from "../../../scripts/gen-schema.ts";

const flat = (t: IToken) => [
  t.tokenType.name,
  t.tokenTypeIdx,
  t.image,
  t.startOffset,
  t.endOffset,
  t.startLine,
  t.endLine,
  t.startColumn,
  t.endColumn,
];
const view = (r: ILexingResult) => ({
  tokens: r.tokens.map(flat),
  comments: (r.groups["comments"] ?? []).map(flat),
  errors: r.errors,
});
// Built first: building it gives the token types the indexes both results carry.
getLexer();
const same = (text: string) => expect(view(scan(text))).toEqual(view(getLexer().tokenize(text)));

describe("scan", () => {
  test("agrees with the lexer on every .schema file of the repository", () => {
    let files = 0;
    for (const dir of ["test", "schema-examples"])
      for (const f of new Glob("**/*.schema").scanSync(dir)) {
        same(readFileSync(`${dir}/${f}`, "utf8"));
        files++;
      }
    expect(files).toBeGreaterThan(100);
  });

  test("agrees on a generated schema", () => {
    same(generateSchema(30, 20, 1));
  });

  test("agrees on the edge cases", () => {
    for (const text of [
      "",
      "tablespace table tables asc as ascx on one no not null nullx",
      "'a\nb' 'c\r\nd' 'e\rf' x 'g''h' '' 'unterminated",
      '"q" "a""b" "unterminated\n x',
      "a = b == c => d >= e //c\n///d\r\n/ /* +// x",
      "1 1.5 1e10 1.5e-3 .5 1. -2",
      "x\r\ny\rz\n\r\f\vw",
      "é table ü",
      "(([{}]),?-)",
    ])
      same(text);
  });

  test("agrees on random text", () => {
    const piece = fc.constantFrom(
      ..."abcXYZ_019 \t\n\r\f'\"/=<>!-.,?(){}[]é;:".split(""),
      "table",
      "asc",
      "as",
      "null",
      "no",
      "//",
      "///",
      "''",
      '""',
      "\r\n",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => same(pieces.join(""))),
      { numRuns: 2000 },
    );
  });
});
