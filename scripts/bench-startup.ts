/**
 * Benchmark: start-up time of `dist/schemavc --version` (target: median under 30 ms over 20
 * runs), side by side with a Go binary a user would compare it to, dbmate (installed from npm
 * as a dev dependency). Run `bun run build` first, then `bun scripts/bench-startup.ts [RUNS]`.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { helloFloor, hyperfine } from "./bench-common.ts";

const RUNS = Number(process.argv[2] ?? 20);
const candidates: [string, string[]][] = [
  ["schemavc --version", [resolve("dist/schemavc"), "--version"]],
  ["schemavc --help", [resolve("dist/schemavc"), "--help"]],
  // The Go binary itself, not node_modules/.bin/dbmate (a Node wrapper that starts it).
  [
    "dbmate --version (Go)",
    [resolve(`node_modules/@dbmate/${process.platform}-${process.arch}/bin/dbmate`), "--version"],
  ],
  // The floor: a compiled Bun program that only prints a line (built by this script).
  ["bun --compile hello (floor)", [resolve("dist/.bench-hello"), ""]],
];

// The floor: what any `bun build --compile` binary costs to start on this machine.
await helloFloor();

function measure(cmd: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = performance.now();
    const p = Bun.spawnSync(cmd.filter(Boolean), { stdout: "ignore", stderr: "ignore" });
    const ms = performance.now() - t0;
    if (p.exitCode !== 0) throw new Error(`${cmd.join(" ")} exited with ${p.exitCode}`);
    if (i >= 2) times.push(ms); // two warm-up runs: the page cache, not the tool, is what they measure
  }
  return times.sort((a, b) => a - b);
}

// hyperfine (Debian package) measures without a shell and without this process's spawn cost,
// which on a small VM is larger than the programs' own start-up.
if (Bun.which("hyperfine")) {
  const present = candidates.filter(([, cmd]) => existsSync(cmd[0]!));
  const p = Bun.spawnSync([...hyperfine(RUNS), ...present.map(([, cmd]) => cmd.filter(Boolean).join(" "))], {
    stdout: "inherit",
    stderr: "inherit",
  });
  process.exit(p.exitCode ?? 0);
}
console.log("(hyperfine not found: timing with Bun.spawnSync, which adds its own spawn cost)");
console.log(`start-up, ${RUNS} runs each (ms)      median    min    max`);
for (const [name, cmd] of candidates) {
  if (!existsSync(cmd[0]!)) {
    console.log(`${name.padEnd(32)} missing: ${cmd[0]}`);
    continue;
  }
  const t = measure(cmd);
  console.log(
    `${name.padEnd(32)} ${t[Math.floor(t.length / 2)]!.toFixed(1).padStart(7)} ${t[0]!.toFixed(1).padStart(6)} ${t[t.length - 1]!.toFixed(1).padStart(6)}`,
  );
}
