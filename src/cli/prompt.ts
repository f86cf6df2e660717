/**
 * Questions to a person at a terminal; never asked when stdin or stderr is not a terminal.
 * node:readline is imported when a question is asked: every command imports this module (for
 * `canAsk`), and loading readline costs 4-9 ms of the binary's start (issue 19).
 */

// stderr first: its stream exists already (main.ts), while reading `process.stdin` builds stdin's
// stream, which a run whose stderr is no terminal (a script, CI) never needs.
export const canAsk = (): boolean => Boolean(process.stderr.isTTY && process.stdin.isTTY);

/** Asks on stderr, reads one line; anything but y/yes is no. */
export async function askYesNo(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
