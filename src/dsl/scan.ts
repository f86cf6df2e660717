/**
 * A hand-written scanner producing exactly the tokens the Chevrotain lexer of tokens.ts produces
 * (same token types, images, offsets, lines and columns, same comment group), several times
 * faster on large files: one pass over character codes instead of trying the token patterns in
 * turn (the lexer took ~40% of parsing a 1,000-table schema, issue 19). Whitespace, names,
 * keywords and punctuation are scanned by hand; strings, quoted names, numbers and operators use
 * the tokens' own patterns (sticky), so their backtracking behaves the same.
 *
 * Input that does not lex (a character no token starts with, an unterminated string) goes to the
 * Chevrotain lexer instead, which reports the errors and recovers as it always did.
 * test/unit/dsl/scan.test.ts checks the two agree on every test schema and on random text.
 */
import type { ILexingResult, IToken, TokenType } from "chevrotain";
import * as T from "./tokens.ts";

/** The token type a word scans as: keywords as the lexer's `longer_alt` rule decides. */
const WORDS = new Map<string, TokenType>();
{
  const keywords = T.allTokens.slice(
    T.allTokens.indexOf(T.QualifiedName) + 1,
    T.allTokens.indexOf(T.Identifier),
  );
  // Each pattern's source read once (a RegExp's `source` is rebuilt on every read).
  const words = keywords.map((k) => (k.PATTERN as RegExp).source);
  words.forEach((word, i) => {
    // The lexer tries keywords in order and keeps the first that matches a prefix of the word,
    // unless Identifier matches longer: a word is a keyword only if no earlier keyword is its prefix.
    if (words.findIndex((w) => word.startsWith(w)) === i) WORDS.set(word, keywords[i]!);
  });
}

const sticky = (t: TokenType): RegExp => new RegExp((t.PATTERN as RegExp).source, "y");
const QUOTED = sticky(T.QuotedIdentifier);
const STRING = sticky(T.StringLiteral);
const NUMBER = sticky(T.NumberLiteral);
const EQUALS = sticky(T.Equals);
const OTHER = sticky(T.Other);

/** Single-character tokens by character code. */
const SINGLE: (TokenType | undefined)[] = [];
for (const [ch, t] of [
  ["{", T.LCurly],
  ["}", T.RCurly],
  ["(", T.LParen],
  [")", T.RParen],
  ["[", T.LBracket],
  ["]", T.RBracket],
  [",", T.Comma],
  ["?", T.Question],
  ["-", T.Minus],
] as const)
  SINGLE[ch.charCodeAt(0)] = t;

/** Character classes by code: 1 starts a word, 2 continues one (letters, digits, `_`). */
const WORD: number[] = [];
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) WORD[c] = 1;
  else if (/[0-9]/.test(ch)) WORD[c] = 2;
}

const token = (image: string, offset: number, type: TokenType, line: number, column: number): IToken => ({
  image,
  startOffset: offset,
  endOffset: offset + image.length - 1,
  startLine: line,
  endLine: line,
  startColumn: column,
  endColumn: column + image.length - 1,
  tokenTypeIdx: type.tokenTypeIdx!,
  tokenType: type,
});

/**
 * Where a qualified name ends when its schema part ends at `at`: a dot, then a bare or quoted
 * name (`QualifiedName`'s pattern); `undefined` when none follows.
 */
function qualifiedEnd(text: string, at: number): number | undefined {
  if (text.charCodeAt(at) !== 46) return undefined;
  const c = text.charCodeAt(at + 1);
  if (WORD[c] === 1) {
    let j = at + 2;
    while (j < text.length && WORD[text.charCodeAt(j)] !== undefined) j++;
    return j;
  }
  if (c !== 34) return undefined;
  QUOTED.lastIndex = at + 1;
  return QUOTED.test(text) ? QUOTED.lastIndex : undefined;
}

/** What `Scanner.next` gives where the text does not lex: the lexer must take the whole text. */
export const UNSCANNABLE: unique symbol = Symbol("unscannable");

/**
 * The scanner as a source of tokens, one at a time (descent.ts reads a large file so, without
 * holding all its tokens at once); comments are collected in `comments` as they are passed.
 */
export class Scanner {
  readonly comments: IToken[] = [];
  private i = 0;
  private line = 1;
  private column = 1;
  constructor(private readonly text: string) {}

