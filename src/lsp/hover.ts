/**
 * Hover text (Markdown) for a table, column, enum, view, composite type or schema: what the schema says of it — type,
 * nullability, keys, default, doc comment — and for a column, the definition each dialect will
 * create, taken from the dialects' own renderers (the SQL `generate` would write, not a guess).
 */
import type { Column, Schema, Table } from "../ir/model.ts";
import { DIALECT_NAMES } from "../dialects/dialect.ts";
import { getDialect } from "../dialects/registry.ts";
import { printComposite, printDefault, printRoutine, printTrigger, printType } from "../dsl/printer.ts";
import type { SymbolKey } from "./symbols.ts";
import { mentionedNames } from "../diff/views.ts";
import { schemaOf } from "../ir/qualified.ts";

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

export async function hoverText(schema: Schema, key: SymbolKey): Promise<string | undefined> {
  const [kind, rest = ""] = splitKey(key);
  if (kind === "table") {
    const t = schema.tables.find((x) => x.name === rest);
    return t && tableHover(t);
  }
  if (kind === "schema") {
    const n = schema.namespaces?.find((x) => x.name === rest);
    if (!n) return undefined;
    const inIt = (names: readonly { name: string }[]) =>
      names.filter((x) => schemaOf(x.name) === n.name).length;
    const held = [
      plural(inIt(schema.tables), "table"),
      plural(inIt(schema.views ?? []), "view"),
      plural(inIt(schema.enums), "enum"),
      plural(inIt(schema.functions ?? []), "function"),
    ].filter((x) => !x.startsWith("0 "));
    return [
      `\`\`\`schemavc\nschema ${n.name}\n\`\`\``,
      ...(n.doc ? [n.doc] : []),
      held.length ? `holds ${held.join(", ")}` : "holds nothing yet",
    ].join("\n\n");
  }
  if (kind === "view") {
    const v = schema.views?.find((x) => x.name === rest);
    if (!v) return undefined;
    const reads = mentionedNames(v.query, [
      ...schema.tables.map((t) => t.name),
      ...(schema.views ?? []).filter((x) => x.name !== v.name).map((x) => x.name),
    ]);
    return [
      `\`\`\`schemavc\n${v.materialized ? "materialized " : ""}view ${v.name} as (${v.query})\n\`\`\``,
      ...(v.doc ? [v.doc] : []),
      reads.size
        ? `reads ${[...reads].join(", ")}: dropped and created again around changes that need it`
        : "reads no table of the schema",
    ].join("\n\n");
  }
  if (kind === "type") {
    const t = schema.composites?.find((x) => x.name === rest);
    if (!t) return undefined;
    // The declaration without its doc and comments (the doc follows, as prose).
    const { doc: _doc, src: _src, ...bare } = t;
    const users = schema.tables.flatMap((x) =>
      x.columns
        .filter((c) => c.type.kind === "native" && c.type.name === t.name)
        .map((c) => `${x.name}.${c.name}`),
    );
    return [
      `\`\`\`schemavc\n${printComposite(bare)}\n\`\`\``,
      ...(t.doc ? [t.doc] : []),
      users.length ? `the type of ${users.join(", ")}` : "no column is of this type",
    ].join("\n\n");
  }
  if (kind === "function") {
    const f = schema.functions?.find((x) => x.name === rest);
    if (!f) return undefined;
    const { src: _, doc: __, ...bare } = f;
    const users = [
      ...(schema.triggers ?? [])
        .filter((t) => t.execute?.function === f.name)
        .map((t) => `trigger ${t.name}`),
      ...(schema.views ?? [])
        .filter((v) => mentionedNames(v.query, [f.name]).size)
        .map((v) => `view ${v.name}`),
    ];
    return [
      `\`\`\`schemavc\n${printRoutine(bare)}\n\`\`\``,
      ...(f.doc ? [f.doc] : []),
      ...(users.length
        ? [`used by ${users.join(", ")}: dropped and created again when its signature changes`]
        : []),
    ].join("\n\n");
  }
  if (kind === "trigger") {
    const t = schema.triggers?.find((x) => x.name === rest);
    if (!t) return undefined;
    const { src: _, doc: __, ...bare } = t;
    return [`\`\`\`schemavc\n${printTrigger(bare)}\n\`\`\``, ...(t.doc ? [t.doc] : [])].join("\n\n");
  }
  if (kind === "enum" || kind === "value") {
    const e = schema.enums.find(
      (x) => x.name === (kind === "value" ? rest.slice(0, rest.indexOf(".")) : rest),
    );
    if (!e) return undefined;
    return [
      `\`\`\`schemavc\nenum ${e.name} { ${e.values.map((v) => v.name).join(", ")} }\n\`\`\``,
      ...(e.doc ? [e.doc] : []),
    ].join("\n\n");
  }
  const dot = rest.indexOf(".");
  const t = schema.tables.find((x) => x.name === rest.slice(0, dot));
  const c = t?.columns.find((x) => x.name === rest.slice(dot + 1));
  return t && c ? columnHover(schema, t, c) : undefined;
}

