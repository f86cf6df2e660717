/**
 * What the printer (and through it `diff`/`status` summaries) shares with the reader of the
 * language, without the lexer and parser: the reserved words, the serial pseudo-types and the
 * columns an expression mentions. Importing the printer must not load Chevrotain and build its
 * tokens: `status` prints summaries and never parses a `.schema` file (issue 19, fixed cost).
 */
import type { Column } from "../ir/model.ts";

/**
 * Reserved keywords: a name equal to one of these must be double-quoted (printer, hints). The
 * keyword tokens (tokens.ts) declare the same words as not contextual; test/unit/dsl/tokens.test.ts
 * checks that the two agree.
 */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "table",
  "enum",
  "primary",
  "foreign",
  "unique",
  "index",
  "check",
  "key",
  "references",
  "default",
  "identity",
  "collate",
  "renamed",
]);

/** PostgreSQL's serial pseudo-types and the integer type each one is. */
export const SERIAL_TYPES: Readonly<Record<string, "smallint" | "int" | "bigint">> = {
  smallserial: "smallint",
  serial: "int",
  bigserial: "bigint",
};

/** The table's columns an SQL expression mentions, in order of first appearance (for check names). */
export function mentionedColumns(sql: string, columns: readonly Column[]): string[] {
  const out: string[] = [];
  // Without quotes the words are the runs of word characters that start with no digit: read by
  // hand, as the usual check (`c1 is not null`) is; the regular expressions below cost several
  // microseconds a call, a large schema has a check per table (issue 19).
  if (!sql.includes("'") && !sql.includes('"')) {
    for (let i = 0; i < sql.length; ) {
      if (!isWordStart(sql.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < sql.length && isWordPart(sql.charCodeAt(j))) j++;
      const word = sql.slice(i, j);
      if (!out.includes(word) && hasColumn(columns, word)) out.push(word);
      i = j;
    }
    return out;
  }
  // Skip string literals: a word inside quotes is data, not a column.
  for (const m of sql.replace(/'(?:[^']|'')*'/g, "''").matchAll(/"((?:[^"]|"")+)"|[A-Za-z_][A-Za-z0-9_]*/g)) {
    const word = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0];
    // The columns searched per word, not a set of their names per check: a check has a few
    // words, and the parse of a large schema made a set of every table's columns (issue 19).
    if (!out.includes(word) && hasColumn(columns, word)) out.push(word);
  }
  return out;
}

/** `[A-Za-z_]`, by character code. */
const isWordStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** `[A-Za-z0-9_]`, by character code. */
const isWordPart = (c: number): boolean => isWordStart(c) || (c >= 48 && c <= 57);

function hasColumn(columns: readonly Column[], name: string): boolean {
  for (const c of columns) if (c.name === name) return true;
  return false;
}
