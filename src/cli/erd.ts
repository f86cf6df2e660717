/**
 * `schemavc erd [-o FILE] [PATH]`: the schema as a Mermaid entity-relationship diagram (text that
 * GitHub renders in Markdown), on stdout or into FILE. A `.md` FILE gets the diagram inside a
 * ```mermaid fence.
 */
import { writeFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { UsageError } from "./errors.ts";
import { loadValidSchema, openProject } from "./project.ts";
import { mermaidErd } from "../erd/mermaid.ts";

export async function run(ctx: Context): Promise<number> {
  const format = str(ctx, "format") ?? "mermaid";
  if (format !== "mermaid") throw new UsageError(`unknown --format \`${format}\``, "this version writes `mermaid`");
  const project = await openProject(ctx);
  const path = ctx.positionals[0] !== undefined ? resolve(ctx.cwd, ctx.positionals[0]) : project.config.schema;
  const schema = await loadValidSchema(ctx, path, project.dialect);
  const text = mermaidErd(schema);
  const out = str(ctx, "output");
  ctx.report.json({ format, tables: schema.tables.length, ...(out ? { file: out } : { diagram: text }) });
  if (!out) { ctx.report.write(text); return 0; }
  const file = resolve(ctx.cwd, out);
  await writeFile(file, file.endsWith(".md") ? `\`\`\`mermaid\n${text}\`\`\`\n` : text);
  ctx.report.line(`wrote ${relative(ctx.cwd, file) || file} (${schema.tables.length} table${schema.tables.length === 1 ? "" : "s"})`);
  return 0;
}
