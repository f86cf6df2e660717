/** What a command's `run` receives: parsed arguments, the reporter and the working folder. */
import type { Reporter } from "./report.ts";

export interface Context {
  readonly command: string;
  /** Option values by long name (globals included). */
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
  readonly report: Reporter;
  readonly cwd: string;
}

export const str = (ctx: Context, name: string): string | undefined => {
  const v = ctx.values[name];
  return typeof v === "string" ? v : undefined;
};
export const flag = (ctx: Context, name: string): boolean => ctx.values[name] === true;
