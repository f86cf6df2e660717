/**
 * Text → IR for one file: lex, parse (with recovery), visit, attach comments. Never throws on
 * user input: syntax errors come back as diagnostics with positions, next to whatever parsed.
 *
 * Two ways, one result: a file without syntax errors is read by hand (scan.ts, descent.ts) one
 * declaration at a time, each visited as soon as it is parsed and its tree then dropped (a large
 * schema's whole tree weighs more than its IR: issue 19), a table's columns with no tree at all
 * (descent.ts's `readDeclarations`); anything else, or where the hand parser gives up, goes
 * through the whole CST (cst-parse.ts: Chevrotain's errors and recovery).
 */
import type { IToken } from "chevrotain";
import type {
  CompositeType,
  Domain,
  EnumType,
  Extension,
  Loc,
  Routine,
  Sequence,
  Table,
  Trigger,
  Namespace,
  View,
} from "../ir/model.ts";
import { parseCst, tokenStream } from "./cst-parse.ts";
import { cstToIr, irReader, type DeclRef, type FileIr } from "./to-ir.ts";
import { Scanner } from "./scan.ts";
import { readDeclarations } from "./descent.ts";
import { attachComments } from "./comments.ts";
import { applyOutOfFtl, normalJitFor } from "../core/jit.ts";
import { didYouMean, type Diagnostic } from "../ir/diagnostics.ts";
import type { TableDeclCstNode } from "./cst.ts";
import { KEYWORD_WORDS, RESERVED_WORDS, RCurly } from "./tokens.ts";

