/**
 * `schemavc fmt [--check] [PATH]`: rewrites `.schema` files in the canonical style.
 *
 * Each file is formatted on its own by `dsl/format.ts` (only without syntax errors, and only
 * when the new text gives the same schema and keeps every comment); otherwise nothing is
 * written and the file is reported. Writes go through a temporary file and a rename.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { flag, type Context } from "./context.ts";
import { schemaPathFor } from "./config.ts";
import { schemaFiles } from "../dsl/load.ts";
import { formatFile } from "../dsl/format.ts";

export async function run(ctx: Context): Promise<number> {
  const check = flag(ctx, "check");
  const files = await schemaFiles(await schemaPathFor(ctx));
  const results: { file: string; changed: boolean; error?: string }[] = [];
  let failed = false;
  for (const path of files) {
    const name = relative(ctx.cwd, path) || path;
    const text = await readFile(path, "utf8");
    const result = formatFile(text, name);
    if (result.text === undefined) {
      if (result.syntax.length) ctx.report.diagnostics(result.syntax, new Map([[name, text]]));
      else
        ctx.report.error(
          `${name}: not formatted: ${result.problem}`,
          "this is a bug in schemavc fmt; the file was left as it was",
        );
      results.push({ file: name, changed: false, error: result.problem });
      failed = true;
      continue;
    }
    const formatted = result.text;
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
    ctx.report.info(
      changed
        ? `${changed} of ${results.length} file(s) not formatted; run \`schemavc fmt\``
        : `${results.length} file(s) formatted`,
    );
    return changed ? 3 : 0;
  }
  if (!changed) ctx.report.info(`${results.length} file(s) already formatted`);
  return 0;
}
