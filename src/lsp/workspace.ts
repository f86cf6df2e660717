/**
 * What the language server knows: the editor's open documents over the files on disk, and per
 * project (the folder of the nearest `schemavc.toml`) the schema loaded exactly as the CLI loads
 * it — every `.schema` file under the config's schema path, parsed, merged, validated, then
 * checked by the project's dialect. Each file's parse is kept until its text changes, and within
 * a file each top-level declaration's (incremental.ts), so an edit re-parses the declaration it
 * touched and re-runs the merge and the validation.
 *
 * File names inside the IR and the diagnostics are absolute paths here (the CLI shows them
 * relative to the working folder); the server turns them into URIs.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { mergeParsed, schemaFilesUnder, type LoadedSchema } from "../dsl/load.ts";
import type { ParsedFile } from "../dsl/parse.ts";
import { IncrementalParser } from "./incremental.ts";
import { hasErrors, type Diagnostic } from "../ir/diagnostics.ts";
import { CONFIG_FILE, loadConfigAt } from "../project/config.ts";
import { getDialect } from "../dialects/registry.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { occurrences, type Occurrence } from "./symbols.ts";

export interface Project {
  /** The folder of schemavc.toml, or of the file itself when no config is found. */
  readonly root: string;
  /** A `.schema` file or a folder of them. */
  readonly schemaPath: string;
  readonly dialect: Dialect;
}

export interface Analysis {
  readonly project: Project;
  /** The project's files, absolute, in load order. */
  readonly files: readonly string[];
  readonly loaded: LoadedSchema;
  /** Parser, validator and dialect diagnostics together, as the CLI reports them. */
  readonly diagnostics: readonly Diagnostic[];
  readonly occurrences: readonly Occurrence[];
}

export class Workspace {
  private readonly open = new Map<string, string>();
  private readonly parsed = new Map<string, { text: string; file: ParsedFile }>();
  private readonly parsers = new Map<string, IncrementalParser>();
  private readonly disk = new Map<string, { mtimeMs: number; size: number; text: string }>();
  private readonly analyses = new Map<string, Analysis>();
  /** Each file's project, until a watched file changes (a schemavc.toml edit reaches us that way). */
  private readonly projects = new Map<string, Promise<Project>>();

  /** The editor's text of `path` (didOpen/didChange); undefined closes it (the disk text counts again). */
  setOpen(path: string, text: string | undefined): void {
    if (text === undefined) this.open.delete(path);
    else this.open.set(path, text);
    this.analyses.clear();
  }

  /** A file changed on disk (watched-files notification). */
  touched(path: string): void {
    this.disk.delete(path);
    this.analyses.clear();
    this.projects.clear();
  }

  text(path: string): string | undefined {
    const o = this.open.get(path);
    if (o !== undefined) return o;
    try {
      const st = statSync(path);
      const cached = this.disk.get(path);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.text;
      const text = readFileSync(path, "utf8");
      this.disk.set(path, { mtimeMs: st.mtimeMs, size: st.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  /** The project a file belongs to: the nearest schemavc.toml above it whose schema path contains it. */
  projectOf(path: string): Promise<Project> {
    let p = this.projects.get(path);
    if (!p) this.projects.set(path, (p = this.findProject(path)));
    return p;
  }

  private async findProject(path: string): Promise<Project> {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      if (existsSync(join(dir, CONFIG_FILE))) {
        try {
          const config = await loadConfigAt(dir, undefined, { search: false, keepUnsetVars: true });
          if (path === config.schema || path.startsWith(config.schema + sep))
            return { root: dir, schemaPath: config.schema, dialect: await getDialect(config.dialect) };
        } catch {
          // A malformed config: the file is checked on its own, with the default dialect.
        }
        break;
      }
      if (dirname(dir) === dir) break;
    }
    return { root: dirname(path), schemaPath: path, dialect: await getDialect("sqlite") };
  }

  /** Loads the project of `path` (cached until a text changes). */
  async analyze(path: string): Promise<Analysis> {
    const project = await this.projectOf(path);
    const cached = this.analyses.get(project.schemaPath);
    if (cached) return cached;
    const files = this.filesOf(project.schemaPath);
    if (!files.includes(path)) files.push(path);
    const sources = new Map<string, string>();
    const parsedFiles: ParsedFile[] = [];
    for (const f of files) {
      const text = this.text(f);
      if (text === undefined) continue;
      sources.set(f, text);
      parsedFiles.push(this.parse(f, text));
    }
    const loaded = mergeParsed(parsedFiles, sources);
    const diagnostics = [...loaded.diagnostics];
    if (!hasErrors(diagnostics)) diagnostics.push(...project.dialect.validate(loaded.schema));
    // Occurrences are for definition/references/hover, not diagnostics: built on first use.
    let occ: Occurrence[] | undefined;
    const analysis: Analysis = {
      project,
      files: [...sources.keys()],
      loaded,
      diagnostics,
      get occurrences() {
        return (occ ??= occurrences(loaded.schema));
      },
    };
    this.analyses.set(project.schemaPath, analysis);
    return analysis;
  }

  private parse(path: string, text: string): ParsedFile {
    const hit = this.parsed.get(path);
    if (hit && hit.text === text) return hit.file;
    let parser = this.parsers.get(path);
    if (!parser) this.parsers.set(path, (parser = new IncrementalParser()));
    const file = parser.parse(text, path);
    this.parsed.set(path, { text, file });
    return file;
  }

  /** The `.schema` files at a path, sorted as the CLI sorts them, plus open ones not yet saved. */
  private filesOf(schemaPath: string): string[] {
    let isDir = false;
    try {
      isDir = statSync(schemaPath).isDirectory();
    } catch {
      /* not on disk yet */
    }
    const out = isDir ? schemaFilesUnder(schemaPath) : [schemaPath];
    for (const p of this.open.keys())
      if (!out.includes(p) && p.startsWith(resolve(schemaPath) + sep)) out.push(p);
    return out;
  }
}
