/**
 * The command line's stdout and stderr, written synchronously by file descriptor.
 *
 * Why not `process.stdout`/`process.stderr`: in Bun, the first touch of either builds a Node
 * `WriteStream` and loads the streams machinery behind it: 4–5 ms of CPU in every run,
 * `--version` included (issue 19), while a command prints a few lines. A synchronous write also means the
 * output is all out when the process exits, in the order it was written, whatever fd 1 and 2 are.
 *
 * - `EAGAIN` (a descriptor left non-blocking by whoever started us, with its pipe full): wait a
 *   millisecond and write the rest, so nothing is dropped.
 * - `EPIPE` (the reader of `schemavc lint --rules | head -1` has gone): the handler set with
 *   `onClosedPipe` runs (main's: end quietly, exit 0); without one, the error is thrown.
 * - `out`/`err` are properties, so a test can capture what the command line writes.
 */
import { fstatSync, statSync, writeSync } from "node:fs";

let closedPipe: (() => void) | undefined;

/** What to do when a write finds the reader gone (main.ts: exit 0). */
export function onClosedPipe(handler: () => void): void {
  closedPipe = handler;
}

/**
 * The same for a stream the command builds itself (the language server's `process.stdout`):
 * its EPIPE runs the handler instead of ending the process with an uncaught error.
 */
export function endQuietlyOnClosedStream(stream: NodeJS.WritableStream): void {
  stream.on("error", (e: { code?: string }) => {
    if (e.code === "EPIPE" && closedPipe) return closedPipe();
    throw e;
  });
}

/**
 * A millisecond's sleep without an event loop turn (Atomics.wait on a private cell). The cell
 * is made on the first nap: a SharedArrayBuffer at start cost every command a little for a
 * full pipe that is rare.
 */
let cell: Int32Array | undefined;
const nap = () => Atomics.wait((cell ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 1);

/**
 * Writes all of `text` to `fd` through `write` (fs.writeSync; a test passes a fake): the rest
 * after a partial write, again after EAGAIN, the closed-pipe handler on EPIPE.
 */
export function writeAll(
  fd: number,
  text: string,
  write: (fd: number, bytes: Uint8Array) => number = writeSync,
): void {
  let bytes: Uint8Array = Buffer.from(text, "utf8");
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(write(fd, bytes));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === "EAGAIN") nap();
      else if (code === "EPIPE" && closedPipe) {
        closedPipe();
        return;
      } else throw e;
    }
  }
}

export const stdio = {
  out(text: string): void {
    writeAll(1, text);
  },
  err(text: string): void {
    writeAll(2, text);
  },
};

/** The device number of /dev/null, the one character device a standard stream is often sent to. */
let devNull: number | undefined;

/**
 * Whether stdin (0), stdout (1) or stderr (2) is a terminal, without building its stream.
 * Why not `node:tty`'s `isatty`: loading node:tty loads Node's streams (2–3 ms of every run).
 * A terminal is a character device; of the other character devices only /dev/null is a usual
 * place for output, so it is told apart by its device number (where there is one: Windows has
 * no /dev/null, and there every character device a stream is on is the console or NUL).
 */
export function isTerminal(fd: 0 | 1 | 2): boolean {
  try {
    const s = fstatSync(fd);
    if (!s.isCharacterDevice()) return false;
    devNull ??= (() => {
      try {
        return statSync("/dev/null").rdev;
      } catch {
        return -1;
      }
    })();
    return s.rdev !== devNull;
  } catch {
    return false; // closed
  }
}

/** The width in columns of stdout (1) or stderr (2) when it is a terminal (its stream is built only then). */
export const terminalColumns = (fd: 1 | 2 = 1): number | undefined =>
  isTerminal(fd) ? ((fd === 1 ? process.stdout : process.stderr).columns ?? undefined) : undefined;

/** stderr as a spinner sees it: drawn through `stdio.err`, so its frames and lines stay in order. */
export const stderrTerminal = (): {
  readonly isTTY: boolean;
  readonly columns: number | undefined;
  write(text: string): void;
} => ({
  isTTY: isTerminal(2),
  get columns() {
    return terminalColumns(2);
  },
  write: (text: string) => stdio.err(text),
});
