/**
 * `schemavc erd [--format mermaid|svg|dot] [-o FILE] [PATH]`: the schema as an
 * entity-relationship diagram, on stdout or into FILE.
 *
 * - `mermaid` (the default): `erDiagram` text, which GitHub renders in Markdown; a `.md` FILE
 *   gets the diagram inside a ```mermaid fence.
 * - `svg`: a picture laid out by Graphviz (compiled to WebAssembly, loaded only for this format).
 * - `dot`: the Graphviz source of that picture, for people who run Graphviz themselves.
 *
 * Without --format, FILE's extension chooses (`.svg` → svg, `.dot`/`.gv` → dot, else mermaid);
 * a --format that contradicts FILE's extension is refused rather than writing, say, Mermaid
 * text into a `.svg` file.
 */
import { writeFile } from "node:fs/promises";
import { extname, relative, resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { loadValidSchema, openProject } from "./project.ts";
import { mermaidErd, mermaidMarkdown } from "../erd/mermaid.ts";
import { dotErd } from "../erd/dot.ts";
import { renderSvg } from "../erd/svg.ts";
import type { Schema } from "../ir/model.ts";

const FORMATS = ["mermaid", "svg", "dot"] as const;
type Format = (typeof FORMATS)[number];

/** The format a file's extension implies, if any. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, Format>> = {
  ".svg": "svg",
  ".dot": "dot",
  ".gv": "dot",
  ".md": "mermaid",
  ".mmd": "mermaid",
  ".mermaid": "mermaid",
};

export async function run(ctx: Context): Promise<number> {
  const out = str(ctx, "output");
  const format = chooseFormat(str(ctx, "format"), out);
  const project = await openProject(ctx);
  const path =
    ctx.positionals[0] !== undefined ? resolve(ctx.cwd, ctx.positionals[0]) : project.config.schema;
  const schema = await loadValidSchema(ctx, path, project.dialect);
  const text = await render(schema, format);
  ctx.report.json({ format, tables: schema.tables.length, ...(out ? { file: out } : { diagram: text }) });
  if (!out) {
    ctx.report.write(text);
    return 0;
  }
  const file = resolve(ctx.cwd, out);
  await writeFile(file, format === "mermaid" && file.endsWith(".md") ? mermaidMarkdown(text) : text);
  ctx.report.line(
    `wrote ${relative(ctx.cwd, file) || file} (${schema.tables.length} table${schema.tables.length === 1 ? "" : "s"})`,
  );
  return 0;
}

function chooseFormat(given: string | undefined, out: string | undefined): Format {
  const implied = out ? FORMAT_OF_EXTENSION[extname(out).toLowerCase()] : undefined;
  if (given === undefined) return implied ?? "mermaid";
  if (!isFormat(given))
    throw new UsageError(`unknown --format \`${given}\``, `the formats are ${FORMATS.join(", ")}`);
  if (implied && implied !== given)
    throw new UsageError(
      `--format ${given} does not go into ${out} (a ${implied} file name)`,
      `drop --format, or name the file for ${given}`,
    );
  return given;
}

const isFormat = (s: string): s is Format => (FORMATS as readonly string[]).includes(s);

async function render(schema: Schema, format: Format): Promise<string> {
  switch (format) {
    case "mermaid":
      return mermaidErd(schema);
    case "dot":
      return dotErd(schema);
    case "svg":
      // renderSvg loads Graphviz (about 800 kB of JavaScript and WebAssembly) on this first use.
      return renderSvg(dotErd(schema));
    default: {
      const never: never = format;
      throw new Error(`unhandled format ${String(never)}`);
    }
  }
}
