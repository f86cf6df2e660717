/**
 * The entry point of the `schemavc` binary: argv → cli → exit code. The only place that calls
 * `process.exit`. Errors a person can act on print as one `error:` line (plus a hint); anything
 * else is a bug, printed with its stack so it can be reported.
 */
import { runCli } from "./cli/run.ts";
import { SchemavcError } from "./core/errors.ts";

if (!Bun.isMainThread) {
  // Started again as a fleet worker thread (src/fleet/worker.ts): serve targets, never exit.
  (await import("./fleet/worker.ts")).serveFleetWorker();
} else {
  try {
    process.exitCode = await runCli(process.argv.slice(2));
  } catch (e) {
    if (e instanceof SchemavcError) {
      process.stderr.write(`error: ${e.message}\n`);
      if (e.hint) process.stderr.write(`  hint: ${e.hint}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(
        `error: internal error: ${(e as Error)?.stack ?? String(e)}\nPlease report this as a bug.\n`,
      );
      process.exitCode = 1;
    }
  }
}
