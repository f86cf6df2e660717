/**
 * What may be typed at the cursor. Read from the text before the cursor rather than from the
 * parse, because the text being typed is usually incomplete: the enclosing `table NAME {`, the
 * unclosed `(` and the words before it decide between keywords, types, table names and the
 * columns of a table (inside `index (...)`, `unique (...)`, `primary key (...)`, `check (...)`,
 * `foreign key (...)`, or of the referenced table after `references NAME (`).
 */
import { PORTABLE_TYPES, type Schema } from "../ir/model.ts";

export type CompletionKind = "keyword" | "type" | "table" | "column" | "enum";

export interface Suggestion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
}

const NAME = `(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)`;
const unquote = (n: string) => (n.startsWith('"') ? n.slice(1, -1).replace(/""/g, '"') : n);

const TOP_LEVEL = [
  "table",
  "enum",
  "virtual table",
  "view",
  "materialized view",
  "function",
  "procedure",
  "trigger",
];
// `exclude` is PostgreSQL's exclusion constraint (validation refuses it elsewhere).
const TABLE_ITEMS = ["primary key", "unique", "index", "foreign key", "check", "exclude"];
const COLUMN_ATTRIBUTES = [
  "primary key",
  "unique",
  "identity",
  "collate",
  "default",
  "references",
  "check",
  "renamed from",
  "on update now()",
];

/**
 * The suggestions at the end of `before`. `nativeTypes`: the project dialect's catalogue
 * (`Capabilities.types.names`), offered after the portable types and the enums.
 */
export function complete(schema: Schema, before: string, nativeTypes: readonly string[] = []): Suggestion[] {
  const code = blankCommentsAndStrings(before);
  const table = enclosingBlock(code);
  if (!table) return TOP_LEVEL.map((label) => ({ label, kind: "keyword" }));
  if (table.kind === "enum") return [];
  const inside = code.slice(table.bodyStart);
  const paren = unclosedParen(inside);
  const columnsOf = (name: string): Suggestion[] => {
    const t = schema.tables.find((x) => x.name === name);
    return (t?.columns ?? []).map((c) => ({ label: c.name, kind: "column", detail: `${name}.${c.name}` }));
  };
  if (paren !== undefined) {
    const head = inside.slice(0, paren);
    const ref = new RegExp(String.raw`\breferences\s+(${NAME})\s*$`).exec(head);
    if (ref) return columnsOf(unquote(ref[1]!));
    if (
      new RegExp(String.raw`\b(?:index|unique|key|check)(?:\s+${NAME})?\s*$`).test(head) &&
      !/\bdefault\s*$/.test(head)
    )
      return columnsOf(table.name);
    return [];
  }
  const line = inside.slice(inside.lastIndexOf("\n") + 1);
  if (/\breferences\s+\w*$/.test(line)) return schema.tables.map((t) => ({ label: t.name, kind: "table" }));
  if (/^\s*\w*$/.test(line)) return TABLE_ITEMS.map((label) => ({ label, kind: "keyword" }));
  if (
    new RegExp(String.raw`^\s*${NAME}\s+\w*$`).test(line) &&
    !/^\s*(primary|unique|index|foreign|check)\b/.test(line)
  ) {
    return [
      ...PORTABLE_TYPES.map((label): Suggestion => ({ label, kind: "type" })),
      ...schema.enums.map(
        (e): Suggestion => ({
          label: e.name,
          kind: "enum",
          detail: `enum { ${e.values.map((v) => v.name).join(", ")} }`,
        }),
      ),
      // A domain is a type too (PostgreSQL).
      ...(schema.domains ?? []).map((d): Suggestion => ({ label: d.name, kind: "type", detail: "domain" })),
      // So is a composite type.
      ...(schema.composites ?? []).map(
        (t): Suggestion => ({
          label: t.name,
          kind: "type",
          detail: `type { ${t.attributes.map((a) => a.name).join(", ")} }`,
        }),
      ),
      ...nativeTypes
        .filter((n) => !(PORTABLE_TYPES as readonly string[]).includes(n))
        .map(
          (label): Suggestion => ({ label, kind: "type", detail: "native type of the project's dialect" }),
        ),
    ];
  }
  return COLUMN_ATTRIBUTES.map((label) => ({ label, kind: "keyword" }));
}

/** The same text with comments and string/quoted-name contents blanked, so braces inside them do not count. */
function blankCommentsAndStrings(text: string): string {
  return text.replace(/\/\/[^\n]*|'(?:[^']|'')*'?/g, (m) => " ".repeat(m.length));
}

/** The `table NAME {` or `enum NAME {` block still open at the end of `code`. */
function enclosingBlock(
  code: string,
): { kind: "table" | "enum"; name: string; bodyStart: number } | undefined {
  const re = new RegExp(String.raw`\b(table|enum)\s+(${NAME})[^{}]*\{`, "g");
  let last: RegExpExecArray | undefined;
  for (let m = re.exec(code); m; m = re.exec(code)) last = m;
  if (!last) return undefined;
  const bodyStart = last.index + last[0].length;
  let depth = 1;
  for (let i = bodyStart; i < code.length; i++) {
    if (code[i] === "{") depth++;
    else if (code[i] === "}" && --depth === 0) return undefined;
  }
  return { kind: last[1] as "table" | "enum", name: unquote(last[2]!), bodyStart };
}

/** Offset of the innermost `(` still open at the end of `code`, if any. */
function unclosedParen(code: string): number | undefined {
  const open: number[] = [];
  for (let i = 0; i < code.length; i++) {
    if (code[i] === "(") open.push(i);
    else if (code[i] === ")") open.pop();
  }
  return open.at(-1);
}
