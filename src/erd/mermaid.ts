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
import { fkEnds, keyMarks } from "./keys.ts";

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
      const ends = fkEnds(t, fk);
      const parentEnd = ends.optionalParent ? "o|" : "||";
      // One row per parent at most when the key columns are themselves unique in the child.
      const childEnd = ends.singleChild ? "|o" : "}o";
      // Identifying (solid) when the key is part of the child's primary key.
      const line = ends.identifying ? "--" : "..";
      lines.push(
        `  ${entity(fk.refTable)} ${parentEnd}${line}${childEnd} ${entity(t.name)} : ${quote(fk.columns.join(", "))}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function attribute(t: Table, c: Column): string {
  const keys = keyMarks(t, c);
  const name = WORD.test(c.name) ? c.name : `_${c.name.replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const notes = [`${typeText(c.type)}${c.nullable ? "?" : ""}${c.identity ? " identity" : ""}`];
  if (name !== c.name) notes.push(`column "${c.name}"`);
  if (c.doc) notes.push(c.doc.replace(/\s+/g, " ").trim());
  return `${typeWord(c.type)} ${name}${keys.length ? ` ${keys.join(", ")}` : ""} ${quote(notes.join("; "))}`;
}

function typeWord(t: ColumnType): string {
  const w = t.name.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z]/.test(w) ? w : `t_${w}`;
}

/** Entity names quoted only when Mermaid needs it (`line items`); plain names stay plain. */
const entity = (name: string) => (WORD.test(name) ? name : quote(name));

/**
 * A Mermaid string. It has no escapes, and its labels are HTML (sanitised: `<c>` would vanish),
 * so `&`, `<`, `>` and `"` are written as HTML character references. Not as Mermaid's own entity
 * codes (`#quot;`): Mermaid 12's ER renderer leaves those undecoded in the names and notes of
 * entities that take part in a relationship (test/binary/erd-render.test.ts renders them).
 */
const quote = (s: string) =>
  `"${s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}"`;

/** The diagram as Markdown: a ```mermaid fence, which GitHub renders as a picture. */
export const mermaidMarkdown = (diagram: string): string => `\`\`\`mermaid\n${diagram}\`\`\`\n`;
