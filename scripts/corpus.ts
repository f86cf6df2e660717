/**
 * Runs the corpus loop (test/corpus/harness.ts) and prints one line per schema: the step it
 * reached and its first failure; then a count per dialect and step. Needs `bun run build`
 * (dist/schemavc) and the test databases (scripts/test-dbs.sh).
 *
 *   bun run scripts/corpus.ts [--dialect postgres|mysql|sqlite]... [--full] [--partial] [--jobs N] [NAME...]
 *
 * --full prints the whole failure message, not its first lines; --jobs runs N schemas at a time
 * (default 3); --partial runs `pull --partial`, to see how far a schema gets past what pull
 * refuses today (its warnings do not excuse a difference in the comparison).
 */
import type { DialectName } from "../src/dialects/dialect.ts";
import { closeAll, corpusCases, type Outcome, runCase } from "../test/corpus/harness.ts";

const args = process.argv.slice(2);
const dialects: DialectName[] = [];
const names: string[] = [];
let full = false;
let jobs = 3;
let partial = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === "--dialect") dialects.push(args[++i] as DialectName);
  else if (a === "--full") full = true;
  else if (a === "--partial") partial = true;
  else if (a === "--jobs") jobs = Math.max(1, Number(args[++i]) || 1);
  else if (a.startsWith("-")) {
    console.error(
      `unknown option ${a}\nusage: bun run scripts/corpus.ts [--dialect D]... [--full] [--partial] [--jobs N] [NAME...]`,
    );
    process.exit(2);
  } else names.push(a);
}

const cases = corpusCases(dialects.length ? dialects : undefined).filter(
  (c) => !names.length || names.includes(c.name) || names.includes(`${c.dialect}/${c.name}`),
);
const results: Outcome[] = [];
const print = (r: Outcome) => {
  const change = full && r.change ? `\n  change: ${r.change}` : "";
  const msg = r.failure
    ? full
      ? `\n${r.failure}\n`
      : `: ${r.failure.split("\n").slice(0, 3).join(" | ")}`
    : "";
  console.log(
    `${`${r.dialect}/${r.name}`.padEnd(32)} ${r.step.padEnd(8)} ${String(r.ms).padStart(6)} ms${msg}${change}`,
  );
};
let next = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      const r = await runCase(c.dialect, c.name, { partial });
      results.push(r);
      print(r);
    }
  }),
);
await closeAll();

const counts = new Map<string, number>();
for (const r of results)
  counts.set(`${r.dialect} ${r.step}`, (counts.get(`${r.dialect} ${r.step}`) ?? 0) + 1);
console.log("");
for (const [k, n] of [...counts].sort()) console.log(`${k.padEnd(20)} ${n}`);
