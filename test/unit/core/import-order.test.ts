/**
 * One direction of imports: a stage of `src/` imports only itself and the stages before it
 * (text → IR → plan → SQL → runner → commands). A module that needs something of a later
 * stage takes it as a parameter (an interface declared where it is used) instead.
 */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The stages in order; a folder of `src/` (or a file at its top) and its rank. */
export const STAGES: Readonly<Record<string, number>> = {
  core: 0,
  util: 0,
  "version.ts": 0,
  ir: 1,
  dsl: 2,
  diff: 3,
  dialects: 4,
  project: 5,
  migrate: 6,
  lint: 7,
  erd: 7,
  fleet: 8,
  lsp: 9,
  cli: 10,
  "main.ts": 11,
  // The npm package's library: the commands run for an application (beside main.ts, their other entry).
  lib: 11,
};

const SRC = resolve(import.meta.dir, "../../../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The relative module specifiers of a file: static imports and re-exports, and dynamic imports. */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;"']*?\bfrom\s*"(\.[^"]+)"/g))
    out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*"(\.[^"]+)"/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*"(\.[^"]+)"\s*\)/g)) out.push(m[1]!);
  return out;
}

const stageOf = (file: string): string => relative(SRC, file).split("/")[0]!;

describe("imports run one way", () => {
  const all = files(SRC);
  test("every folder of src/ has a stage", () => {
    expect([...new Set(all.map(stageOf))].filter((s) => STAGES[s] === undefined)).toEqual([]);
  });
  test("no module imports a later stage", () => {
    const against: string[] = [];
    for (const file of all) {
      const from = stageOf(file);
      for (const spec of specifiers(readFileSync(file, "utf8"))) {
        const target = resolve(dirname(file), spec);
        if (!target.startsWith(SRC)) continue;
        const to = stageOf(target);
        if (to !== from && STAGES[to]! >= STAGES[from]!)
          against.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
      }
    }
    expect(against).toEqual([]);
  });
  test("the reader finds every kind of import", () => {
    const text =
      'import { a } from "./a.ts";\nimport type {\n  B,\n} from "../b.ts";\nexport { c } from "./c.ts";\nconst d = await import("./d.ts");\n';
    expect(specifiers(text)).toEqual(["./a.ts", "../b.ts", "./c.ts", "./d.ts"]);
  });
});
