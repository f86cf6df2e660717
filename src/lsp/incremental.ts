/**
 * Re-parsing only what an edit touched, for the language server: a file is cut into pieces
 * after each top-level closing brace (a line that is only `}`), each piece is parsed on its own
 * and kept by its text, and the pieces' positions are moved to their place in the file. Typing
 * in one table of a 28,000-line file re-parses that table alone.
 *
 * The result must be exactly `parseFile(text)`. Pieces are used only when every piece parses
 * without a syntax error and no piece but the last ends with comments after its declarations;
 * otherwise (the user is mid-edit, braces unbalanced) the whole file is parsed, as the CLI does,
 * so messages and positions stay the CLI's. test/unit/lsp/incremental.test.ts compares both.
 */
import { parseFile, type ParsedFile } from "../dsl/parse.ts";

interface Piece {
  readonly text: string;
  /** Where the piece starts in the file: character offset and 0-based line. */
  readonly offset: number;
  readonly line: number;
}

/** A piece's parse, its positions (moved in place when the piece moves) and where they point now. */
interface Entry {
  readonly parsed: ParsedFile;
  readonly positions: readonly Position[];
  offset: number;
  line: number;
}

type Position = { offset: number; line: number; end?: number };

/** One file's pieces, parsed and kept from one call to the next. */
export class IncrementalParser {
  private cache = new Map<string, Entry>();

  parse(text: string, file: string): ParsedFile {
    const pieces = split(text);
    if (pieces.length < 2) return parseFile(text, file);
    const next = new Map<string, Entry>();
    const parsed: ParsedFile[] = [];
    for (const [i, p] of pieces.entries()) {
      // A piece whose text appears twice in the file (a table declared twice) is parsed again.
      const cached = next.has(p.text) ? undefined : this.cache.get(p.text);
      const e = cached ?? entry(parseFile(p.text, file));
      if (!next.has(p.text)) next.set(p.text, e);
      const r = e.parsed;
      if (
        r.diagnostics.some((d) => d.code === "syntax") ||
        (i < pieces.length - 1 && r.fileTrailing.length)
      ) {
        this.cache = next;
        return parseFile(text, file);
      }
      move(e, p.offset, p.line);
      parsed.push(r);
    }
    this.cache = next;
    return {
      file,
      tables: parsed.flatMap((r) => r.tables),
      enums: parsed.flatMap((r) => r.enums),
      sequences: parsed.flatMap((r) => r.sequences),
      domains: parsed.flatMap((r) => r.domains),
      views: parsed.flatMap((r) => r.views),
      extensions: parsed.flatMap((r) => r.extensions),
      composites: parsed.flatMap((r) => r.composites),
      functions: parsed.flatMap((r) => r.functions),
      triggers: parsed.flatMap((r) => r.triggers),
      namespaces: parsed.flatMap((r) => r.namespaces),
      order: parsed.flatMap((r) => r.order),
      fileTrailing: parsed.at(-1)!.fileTrailing,
      diagnostics: parsed.flatMap((r) => r.diagnostics),
    };
  }
}

/** The file cut after every line that is exactly `}` (optionally followed by spaces). */
function split(text: string): Piece[] {
  const out: Piece[] = [];
  let start = 0,
    line = 0,
    startLine = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    line++;
    const lineStart = text.lastIndexOf("\n", i - 1) + 1;
    if (text[lineStart] === "}" && text.slice(lineStart + 1, i).trim() === "") {
      out.push({ text: text.slice(start, i + 1), offset: start, line: startLine });
      start = i + 1;
      startLine = line;
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start, line: startLine });
  return out;
}

/**
 * A piece's result with the list of its position records: the objects with `file`, `line` and
 * `offset` (Loc, SourceInfo), each once even where the IR shares it. Collected once per parse,
 * so moving a piece is one pass over that list — no walk, no copy.
 */
function entry(parsed: ParsedFile): Entry {
  const positions: Position[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== "object" || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) walk(o[k]);
    if (typeof o["offset"] === "number" && typeof o["line"] === "number" && typeof o["file"] === "string")
      positions.push(o as unknown as Position);
  };
  walk(parsed.tables);
  walk(parsed.enums);
  walk(parsed.sequences);
  walk(parsed.domains);
  walk(parsed.views);
  walk(parsed.extensions);
  walk(parsed.composites);
  walk(parsed.functions);
  walk(parsed.triggers);
  walk(parsed.namespaces);
  walk(parsed.diagnostics);
  return { parsed, positions, offset: 0, line: 0 };
}

/**
 * Moves a piece's positions to its place in the file (pieces start at a line start, so columns
 * stay). In place: the records belong to this parser, and an older result is not used again
 * once the file has changed.
 */
function move(e: Entry, offset: number, line: number): void {
  const dOffset = offset - e.offset,
    dLine = line - e.line;
  if (!dOffset && !dLine) return;
  for (const p of e.positions) {
    p.offset += dOffset;
    p.line += dLine;
    if (typeof p.end === "number") p.end += dOffset;
  }
  e.offset = offset;
  e.line = line;
}
