/**
 * Formatting one file's text in the canonical style, safely: shared by `schemavc fmt` and the
 * language server. A file with syntax errors is not formatted (recovery may have skipped text);
 * the formatted text is parsed again and must give the same schema and keep every comment,
 * otherwise it is refused (a formatter bug must never cost a user their schema).
 */
import { parseFile, type ParsedFile } from "./parse.ts";
import { printDeclarations } from "./printer.ts";
import { hasErrors, type Diagnostic } from "../ir/diagnostics.ts";
import { parseCst } from "./cst-parse.ts";
import { canonical } from "../ir/canonical.ts";

export type FormatResult =
  | { readonly text: string; readonly problem?: undefined; readonly syntax?: undefined }
  | { readonly text?: undefined; readonly problem: string; readonly syntax: readonly Diagnostic[] };

/** The canonical text of `text` (file name `name` for diagnostics), or why it cannot be given. */
export function formatFile(text: string, name: string): FormatResult {
  const parsed = parseFile(text, name);
  const syntax = parsed.diagnostics.filter((d) => d.code === "syntax");
  if (hasErrors(syntax)) return { problem: "syntax errors", syntax };
  const formatted = format(parsed);
  const problem = verify(parsed, formatted, name, text);
  return problem ? { problem, syntax: [] } : { text: formatted };
}

/** The declarations of a parsed file printed in their source order, with its comments. */
export function format(parsed: ParsedFile): string {
  return printDeclarations(parsed.tables, parsed.enums, parsed.order, parsed.fileTrailing, parsed);
}

/** Why `formatted` would lose something of `parsed`, or undefined when it keeps everything. */
function verify(parsed: ParsedFile, formatted: string, name: string, original: string): string | undefined {
  const again = parseFile(formatted, name);
  if (hasErrors(again.diagnostics.filter((d) => d.code === "syntax")))
    return "the formatted text does not parse";
  // Keys sorted: a column's attributes may come in any order in the source, and with them its fields.
  const sortedKeys = (_k: string, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v;
  const schemaOf = (p: ParsedFile) =>
    JSON.stringify(
      canonical({
        tables: p.tables,
        enums: p.enums,
        sequences: p.sequences,
        domains: p.domains,
        views: p.views,
        extensions: p.extensions,
        composites: p.composites,
        functions: p.functions,
        triggers: p.triggers,
      }),
      sortedKeys,
    );
  if (schemaOf(again) !== schemaOf(parsed)) return "the formatted text gives a different schema";
  // Comments are counted in the texts themselves (by the lexer), not in the IR: a comment the
  // IR failed to keep must not pass unnoticed.
  const comments = (text: string) =>
    parseCst(text)
      .comments.map((c) => c.image.replace(/^\/\/\/?\s*/, "").trimEnd())
      .filter((c) => c !== "")
      .sort()
      .join("\n");
  if (comments(formatted) !== comments(original)) return "the formatted text would lose or change comments";
  return undefined;
}
