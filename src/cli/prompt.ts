/**
 * Questions to a person at a terminal; never asked when stdin or stderr is not a terminal.
 * node:readline is imported when a question is asked: every command imports this module (for
 * `canAsk`), and loading readline costs 4-9 ms of the binary's start (issue 19).
 */

import { isTerminal } from "./stdio.ts";

// By descriptor: `process.stdin.isTTY` would build stdin's stream, which a run that asks
// nothing never needs.
export const canAsk = (): boolean => isTerminal(2) && isTerminal(0);

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
