/**
 * The config as a CLI command sees it: `--config FILE`, else the nearest `schemavc.toml` (here
 * or in a folder above), with the environment chosen by `--env NAME` or SCHEMAVC_ENV applied
 * (the loading itself is `src/project/config.ts`, shared with the language server).
 */
import { resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { loadConfigAt, type Config } from "../project/config.ts";

export async function loadConfig(ctx: Context): Promise<Config> {
  const env = str(ctx, "env");
  return loadConfigAt(ctx.cwd, str(ctx, "config"), env !== undefined ? { env } : {});
}

/** The schema path a command works on: its PATH argument, else the config's. */
export async function schemaPathFor(ctx: Context): Promise<string> {
  const arg = ctx.positionals[0];
  if (arg !== undefined) return resolve(ctx.cwd, arg);
  return (await loadConfig(ctx)).schema;
}
