/**
 * How a run that failed ends, for `main.ts`: an error a person can act on is one `error:` line
 * on stderr (then the database's `detail:` and our `hint:`), with `--json` also one JSON
 * document on stdout (`{"error": {"message", "detail", "hint", "exitCode"}}`: the contract's
 * exactly one document, so a script reads the failure where it reads the result); anything else
 * is a bug, printed with its stack so it can be reported. A closed pipe (`schemavc lint --rules
 * | head -1`) is not a failure: the reader has all it wanted, so the run ends quietly, exit 0.
 */
import { SchemavcError } from "../core/errors.ts";
import { stdio } from "./stdio.ts";

/** Whether `e` is a write to a pipe whose reader has gone. */
export const isClosedPipe = (e: unknown): boolean => (e as { code?: string } | undefined)?.code === "EPIPE";

/** Prints the failure `e` of a run (`json`: `--json` was given) and returns the exit code. */
export function reportFailure(e: unknown, json: boolean): number {
  if (isClosedPipe(e)) return 0;
  const known = e instanceof SchemavcError;
  const message = known ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
  const exitCode = known ? e.exitCode : 1;
  stdio.err(`error: ${message}\n`);
  if (known && e.detail) stdio.err(`  detail: ${e.detail}\n`);
  if (known && e.hint) stdio.err(`  hint: ${e.hint}\n`);
  if (!known) stdio.err("Please report this as a bug.\n");
  if (json) {
    const error = {
      message,
      ...(known && e.detail ? { detail: e.detail } : {}),
      ...(known && e.hint ? { hint: e.hint } : {}),
      exitCode,
    };
    stdio.out(`${JSON.stringify({ error }, null, 2)}\n`);
  }
  return exitCode;
}
