/**
 * The schema as a Mermaid entity-relationship diagram (`erDiagram`), which GitHub renders inside
 * Markdown: every table with its columns (type, PK/FK/UK marks, nullability and doc comment in
 * the attribute's comment), every foreign key as a crow's-foot edge from the referenced table to
 * the referencing one. Pure: schema in, text out.
 *
 * Mermaid's attribute grammar takes a type and a name of word characters only, so a type keeps
 * its name (`varchar`) and the whole type (`varchar(100)`) goes into the comment; a name Mermaid
 * cannot hold is written with `_` and its real name in the comment. Entity names are quoted when they are not plain words.
 */
import type { Column, ColumnType, Schema, Table } from "../ir/model.ts";
import { typeText } from "../ir/validate.ts";

const WORD = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function mermaidErd(schema: Schema): string {
  const lines = ["erDiagram"];
  for (const t of schema.tables) {
    lines.push(`  ${entity(t.name)} {`);
    for (const c of t.columns) lines.push(`    ${attribute(t, c)}`);
    lines.push("  }");
  }
  for (const t of schema.tables) {
    for (const fk of t.foreignKeys) {
      const cols = fk.columns.map((n) => t.columns.find((c) => c.name === n));
      const optional = cols.some((c) => c?.nullable);
      // One row per parent at most when the key columns are themselves unique in the child.
      const single = isKey(t, fk.columns);
      const parentEnd = optional ? "o|" : "||";
      const childEnd = single ? "|o" : "}o";
      // Identifying (solid) when the key is part of the child's primary key.
      const line = fk.columns.every((n) => t.primaryKey?.columns.includes(n)) ? "--" : "..";
      lines.push(`  ${entity(fk.refTable)} ${parentEnd}${line}${childEnd} ${entity(t.name)} : ${quote(fk.columns.join(", "))}`);
    }
  }
  return lines.join("\n") + "\n";
}

function attribute(t: Table, c: Column): string {
  const keys: string[] = [];
  if (t.primaryKey?.columns.includes(c.name)) keys.push("PK");
  if (t.foreignKeys.some((k) => k.columns.includes(c.name))) keys.push("FK");
  if (t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name) || t.indexes.some((i) => i.unique && i.parts.length === 1 && i.parts[0]!.kind === "column" && i.parts[0]!.column === c.name)) keys.push("UK");
  const name = WORD.test(c.name) ? c.name : `_${c.name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const notes = [`${typeText(c.type)}${c.nullable ? "?" : ""}${c.identity ? " identity" : ""}`];
  if (name !== c.name) notes.push(`column "${c.name}"`);
  if (c.doc) notes.push(c.doc.replace(/\s+/g, " ").trim());
  return `${typeWord(c.type)} ${name}${keys.length ? ` ${keys.join(", ")}` : ""} ${quote(notes.join("; "))}`;
}

function typeWord(t: ColumnType): string {
  const w = (t.kind === "enum" ? t.name : t.name).replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z]/.test(w) ? w : `t_${w}`;
}

function isKey(t: Table, cols: readonly string[]): boolean {
  const same = (xs: readonly string[]) => xs.length === cols.length && xs.every((x) => cols.includes(x));
  return (t.primaryKey !== undefined && same(t.primaryKey.columns)) || t.uniques.some((u) => same(u.columns));
}

/** Entity names quoted only when Mermaid needs it (`line items`); plain names stay plain. */
const entity = (name: string) => (WORD.test(name) ? name : quote(name));

/** Mermaid strings have no escapes: a double quote inside becomes `#quot;` (its entity code). */
const quote = (s: string) => `"${s.replace(/"/g, "#quot;")}"`;
