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
import { outOfFtl } from "../core/jit.ts";

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
const EQUALS = sticky(T.Equals);
const OTHER_RE = sticky(T.Other);

/** Single-character tokens by character code. */
const SINGLE: (TokenType | undefined)[] = new Array(128).fill(undefined);
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

/**
 * What each ASCII character may start, by code (a typed array: one load per character, no holes
 * to look up along the prototype chain). Codes from 128 up are `OTHER`.
 */
const OTHER = 0,
  WORD_START = 1,
  DIGIT = 2,
  BLANK = 3,
  LF = 4,
  CR = 5,
  PUNCT = 6;
const CLASS = new Uint8Array(128);
/** 1 for the characters that continue a word (letters, digits, `_`). */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CLASS[c] = WORD_START;
  else if (/[0-9]/.test(ch)) CLASS[c] = DIGIT;
  else if (/[ \t\f\v]/.test(ch)) CLASS[c] = BLANK;
  else if (ch === "\n") CLASS[c] = LF;
  else if (ch === "\r") CLASS[c] = CR;
  else if (SINGLE[c]) CLASS[c] = PUNCT;
  if (/[A-Za-z0-9_]/.test(ch)) WORD[c] = 1;
}

/** Whether the character at `i` continues a word. */
const inWord = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 && WORD[c] === 1;
};

/** Whether the character at `i` is a digit 0-9 (`NaN` past the end is not). */
const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * Where `NumberLiteral`'s pattern (`\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`) ends when it starts at
 * `i`, a digit: each optional part is taken only when complete, as the pattern's backtracking does.
 */
function numberEnd(text: string, i: number): number {
  let j = i + 1;
  while (isDigit(text, j)) j++;
  if (text.charCodeAt(j) === 46 && isDigit(text, j + 1)) {
    j += 2;
    while (isDigit(text, j)) j++;
  }
  const e = text.charCodeAt(j);
  if (e === 101 || e === 69) {
    const sign = text.charCodeAt(j + 1);
    const k = sign === 43 || sign === 45 ? j + 2 : j + 1;
    if (isDigit(text, k)) {
      j = k + 1;
      while (isDigit(text, j)) j++;
    }
  }
  return j;
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
  if (c < 128 && CLASS[c] === WORD_START) {
    let j = at + 2;
    while (inWord(text, j)) j++;
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
 * holding all its tokens at once, and hands back those it is done with: `reuse`); comments are
 * collected in `comments` as they are passed.
 */
export class Scanner {
  readonly comments: IToken[] = [];
  private i = 0;
  private line = 1;
  private column = 1;
  /** Tokens handed back (`reuse`), to be filled again rather than new ones made. */
  private readonly free: IToken[] = [];
  constructor(private readonly text: string) {}

  /**
   * Hands back the first `count` of `tokens`, which nothing refers to any more: `next` fills
   * them again. Why: read declaration by declaration (parse.ts), a large schema's tokens were
   * about half of what its parse allocated (100,000 objects for 1,000 tables), each garbage as
   * soon as its declaration was read. Comments are never handed back (`comments` keeps them).
   * A token kept by mistake would change the hand parser's IR, which descent.test.ts compares
   * with the Chevrotain path's (whose tokens are never reused) on every test file.
   */
  reuse(tokens: readonly IToken[], count: number): void {
    for (let k = 0; k < count; k++) this.free.push(tokens[k]!);
  }

  /** `token`, into a token handed back when there is one (every field set, so one shape). */
  private make(image: string, offset: number, type: TokenType, line: number, column: number): IToken {
    const t = this.free.pop();
    if (t === undefined) return token(image, offset, type, line, column);
    t.image = image;
    t.startOffset = offset;
    t.endOffset = offset + image.length - 1;
    t.startLine = line;
    t.endLine = line;
    t.startColumn = column;
    t.endColumn = column + image.length - 1;
    t.tokenTypeIdx = type.tokenTypeIdx!;
    t.tokenType = type;
    return t;
  }

  /** The next token, `undefined` at the end, `UNSCANNABLE` where the text does not lex. */
  next(): IToken | undefined | typeof UNSCANNABLE {
    const text = this.text;
    const comments = this.comments;
    const n = text.length;
    let i = this.i,
      line = this.line,
      column = this.column;
    let out: IToken | undefined;
    while (i < n) {
      const c = text.charCodeAt(i);
      const k = c < 128 ? CLASS[c]! : OTHER;
      // Whitespace (skipped); line terminators are \n, \r\n and a lone \r, as the lexer's.
      if (k === BLANK) {
        column++;
        i++;
        continue;
      }
      if (k === LF || (k === CR && text.charCodeAt(i + 1) !== 10)) {
        line++;
        column = 1;
        i++;
        continue;
      }
      if (k === CR) {
        column++;
        i++;
        continue;
      }
      if (k === WORD_START) {
        let j = i + 1;
        while (inWord(text, j)) j++;
        const q = qualifiedEnd(text, j);
        if (q !== undefined) j = q;
        const image = text.slice(i, j);
        out = this.make(
          image,
          i,
          q !== undefined ? T.QualifiedName : (WORDS.get(image) ?? T.Identifier),
          line,
          column,
        );
        column += j - i;
        i = j;
        break;
      }
      if (k === PUNCT) {
        out = this.make(text[i]!, i, SINGLE[c]!, line, column);
        column++;
        i++;
        break;
      }
      if (k === DIGIT) {
        const j = numberEnd(text, i);
        out = this.make(text.slice(i, j), i, T.NumberLiteral, line, column);
        column += j - i;
        i = j;
        break;
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
      else if (c === 34) (re = QUOTED), (type = T.QuotedIdentifier);
      else if (c === 39) (re = STRING), (type = T.StringLiteral);
      else if (c === 61) {
        EQUALS.lastIndex = i;
        if (EQUALS.test(text)) (re = EQUALS), (type = T.Equals);
        else (re = OTHER_RE), (type = T.Other);
      } else (re = OTHER_RE), (type = T.Other);
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
      const t = this.make(image, i, type!, line, column);
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
      break;
    }
    this.i = i;
    this.line = line;
    this.column = column;
    return out;
  }
}

// Hot while a file is read, and read once: not worth FTL's compile time (src/core/jit.ts).
outOfFtl(Scanner.prototype, token, qualifiedEnd, numberEnd, inWord, isDigit);

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
