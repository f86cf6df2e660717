/**
 * `schemavc fmt [--check] [PATH]`: rewrites `.schema` files in the canonical style.
 *
 * Each file is formatted on its own and only when it has no syntax error. Before a file is
 * written, its new text is parsed again and must give the same schema and keep every comment;
 * otherwise nothing is written and the file is reported (a formatter bug must never cost a
 * user their schema). Writes go through a temporary file and a rename.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { flag, type Context } from "./context.ts";
import { schemaPathFor } from "./config.ts";
import { schemaFiles } from "../dsl/load.ts";
import { parseFile, type ParsedFile } from "../dsl/parse.ts";
import { printDeclarations } from "../dsl/printer.ts";
import { hasErrors } from "../dsl/diagnostics.ts";
import { canonical } from "../ir/canonical.ts";
import { parseCst } from "../dsl/parser.ts";

export async function run(ctx: Context): Promise<number> {
  const check = flag(ctx, "check");
  const files = await schemaFiles(await schemaPathFor(ctx));
  const results: { file: string; changed: boolean; error?: string }[] = [];
  let failed = false;
  for (const path of files) {
    const name = relative(ctx.cwd, path) || path;
    const text = await readFile(path, "utf8");
    const parsed = parseFile(text, name);
    if (hasErrors(parsed.diagnostics.filter((d) => d.code === "syntax"))) {
      ctx.report.diagnostics(parsed.diagnostics.filter((d) => d.code === "syntax"), new Map([[name, text]]));
      results.push({ file: name, changed: false, error: "syntax errors" });
      failed = true;
      continue;
    }
    const formatted = format(parsed);
    const problem = verify(parsed, formatted, name, text);
    if (problem) {
      ctx.report.error(`${name}: not formatted: ${problem}`, "this is a bug in schemavc fmt; the file was left as it was");
      results.push({ file: name, changed: false, error: problem });
      failed = true;
      continue;
    }
    const changed = formatted !== text;
    results.push({ file: name, changed });
    if (!changed) continue;
    if (check) ctx.report.line(`${name}: not formatted`);
    else {
      const tmp = `${path}.schemavc-fmt.tmp`;
      await writeFile(tmp, formatted);
      await rename(tmp, path);
      ctx.report.line(`formatted ${name}`);
    }
  }
  const changed = results.filter((r) => r.changed).length;
  ctx.report.json({ check, files: results, changed });
  if (failed) return 1;
  if (check) {
    ctx.report.info(changed ? `${changed} of ${results.length} file(s) not formatted; run \`schemavc fmt\`` : `${results.length} file(s) formatted`);
    return changed ? 3 : 0;
  }
  if (!changed) ctx.report.info(`${results.length} file(s) already formatted`);
  return 0;
}

export function format(parsed: ParsedFile): string {
  return printDeclarations(parsed.tables, parsed.enums, parsed.order, parsed.fileTrailing);
}

/** Why `formatted` would lose something of `parsed`, or undefined when it keeps everything. */
function verify(parsed: ParsedFile, formatted: string, name: string, original: string): string | undefined {
  const again = parseFile(formatted, name);
  if (hasErrors(again.diagnostics.filter((d) => d.code === "syntax"))) return "the formatted text does not parse";
  const schemaOf = (p: ParsedFile) => JSON.stringify(canonical({ tables: p.tables, enums: p.enums }));
  if (schemaOf(again) !== schemaOf(parsed)) return "the formatted text gives a different schema";
  // Comments are counted in the texts themselves (by the lexer), not in the IR: a comment the
  // IR failed to keep must not pass unnoticed.
  const comments = (text: string) => parseCst(text).comments.map((c) => c.image.replace(/^\/\/\/?\s*/, "").trimEnd()).filter((c) => c !== "").sort().join("\n");
  if (comments(formatted) !== comments(original)) return "the formatted text would lose or change comments";
  return undefined;
}
