/**
 * Runs one piece of work per target, at most `concurrency` at a time. A failing target does not
 * stop the others unless `failFast`; with `canary` N, the first N targets run first and a
 * failure among them stops everything (the rest are not touched). Results keep the targets'
 * order. Library code: no printing; progress goes through `onDone`.
 */
export interface PoolOptions {
  readonly concurrency: number;
  readonly failFast?: boolean;
  readonly canary?: number;
}

export type Outcome<T> =
  | { readonly target: string; readonly status: "ok"; readonly value: T; readonly seconds: number }
  | { readonly target: string; readonly status: "failed"; readonly error: Error; readonly seconds: number }
  /** Not started: a canary failed, or --fail-fast after a failure. */
  | { readonly target: string; readonly status: "skipped"; readonly reason: string };

export async function runPool<T>(
  targets: readonly string[],
  opts: PoolOptions,
  work: (target: string) => Promise<T>,
  onDone?: (o: Outcome<T>, done: number) => void,
): Promise<Outcome<T>[]> {
  const results: Outcome<T>[] = new Array(targets.length);
  let finished = 0;
  let stop: string | undefined;
  const runOne = async (i: number) => {
    const target = targets[i]!;
    if (stop !== undefined) {
      results[i] = { target, status: "skipped", reason: stop };
      onDone?.(results[i]!, ++finished);
      return;
    }
    const t0 = performance.now();
    try {
      const value = await work(target);
      results[i] = { target, status: "ok", value, seconds: (performance.now() - t0) / 1000 };
    } catch (e) {
      results[i] = {
        target,
        status: "failed",
        error: e instanceof Error ? e : new Error(String(e)),
        seconds: (performance.now() - t0) / 1000,
      };
      if (opts.failFast) stop = "not started: an earlier target failed (--fail-fast)";
    }
    onDone?.(results[i]!, ++finished);
  };
  const lanes = async (indexes: number[], k: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(k, indexes.length)) }, async () => {
        while (next < indexes.length) await runOne(indexes[next++]!);
      }),
    );
  };
  const all = targets.map((_, i) => i);
  const canary = Math.min(opts.canary ?? 0, targets.length);
  if (canary > 0) {
    await lanes(all.slice(0, canary), opts.concurrency);
    if (results.slice(0, canary).some((r) => r.status === "failed"))
      stop = `not started: a canary target failed (--canary ${canary})`;
    await lanes(all.slice(canary), opts.concurrency);
  } else {
    await lanes(all, opts.concurrency);
  }
  return results;
}