  /** The next token, `undefined` at the end, `UNSCANNABLE` where the text does not lex. */
  next(): IToken | undefined | typeof UNSCANNABLE {
    const text = this.text;
    const comments = this.comments;
    const n = text.length;
    let i = this.i,
      line = this.line,
      column = this.column;
    let out: IToken | undefined;
    while (i < n && out === undefined) {
      const c = text.charCodeAt(i);
      // Whitespace (skipped); line terminators are \n, \r\n and a lone \r, as the lexer's.
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) {
        if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
          line++;
          column = 1;
        } else column++;
        i++;
        continue;
      }
      const w = WORD[c];
      if (w === 1) {
        let j = i + 1;
        while (j < n && WORD[text.charCodeAt(j)] !== undefined) j++;
        const q = qualifiedEnd(text, j);
        if (q !== undefined) j = q;
        const image = text.slice(i, j);
        out = token(
          image,
          i,
          q !== undefined ? T.QualifiedName : (WORDS.get(image) ?? T.Identifier),
          line,
          column,
        );
        column += j - i;
        i = j;
        continue;
      }
      const single = SINGLE[c];
      if (single) {
        out = token(text[i]!, i, single, line, column);
        column++;
        i++;
        continue;
      }
      if (c === 47 && text.charCodeAt(i + 1) === 47) {
        // `//` and `///` comments, to the end of the line.
        let j = i + 2;
        while (j < n && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
        const image = text.slice(i, j);
        comments.push(
          token(image, i, text.charCodeAt(i + 2) === 47 ? T.DocComment : T.LineComment, line, column),
        );
        column += j - i;
        i = j;
        continue;
      }
      let re: RegExp | undefined, type: TokenType | undefined;
      let dollar: string | undefined;
      // `$$ ... $$` / `$tag$ ... $tag$`: the token's own matcher (the closing tag repeats the opening).
      if (c === 36)
        dollar = (T.DollarString.PATTERN as { exec: (t: string, o: number) => string[] | null }).exec(
          text,
          i,
        )?.[0];
      if (dollar !== undefined) (re = undefined), (type = T.DollarString);
      else if (w === 2) (re = NUMBER), (type = T.NumberLiteral);
      else if (c === 34) (re = QUOTED), (type = T.QuotedIdentifier);
      else if (c === 39) (re = STRING), (type = T.StringLiteral);
      else if (c === 61) {
        EQUALS.lastIndex = i;
        if (EQUALS.test(text)) (re = EQUALS), (type = T.Equals);
        else (re = OTHER), (type = T.Other);
      } else (re = OTHER), (type = T.Other);
      let j: number;
      if (re) {
        re.lastIndex = i;
        if (!re.test(text)) return UNSCANNABLE;
        j = re.lastIndex;
      } else j = i + dollar!.length;
      // `"schema".name`: a quoted schema part (without a dot) and a dot make a qualified name.
      if (type === T.QuotedIdentifier && !text.slice(i, j).includes(".")) {
        const q = qualifiedEnd(text, j);
        if (q !== undefined) {
          j = q;
          type = T.QualifiedName;
        }
      }
      const image = text.slice(i, j);
      const t = token(image, i, type!, line, column);
      out = t;
      if (type === T.StringLiteral || type === T.DollarString) {
        // A string or a body may span lines (raw SQL): its end, and where the next token starts.
        let lines = 0,
          last = -1;
        for (let k = 0; k < image.length; k++) {
          const ch = image.charCodeAt(k);
          if (ch === 10 || (ch === 13 && image.charCodeAt(k + 1) !== 10)) {
            lines++;
            last = k;
          }
        }
        if (lines) {
          line += lines;
          column = image.length - last;
          t.endLine = line;
          t.endColumn = column - 1;
        } else column += image.length;
      } else column += image.length;
      i = j;
    }
    this.i = i;
    this.line = line;
    this.column = column;
    return out;
  }
}

/** Tokenizes like lexer.ts's `getLexer().tokenize(text)`. */
export function scan(text: string): ILexingResult {
  const scanner = new Scanner(text);
  const tokens: IToken[] = [];
  for (let t = scanner.next(); t !== undefined; t = scanner.next()) {
    // `require`: Chevrotain is loaded only for input that needs its lexer (cst-parse.ts).
    if (t === UNSCANNABLE)
      return (require("./lexer.ts") as typeof import("./lexer.ts")).getLexer().tokenize(text);
    tokens.push(t);
  }
  return { tokens, groups: { comments: scanner.comments }, errors: [] };
}
