/**
 * A fleet worker thread: runs targets the main thread sends it, one at a time. Used for SQLite
 * fleets, whose driver runs local files synchronously: on the main thread eight targets would
 * still run one after another; in eight workers their file I/O (the fsyncs of every commit)
 * overlaps. The worker is the binary's own entry module started again as a Worker (main.ts
 * calls `serveFleetWorker` when it is not the main thread), so the single binary needs no
 * second file.
 */
import { getDialect } from "../dialects/registry.ts";
import type { DialectName } from "../dialects/dialect.ts";
import { readMigrations, type Migration } from "../migrate/dir.ts";
import { runTarget, type FleetJob, type PlainRunOptions, type TargetRow } from "./target.ts";

export interface WorkerRequest {
  readonly id: number;
  readonly url: string;
  readonly migrationsDir: string;
  readonly dialect: DialectName;
  readonly opts: PlainRunOptions;
  readonly job: FleetJob;
  readonly connectTimeoutMs: number;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly row: TargetRow }
  | { readonly id: number; readonly ok: false; readonly message: string };

interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
}

export function serveFleetWorker(): void {
  const scope = globalThis as unknown as WorkerScope;
  let cache: { dir: string; migrations: Promise<Migration[]> } | undefined;
  scope.onmessage = async (e) => {
    const r = e.data;
    try {
      // The folder was verified by the main thread; each worker reads it once.
      if (cache?.dir !== r.migrationsDir)
        cache = { dir: r.migrationsDir, migrations: readMigrations(r.migrationsDir) };
      const row = await runTarget(
        r.url,
        await getDialect(r.dialect),
        await cache.migrations,
        r.opts,
        r.job,
        r.connectTimeoutMs,
      );
      scope.postMessage({ id: r.id, ok: true, row });
    } catch (err) {
      scope.postMessage({ id: r.id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };
}
