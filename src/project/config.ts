/**
 * `schemavc.toml`: the project's settings (cli-contract.md): `dialect`, `schema` (a file or
 * folder), `migrations` (a folder), `url`, `schemas` (PostgreSQL's schemas to read), and named environments (`[env.NAME]`, each with its
 * own `url` and any of the other keys). Paths in it are relative to the file's folder.
 *
 * - Found as git finds its repository: in the working folder, else in the nearest folder
 *   above it. A project with no file anywhere above uses the defaults (not an error).
 * - Every mistake is an error naming the file: a TOML syntax error with its line:col, an
 *   unknown key with "did you mean" (`dialet` → `dialect`; a typo must not silently fall back
 *   to a default), a value of the wrong kind, an unknown environment.
 * - `${VAR}` (and `${VAR:-default}`) in a value is read from the environment; an unset
 *   variable is an error naming it, never an empty string that would point at another database.
 *
 * Shared by the CLI and the language server.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { SchemavcError } from "../core/errors.ts";
import { DIALECT_NAMES, type DialectName } from "../dialects/dialect.ts";
import { rebaseFileUrl } from "../dialects/url.ts";
import { didYouMean } from "../ir/diagnostics.ts";

export interface Config {
  /** The file it came from, or undefined when there is none. */
  readonly file?: string;
  readonly dialect: DialectName;
  readonly schema: string;
  readonly migrations: string;
  /**
   * The connection. A relative SQLite path in it is relative to the config's folder; it is
   * rewritten relative to the working folder (where the driver opens it) when they differ.
   */
  readonly url?: string;
  /** The named environment chosen (`--env NAME` or SCHEMAVC_ENV), when there is one. */
  readonly env?: string;
  /** The chosen environment sets `url` itself: it outranks DATABASE_URL (choosing it is explicit). */
  readonly urlFromEnv?: boolean;
  /**
   * PostgreSQL: the schemas `pull` and drift read besides the current one (`schemas = ["sales"]`);
   * absent, every schema the user owns (issue 17.4).
   */
  readonly schemas?: readonly string[];
}

export const CONFIG_FILE = "schemavc.toml";

/** The keys a config (and each `[env.NAME]` table, but for `env`) may hold. */
export const CONFIG_KEYS = ["dialect", "schema", "migrations", "url", "schemas", "env"] as const;
const ENV_KEYS = CONFIG_KEYS.filter((k) => k !== "env");

export interface ConfigOptions {
  /** The environment to apply (`--env NAME`); default: SCHEMAVC_ENV of `vars`. */
  readonly env?: string;
  /** Where `${VAR}` is read (default: process.env). */
  readonly vars?: Readonly<Record<string, string | undefined>>;
  /** Look in the folders above `cwd` too (default true). */
  readonly search?: boolean;
  /** An unset `${VAR}` stays as written instead of failing (the language server, which never connects). */
  readonly keepUnsetVars?: boolean;
}

