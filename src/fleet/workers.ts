/**
 * A pool of fleet worker threads (worker.ts): `run` hands a target to an idle worker and
 * resolves with its row. The pool's size caps the threads; `runPool` caps the targets in flight.
 */
import type { WorkerReply, WorkerRequest } from "./worker.ts";
import type { TargetRow } from "./target.ts";

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly waiting: ((w: Worker) => void)[] = [];
  private readonly inFlight = new Map<
    number,
    { resolve: (r: TargetRow) => void; reject: (e: Error) => void; worker: Worker }
  >();
  private nextId = 1;

  constructor(size: number, entry: string) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(entry);
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        const p = this.inFlight.get(e.data.id);
        if (!p) return;
        this.inFlight.delete(e.data.id);
        if (e.data.ok) p.resolve(e.data.row);
        else p.reject(new Error(e.data.message));
      };
      w.onerror = (e) => {
        for (const [id, p] of this.inFlight)
          if (p.worker === w) {
            this.inFlight.delete(id);
            p.reject(new Error(`worker thread failed: ${e.message}`));
          }
      };
      this.all.push(w);
      this.idle.push(w);
    }
  }

  async run(request: Omit<WorkerRequest, "id">): Promise<TargetRow> {
    const w = this.idle.pop() ?? (await new Promise<Worker>((r) => this.waiting.push(r)));
    try {
      const id = this.nextId++;
      return await new Promise<TargetRow>((resolve, reject) => {
        this.inFlight.set(id, { resolve, reject, worker: w });
        w.postMessage({ ...request, id } satisfies WorkerRequest);
      });
    } finally {
      const next = this.waiting.shift();
      if (next) next(w);
      else this.idle.push(w);
    }
  }

  close(): void {
    for (const w of this.all) w.terminate();
  }
}
