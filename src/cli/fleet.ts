/**
 * Fleets: `up`, `down` and `status` over many databases (`--targets FILE`, `--targets-glob`),
 * each target with its own connection, lock and history table, up to `--concurrency K` at once.
 * A failing target does not stop the others (unless `--fail-fast`); `--canary N` runs N targets
 * first and touches no other if one of them fails. On a terminal a live progress line (done /
 * failed / total, elapsed, estimate), otherwise one line per target as it finishes; then a
 * summary that groups targets by version. `--json`: one row per target (url with the password
 * hidden, before, after, applied, seconds, error). Exit 1 if any target failed; a re-run only
 * changes the targets still behind.
 */
import { flag, str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { loadMigrations, openProject } from "./project.ts";
import { msOption } from "./database.ts";
import { isTerminal, stdio } from "./stdio.ts";
import { redactUrl } from "../dialects/url.ts";
import { globTargets, readTargetsFile } from "../fleet/targets.ts";
import { runPool, type Outcome } from "../fleet/pool.ts";
import { runTarget, type FleetJob, type PlainRunOptions, type TargetRow } from "../fleet/target.ts";
import { WorkerPool } from "../fleet/workers.ts";
import type { Migration } from "../migrate/dir.ts";

/** The fleet's targets, or undefined when the command runs on one database. */
export function fleetTargets(ctx: Context): string[] | undefined {
  const file = str(ctx, "targets"),
    glob = str(ctx, "targets-glob");
  if (file === undefined && glob === undefined) return undefined;
  if (str(ctx, "url") !== undefined)
    throw new UsageError(
      "--url names one database; --targets/--targets-glob name a fleet: use one or the other",
    );
  // A bad targets file throws TargetsError, a SchemavcError (exit 1 with its hint).
  return [
    ...(file !== undefined ? readTargetsFile(file, ctx.cwd) : []),
    ...(glob !== undefined ? globTargets(glob, ctx.cwd) : []),
  ];
}

/**
 * Worker threads for SQLite fleets (see fleet/worker.ts) when the entry module can be started
 * again as a worker: the compiled binary, or `bun src/main.ts`; not inside a test runner, nor
 * on Node.
 */
function workerEntry(): string | undefined {
  // On Node (the npm package's CLI) the fleet runs without workers, on the main thread.
  if (typeof Bun === "undefined") return undefined;
  const main = Bun.main;
  return /\.test\.[jt]s$/.test(main) || (/\.[jt]s$/.test(main) && !/[\\/]main\.ts$/.test(main))
    ? undefined
    : main;
}

/**
 * @param job what to do on each target; a function of the verified migrations when the
 *   command's arguments name versions (`up --to VERSION`).
 */
export async function runFleet(
  ctx: Context,
  targets: string[],
  verb: string,
  job: FleetJob | ((migrations: readonly Migration[]) => FleetJob),
): Promise<{ rows: Outcome<TargetRow>[]; exit: number }> {
  const project = await openProject(ctx);
  const migrations = await loadMigrations(project, ctx.cwd);
  const work = typeof job === "function" ? job(migrations) : job;
  const timeout = msOption(ctx, "connect-timeout", 10);
  const opts: PlainRunOptions = {
    lockTimeoutMs: msOption(ctx, "lock-timeout", 60),
    dryRun: flag(ctx, "dry-run"),
    allowOutOfOrder: flag(ctx, "allow-out-of-order"),
    allowDataLoss: flag(ctx, "allow-data-loss"),
  };
  const servers = project.dialect.name !== "sqlite";
  // node:os only here: status, up and down import this module, and loading node:os cost each
  // of them about 1 ms at start for a fleet they mostly never run.
  const { availableParallelism } = await import("node:os");
  const concurrency = intOption(ctx, "concurrency") ?? Math.max(availableParallelism(), servers ? 4 : 1);
  const canary = intOption(ctx, "canary");
  // Server drivers are asynchronous: targets overlap on this thread. The SQLite driver is
  // synchronous: more than one at a time needs threads.
  const entry = !servers && concurrency > 1 ? workerEntry() : undefined;
  const pool = entry ? new WorkerPool(Math.min(concurrency, targets.length), entry) : undefined;
  const one = (url: string): Promise<TargetRow> =>
    pool
      ? pool.run({
          url,
          migrationsDir: project.config.migrations,
          dialect: project.dialect.name,
          opts,
          job: work,
          connectTimeoutMs: timeout,
        })
      : runTarget(url, project.dialect, migrations, opts, work, timeout);

  // The live line is chatter (dropped by --json and --quiet); per-target rows and the summary are the report.
  const live = isTerminal(2) && ctx.report.chatty;
  const t0 = performance.now();
  let failed = 0;
  const progress = (done: number) => {
    const elapsed = (performance.now() - t0) / 1000;
    const eta = done ? (elapsed / done) * (targets.length - done) : 0;
    stdio.err(
      `\r${verb}: ${done}/${targets.length} done, ${failed} failed, ${elapsed.toFixed(1)} s elapsed${done < targets.length && done ? `, about ${eta.toFixed(0)} s left` : ""}   `,
    );
  };
  ctx.report.info(
    `${verb} on ${targets.length} target${targets.length === 1 ? "" : "s"}, ${concurrency} at a time${canary ? `, ${canary} canar${canary === 1 ? "y" : "ies"} first` : ""}`,
  );
  let rows: Outcome<TargetRow>[];
  try {
    rows = await runPool(
      targets,
      { concurrency, failFast: flag(ctx, "fail-fast"), ...(canary ? { canary } : {}) },
      one,
      (o, done) => {
        if (o.status === "failed") failed++;
        if (live) progress(done);
        // --quiet keeps the failures and the summary, not a line per healthy target.
        else if (!ctx.report.opts.quiet || o.status === "failed") ctx.report.line(rowLine(o));
      },
    );
  } finally {
    pool?.close();
  }
  if (live) stdio.err("\n");

  ctx.report.json({
    targets: rows.map((o) => ({
      url: redactUrl(o.target),
      status: o.status,
      before: o.status === "ok" ? o.value.before : null,
      after: o.status === "ok" ? o.value.after : null,
      applied: o.status === "ok" ? o.value.applied : [],
      ...(o.status === "ok" && o.value.pending !== undefined ? { pending: o.value.pending.length } : {}),
      seconds: o.status === "skipped" ? 0 : Number(o.seconds.toFixed(3)),
      error: o.status === "failed" ? o.error.message : o.status === "skipped" ? o.reason : null,
    })),
    summary: summarize(rows),
  });
  if (live) for (const o of rows) if (o.status === "failed") ctx.report.line(rowLine(o));
  ctx.report.line(summaryLine(rows, (performance.now() - t0) / 1000));
  return { rows, exit: rows.some((o) => o.status !== "ok") ? 1 : 0 };
}

function rowLine(o: Outcome<TargetRow>): string {
  const url = redactUrl(o.target);
  if (o.status === "skipped") return `skip  ${url}: ${o.reason}`;
  if (o.status === "failed") return `FAIL  ${url}: ${o.error.message}`;
  const v = o.value;
  const moved =
    v.before === v.after ? `at ${v.after ?? "base"}` : `${v.before ?? "base"} → ${v.after ?? "base"}`;
  return `ok    ${url}: ${moved}${v.applied.length ? ` (${v.applied.length} migration${v.applied.length === 1 ? "" : "s"})` : ""}${v.pending?.length ? `, ${v.pending.length} pending` : ""} in ${o.seconds.toFixed(2)} s`;
}

function summarize(rows: readonly Outcome<TargetRow>[]) {
  const byVersion: Record<string, number> = {};
  for (const o of rows)
    if (o.status === "ok") byVersion[o.value.after ?? "base"] = (byVersion[o.value.after ?? "base"] ?? 0) + 1;
  return {
    total: rows.length,
    ok: rows.filter((o) => o.status === "ok").length,
    failed: rows.filter((o) => o.status === "failed").map((o) => redactUrl(o.target)),
    skipped: rows.filter((o) => o.status === "skipped").length,
    byVersion,
  };
}

function summaryLine(rows: readonly Outcome<TargetRow>[], seconds: number): string {
  const s = summarize(rows);
  const parts = Object.entries(s.byVersion)
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${n} at ${v}`);
  if (s.failed.length)
    parts.push(
      `${s.failed.length} failed: ${s.failed.slice(0, 5).join(", ")}${s.failed.length > 5 ? ", ..." : ""}`,
    );
  if (s.skipped) parts.push(`${s.skipped} not started`);
  return `${s.total} target${s.total === 1 ? "" : "s"} in ${seconds.toFixed(1)} s: ${parts.join(", ")}`;
}

function intOption(ctx: Context, name: string): number | undefined {
  const v = str(ctx, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, not \`${v}\``);
  return n;
}