function splitKey(key: SymbolKey): [string, string?] {
  const i = key.indexOf(":");
  return [key.slice(0, i), key.slice(i + 1)];
}

function tableHover(t: Table): string {
  if (t.virtual)
    return [
      `\`\`\`schemavc\nvirtual table ${t.name} using ${t.virtual.module}${t.virtual.args !== undefined ? ` (${t.virtual.args})` : ""}\n\`\`\``,
      ...(t.doc ? [t.doc] : []),
      "SQLite's virtual table: its module holds the columns",
    ].join("\n\n");
  const lines = [`\`\`\`schemavc\ntable ${t.name}\n\`\`\``];
  if (t.doc) lines.push(t.doc);
  const facts = [`${t.columns.length} column${t.columns.length === 1 ? "" : "s"}`];
  if (t.primaryKey) {
    // With MySQL's prefix lengths where the key has them: `primary key (jid(75), node)`.
    const lengths = t.primaryKey.prefixLengths ?? {};
    facts.push(
      `primary key (${t.primaryKey.columns.map((c) => (lengths[c] !== undefined ? `${c}(${lengths[c]})` : c)).join(", ")})`,
    );
  }
  if (t.foreignKeys.length)
    facts.push(`references ${[...new Set(t.foreignKeys.map((f) => f.refTable))].join(", ")}`);
  if (t.indexes.length) facts.push(`${t.indexes.length} index${t.indexes.length === 1 ? "" : "es"}`);
  lines.push(facts.join(" · "));
  return lines.join("\n\n");
}

async function columnHover(schema: Schema, t: Table, c: Column): Promise<string> {
  const facts: string[] = [c.nullable ? "nullable" : "not null"];
  if (t.primaryKey?.columns.includes(c.name))
    facts.push(
      t.primaryKey.columns.length > 1
        ? `part of the primary key (${t.primaryKey.columns.join(", ")})`
        : "primary key",
    );
  if (c.identity) facts.push("identity (generated by the database)");
  if (c.collation !== undefined) facts.push(`collate ${c.collation}`);
  if (t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name)) facts.push("unique");
  if (c.default) facts.push(`default ${printDefault(c.default)}`);
  if (c.onUpdate === "now") facts.push("on update now() (set to the time of each update)");
  for (const fk of t.foreignKeys.filter((f) => f.columns.includes(c.name))) {
    facts.push(
      `references ${fk.refTable}(${fk.refColumns.join(", ")})${fk.onDelete !== "no action" ? ` on delete ${fk.onDelete}` : ""}`,
    );
  }
  const lines = [`\`\`\`schemavc\n${t.name}.${c.name} ${printType(c.type)}${c.nullable ? "?" : ""}\n\`\`\``];
  if (c.doc) lines.push(c.doc);
  lines.push(facts.join(" · "));
  // A code block, not a table: MySQL's backquotes would break inline code.
  lines.push(
    ["```sql", ...(await perDialect(schema, t, c)).flatMap(([d, sql]) => [`-- ${d}`, sql]), "```"].join("\n"),
  );
  return lines.join("\n\n");
}

/** The column's line of a CREATE TABLE rendered by each dialect (its key kept when it is the column alone). */
async function perDialect(schema: Schema, t: Table, c: Column): Promise<[string, string][]> {
  const alone: Table = {
    name: t.name,
    columns: [c],
    uniques: [],
    indexes: [],
    foreignKeys: [],
    checks: [],
    ...(t.primaryKey && t.primaryKey.columns.length === 1 && t.primaryKey.columns[0] === c.name
      ? { primaryKey: t.primaryKey }
      : {}),
  };
  const out: [string, string][] = [];
  for (const name of DIALECT_NAMES) {
    const d = await getDialect(name);
    const [create] = d.render([{ kind: "create-table", table: alone }], {
      from: { tables: [], enums: [] },
      to: schema,
    });
    const quoted = d.quoteIdent(c.name);
    const line = create?.sql
      .split("\n")
      .map((l) => l.trim().replace(/,$/, ""))
      .find((l) => l.startsWith(quoted));
    if (line) out.push([name, line]);
  }
  return out;
}
