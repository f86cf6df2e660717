/**
 * The config as a CLI command sees it: `--config FILE` or `schemavc.toml` in the working folder
 * (the loading itself is `src/project/config.ts`, shared with the language server).
 */
import { resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { loadConfigAt, type Config } from "../project/config.ts";

export async function loadConfig(ctx: Context): Promise<Config> {
  return loadConfigAt(ctx.cwd, str(ctx, "config"));
}

/** The schema path a command works on: its PATH argument, else the config's. */
export async function schemaPathFor(ctx: Context): Promise<string> {
  const arg = ctx.positionals[0];
  if (arg !== undefined) return resolve(ctx.cwd, arg);
  return (await loadConfig(ctx)).schema;
}
