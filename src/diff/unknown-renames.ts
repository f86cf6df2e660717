/**
 * A `renamed from OLD` hint must name something that existed: OLD is a table, an enum, a view,
 * a composite type, or a column of the same table, in the current schema or in some snapshot of the migrations folder.
 * A hint whose OLD existed in an earlier snapshot is stale (the rename happened) and is silent,
 * as the contract says; one whose OLD never existed is a slip (`renamed from emial`) and an
 * error with did-you-mean, since it would otherwise be ignored without a word and the column
 * created empty.
 *
 * Only a hint written since the latest snapshot is judged, and only when there is one: with no
 * migration yet a hint can rename nothing (so lose nothing), and a hint the latest snapshot
 * already carries (the contract's own example writes `renamed from` in a first schema) was
 * written before, and left in the file as the contract allows.
 *
 * Snapshots are read newest first and only while some hint is unsettled (most hints name
 * something in the latest snapshot), since parsing a long history's snapshots costs. A column's
 * table is followed back through its own `renamed from` hints, snapshot by snapshot.
 */
import type { Schema, SourceInfo } from "../ir/model.ts";
import { diagnostic, nearest, type Diagnostic } from "../ir/diagnostics.ts";
import { locOf } from "../ir/validate.ts";

interface Hint {
  readonly kind: "table" | "enum" | "column" | "view" | "type";
  /** The declaration's name (for a column: `table.column`), for the message. */
  readonly name: string;
  readonly old: string;
  readonly src: SourceInfo | undefined;
  /** A column's table: the names it had, growing as older snapshots are read. */
  readonly tableNames?: Set<string>;
  /** Names of the kind seen so far, for did-you-mean. */
  readonly seen: Set<string>;
}

/**
 * Every hint of `to` that names nothing in `to` or in `history` (snapshots' schemas, newest
 * first; iterated lazily, and only as far as needed).
 */
export function unknownRenames(to: Schema, history: Iterable<Schema>): Diagnostic[] {
  const pending: Hint[] = [];
  const tableNames = new Set(to.tables.map((t) => t.name));
  const enumNames = new Set(to.enums.map((e) => e.name));
  for (const t of to.tables) {
    if (t.renamedFrom !== undefined && !tableNames.has(t.renamedFrom))
      pending.push({ kind: "table", name: t.name, old: t.renamedFrom, src: t.src, seen: new Set() });
    // The table's column names are gathered only for a table with a column hint (few are).
    let cols: Set<string> | undefined;
    for (const c of t.columns)
      if (c.renamedFrom !== undefined && !(cols ??= new Set(t.columns.map((x) => x.name))).has(c.renamedFrom))
        pending.push({
          kind: "column",
          name: `${t.name}.${c.name}`,
          old: c.renamedFrom,
          src: c.src,
          tableNames: new Set([t.name, ...(t.renamedFrom !== undefined ? [t.renamedFrom] : [])]),
          seen: new Set(),
        });
  }
  for (const e of to.enums)
    if (e.renamedFrom !== undefined && !enumNames.has(e.renamedFrom))
      pending.push({ kind: "enum", name: e.name, old: e.renamedFrom, src: e.src, seen: new Set() });
  const viewNames = new Set((to.views ?? []).map((v) => v.name));
  for (const v of to.views ?? [])
    if (v.renamedFrom !== undefined && !viewNames.has(v.renamedFrom))
      pending.push({ kind: "view", name: v.name, old: v.renamedFrom, src: v.src, seen: new Set() });
  const typeNames = new Set((to.composites ?? []).map((t) => t.name));
  for (const t of to.composites ?? [])
    if (t.renamedFrom !== undefined && !typeNames.has(t.renamedFrom))
      pending.push({ kind: "type", name: t.name, old: t.renamedFrom, src: t.src, seen: new Set() });
  if (!pending.length) return [];

  let open = pending;
  let latest = true;
  for (const s of history) {
    if (latest) open = open.filter((h) => !carried(h, s));
    latest = false;
    open = open.filter((h) => !settledIn(h, s));
    if (!open.length) return [];
  }
  // No snapshot at all: nothing a hint could rename.
  if (latest) return [];
  return open.map((h) => {
    const near = nearest(h.old, h.seen);
    const what =
      h.kind === "column"
        ? `a column of \`${h.name.split(".")[0]}\``
        : h.kind === "enum"
          ? "an enum"
          : h.kind === "view"
            ? "a view"
            : h.kind === "type"
              ? "a composite type"
              : "a table";
    return diagnostic(
      "error",
      "unknown-rename",
      `\`${h.name}\` is \`renamed from ${h.old}\`, but no ${h.kind === "column" ? "column" : h.kind} \`${h.old}\` ever existed: it is not ${what} in any migration's snapshot`,
      locOf(h.src, "renamedFrom"),
      near
        ? `did you mean \`${near}\`?`
        : `remove the \`renamed from\` if \`${h.name.split(".").at(-1)}\` is new, or name what it was called`,
    );
  });
}

/** Whether snapshot `s` has the same declaration with the same hint: written before, not now. */
function carried(h: Hint, s: Schema): boolean {
  switch (h.kind) {
    case "table":
      return s.tables.some((t) => t.name === h.name && t.renamedFrom === h.old);
    case "enum":
      return s.enums.some((e) => e.name === h.name && e.renamedFrom === h.old);
    case "view":
      return (s.views ?? []).some((v) => v.name === h.name && v.renamedFrom === h.old);
    case "type":
      return (s.composites ?? []).some((t) => t.name === h.name && t.renamedFrom === h.old);
    case "column": {
      const [table, column] = [h.name.slice(0, h.name.indexOf(".")), h.name.slice(h.name.indexOf(".") + 1)];
      return s.tables.some(
        (t) => t.name === table && t.columns.some((c) => c.name === column && c.renamedFrom === h.old),
      );
    }
  }
}

/** Whether the hint's old name is in snapshot `s`; records the names seen for did-you-mean. */
function settledIn(h: Hint, s: Schema): boolean {
  switch (h.kind) {
    case "table":
      for (const t of s.tables) h.seen.add(t.name);
      return s.tables.some((t) => t.name === h.old);
    case "enum":
      for (const e of s.enums) h.seen.add(e.name);
      return s.enums.some((e) => e.name === h.old);
    case "view":
      for (const v of s.views ?? []) h.seen.add(v.name);
      return (s.views ?? []).some((v) => v.name === h.old);
    case "type":
      for (const t of s.composites ?? []) h.seen.add(t.name);
      return (s.composites ?? []).some((t) => t.name === h.old);
    case "column": {
      let found = false;
      const older: string[] = [];
      for (const t of s.tables) {
        if (!h.tableNames!.has(t.name)) continue;
        for (const c of t.columns) {
          h.seen.add(c.name);
          if (c.name === h.old) found = true;
        }
        // In the snapshot before this one, the table may have had its hinted old name.
        if (t.renamedFrom !== undefined) older.push(t.renamedFrom);
      }
      for (const n of older) h.tableNames!.add(n);
      return found;
    }
  }
}
