/**
 * Text → CST for one file: the hand-written scanner (scan.ts), then the hand-written parser
 * (descent.ts) and, where it gives up (a syntax error), Chevrotain's parser (parser.ts) with
 * its error messages and recovery. Chevrotain is loaded only in that case.
 */
import type { IToken } from "chevrotain";
import type { SchemaCstNode } from "./cst.ts";
import * as T from "./tokens.ts";
import { scan, UNSCANNABLE, type Scanner } from "./scan.ts";
import { descend, type TokenSource } from "./descent.ts";

/**
 * Raw SQL may nest parentheses; the recursive-descent parser uses a stack frame per level.
 * Deeper input than this is reported, and the parser sees the tokens before it only, so no
 * input can exhaust the stack.
 */
export const MAX_NESTING = 200;

/** The index of the `(` nested deeper than `MAX_NESTING`, or -1. */
export function tooDeepAt(tokens: readonly IToken[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === T.LParen && ++depth > MAX_NESTING) return i;
    if (type === T.RParen && depth > 0) depth--;
  }
  return -1;
}

/**
 * A scanner's tokens as the hand-written parser's source: it gives up where the text does not
 * scan or parentheses nest deeper than `MAX_NESTING` (`parseCst` reports both).
 */
export function tokenStream(scanner: Scanner): TokenSource {
  let depth = 0;
  return () => {
    const t = scanner.next();
    if (t === UNSCANNABLE) return null;
    if (t?.tokenType === T.LParen && ++depth > MAX_NESTING) return null;
    if (t?.tokenType === T.RParen && depth > 0) depth--;
    return t;
  };
}

export interface CstResult {
  readonly cst: SchemaCstNode;
  readonly tokens: readonly IToken[];
  readonly comments: readonly IToken[];
  readonly lexErrors: readonly {
    offset: number;
    line?: number;
    column?: number;
    length: number;
    message: string;
  }[];
  readonly parseErrors: readonly { message: string; token: IToken; previousToken?: IToken; name: string }[];
}

/**
 * Lexes and parses one file's text. Never throws on user input. `chevrotainOnly`: skip the
 * hand-written parser (its agreement test compares the two).
 */
export function parseCst(text: string, { chevrotainOnly = false } = {}): CstResult {
  // The hand-written scanner: the lexer's tokens, faster (scan.ts).
  const lex = scan(text);
  const lexErrors = [...lex.errors];
  let tokens = lex.tokens;
  const tooDeep = tooDeepAt(tokens);
  if (tooDeep !== -1) {
    const t = tokens[tooDeep]!;
    lexErrors.push({
      offset: t.startOffset,
      line: t.startLine,
      column: t.startColumn,
      length: 1,
      message: `parentheses nested more than ${MAX_NESTING} deep`,
    });
    tokens = tokens.slice(0, tooDeep);
  }
  // Input without syntax errors: the hand-written parser, which builds the same tree faster
  // (descent.ts). Anything else: Chevrotain's, for its errors and recovery.
  const fast = lexErrors.length === 0 && !chevrotainOnly ? descend(tokens) : undefined;
  if (fast) return { cst: fast, tokens, comments: lex.groups["comments"] ?? [], lexErrors, parseErrors: [] };
  // `require`: loaded (with Chevrotain) only here, and synchronously, as parsing is; the bundle
  // keeps it in the binary and evaluates it on first use.
  const { getParser } = require("./parser.ts") as typeof import("./parser.ts");
  const p = getParser();
  // Building the parser gave the token types their indexes, which Chevrotain matches tokens by.
  for (const t of tokens) t.tokenTypeIdx = t.tokenType.tokenTypeIdx!;
  p.input = tokens;
  // The tree the rules build, as the types generated from them (cst.ts) describe it.
  const cst = p.schema() as SchemaCstNode;
  return {
    cst,
    tokens,
    comments: lex.groups["comments"] ?? [],
    lexErrors,
    parseErrors: p.errors.map((e) => ({
      message: e.message,
      token: e.token,
      previousToken: (e as { previousToken?: IToken }).previousToken,
      name: e.name,
    })),
  };
}
