/**
 * The JIT policy of the binary. build.ts starts it with JavaScriptCore's tier-up thresholds
 * scaled ×10 (`--compile-jit-policy`): most runs are short (a 5-table project's `status` runs
 * each function a few times), and compiling code that is about to stop running only takes a
 * core from the work (issue 19: 4–10 ms of CPU less in `status`, `diff` and `generate` of a
 * small project). Work that runs long enough for compiled code to pay — a large schema, a
 * large snapshot, the language server — asks for the normal policy here as it starts.
 *
 * Outside the binary (bun run, bun test, Node) the policy is the normal one already, and this
 * does nothing there that changes anything.
 */

/** Inputs from this size on (characters of schema text or snapshot JSON) are worth the JIT. */
export const LARGE_INPUT = 64 * 1024;

let normal = false;

/** The normal JIT policy from now on (once is enough: it stays until changed). */
export function normalJit(): void {
  if (normal) return;
  normal = true;
  // `typeof Bun`: the npm package runs on Node too. `unsafe.setJITPolicy` is Bun's public API
  // for exactly this (a compiled executable starts with a scale, and sets 1 when it is busy).
  if (typeof Bun !== "undefined") Bun.unsafe.setJITPolicy?.(1);
}

/** The normal policy when the input about to be processed is large (`size` in characters). */
export function normalJitFor(size: number): void {
  if (size >= LARGE_INPUT) normalJit();
}
