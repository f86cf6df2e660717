/**
 * Benchmark: lex, parse, build the IR and validate a generated 1,000-table × 20-column schema
 * (target: under 150 ms). Reports the parser's one-time construction apart, the first (cold)
 * run, and the median of the next runs. Run: `bun scripts/bench-parse.ts [TABLES] [COLUMNS]`.
 */
import { generateSchema } from "./gen-schema.ts";
import { getParser } from "../src/dsl/parser.ts";
import { parseCst } from "../src/dsl/cst-parse.ts";
import { loadSources } from "../src/dsl/load.ts";
import { validateSchema } from "../src/ir/validate.ts";

const tables = Number(process.argv[2] ?? 1000),
  columns = Number(process.argv[3] ?? 20);
const text = generateSchema(tables, columns);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => unknown) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const build = time(() => getParser());
const sources = new Map([["big.schema", text]]);
const cold = time(() => {
  const r = loadSources(sources);
  if (r.diagnostics.some((d) => d.severity === "error")) throw new Error(r.diagnostics[0]!.message);
});
const runs = Array.from({ length: 9 }, () => time(() => loadSources(sources)));
const parseOnly = median(Array.from({ length: 5 }, () => time(() => parseCst(text))));
const schema = loadSources(sources).schema;
const validateOnly = median(Array.from({ length: 5 }, () => time(() => validateSchema(schema))));

console.log(
  `schema: ${tables} tables × ${columns} columns, ${(text.length / 1024).toFixed(0)} KiB, ${text.split("\n").length} lines`,
);
console.log(`parser construction (once per process): ${build.toFixed(1)} ms`);
console.log(`parse + IR + validate, first run:        ${cold.toFixed(1)} ms`);
console.log(`parse + IR + validate, median of 9:      ${median(runs).toFixed(1)} ms   (target < 150 ms)`);
console.log(`  of which lex + parse (CST), median:    ${parseOnly.toFixed(1)} ms`);
console.log(`  of which validate, median:             ${validateOnly.toFixed(1)} ms`);
