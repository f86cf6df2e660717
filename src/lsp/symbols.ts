/**
 * Where each table, column, enum and enum value of a schema is named: its definition and every
 * reference (foreign keys, key and index column lists, enum-typed columns), across files. Built
 * from the positions the parser records in the IR (`src.parts`), so go-to-definition and
 * find-references see exactly the names the validator checks — no second reading of the text.
 */
import type { Loc, Schema, SourceInfo, Table } from "../ir/model.ts";

/**
 * A schema object: `table:users`, `column:users.email`, `enum:status`, `value:status.draft`,
 * `view:v`, `type:address`, `function:f`, `trigger:t`, `schema:sales`.
 */
export type SymbolKey = string;

export interface Occurrence {
  readonly key: SymbolKey;
  readonly loc: Loc;
  readonly definition: boolean;
}

export const tableKey = (t: string): SymbolKey => `table:${t}`;
export const columnKey = (t: string, c: string): SymbolKey => `column:${t}.${c}`;
export const enumKey = (e: string): SymbolKey => `enum:${e}`;
export const viewKey = (v: string): SymbolKey => `view:${v}`;
/** A composite type (PostgreSQL's `type t { ... }`). */
export const typeKey = (t: string): SymbolKey => `type:${t}`;
export const functionKey = (f: string): SymbolKey => `function:${f}`;
export const triggerKey = (t: string): SymbolKey => `trigger:${t}`;
/** A PostgreSQL schema (`schema sales`). */
export const schemaKey = (n: string): SymbolKey => `schema:${n}`;

/** Every occurrence in the schema, each position once (a column-level constraint repeats its column's name). */
export function occurrences(schema: Schema): Occurrence[] {
  const out = new Map<string, Occurrence>();
  const add = (key: SymbolKey, loc: Loc | undefined, definition: boolean) => {
    if (!loc) return;
    const at = `${loc.file}\0${loc.offset}`;
    const prev = out.get(at);
    if (!prev || (definition && !prev.definition)) out.set(at, { key, loc, definition });
  };
  const part = (src: SourceInfo | undefined, name: string) => src?.parts?.[name];
  const whole = (src: SourceInfo | undefined): Loc | undefined =>
    src
      ? { file: src.file, line: src.line, col: src.col, offset: src.offset, length: src.end - src.offset }
      : undefined;
  const columnsIn = (t: Table, src: SourceInfo | undefined, names: readonly string[]) => {
    for (const c of names) add(columnKey(t.name, c), part(src, `column:${c}`), false);
  };

  for (const n of schema.namespaces ?? []) add(schemaKey(n.name), part(n.src, "name"), true);
  for (const e of schema.enums) {
    add(enumKey(e.name), part(e.src, "name"), true);
    for (const v of e.values) add(`value:${e.name}.${v.name}`, whole(v.src), true);
  }
  for (const v of schema.views ?? []) add(viewKey(v.name), part(v.src, "name"), true);
  const composites = new Set((schema.composites ?? []).map((t) => t.name));
  for (const t of schema.composites ?? []) add(typeKey(t.name), part(t.src, "name"), true);
  for (const f of schema.functions ?? []) add(functionKey(f.name), part(f.src, "name"), true);
  const views = new Set((schema.views ?? []).map((v) => v.name));
  for (const t of schema.triggers ?? []) {
    add(triggerKey(t.name), part(t.src, "name"), true);
    add(views.has(t.table) ? viewKey(t.table) : tableKey(t.table), part(t.src, "table"), false);
    if (t.execute) add(functionKey(t.execute.function), part(t.src, "function"), false);
  }
  for (const t of schema.tables) {
    add(tableKey(t.name), part(t.src, "name"), true);
    for (const c of t.columns) {
      add(columnKey(t.name, c.name), part(c.src, "name"), true);
      if (c.type.kind === "enum") add(enumKey(c.type.name), part(c.src, "type"), false);
      else if (c.type.kind === "native" && composites.has(c.type.name))
        add(typeKey(c.type.name), part(c.src, "type"), false);
    }
    if (t.primaryKey) columnsIn(t, t.primaryKey.src, t.primaryKey.columns);
    for (const u of t.uniques) columnsIn(t, u.src, u.columns);
    for (const i of t.indexes)
      columnsIn(
        t,
        i.src,
        i.parts.flatMap((p) => (p.kind === "column" ? [p.column] : [])),
      );
    for (const fk of t.foreignKeys) {
      columnsIn(t, fk.src, fk.columns);
      add(tableKey(fk.refTable), part(fk.src, "refTable"), false);
      for (const c of fk.refColumns) add(columnKey(fk.refTable, c), part(fk.src, `ref:column:${c}`), false);
    }
  }
  return [...out.values()];
}

/** The occurrence whose name covers `offset` in `file` (the end of a name counts: the cursor sits after it). */
export function occurrenceAt(
  all: readonly Occurrence[],
  file: string,
  offset: number,
): Occurrence | undefined {
  return all.find(
    (o) => o.loc.file === file && offset >= o.loc.offset && offset <= o.loc.offset + o.loc.length,
  );
}
