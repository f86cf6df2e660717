/**
 * Splits a migration file into statements, the way the database would read it: semicolons
 * inside strings ('...'), quoted names ("...", `...`), comments (-- and /* *\/), PostgreSQL
 * dollar-quoted bodies ($$...$$, $tag$...$tag$) and SQLite/MySQL trigger bodies (BEGIN ... END)
 * do not end a statement. Each statement keeps its 1-based line in the file, so a failure can
 * name where it is. Comment-only pieces are dropped.
 *
 * Directives: `-- schemavc:NAME` comment lines before the first statement
 * (e.g. `-- schemavc:no-transaction`) are returned apart; `-- schemavc:allow RULE` lines belong
 * to the statement below them (`allow`).
 */

export interface SplitStatement {
  readonly sql: string;
  /** 1-based line of the statement's first character in the file. */
  readonly line: number;
  /**
   * Lint rules silenced for this statement by `-- schemavc:allow RULE` comment lines right
   * above it (a rule id each; several lines, or ids separated by commas, for several rules).
   */
  readonly allow: readonly string[];
}

export interface SplitResult {
  readonly statements: SplitStatement[];
  readonly directives: Set<string>;
}

/**
 * @param backslashEscapes MySQL reads `\'` inside a string as an escaped quote; PostgreSQL and
 *   SQLite do not (a string may end with a backslash there). The runner passes its dialect's rule.
 */
export function splitSql(text: string, backslashEscapes = false): SplitResult {
  const statements: SplitStatement[] = [];
  const directives = new Set<string>();
  let start = 0;
  let line = 1;
  let startLine = 1;
  let depthBegin = 0; // BEGIN ... END nesting inside CREATE TRIGGER, FUNCTION or PROCEDURE
  let inTrigger = false;
  let afterEnd = false;
  const n = text.length;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const sql = stripEdges(raw);
    if (sql) {
      const lead = raw.slice(0, raw.indexOf(sql.slice(0, 1)) === -1 ? 0 : leadingSkip(raw));
      const extra = (lead.match(/\n/g) ?? []).length;
      statements.push({ sql, line: startLine + extra, allow: allowDirectives(lead) });
    }
  };
  let i = 0;
  let wordStart = -1;
  const flushWord = (end: number) => {
    if (wordStart < 0) return;
    const length = end - wordStart;
    // Only END, CASE, BEGIN, TRIGGER, FUNCTION and PROCEDURE matter: another length is none of
    // them (no copy of every word of the file; words are ASCII, so case keeps their length).
    if (length < 3 || length > 9 || length === 6) {
      wordStart = -1;
      afterEnd = false;
      return;
    }
    const w = text.slice(wordStart, end).toUpperCase();
    wordStart = -1;
    if (
      (w === "TRIGGER" || w === "FUNCTION" || w === "PROCEDURE") &&
      /\bCREATE\b/i.test(text.slice(start, end))
    )
      inTrigger = true;
    // The CASE of `END CASE` opens nothing: the END closed its CASE.
    else if (inTrigger && (w === "BEGIN" || (w === "CASE" && !afterEnd))) depthBegin++;
    // `END IF`, `END LOOP`, `END WHILE`, `END REPEAT` close no BEGIN.
    else if (
      inTrigger &&
      w === "END" &&
      depthBegin > 0 &&
      !/^\s+(IF|LOOP|WHILE|REPEAT)\b/i.test(text.slice(end, end + 16))
    )
      depthBegin--;
    afterEnd = w === "END";
  };
  while (i < n) {
    const c = text[i]!;
    const isWord = isWordChar(text.charCodeAt(i));
    if (isWord) {
      if (wordStart < 0) wordStart = i;
      i++;
      continue;
    }
    flushWord(i);
    if (c === "\n") {
      line++;
      i++;
      continue;
    }
    if (c === "-" && text[i + 1] === "-") {
      const end = text.indexOf("\n", i);
      const comment = text.slice(i, end === -1 ? n : end);
      const m = /^--\s*schemavc:([a-z-]+)/.exec(comment);
      if (m && m[1] !== "allow" && !statements.length && !stripEdges(text.slice(start, i)))
        directives.add(m[1]!);
      i = end === -1 ? n : end;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      line += countLines(text, i, stop);
      i = stop;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      for (; j < n; j++) {
        if (backslashEscapes && text[j] === "\\" && c === "'") {
          j++;
          continue;
        }
        if (text[j] === c) {
          if (text[j + 1] === c) {
            j++;
            continue;
          }
          break;
        }
      }
      line += countLines(text, i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "$") {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const tag = m[0];
        const end = text.indexOf(tag, i + tag.length);
        const stop = end === -1 ? n : end + tag.length;
        line += countLines(text, i, stop);
        i = stop;
        continue;
      }
    }
    if (c === ";" && depthBegin === 0) {
      push(i);
      start = i + 1;
      inTrigger = false;
      i++;
      startLine = line;
      continue;
    }
    i++;
  }
  flushWord(n);
  push(n);
  return { statements, directives };
}

/** `[A-Za-z0-9_]` by character code: tested on every character of a migration, a regex per character was most of the split. */
const isWordChar = (k: number) =>
  (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95;

/** The rule ids of `-- schemavc:allow a, b` lines in a statement's leading comments. */
function allowDirectives(lead: string): string[] {
  const out: string[] = [];
  for (const m of lead.matchAll(/^[ \t]*--\s*schemavc:allow\b([^\n]*)/gm))
    out.push(...m[1]!.split(/[\s,]+/).filter(Boolean));
  return out;
}

const countLines = (text: string, from: number, to: number) => {
  let k = 0;
  for (let i = from; i < to && i < text.length; i++) if (text.charCodeAt(i) === 10) k++;
  return k;
};

/** Drops leading/trailing whitespace and comment-only lines; the statement itself is untouched. */
function stripEdges(s: string): string {
  return s.slice(leadingSkip(s)).trimEnd();
}

function leadingSkip(s: string): number {
  let i = 0;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s.startsWith("--", i)) {
      const e = s.indexOf("\n", i);
      i = e === -1 ? s.length : e + 1;
      continue;
    }
    if (s.startsWith("/*", i)) {
      const e = s.indexOf("*/", i + 2);
      i = e === -1 ? s.length : e + 2;
      continue;
    }
    return i;
  }
}
