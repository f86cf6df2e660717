/**
 * What the start-up benchmarks share: the floor, a `bun build --compile` binary that only prints
 * a line (what any compiled Bun program costs to start on this machine, built once into dist/),
 * and the hyperfine command line they run.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** The path of the hello-world binary, built first when it is missing. */
export async function helloFloor(): Promise<string> {
  const hello = resolve("dist/.bench-hello");
  if (existsSync(hello)) return hello;
  await Bun.write("dist/.bench-hello.ts", 'process.stdout.write("hello\\n");\n');
  const p = Bun.spawnSync(
    [
      "bun",
      "build",
      "dist/.bench-hello.ts",
      "--compile",
      "--minify",
      "--bytecode",
      "--format=esm",
      "--outfile",
      hello,
    ],
    { stdout: "ignore", stderr: "inherit" },
  );
  if (p.exitCode !== 0) throw new Error("could not build the hello-world floor");
  return hello;
}

/**
 * hyperfine without a shell (`-N`: the spawn cost of a shell on a small VM is larger than the
 * programs' own start-up), three warm-up runs, then `runs`.
 */
export const hyperfine = (runs: number): string[] => [
  "hyperfine",
  "-N",
  "--warmup",
  "3",
  "--runs",
  String(runs),
];
