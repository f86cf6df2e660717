/**
 * A schema from its files: one `.schema` file or a folder of them (recursively, merged in path
 * order), parsed, merged and validated. References may cross files; a name defined twice is an
 * error naming both places. Enum type names are resolved here, once every file is read.
 */
import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { join, relative } from "node:path";
import type { Column, ColumnType, EnumType, Schema, Table } from "../ir/model.ts";
import { validateSchema } from "../ir/validate.ts";
import { parseFile, type ParsedFile } from "./parse.ts";
import type { Diagnostic } from "../ir/diagnostics.ts";
import { SchemavcError } from "../core/errors.ts";
import { normalJitFor } from "../core/jit.ts";

export interface LoadedSchema {
  readonly schema: Schema;
  readonly diagnostics: Diagnostic[];
  /** File name (as shown in diagnostics) → text. */
  readonly sources: Map<string, string>;
  /** Declarations per file in source order, for `fmt`. */
  readonly files: readonly ParsedFile[];
}

/** Parses, merges and validates in-memory sources (file name → text), in the map's order. */
export function loadSources(sources: ReadonlyMap<string, string>): LoadedSchema {
  // A large schema runs the parser and everything after it long enough for the JIT to pay.
  let size = 0;
  for (const text of sources.values()) size += text.length;
  normalJitFor(size);
  return mergeParsed(
    [...sources].map(([file, text]) => parseFile(text, file)),
    sources,
  );
}

/**
 * Merges files parsed already (in this order) into one validated schema. Split from
 * `loadSources` so the language server can keep each file's parse and redo only the edited one.
 */
export function mergeParsed(
  parsed: readonly ParsedFile[],
  sources: ReadonlyMap<string, string>,
): LoadedSchema {
  const diagnostics = parsed.flatMap((f) => f.diagnostics);
  const enums = parsed.flatMap((f) => f.enums);
  const enumNames = new Set(enums.map((e) => e.name));
  const files = parsed.map((f) => ({ ...f, tables: f.tables.map((t) => resolveEnumTypes(t, enumNames)) }));
  const tables = files.flatMap((f) => f.tables);
  const fileTrailing = Object.fromEntries(
    files.filter((f) => f.fileTrailing.length).map((f) => [f.file, f.fileTrailing]),
  );
  const sequences = parsed.flatMap((f) => f.sequences);
  // A domain over an enum of the schema is over that enum, as a column is.
  const domains = parsed.flatMap((f) =>
    f.domains.map((d) =>
      d.type.kind === "native" && !d.type.args && !d.type.array && enumNames.has(d.type.name)
        ? { ...d, type: { kind: "enum" as const, name: d.type.name } }
        : d,
    ),
  );
  const views = parsed.flatMap((f) => f.views);
  const extensions = parsed.flatMap((f) => f.extensions);
  // An attribute of an enum's name is of that enum, as a column is.
  const composites = parsed.flatMap((f) =>
    f.composites.map((t) => ({
      ...t,
      attributes: t.attributes.map((a) =>
        a.type.kind === "native" && !a.type.args && !a.type.array && enumNames.has(a.type.name)
          ? { ...a, type: { kind: "enum" as const, name: a.type.name } }
          : a,
      ),
    })),
  );
  const functions = parsed.flatMap((f) => f.functions);
  const triggers = parsed.flatMap((f) => f.triggers);
  const namespaces = parsed.flatMap((f) => f.namespaces);
  const schema: Schema = {
    ...(namespaces.length ? { namespaces } : {}),
    tables,
    enums,
    ...(sequences.length ? { sequences } : {}),
    ...(domains.length ? { domains } : {}),
    ...(views.length ? { views } : {}),
    ...(extensions.length ? { extensions } : {}),
    ...(composites.length ? { composites } : {}),
    ...(functions.length ? { functions } : {}),
    ...(triggers.length ? { triggers } : {}),
    ...(Object.keys(fileTrailing).length ? { fileTrailing } : {}),
  };
  diagnostics.push(...validateSchema(schema));
  return { schema, diagnostics, sources: new Map(sources), files };
}

/** A column type named like an enum of the schema is that enum (unless it has parameters). */
function resolveEnumTypes(t: Table, enumNames: ReadonlySet<string>): Table {
  // A new list only from the first enum column on (a loop, not a map per table: a large
  // schema's tables are many, and most of their columns are not of an enum).
  let columns: Column[] | undefined;
  for (let i = 0; i < t.columns.length; i++) {
    const c = t.columns[i]!;
    const ty: ColumnType = c.type;
    if (ty.kind === "native" && !ty.args && !ty.array && !ty.unsigned && enumNames.has(ty.name)) {
      columns ??= t.columns.slice(0, i);
      columns.push({ ...c, type: { kind: "enum", name: ty.name } });
    } else columns?.push(c);
  }
  return columns ? { ...t, columns } : t;
}

/**
 * Reads a `.schema` file or every `*.schema` file under a folder (sorted by path) and loads
 * them. File names in diagnostics are relative to `base` (the working folder).
 */
export async function loadSchemaPath(path: string, base = process.cwd()): Promise<LoadedSchema> {
  const files = await schemaFiles(path);
  const sources = new Map<string, string>();
  for (const f of files) sources.set(relative(base, f) || f, readFileSync(f, "utf8"));
  return loadSources(sources);
}

/** The `.schema` files at a path, sorted; an error a person can act on when there are none. */
export async function schemaFiles(path: string): Promise<string[]> {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    throw new SchemavcError(
      `schema path \`${path}\` does not exist`,
      1,
      "pass a .schema file or a folder of them, or run `schemavc init`",
    );
  }
  if (st.isFile()) return [path];
  const out = schemaFilesUnder(path);
  if (!out.length)
    throw new SchemavcError(
      `no .schema files under \`${path}\``,
      1,
      "write a .schema file there, or run `schemavc init`",
    );
  return out;
}

/** Every `*.schema` file under a folder, sorted by path; hidden folders and node_modules skipped. */
export function schemaFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith(".") && e.name !== "node_modules") walk(p);
      } else if (e.name.endsWith(".schema")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export type { EnumType };
