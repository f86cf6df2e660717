/**
 * Benchmark: how `diff` and `generate` scale with the schema (issue 19, target 2), end to end
 * through the compiled binary on SQLite (the default: no server). For each size (100, 1,000 and
 * 10,000 tables of 20 columns, each with a foreign key, two indexes and a check:
 * scripts/gen-schema.ts) a project is made in a temp dir with a baseline migration, then the
 * schema files change in about 100 places, and these are timed:
 *
 * - `diff`: the latest snapshot against the changed schema files;
 * - `generate`: the migration of that change (its folder and the sum are put back after each run);
 * - `generate (initial)`: the first migration of the whole schema, from no migrations at all.
 *
 * Each run goes through `/usr/bin/time` for the peak RSS and the CPU time (user + system: on a
 * loaded machine it varies less than wall time); the wall time is measured around it.
 * Prints the medians and, per size, time and memory per table relative to the smallest size
 * (1.00 everywhere is linear growth). Targets: 1,000 tables under 300 ms, 10,000 under 3 s.
 *
 * Run `bun run build` first, then `bun scripts/bench-scale.ts [RUNS=5] [--sizes 100,1000,10000]`.
 * `--baseline BIN` also times another build, interleaved run by run with this one, so the two
 * compare side by side on a noisy machine.
 */
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { generateSchema } from "./gen-schema.ts";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const baselineArg = option("--baseline");
const sizes = (option("--sizes") ?? "100,1000,10000").split(",").map(Number);
const RUNS = Number(args[0] ?? 5);
const bins: [string, string][] = [["schemavc", resolve("dist/schemavc")]];
if (baselineArg) bins.push(["baseline", resolve(baselineArg)]);
for (const [, b] of bins) if (!existsSync(b)) throw new Error(`${b} is missing: run \`bun run build\` first`);
if (!existsSync("/usr/bin/time")) throw new Error("/usr/bin/time is needed for the peak RSS");

const TOML = 'dialect = "sqlite"\nschema = "schema"\nmigrations = "migrations"\nurl = "sqlite:dev.db"\n';

/** A project of `tables` tables; `baseline`: with a first migration and the schema changed since. */
function project(tables: number, baseline: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), `schemavc-bench-scale-${tables}-`));
  mkdirSync(join(dir, "schema"));
  writeFileSync(join(dir, "schemavc.toml"), TOML);
  writeFileSync(join(dir, "schema", "app.schema"), generateSchema(tables, 20, 0));
  if (baseline) {
    const g = Bun.spawnSync([bins[0]![1], "generate", "-m", "baseline"], { cwd: dir, stderr: "pipe" });
    if (g.exitCode !== 0) throw new Error(g.stderr.toString());
    writeFileSync(join(dir, "schema", "app.schema"), generateSchema(tables, 20, 1));
  }
  return dir;
}

/** Puts a project's migrations folder back as it was (what `generate` adds goes). */
function restorer(dir: string): () => void {
  const migrations = join(dir, "migrations");
  const before = new Set(existsSync(migrations) ? readdirSync(migrations) : []);
  const sumPath = join(migrations, "schemavc.sum");
  const sum = existsSync(sumPath) ? readFileSync(sumPath) : undefined;
  return () => {
    if (!existsSync(migrations)) return;
    for (const e of readdirSync(migrations))
      if (!before.has(e)) rmSync(join(migrations, e), { recursive: true, force: true });
    if (sum) writeFileSync(sumPath, sum);
  };
}

/** One run: wall and CPU (user + system) milliseconds, peak RSS in MiB. */
function run(bin: string, argv: string[], cwd: string): Sample {
  const out = join(cwd, ".time");
  const t0 = performance.now();
  const p = Bun.spawnSync(["/usr/bin/time", "-f", "%M %U %S", "-o", out, bin, ...argv], {
    cwd,
    stdout: "ignore",
    stderr: "pipe",
  });
  const ms = performance.now() - t0;
  // 3: `diff` found changes (the CLI contract), which it does here.
  if (p.exitCode !== 0 && p.exitCode !== 3)
    throw new Error(`${bin} ${argv.join(" ")}: ${p.stderr.toString()}`);
  const [rss, user, sys] = readFileSync(out, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
  return { ms, cpu: (user! + sys!) * 1000, rss: rss! / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Sample {
  ms: number;
  cpu: number;
  rss: number;
}
interface Row extends Sample {
  bin: string;
  tables: number;
  command: string;
}
const rows: Row[] = [];
for (const tables of sizes) {
  const changed = project(tables, true);
  const fresh = project(tables, false);
  const cases: [string, string[], string][] = [
    ["diff", ["diff"], changed],
    ["generate", ["generate", "-m", "change"], changed],
    ["generate (initial)", ["generate", "-m", "initial"], fresh],
  ];
  for (const [command, argv, dir] of cases) {
    const restore = restorer(dir);
    const samples = new Map(bins.map(([name]) => [name, [] as Sample[]]));
    // One warm-up run each (the page cache), then the builds take turns run by run.
    for (let i = 0; i <= RUNS; i++)
      for (const [name, bin] of bins) {
        const s = run(bin, argv, dir);
        restore();
        if (i > 0) samples.get(name)!.push(s);
      }
    for (const [name, s] of samples) {
      const row = {
        bin: name,
        tables,
        command,
        ms: median(s.map((x) => x.ms)),
        cpu: median(s.map((x) => x.cpu)),
        rss: median(s.map((x) => x.rss)),
      };
      rows.push(row);
      console.error(
        `${name} ${tables} ${command}: ${row.ms.toFixed(0)} ms, cpu ${row.cpu.toFixed(0)} ms, ${row.rss.toFixed(0)} MiB`,
      );
    }
  }
  rmSync(changed, { recursive: true, force: true });
  rmSync(fresh, { recursive: true, force: true });
}

console.log(`\nmedians of ${RUNS} runs (SQLite, 20 columns a table)`);
console.log(
  "  build     tables  command              time (ms)  cpu (ms)  peak RSS (MiB)   time/table  RSS/table (× smallest size)",
);
for (const r of rows) {
  const first = rows.find((x) => x.bin === r.bin && x.command === r.command)!;
  const per = (v: number, f: number) => ((v / r.tables) * first.tables) / f;
  console.log(
    `  ${r.bin.padEnd(9)} ${String(r.tables).padStart(6)}  ${r.command.padEnd(19)} ${r.ms.toFixed(0).padStart(10)}  ${r.cpu.toFixed(0).padStart(8)}  ${r.rss.toFixed(0).padStart(14)}   ${per(r.ms, first.ms).toFixed(2).padStart(10)}  ${per(r.rss, first.rss).toFixed(2).padStart(9)}`,
  );
}
if (bins.length > 1) {
  console.log("\n  ratio schemavc / baseline (time, cpu, RSS)");
  for (const r of rows.filter((x) => x.bin === "schemavc")) {
    const b = rows.find((x) => x.bin === "baseline" && x.tables === r.tables && x.command === r.command)!;
    console.log(
      `  ${String(r.tables).padStart(6)}  ${r.command.padEnd(19)} ${(r.ms / b.ms).toFixed(2)}×  ${(r.cpu / b.cpu).toFixed(2)}×  ${(r.rss / b.rss).toFixed(2)}×`,
    );
  }
}
console.log("\ntargets: 1,000 tables under 300 ms, 10,000 under 3,000 ms (diff and generate)");
