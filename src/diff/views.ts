/**
 * The differ's part for views, matched by name or accepted rename. A view is never altered in
 * place: a new query (or a view made materialized, or back) is a drop and a create
 * (PostgreSQL's CREATE OR REPLACE VIEW only appends columns; a drop and a create always works).
 *
 * Phases, around everything else of the plan (see `differ.ts`):
 * - `drop` (first of all): views that go or change, and the views that must not stand in the
 *   way of the plan (`pinned`): those reading a table the plan drops (a table made again too),
 *   and where the dialect says so (`Capabilities.viewsPinColumns`) those reading a table whose
 *   columns are dropped or retyped; then, transitively, the views reading a dropped view.
 *   Dependents first.
 * - `rename` (after the drops): views kept as they were under a new name.
 * - `create` (last of all, every table in its final form by then): new views and the new
 *   definitions of those dropped, the views they read first.
 *
 * What a view reads is found offline, in its query: the names of the schema's tables and
 * views it mentions (word-bounded, bare words ignoring case, quoted names exactly; words in
 * string literals are not names).
 */
import { normSql } from "../ir/canonical.ts";
import type { Schema, View } from "../ir/model.ts";
import type { Change } from "./changes.ts";

export interface ViewPhases {
  readonly drop: Change[];
  readonly rename: Change[];
  readonly create: Change[];
}

/** What makes two views the same: materialized or not, and the query whitespace-normalised. */
export const viewKey = (v: View): string => JSON.stringify([v.materialized === true, normSql(v.query)]);

export const viewsOf = (s: Schema): readonly View[] => s.views ?? [];

/**
 * The names among `names` that an SQL query mentions: bare words compared ignoring case (as
 * the databases fold them), double-quoted and backquoted names exactly; string literals skipped.
 * A qualified name (`sales.orders`, `sales."Order Items"`) mentions the IR's `sales.orders`
 * (src/ir/qualified.ts), and each of its parts as a name of its own too (`public.orders` is
 * `orders`; a part that names nothing costs at most a view made again).
 */
export function mentionedNames(sql: string, names: Iterable<string>): Set<string> {
  const exact = new Set<string>();
  const folded = new Set<string>();
  const part = String.raw`"(?:[^"]|"")+"|\`(?:[^\`]|\`\`)+\`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*`;
  /** A part as the database reads it, and whether it was quoted (then its case counts). */
  const read = (p: string): [string, boolean] =>
    p.startsWith('"')
      ? [p.slice(1, -1).replace(/""/g, '"'), true]
      : p.startsWith("`")
        ? [p.slice(1, -1).replace(/``/g, "`"), true]
        : p.startsWith("[")
          ? [p.slice(1, -1), true]
          : [p.toLowerCase(), false];
  for (const m of sql
    .replace(/'(?:[^']|'')*'/g, "''")
    .matchAll(new RegExp(String.raw`(${part})(?:\s*\.\s*(${part}))?`, "g"))) {
    const parts = [m[1]!, ...(m[2] !== undefined ? [m[2]] : [])].map(read);
    for (const [text, quoted] of parts) (quoted ? exact : folded).add(text);
    if (parts.length === 2) {
      const [[a, qa], [b, qb]] = parts as [[string, boolean], [string, boolean]];
      (qa || qb ? exact : folded).add(`${a}.${b}`);
    }
  }
  const out = new Set<string>();
  for (const n of names) if (exact.has(n) || folded.has(n.toLowerCase())) out.add(n);
  return out;
}

/**
 * The views in an order that creates each after the views it reads (a cycle, which no
 * database accepts, keeps the declaration order for what is left).
 */
export function viewCreationOrder(views: readonly View[]): View[] {
  const names = views.map((v) => v.name);
  const reads = new Map(views.map((v) => [v.name, mentionedNames(v.query, names)]));
  const out: View[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const byName = new Map(views.map((v) => [v.name, v]));
  const visit = (v: View) => {
    if (done.has(v.name) || visiting.has(v.name)) return;
    visiting.add(v.name);
    for (const r of reads.get(v.name) ?? []) if (r !== v.name) visit(byName.get(r)!);
    visiting.delete(v.name);
    done.add(v.name);
    out.push(v);
  };
  for (const v of views) visit(v);
  return out;
}

/**
 * Diffs the views. `pinned`: names (in `from`) of the tables and functions whose views must be
 * dropped before the plan and created again after it.
 */
export function diffViews(
  from: Schema,
  to: Schema,
  renames: ReadonlyMap<string, string> | undefined,
  pinned: ReadonlySet<string>,
  p: ViewPhases,
): void {
  const oldViews = viewsOf(from);
  const old = new Map(oldViews.map((v) => [v.name, v]));
  const pairs: { old: View; neu: View }[] = [];
  const created: View[] = [];
  const matched = new Set<string>();
  for (const v of viewsOf(to)) {
    const o = old.get(renames?.get(v.name) ?? v.name) ?? (renames?.has(v.name) ? undefined : old.get(v.name));
    if (o && !matched.has(o.name)) {
      matched.add(o.name);
      pairs.push({ old: o, neu: v });
    } else created.push(v);
  }
  // Old views that go: dropped, changed, or in the way of the tables' changes.
  const gone = new Set(oldViews.filter((v) => !matched.has(v.name)).map((v) => v.name));
  for (const { old: o, neu } of pairs) if (viewKey(o) !== viewKey(neu)) gone.add(o.name);
  // Functions too: a view using a function the plan drops (a new signature) goes first.
  const tableNames = [...from.tables.map((t) => t.name), ...(from.functions ?? []).map((f) => f.name)];
  for (const v of oldViews)
    if (!gone.has(v.name) && [...mentionedNames(v.query, tableNames)].some((t) => pinned.has(t)))
      gone.add(v.name);
  // A view reading a view that goes goes with it (PostgreSQL refuses to drop the one read).
  const oldNames = oldViews.map((v) => v.name);
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of oldViews)
      if (!gone.has(v.name) && [...mentionedNames(v.query, oldNames)].some((n) => gone.has(n))) {
        gone.add(v.name);
        grew = true;
      }
  }
  for (const v of viewCreationOrder(oldViews).reverse())
    if (gone.has(v.name)) p.drop.push({ kind: "drop-view", view: v });
  const remade = new Set<string>();
  for (const { old: o, neu } of pairs) {
    if (gone.has(o.name)) remade.add(neu.name);
    else {
      if (o.name !== neu.name) p.rename.push({ kind: "rename-view", from: o.name, to: neu.name });
      if ((o.doc ?? "") !== (neu.doc ?? ""))
        p.rename.push({
          kind: "set-view-comment",
          view: neu.name,
          ...(o.doc !== undefined ? { from: o.doc } : {}),
          ...(neu.doc !== undefined ? { to: neu.doc } : {}),
        });
    }
  }
  const createdNames = new Set(created.map((v) => v.name));
  for (const v of viewCreationOrder(viewsOf(to)))
    if (createdNames.has(v.name) || remade.has(v.name)) p.create.push({ kind: "create-view", view: v });
}
