/**
 * The JIT policy of the binary. build.ts starts it with JavaScriptCore's tier-up thresholds
 * scaled ×10 (`--compile-jit-policy`): most runs are short (a 5-table project's `status` runs
 * each function a few times), and compiling code that is about to stop running only takes a
 * core from the work (issue 19: 4–10 ms of CPU less in `status`, `diff` and `generate` of a
 * small project). Work that runs long enough for compiled code to pay — a large schema, a
 * large snapshot, the language server — asks for the normal policy here as it starts.
 *
 * Outside the binary (bun run, bun test, Node) the policy is the normal one already.
 *
 * Also here: `outOfFtl`, for functions that should never reach the top (FTL) tier.
 */
import { createRequire } from "node:module";

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

/**
 * Keeps the parser's hot functions out of JavaScriptCore's FTL tier (they still reach the
 * baseline and DFG tiers). Why: a command reads its schema once, and the FTL compilations
 * that the parse of a large schema triggers (the scanner's loop, the descent's rules with
 * their helpers inlined, the visitor's column methods) cost more compiler-thread time than
 * the parse itself and arrive when it is nearly over. On two cores that time is taken from
 * the parse. Parsing the 1,000-table benchmark schema (compiled, cold, medians of 15): process
 * CPU 439 -> 290 ms, wall 246 -> 178 ms. A long-running language server loses little: DFG code
 * is most of FTL's speed on this kind of code. `noFTL` is bun:jsc's public API for this.
 *
 * The modules name their hot functions as they load (`outOfFtl`); parse.ts applies that when
 * it reads a file with the normal policy on (`applyOutOfFtl`), so a command that parses nothing
 * large never loads bun:jsc.
 */
type Target = object | ((...args: never[]) => unknown);

/** Functions and prototypes named, not yet marked. */
const pending: Target[] = [];

/** Names functions, and the methods of prototypes, to keep out of the FTL tier. */
export function outOfFtl(...targets: readonly Target[]): void {
  pending.push(...targets);
}

/**
 * Marks what `outOfFtl` named since the last call (nothing on Node: no bun:jsc, no FTL), once
 * the normal policy is in effect: under the binary's scaled thresholds a small input never
 * reaches FTL, and loading bun:jsc and marking took a small project's parse about 0.4 ms.
 */
export function applyOutOfFtl(): void {
  if (!normal || !pending.length) return;
  const targets = pending.splice(0);
  // Required at run time, not imported: the npm package runs on Node too, which has no `bun:` module.
  if (typeof Bun === "undefined") return;
  const { noFTL } = createRequire(import.meta.url)("bun:jsc") as typeof import("bun:jsc");
  for (const t of targets) {
    if (typeof t === "function") {
      noFTL(t as (...args: unknown[]) => unknown);
      continue;
    }
    for (const key of Object.getOwnPropertyNames(t)) {
      const value = Object.getOwnPropertyDescriptor(t, key)?.value;
      if (key !== "constructor" && typeof value === "function") noFTL(value);
    }
  }
}