export interface ParsedFile {
  readonly file: string;
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
  readonly sequences: readonly Sequence[];
  readonly domains: readonly Domain[];
  readonly views: readonly View[];
  readonly extensions: readonly Extension[];
  readonly composites: readonly CompositeType[];
  readonly functions: readonly Routine[];
  readonly triggers: readonly Trigger[];
  readonly namespaces: readonly Namespace[];
  /** Declarations in source order. */
  readonly order: readonly DeclRef[];
  readonly fileTrailing: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses one file. `chevrotainOnly`: through the whole CST and Chevrotain's parser, whatever the
 * file (the test of the hand-written path compares the two).
 */
export function parseFile(text: string, file: string, { chevrotainOnly = false } = {}): ParsedFile {
  return (chevrotainOnly ? undefined : readByHand(text, file)) ?? readThroughCst(text, file);
}

/** The hand-written path, declaration by declaration; `undefined` where it gives up. */
function readByHand(text: string, file: string): ParsedFile | undefined {
  const scanner = new Scanner(text);
  const reader = irReader(file, text);
  // A large text gets the normal JIT policy, and then the scanner's, the descent's and the
  // visitor's hot functions, named as they loaded, are kept out of FTL (src/core/jit.ts).
  normalJitFor(text.length);
  applyOutOfFtl();
  const lineEnds: Diagnostic[] = [];
  const parsed = readDeclarations(
    tokenStream(scanner),
    reader,
    (name, next) => lineEnds.push(lineEndDiagnostic(name.image, next, file)),
    (tokens, count) => scanner.reuse(tokens, count),
  );
  const ir = reader.finish();
  if (!parsed) return undefined;
  return assemble(file, text, ir, scanner.comments, [...lineEnds, ...ir.diagnostics]);
}

/** The whole CST, Chevrotain's where the hand-written parser gives up: syntax errors, recovery. */
function readThroughCst(text: string, file: string): ParsedFile {
  const r = parseCst(text, { chevrotainOnly: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of r.lexErrors) {
    const ch = text.slice(e.offset, e.offset + 1);
    diagnostics.push({
      severity: "error",
      code: "syntax",
      message: e.message.startsWith("parentheses nested")
        ? e.message
        : ch === "'"
          ? "unterminated string"
          : ch === '"'
            ? "unterminated quoted name"
            : `unexpected character \`${ch}\``,
      loc: {
        file,
        line: e.line ?? 1,
        col: e.column ?? 1,
        offset: e.offset,
        length: Math.max(1, Math.min(e.length, 1)),
      },
    });
  }
  for (const e of r.parseErrors) diagnostics.push(syntaxDiagnostic(e, file, text, r.tokens));
  diagnostics.push(...columnLineEnds(r.cst.children.tableDecl ?? [], r.tokens, file));
  const ir = cstToIr(r.cst, file, text);
  diagnostics.push(...ir.diagnostics);
  return assemble(file, text, ir, r.comments, diagnostics);
}

/** A file's IR with its comments attached, as `parseFile` gives it. */
function assemble(
  file: string,
  text: string,
  ir: FileIr,
  comments: readonly IToken[],
  diagnostics: Diagnostic[],
): ParsedFile {
  const { fileTrailing } = attachComments(ir.anchors, comments, text);
  return {
    file,
    tables: ir.tables,
    enums: ir.enums,
    sequences: ir.sequences,
    domains: ir.domains,
    views: ir.views,
    extensions: ir.extensions,
    composites: ir.composites,
    functions: ir.functions,
    triggers: ir.triggers,
    namespaces: ir.namespaces,
    order: ir.order,
    fileTrailing,
    diagnostics,
  };
}

/**
 * A column declaration ends at the end of its line (outside parentheses: raw SQL and type
 * arguments may span lines). Without this rule `is_admin bool defualt false` would be two
 * columns, `is_admin bool` and a column `defualt` of type `false`, and `generate` would write
 * that. What follows a column on its line is an error; the one column per line of the formatted
 * style means no formatted file changes meaning.
 */
function columnLineEnds(
  tables: readonly TableDeclCstNode[],
  tokens: readonly IToken[],
  file: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const table of tables)
    for (const item of table.children.tableItem ?? [])
      for (const column of item.children.column ?? []) {
        const loc = column.location;
        if (loc?.endOffset === undefined || Number.isNaN(loc.endOffset)) continue;
        const next = tokens[firstAtOrAfter(tokens, loc.endOffset + 1)];
        if (!next || next.tokenType === RCurly || next.startLine !== loc.endLine) continue;
        out.push(lineEndDiagnostic(column.children.Name[0]?.image ?? "", next, file));
      }
  return out;
}

/** The error of a column followed on its line by `next`. */
function lineEndDiagnostic(name: string, next: IToken, file: string): Diagnostic {
  return {
    severity: "error",
    code: "syntax",
    message: `unexpected \`${next.image}\` after column \`${name}\`: a column declaration ends at the end of its line`,
    loc: {
      file,
      line: next.startLine!,
      col: next.startColumn!,
      offset: next.startOffset,
      length: next.image.length,
    },
    hint: didYouMean(next.image, KEYWORD_WORDS) ?? "put the next column on a line of its own",
  };
}

/** The index of the first token starting at or after `offset` (the tokens' count if none). */
function firstAtOrAfter(tokens: readonly IToken[], offset: number): number {
  let lo = 0,
    hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Turns Chevrotain's parse error into a message a person can act on. */
function syntaxDiagnostic(
  e: { message: string; token: IToken; previousToken?: IToken; name: string },
  file: string,
  text: string,
  tokens: readonly IToken[],
): Diagnostic {
  const t = e.token;
  const atEnd = t.tokenType.name === "EOF" || Number.isNaN(t.startOffset);
  // At the end of input, point just after the last real token.
  const anchor = atEnd ? e.previousToken : t;
  const offset =
    anchor && !Number.isNaN(anchor.startOffset)
      ? atEnd
        ? anchor.startOffset + anchor.image.length
        : anchor.startOffset
      : text.length;
  const { line, col } = lineCol(text, offset);
  const loc: Loc = { file, line, col, offset, length: atEnd ? 1 : Math.max(1, t.image.length) };
  const found = atEnd ? "the end of the file" : `\`${t.image}\``;
  const expected = expectedFrom(e.message);
  let hint: string | undefined;
  const keywordAsName = keywordStartingLine(tokens, e.previousToken ?? t);
  if (!atEnd && RESERVED_WORDS.has(t.image))
    hint = `\`${t.image}\` is a keyword; to use it as a name write \`"${t.image}"\``;
  else if (keywordAsName)
    hint = `\`${keywordAsName}\` is a keyword; if it is meant as a column name, write \`"${keywordAsName}"\``;
  else if (atEnd) hint = "a `}` or `)` may be missing";
  return {
    severity: "error",
    code: "syntax",
    message: `unexpected ${found}${expected ? `, expected ${expected}` : ""}`,
    loc,
    ...(hint ? { hint } : {}),
  };
}

/**
 * The reserved word that starts the line of `near`, when a name follows it: the usual cause of
 * an error there is a column named like a keyword (`check int`).
 */
function keywordStartingLine(tokens: readonly IToken[], near: IToken): string | undefined {
  if (Number.isNaN(near.startOffset)) return undefined;
  let i = tokens.findIndex((x) => x.startOffset >= near.startOffset);
  if (i === -1) i = tokens.length - 1;
  while (i > 0 && tokens[i - 1]!.startLine === tokens[i]!.startLine) i--;
  const first = tokens[i],
    second = tokens[i + 1];
  if (!first || !second || second.startLine !== first.startLine) return undefined;
  const isName = second.tokenType.CATEGORIES?.some((c) => c.name === "Name");
  return RESERVED_WORDS.has(first.image) && isName && !["table", "enum"].includes(first.image)
    ? first.image
    : undefined;
}

const TOKEN_WORDS: Record<string, string> = {
  Name: "a name",
  LCurly: "`{`",
  RCurly: "`}`",
  LParen: "`(`",
  RParen: "`)`",
  Comma: "`,`",
  NumberLiteral: "a number",
  StringLiteral: "a string",
  Identifier: "a name",
  RawAny: "SQL",
  LBracket: "`[`",
  RBracket: "`]`",
  Question: "`?`",
};

/** Chevrotain's messages list token names ("Expecting token of type --> RCurly <--"); say them plainly. */
function expectedFrom(message: string): string | undefined {
  const names = [...message.matchAll(/-->\s*([A-Za-z]+)\s*<--|\[([A-Za-z]+)\]|<([A-Za-z]+)>/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
  const words = [...new Set(names.map((n) => TOKEN_WORDS[n] ?? `\`${n.toLowerCase()}\``))];
  if (!words.length) return undefined;
  if (words.length > 6) return `${words.slice(0, 6).join(", ")}, ...`;
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1,
    last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, col: offset - last };
}
