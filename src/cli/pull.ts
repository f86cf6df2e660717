/**
 * `schemavc pull [--split] [--out PATH]`: reads the live database and writes `.schema` files
 * equivalent to it (adopting an existing database: `pull`, `generate -m baseline`, `stamp`).
 *
 * Where the project has migrations, the live schema is written in the words of the latest
 * snapshot wherever they mean the same on this database (`reconcile`): a `uuid` column stays
 * `uuid` on MySQL, enum names and doc comments survive SQLite. What the language cannot express
 * (views, triggers, functions, free-standing sequences) is listed as a warning, never dropped
 * silently. Before anything is written the new text is parsed again and must give the same
 * schema on this database; existing `.schema` files are replaced only with `--yes`.
 */
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { flag, str, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import { loadMigrations, openProject } from "./project.ts";
import { openDatabase } from "./database.ts";
import { OWN_TABLES } from "../migrate/history.ts";
import { liveDifferences, reconcile } from "../dialects/compare.ts";
import { describe } from "../diff/summary.ts";
import type { Schema } from "../ir/model.ts";
import { withSpinner } from "./spinner.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const conn = await openDatabase(ctx, project, str(ctx, "url"));
  let live: Awaited<ReturnType<typeof project.dialect.introspect>>;
  try {
    live = await withSpinner(ctx, "reading the database schema", () =>
      project.dialect.introspect(conn, { exclude: OWN_TABLES }),
    );
  } finally {
    await conn.close().catch(() => {});
  }
  const migrations = await loadMigrations(project, ctx.cwd, false).catch(() => []);
  const hint = migrations.at(-1)?.snapshot.schema;
  const schema = hint ? reconcile(project.dialect, live.schema, hint) : live.schema;

  const { printDeclarations } = await import("../dsl/printer.ts");
  const { loadSources, schemaFiles } = await import("../dsl/load.ts");
  const out = resolve(ctx.cwd, str(ctx, "out") ?? project.config.schema);
  const split = flag(ctx, "split");
  const isFolder = split || !out.endsWith(".schema");
  const files = new Map<string, string>();
  if (split) {
    if (schema.enums.length) files.set(join(out, "enums.schema"), printDeclarations([], schema.enums));
    for (const t of schema.tables)
      files.set(join(out, `${fileName(t.name)}.schema`), printDeclarations([t], []));
  } else {
    files.set(isFolder ? join(out, "schema.schema") : out, printDeclarations(schema.tables, schema.enums));
  }

  // The files must read back as what the database holds: a printer or reader bug stops here.
  const reread = loadSources(new Map([...files].map(([p, text]) => [relative(ctx.cwd, p), text])));
  const errors = reread.diagnostics.filter((d) => d.severity === "error");
  const lost = errors.length ? [] : liveDifferences(project.dialect, live.schema, reread.schema);
  if (errors.length || lost.length) {
    throw new SchemavcError(
      `pull could not write files equivalent to the database: ${errors.length ? errors[0]!.message : describe(lost[0]!)}`,
      1,
      "nothing was written; this is a bug in schemavc pull, please report it",
    );
  }

  const existing = await stat(out).then(
    (s) => (s.isDirectory() ? schemaFiles(out).catch(() => [] as string[]) : [out]),
    () => [] as string[],
  );
  if (existing.length && !flag(ctx, "yes")) {
    throw new SchemavcError(
      `${relative(ctx.cwd, out) || out} already holds ${existing.length} .schema file${existing.length === 1 ? "" : "s"}`,
      1,
      "pass --yes to replace them, or --out PATH to write elsewhere",
    );
  }
  for (const f of existing) await rm(f);
  for (const [path, text] of files) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  for (const s of live.skipped) ctx.report.warn(`not pulled (the schema language cannot express it): ${s}`);
  const names = [...files.keys()].map((p) => relative(ctx.cwd, p) || p);
  ctx.report.json({
    files: names,
    tables: schema.tables.length,
    enums: schema.enums.length,
    skipped: live.skipped,
  });
  ctx.report.note(`wrote ${names.join(", ")} (${count(schema, "tables")}, ${count(schema, "enums")})`);
  return 0;
}

const count = (s: Schema, k: "tables" | "enums") =>
  `${s[k].length} ${s[k].length === 1 ? k.slice(0, -1) : k}`;

/** A table name as a file name: characters a file system may refuse become `_`. */
const fileName = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, "_") || "_";
