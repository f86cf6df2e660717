/**
 * Dependency order of tables: a table comes after the tables its foreign keys reference, and
 * after its parent (a partition's or an inheritance child's, which never forms a cycle:
 * validation refuses one), so drops in the reverse order take partitions before their table.
 * Kahn's algorithm with ties broken by declaration order, so the output is deterministic and
 * reads like the source; O((tables + keys) log tables).
 *
 * A cycle (a → b → a) is broken at the first remaining table in declaration order: its foreign
 * keys to tables not yet created are deferred (added with `ALTER TABLE` after every table
 * exists), unless the dialect accepts forward references (SQLite), where they stay inline.
 */
import type { ForeignKey, Table } from "../ir/model.ts";
import { tableParent } from "../ir/inheritance.ts";

export function orderTablesForCreate(
  tables: readonly Table[],
  forwardForeignKeys: boolean,
): { order: Table[]; deferred: Set<ForeignKey> } {
  const index = new Map(tables.map((t, i) => [t.name, i]));
  const indegree = tables.map(() => 0);
  const dependents: number[][] = tables.map(() => []);
  tables.forEach((t, i) => {
    const deps = new Set<number>();
    for (const fk of t.foreignKeys) {
      const j = index.get(fk.refTable);
      if (j !== undefined && j !== i) deps.add(j);
    }
    const parent = tableParent(t);
    const j = parent ? index.get(parent.parent) : undefined;
    if (j !== undefined && j !== i) deps.add(j);
    indegree[i] = deps.size;
    for (const j of deps) dependents[j]!.push(i);
  });
  const ready = new MinHeap();
  tables.forEach((_, i) => {
    if (indegree[i] === 0) ready.push(i);
  });
  const done = new Array<boolean>(tables.length).fill(false);
  const order: Table[] = [];
  const deferred = new Set<ForeignKey>();
  let next = 0; // lowest index not yet done, for breaking cycles
  const finish = (i: number) => {
    done[i] = true;
    order.push(tables[i]!);
    for (const d of dependents[i]!) if (!done[d] && --indegree[d]! === 0) ready.push(d);
  };
  while (order.length < tables.length) {
    const i = ready.pop();
    if (i !== undefined) {
      if (!done[i]) finish(i);
      continue;
    }
    // A cycle: create the first remaining table now, deferring its keys to tables not yet made.
    while (done[next]) next++;
    const t = tables[next]!;
    if (!forwardForeignKeys) {
      for (const fk of t.foreignKeys) {
        const j = index.get(fk.refTable);
        if (j !== undefined && j !== next && !done[j]) deferred.add(fk);
      }
    }
    finish(next);
  }
  return { order, deferred };
}

/** A binary min-heap of indexes (ties in Kahn's algorithm go to the earliest declared table). */
class MinHeap {
  private a: number[] = [];
  push(x: number): void {
    const a = this.a;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (a[p]! <= a[i]!) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): number | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}