/** The nearest `schemavc.toml`: in `cwd`, else in the folders above it; undefined when none. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The config of a project whose folder is `cwd` (or the `explicit` file), defaults when there is none. */
export async function loadConfigAt(
  cwd: string,
  explicit?: string,
  opts: ConfigOptions = {},
): Promise<Config> {
  const vars = opts.vars ?? process.env;
  const envName = opts.env ?? (vars["SCHEMAVC_ENV"] || undefined);
  const found = explicit
    ? resolve(cwd, explicit)
    : opts.search === false
      ? resolve(cwd, CONFIG_FILE)
      : findConfigFile(cwd);
  let text: string | undefined;
  try {
    if (found) text = readFileSync(found, "utf8");
  } catch {
    if (explicit)
      throw new SchemavcError(`config file \`${explicit}\` not found`, 1, "check the path given to --config");
  }
  if (text === undefined || found === undefined) {
    if (envName)
      throw new SchemavcError(
        `environment \`${envName}\` chosen (${opts.env ? "--env" : "SCHEMAVC_ENV"}), but there is no schemavc.toml`,
        1,
        "define it as [env.NAME] in schemavc.toml, or leave out --env and SCHEMAVC_ENV",
      );
    return { dialect: "sqlite", schema: resolve(cwd, "schema"), migrations: resolve(cwd, "migrations") };
  }
  const file = found;
  const base = dirname(file);
  // How the file is named in messages: as given, else relative to the working folder.
  const shown = explicit ?? (relative(cwd, file) || CONFIG_FILE);
  const data = await parseToml(text, shown);
  const top = checkTable(data, CONFIG_KEYS, shown, "");
  const envs = envTables(top["env"], shown);
  let chosen: Record<string, unknown> = {};
  if (envName) {
    const t = envs.get(envName);
    if (!t) {
      const names = [...envs.keys()];
      throw new SchemavcError(
        `${shown}: no environment \`${envName}\` (chosen by ${opts.env ? "--env" : "SCHEMAVC_ENV"})`,
        1,
        didYouMean(envName, names) ??
          (names.length ? `defined: ${names.join(", ")}` : "define it as [env.NAME] with its own `url`"),
      );
    }
    chosen = t;
  }
  const get = (key: string): string | undefined => {
    const [v, where] = chosen[key] !== undefined ? [chosen[key], `env.${envName}.`] : [top[key], ""];
    if (v === undefined) return undefined;
    if (typeof v !== "string")
      throw new SchemavcError(
        `${shown}: \`${where}${key}\` must be a string`,
        1,
        `write it in quotes: ${key} = "..."`,
      );
    return expandVars(v, vars, `${shown}: \`${where}${key}\``, opts.keepUnsetVars ?? false);
  };
  const dialect = get("dialect") ?? "sqlite";
  if (!DIALECT_NAMES.includes(dialect as DialectName)) {
    throw new SchemavcError(
      `${shown}: unknown dialect \`${dialect}\``,
      1,
      didYouMean(dialect, DIALECT_NAMES) ?? `use one of ${DIALECT_NAMES.join(", ")}`,
    );
  }
  const url = get("url");
  const [rawSchemas, schemasAt] =
    chosen["schemas"] !== undefined ? [chosen["schemas"], `env.${envName}.`] : [top["schemas"], ""];
  if (
    rawSchemas !== undefined &&
    (!Array.isArray(rawSchemas) || rawSchemas.some((x) => typeof x !== "string"))
  )
    throw new SchemavcError(
      `${shown}: \`${schemasAt}schemas\` must be a list of schema names`,
      1,
      'write it as schemas = ["sales", "archive"]',
    );
  return {
    file,
    dialect: dialect as DialectName,
    schema: resolve(base, get("schema") ?? "schema"),
    migrations: resolve(base, get("migrations") ?? "migrations"),
    ...(url !== undefined ? { url: rebaseFileUrl(url, base, cwd) } : {}),
    ...(envName ? { env: envName } : {}),
    ...(chosen["url"] !== undefined ? { urlFromEnv: true } : {}),
    ...(rawSchemas !== undefined ? { schemas: rawSchemas as string[] } : {}),
  };
}

async function parseToml(text: string, shown: string): Promise<Record<string, unknown>> {
  const { parse, TomlError } = await import("smol-toml");
  try {
    return parse(text) as Record<string, unknown>;
  } catch (e) {
    // smol-toml's message is "Invalid TOML document: WHAT" then a code block; its position is
    // in `line`/`column` (1-based), shown the way the schema's own errors show theirs.
    const what = (e as Error).message.split("\n")[0]!.replace(/^Invalid TOML document: /, "");
    const at = e instanceof TomlError ? `:${e.line}:${e.column}` : "";
    throw new SchemavcError(`${shown}${at}: ${what}`, 1, "fix the TOML syntax of the config file");
  }
}

/** The table's keys checked against `allowed`: an unknown one is an error with did-you-mean. */
function checkTable(
  t: Record<string, unknown>,
  allowed: readonly string[],
  shown: string,
  where: string,
): Record<string, unknown> {
  for (const key of Object.keys(t)) {
    if (allowed.includes(key)) continue;
    throw new SchemavcError(
      `${shown}: unknown key \`${where}${key}\``,
      1,
      didYouMean(key, allowed) ?? `the keys are ${allowed.map((k) => `\`${k}\``).join(", ")}`,
    );
  }
  return t;
}

/** `[env.NAME]` tables by name, each checked. */
function envTables(v: unknown, shown: string): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  if (v === undefined) return out;
  if (!isTable(v))
    throw new SchemavcError(
      `${shown}: \`env\` must be a table of environments`,
      1,
      "write [env.NAME] sections",
    );
  for (const [name, t] of Object.entries(v)) {
    if (!isTable(t))
      throw new SchemavcError(
        `${shown}: \`env.${name}\` must be a table`,
        1,
        `write [env.${name}] with url = "..." under it`,
      );
    out.set(name, checkTable(t, ENV_KEYS, shown, `env.${name}.`));
  }
  return out;
}

const isTable = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** `${VAR}` and `${VAR:-default}` replaced from `vars`; an unset VAR (with no default) is an error. */
export function expandVars(
  value: string,
  vars: Readonly<Record<string, string | undefined>>,
  where: string,
  keepUnset = false,
): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (whole, name: string, fallback: string | undefined) => {
      const v = vars[name];
      if (v !== undefined && v !== "") return v;
      if (fallback !== undefined) return fallback;
      if (v !== undefined) return v;
      if (keepUnset) return whole;
      throw new SchemavcError(
        `${where} uses \${${name}}, which is not set in the environment`,
        1,
        `export ${name}=... before running, or write \${${name}:-default}`,
      );
    },
  );
}
