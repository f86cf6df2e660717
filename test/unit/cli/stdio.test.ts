/**
 * The command line's writer (src/cli/stdio.ts): every byte goes out, in order, whatever the
 * descriptor answers — a partial write, EAGAIN from a full non-blocking pipe — and a closed
 * pipe runs the handler instead of throwing.
 */
import { afterEach, expect, test } from "bun:test";
import { onClosedPipe, writeAll } from "../../../src/cli/stdio.ts";

const fail = (code: string) => Object.assign(new Error(code), { code });

afterEach(() => onClosedPipe(() => {}));

test("partial writes and EAGAIN: the rest is written until all of it is out, in order", () => {
  const out: number[] = [];
  let calls = 0;
  writeAll(1, "héllo, wörld", (_fd, bytes) => {
    calls++;
    if (calls % 3 === 0) throw fail("EAGAIN"); // the pipe is full for now
    const n = Math.min(3, bytes.length); // the pipe takes 3 bytes at a time
    out.push(...bytes.subarray(0, n));
    return n;
  });
  expect(Buffer.from(out).toString("utf8")).toBe("héllo, wörld");
  expect(calls).toBeGreaterThan(5);
});

test("EPIPE runs the closed-pipe handler and stops writing", () => {
  let closed = 0;
  let calls = 0;
  onClosedPipe(() => closed++);
  writeAll(1, "gone", () => {
    calls++;
    throw fail("EPIPE");
  });
  expect(closed).toBe(1);
  expect(calls).toBe(1);
});

test("any other error is thrown", () => {
  expect(() =>
    writeAll(1, "x", () => {
      throw fail("EBADF");
    }),
  ).toThrow("EBADF");
});
