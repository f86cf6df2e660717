/**
 * Fleet targets: the databases one command runs against.
 *
 * - `--targets FILE`: one URL per line; blank lines and `#` comments ignored; `${VAR}` replaced
 *   from the environment (an unset variable is an error naming the line, never an empty string
 *   that would point at another database).
 * - `--targets-glob 'sqlite:tenants/*.db'`: the SQLite files matching a pattern, relative to the
 *   working folder, in sorted order.
 *
 * Library code: errors are thrown as `TargetsError`.
 */
import { readFileSync } from "node:fs";
import { sqlitePath } from "../dialects/sqlite/path.ts";
import { isAbsolute, relative, resolve } from "node:path";
import { SchemavcError } from "../core/errors.ts";

export class TargetsError extends SchemavcError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint);
    this.name = "TargetsError";
  }
}

export function parseTargets(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  file: string,
): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) return;
    const url = line.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
      const v = env[name];
      if (v === undefined)
        throw new TargetsError(
          `${file}:${i + 1}: \${${name}} is not set in the environment`,
          `export ${name}=... before running, or write the value in the file`,
        );
      return v;
    });
    out.push(url);
  });
  const seen = new Set<string>();
  for (const u of out) {
    if (seen.has(u))
      throw new TargetsError(
        `${file}: the target ${u.replace(/:\/\/([^:/@]*):[^@/]*@/, "://$1:***@")} is listed twice`,
        "each database once: two runners on one database would only wait for each other",
      );
    seen.add(u);
  }
  if (!out.length) throw new TargetsError(`${file} lists no targets`, "one database URL per line");
  return out;
}

export function readTargetsFile(
  path: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), "utf8");
  } catch (e) {
    throw new TargetsError(`cannot read the targets file ${path}: ${(e as Error).message}`);
  }
  return parseTargets(text, env, path);
}

/** `sqlite:tenants/*.db` → `sqlite:tenants/a.db`, ... (sorted); the scheme is kept as written. */
export function globTargets(pattern: string, cwd: string): string[] {
  const m = /^(sqlite|file):(?:\/\/)?(.*)$/i.exec(pattern);
  if (!m)
    throw new TargetsError(
      `--targets-glob takes a SQLite pattern such as 'sqlite:tenants/*.db', not \`${pattern}\``,
      "for servers, list the URLs in a file and pass --targets FILE",
    );
  const [, scheme] = m;
  // SQLAlchemy's `sqlite:///tenants/*.db` is relative, `sqlite:////srv/*.db` absolute (`sqlitePath`).
  const path = scheme!.toLowerCase() === "sqlite" ? sqlitePath(pattern) : m[2];
  const base = isAbsolute(path!) ? "/" : cwd;
  // Bun's glob: Node 20 has none (fs.globSync is Node 22), so the npm package's CLI on Node says so.
  if (typeof Bun === "undefined")
    throw new TargetsError(
      "--targets-glob needs Bun (the standalone binary, or `bunx --bun schemavc`)",
      "on Node, list the databases in a file and pass --targets FILE",
    );
  const glob = new Bun.Glob(isAbsolute(path!) ? path!.slice(1) : path!);
  const files = [...glob.scanSync({ cwd: base, onlyFiles: true, dot: false })].sort();
  if (!files.length) throw new TargetsError(`no file matches ${pattern} (from ${cwd})`);
  return files.map(
    (f) => `${scheme}:${isAbsolute(path!) ? resolve("/", f) : relative(cwd, resolve(cwd, f))}`,
  );
}
