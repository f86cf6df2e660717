/**
 * The schema as a Graphviz DOT graph, for `erd --format svg` (laid out by Graphviz's `dot`
 * engine in `svg.ts`) and `erd --format dot` (for people who run Graphviz themselves). Pure:
 * schema in, text out.
 *
 * Every table is one node whose label is an HTML-like table: a header row with the table's
 * name (and its doc comment, when it has one), then one row per column: the PK/FK/UK marks, the
 * name, the full type and the nullability. Every foreign key is one edge from the port of its
 * (first) column to the referenced table's (first) referenced column, with crow's-foot ends
 * chosen as in the Mermaid diagram: the parent end is "exactly one" (or "zero or one" when the
 * key is nullable), the child end "many" (or "one" when the key columns are unique in the child).
 *
 * Names are user text and may hold anything a quoted identifier can (`"line items"`, `a<b`,
 * `x"y`, `a\`), so they never appear unescaped: node ids are DOT quoted strings (`"` and `\`
 * escaped), labels are HTML-like labels with every markup character written as an entity, and
 * ports are generated (`c0`, `c1`, …) rather than derived from column names.
 */
import type { Schema, Table } from "../ir/model.ts";
import { typeText } from "../ir/validate.ts";
import { fkEnds, keyMarks } from "./keys.ts";
import { wrapWords } from "../util/wrap.ts";

/** Colours and font, chosen to read well on white and when printed in grey. */
const STYLE = {
  font: "Helvetica",
  header: "#2b5a8a",
  headerText: "#ffffff",
  doc: "#e8eef5",
  border: "#5b7590",
  mark: "#8a5a00",
  muted: "#6b6b6b",
  edge: "#4d6b88",
} as const;

export function dotErd(schema: Schema): string {
  const lines = [
    "digraph erd {",
    `  graph [rankdir=LR, fontname="${STYLE.font}", bgcolor="white", nodesep=0.4, ranksep=0.9, pad=0.2];`,
    `  node [shape=plain, fontname="${STYLE.font}", fontsize=11];`,
    `  edge [fontname="${STYLE.font}", fontsize=9, color="${STYLE.edge}", arrowsize=0.9, dir=both];`,
  ];
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  for (const t of schema.tables)
    lines.push(
      `  ${dotId(t.name)} [label=<${tableLabel(t)}>, tooltip=${dotId(t.doc ? `${t.name}: ${t.doc}` : t.name)}];`,
    );
  for (const t of schema.tables) {
    for (const fk of t.foreignKeys) {
      // Out of the child's row on its right side, into the parent's row on its left side
      // (ranks run left to right): a port in a middle cell would end the edge inside the table.
      const from = portOf(t, fk.columns[0], "r");
      const parent = tables.get(fk.refTable);
      // A reference to a table outside the schema (not possible in a validated schema) still
      // gets an edge: Graphviz draws the missing table as a plain node of its name.
      const to = parent ? portOf(parent, fk.refColumns[0], "l") : "";
      const ends = fkEnds(t, fk);
      const attrs = [
        // The tail is the child end (the referencing table), the head the parent end.
        `arrowtail=${ends.singleChild ? "teeodot" : "crowodot"}`,
        `arrowhead=${ends.optionalParent ? "teeodot" : "teetee"}`,
        `tooltip=${dotId(`${t.name}(${fk.columns.join(", ")}) → ${fk.refTable}(${fk.refColumns.join(", ")})${fk.onDelete === "no action" ? "" : ` on delete ${fk.onDelete}`}`)}`,
      ];
      // Identifying (the key is part of the child's primary key): solid; otherwise dashed.
      if (!ends.identifying) attrs.push("style=dashed");
      lines.push(`  ${dotId(t.name)}${from} -> ${dotId(fk.refTable)}${to} [${attrs.join(", ")}];`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

function tableLabel(t: Table): string {
  const rows = [
    `<tr><td colspan="4" bgcolor="${STYLE.header}" cellpadding="6"><font color="${STYLE.headerText}"><b>${html(t.name)}</b></font></td></tr>`,
  ];
  if (t.doc)
    rows.push(
      `<tr><td colspan="4" bgcolor="${STYLE.doc}" align="left" balign="left"><font point-size="9"><i>${wrap(oneLine(t.doc), 56).map(html).join("<br/>")}</i></font></td></tr>`,
    );
  t.columns.forEach((c, i) => {
    const marks = keyMarks(t, c);
    const tip = c.doc ? ` tooltip="${html(oneLine(c.doc))}" href="#"` : "";
    rows.push(
      `<tr>` +
        // Graphviz rejects an empty <font> or <b> (the whole label is then lost): no marks, empty cell.
        `<td align="left" port="c${i}l" sides="lb">${marks.length ? `<font color="${STYLE.mark}"><b>${marks.join(" ")}</b></font>` : ""}</td>` +
        `<td align="left" sides="b"${tip}>${html(c.name)}</td>` +
        `<td align="left" sides="b"><font color="${STYLE.muted}">${html(`${typeText(c.type)}${c.identity ? " identity" : ""}`)}</font></td>` +
        `<td align="left" port="c${i}r" sides="rb"><font color="${STYLE.muted}" point-size="9">${c.nullable ? "null" : "not null"}</font></td>` +
        `</tr>`,
    );
  });
  return `<table border="1" color="${STYLE.border}" cellborder="1" cellspacing="0" cellpadding="4">${rows.join("")}</table>`;
}

/**
 * `:"c3r":e`: the port of a column's row on its right (`r`, east) or left (`l`, west) side, or
 * nothing when the column is unknown (the edge then ends at the table).
 */
function portOf(t: Table, column: string | undefined, side: "l" | "r"): string {
  const i = t.columns.findIndex((c) => c.name === column);
  return i < 0 ? "" : `:"c${i}${side}":${side === "r" ? "e" : "w"}`;
}

/**
 * A DOT quoted string. In DOT only `\"` is an escape inside quotes, but a backslash still pairs
 * with the character after it, so a name ending in `\` would swallow the closing quote: every
 * backslash is doubled (Graphviz keeps `\\` as is in ids and turns it into `\` in tooltips),
 * line breaks become `\n`, and other control characters (which would end up in the SVG's XML,
 * where they are not allowed) a space or U+FFFD.
 */
export function dotId(s: string): string {
  return `"${s
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, "\\n")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u001f\u007f]/g, "\ufffd")}"`;
}

/**
 * Text for an HTML-like label: the five markup characters as entities, and control characters
 * (which XML forbids even as entities) replaced, since Graphviz parses these labels as XML.
 */
export function html(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/[\t\n\r]/g, " ")
    .replace(/[\u0000-\u001f\u007f]/g, "\ufffd");
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** Words in lines of at most `width` characters (a longer word gets a line of its own). */
export const wrap = (text: string, width: number): string[] => wrapWords(text.split(" "), width);
