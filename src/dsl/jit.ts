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
 * it first reads a file (`applyOutOfFtl`), so a command that parses nothing never loads bun:jsc.
 */
import { createRequire } from "node:module";

type Target = object | ((...args: never[]) => unknown);

/** Functions and prototypes named, not yet marked. */
const pending: Target[] = [];

/** Names functions, and the methods of prototypes, to keep out of the FTL tier. */
export function outOfFtl(...targets: readonly Target[]): void {
  pending.push(...targets);
}

/** Marks what `outOfFtl` named since the last call (nothing on Node: no bun:jsc, no FTL). */
export function applyOutOfFtl(): void {
  if (!pending.length) return;
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
