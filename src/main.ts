/**
 * The entry point of the `schemavc` binary: argv → cli → exit code. The only place that calls
 * `process.exit`. Errors a person can act on print as one `error:` line (plus a hint; with
 * `--json` also as one JSON document); anything else is a bug, printed with its stack so it can
 * be reported (src/cli/failure.ts). A closed pipe ends the run quietly.
 */
import { runCli } from "./cli/run.ts";
import { reportFailure } from "./cli/failure.ts";
import { onClosedPipe } from "./cli/stdio.ts";

// `typeof Bun`: the npm package runs this file on Node as well (no fleet workers there).
if (typeof Bun !== "undefined" && !Bun.isMainThread) {
  // Started again as a fleet worker thread (src/fleet/worker.ts): serve targets, never exit.
  (await import("./fleet/worker.ts")).serveFleetWorker();
} else {
  const argv = process.argv.slice(2);
  onClosedPipe(() => process.exit(0));
  try {
    process.exitCode = await runCli(argv);
  } catch (e) {
    const code = reportFailure(e, argv.includes("--json"));
    process.exitCode = code;
    // A failed run has nothing left to do once its error is out, but a driver may still hold a
    // socket that never connected (postgres.js keeps a dropped-SYN connection attempt until its
    // own timer ends it, seconds after --connect-timeout gave up): end then, without waiting.
    // The timer is unref'd, so a run that ends by itself sooner is not held up by it.
    setTimeout(() => process.exit(code), 100).unref();
  }
}
