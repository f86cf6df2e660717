/**
 * The canonical form of a schema for comparison: no source information, raw SQL
 * whitespace-normalised (the contract compares it so), and the lists whose order carries no
 * meaning (tables, enums, sequences, domains, views, and each table's constraints and indexes) sorted by name. Column
 * order and enum value order do carry meaning and are kept. A view's query is kept verbatim (a
 * string literal in it may hold runs of spaces); the differ compares it with `viewQueryKey`.
 */
import type { Index, Schema, Table, VirtualModule } from "./model.ts";
import { stripSource } from "./source.ts";

/** Whitespace-normalised raw SQL: runs of whitespace become one space, none inside parentheses' edges. */
export const normSql = (s: string) =>
  // Most expressions are normal already: one test instead of three replaces and a trim.
  !NOT_NORMAL.test(s) ? s : s.replace(/\s+/g, " ").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")").trim();

/**
 * What `normSql` would change: whitespace other than a single space, two spaces, a space after
 * `(` or before `)`, or at either end. Without any of them every step of it keeps the text.
 */
const NOT_NORMAL = /[^\S ]| {2}|\( | \)|^ | $/;

/**
 * What makes two virtual tables the same (`Table.virtual`): the module's name ignoring case (as
 * SQLite looks modules up) and its arguments whitespace-normalised; "" for a plain table.
 */
export const virtualKey = (v: VirtualModule | undefined): string =>
  v ? JSON.stringify([v.module.toLowerCase(), normSql(v.args ?? "")]) : "";

/**
 * A copy of `xs` sorted by name (stable). A list in order already (most of a table's keys,
 * indexes and checks: none or one) is copied without calling `sort`, which calls back into the
 * comparison for every pair it looks at: four lists a table, thousands in a large schema.
 */
function byName<T extends { name: string }>(xs: readonly T[]): T[] {
  let sorted = true;
  for (let i = 1; i < xs.length; i++)
    if (xs[i - 1]!.name > xs[i]!.name) {
      sorted = false;
      break;
    }
  return sorted ? xs.slice() : [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * An index with its expressions and `where` whitespace-normalised; the index itself when they
 * are normal already (nearly always: the copy would be the same, its keys in the same order).
 */
function normalIndex(i: Index): Index {
  const where = i.where === undefined ? undefined : normSql(i.where);
  const normal =
    where === i.where && i.parts.every((p) => p.kind !== "expression" || normSql(p.sql) === p.sql);
  if (normal) return i;
  return {
    ...i,
    parts: i.parts.map((p) => (p.kind === "expression" ? { ...p, sql: normSql(p.sql) } : p)),
    ...(i.where !== undefined ? { where: normSql(i.where) } : {}),
  };
}

export function canonical(schema: Schema): Schema {
  const s = stripSource(schema);
  return {
    enums: byName(s.enums),
    ...(s.sequences?.length ? { sequences: byName(s.sequences) } : {}),
    ...(s.domains?.length
      ? {
          domains: byName(s.domains).map((d) => ({
            ...d,
            ...(d.default?.kind === "raw" ? { default: { kind: "raw", sql: normSql(d.default.sql) } } : {}),
            checks: byName(d.checks).map((c) => ({ ...c, expr: normSql(c.expr) })),
          })),
        }
      : {}),
    ...(s.views?.length ? { views: byName(s.views) } : {}),
    ...(s.namespaces?.length ? { namespaces: byName(s.namespaces) } : {}),
    ...(s.extensions?.length ? { extensions: byName(s.extensions) } : {}),
    // A composite type's attributes keep their order (it is the type's).
    ...(s.composites?.length ? { composites: byName(s.composites) } : {}),
    ...(s.functions?.length ? { functions: byName(s.functions) } : {}),
    ...(s.triggers?.length ? { triggers: byName(s.triggers) } : {}),
    tables: byName(s.tables).map(
      (t): Table => ({
        ...t,
        ...(t.virtual
          ? {
              virtual: {
                ...t.virtual,
                module: t.virtual.module.toLowerCase(),
                ...(t.virtual.args !== undefined ? { args: normSql(t.virtual.args) } : {}),
              },
            }
          : {}),
        columns: t.columns.map((c) =>
          c.default?.kind === "raw" ? { ...c, default: { kind: "raw", sql: normSql(c.default.sql) } } : c,
        ),
        uniques: byName(t.uniques),
        indexes: byName(t.indexes).map(normalIndex),
        foreignKeys: byName(t.foreignKeys),
        // `s` is a copy already (`stripSource`): an item normal as it is needs no other.
        checks: byName(t.checks).map((c) => {
          const expr = normSql(c.expr);
          return expr === c.expr ? c : { ...c, expr };
        }),
      }),
    ),
  };
}

/** A body between dollar quotes: `$$` unless the body would end it early, then `$body$`, `$body1$`... */
export function dollarQuoted(body: string): string {
  for (let i = 0; ; i++) {
    const tag = i === 0 ? "$$" : `$body${i === 1 ? "" : i}$`;
    // The lexer ends the body at the first closing tag: it must be the one after the body.
    if ((body + tag).indexOf(tag) === body.length) return `${tag}${body}${tag}`;
  }
}
