/**
 * Benchmark: a fleet of SQLite tenant databases (default 200) × 5 migrations, `schemavc up
 * --targets-glob` with --concurrency 1 and 8 (fresh empty files each run, hyperfine-free: one
 * timed run each, median of 3), and the per-target overhead (wall time / targets).
 * Target (issue 7): --concurrency 8 at least 4× faster than --concurrency 1.
 * Run: `bun run build && bun scripts/bench-fleet.ts [TARGETS=200]`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const N = Number(process.argv[2] ?? 200);
const bin = resolve("dist/schemavc");
const dir = mkdtempSync(join(tmpdir(), "bench-fleet-"));
const run = (args: string[]) => {
  const p = Bun.spawnSync([bin, ...args], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  if (p.exitCode !== 0) throw new Error(`schemavc ${args.join(" ")}: ${p.stderr.toString()}`);
};
run(["init"]);
let text = "";
for (let i = 1; i <= 5; i++) {
  text += `table t${i} {\n  id bigint primary key identity\n  name varchar(100)\n  created timestamptz default now()\n\n  index (name)\n}\n`;
  writeFileSync(join(dir, "schema", "schema.schema"), text);
  run(["generate", "-m", `m${i}`]);
}
const fresh = () => {
  rmSync(join(dir, "tenants"), { recursive: true, force: true });
  mkdirSync(join(dir, "tenants"));
  for (let i = 0; i < N; i++) writeFileSync(join(dir, "tenants", `t${String(i).padStart(4, "0")}.db`), "");
};
const time = (k: number) => {
  const xs: number[] = [];
  for (let r = 0; r < 3; r++) {
    fresh();
    const t0 = performance.now();
    run(["up", "--targets-glob", "sqlite:tenants/*.db", "--concurrency", String(k)]);
    xs.push(performance.now() - t0);
  }
  return xs.sort((a, b) => a - b)[1]!;
};
const one = time(1),
  eight = time(8);
console.log(`${N} SQLite tenant databases × 5 migrations (median of 3, fresh files each run)`);
console.log(`--concurrency 1: ${Math.round(one)} ms (${(one / N).toFixed(1)} ms per target)`);
console.log(`--concurrency 8: ${Math.round(eight)} ms (${(eight / N).toFixed(1)} ms per target)`);
console.log(`speed-up: ${(one / eight).toFixed(2)}× (target ≥ 4×)`);
rmSync(dir, { recursive: true, force: true });
