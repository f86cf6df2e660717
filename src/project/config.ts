/**
 * `schemavc.toml`: the project's settings (cli-contract.md): `dialect`, `schema` (a file or
 * folder), `migrations` (a folder), `url`. Paths in it are relative to the file's folder.
 * A missing file is not an error (defaults apply); a malformed one is, naming the file.
 * Shared by the CLI and the language server.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { SchemavcError } from "../core/errors.ts";
import { DIALECT_NAMES, type DialectName } from "../dialects/dialect.ts";

export interface Config {
  /** The file it came from, or undefined when there is none. */
  readonly file?: string;
  readonly dialect: DialectName;
  readonly schema: string;
  readonly migrations: string;
  readonly url?: string;
}

export const CONFIG_FILE = "schemavc.toml";

/** The config of a project whose folder is `cwd` (or the `explicit` file), defaults when there is none. */
export async function loadConfigAt(cwd: string, explicit?: string): Promise<Config> {
  const file = resolve(cwd, explicit ?? CONFIG_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, "utf8");
  } catch {
    if (explicit)
      throw new SchemavcError(`config file \`${explicit}\` not found`, 1, "check the path given to --config");
  }
  const base = text === undefined ? cwd : dirname(file);
  const defaults = {
    dialect: "sqlite" as DialectName,
    schema: resolve(base, "schema"),
    migrations: resolve(base, "migrations"),
  };
  if (text === undefined) return defaults;
  const { parse } = await import("smol-toml");
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new SchemavcError(
      `${explicit ?? CONFIG_FILE}: ${(e as Error).message.split("\n")[0]}`,
      1,
      "fix the TOML syntax of the config file",
    );
  }
  const get = (key: string): string | undefined => {
    const v = data[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string")
      throw new SchemavcError(`${explicit ?? CONFIG_FILE}: \`${key}\` must be a string`, 1);
    return v;
  };
  const dialect = get("dialect") ?? "sqlite";
  if (!DIALECT_NAMES.includes(dialect as DialectName)) {
    throw new SchemavcError(
      `${explicit ?? CONFIG_FILE}: unknown dialect \`${dialect}\``,
      1,
      `use one of ${DIALECT_NAMES.join(", ")}`,
    );
  }
  const url = get("url");
  return {
    file,
    dialect: dialect as DialectName,
    schema: resolve(base, get("schema") ?? "schema"),
    migrations: resolve(base, get("migrations") ?? "migrations"),
    ...(url !== undefined ? { url } : {}),
  };
}
