/**
 * The Chevrotain side of the tokens: makes tokens.ts's token types whole for Chevrotain, and
 * builds Chevrotain's lexer. Loaded only where Chevrotain is needed: the parser of files with
 * syntax errors (parser.ts), the lexer for input the hand scanner hands over (scan.ts), the
 * grammar tools and tests. Importing it is what loads Chevrotain.
 */
import { Lexer } from "chevrotain";
import { CATEGORIES, WhiteSpace, allTokens } from "./tokens.ts";

// What tokens.ts cannot say without Chevrotain: a category lexes no text of its own (Chevrotain
// compares the pattern with `Lexer.NA` by identity), and whitespace is skipped.
for (const category of CATEGORIES) category.PATTERN = Lexer.NA;
WhiteSpace.GROUP = Lexer.SKIPPED;

/**
 * Built once per process (Chevrotain performance guide); `ensureOptimizations` keeps it fast.
 * Its definition checks (unreachable or overlapping patterns, ...) cost start-up time and find
 * nothing in tokens that passed them once: test/unit/dsl/grammar.test.ts builds the lexer with
 * them (`LEXER_CONFIG` without `skipValidations`).
 */
export const LEXER_CONFIG = { ensureOptimizations: true, positionTracking: "full" } as const;
let lexer: Lexer | undefined;
/** The lexer, built on first use. */
export const getLexer = (): Lexer =>
  (lexer ??= new Lexer(allTokens, { ...LEXER_CONFIG, skipValidations: true }));
