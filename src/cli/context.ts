/** What a command's `run` receives: parsed arguments, the reporter and the working folder. */
import type { Reporter } from "./report.ts";
import { canAsk } from "./prompt.ts";

export interface Context {
  readonly command: string;
  /** Option values by long name (globals included). */
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
  readonly report: Reporter;
  readonly cwd: string;
  /**
   * False: never ask a question, even at a terminal (the library: an application's start-up
   * must not stop for a prompt). Unset: ask when stdin and stderr are terminals (`canAsk`).
   */
  readonly interactive?: boolean;
  /**
   * When the command started, as performance.now() (unset: 0, the process's start). The
   * library sets it: in a long-running application the process started long before the call.
   */
  readonly startedAt?: number;
}

/** Whether this run may ask a person a question: at a terminal, and not run as a library. */
export const mayAsk = (ctx: Context): boolean => ctx.interactive !== false && canAsk();

export const str = (ctx: Context, name: string): string | undefined => {
  const v = ctx.values[name];
  return typeof v === "string" ? v : undefined;
};
export const flag = (ctx: Context, name: string): boolean => ctx.values[name] === true;
