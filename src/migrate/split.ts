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
  /**
   * A word `text[from, to)` (a whole run of word characters). Only END, CASE, BEGIN, TRIGGER,
   * FUNCTION and PROCEDURE matter, so a word is looked at by its length and first character
   * before any copy is made (words are ASCII, so case keeps their length): a copy and an
   * upper-casing of most words was two fifths of splitting a 1,000-table migration (profile).
   */
  const word = (from: number, to: number) => {
    const length = to - from;
    const first = text.charCodeAt(from) | 32; // lower case of an ASCII letter
    // `afterEnd` says whether this word is END, whatever else it is.
    const isEnd =
      length === 3 &&
      first === 101 &&
      (text.charCodeAt(from + 1) | 32) === 110 &&
      (text.charCodeAt(from + 2) | 32) === 100;
    if (!inTrigger) {
      // Outside a routine the loop passes only words that may start one (t, f, p; 7 to 9 letters).
      const w = text.slice(from, to).toUpperCase();
      if (
        (w === "TRIGGER" || w === "FUNCTION" || w === "PROCEDURE") &&
        /\bCREATE\b/i.test(text.slice(start, to))
      )
        inTrigger = true;
      afterEnd = isEnd;
      return;
    }
    // Inside a routine only END, CASE and BEGIN count (a TRIGGER, FUNCTION or PROCEDURE word
    // changes nothing there): 3 to 5 letters.
    if (length < 3 || length > 5) {
      afterEnd = false;
      return;
    }
    const w = text.slice(from, to).toUpperCase();
    // The CASE of `END CASE` opens nothing: the END closed its CASE.
    if (w === "BEGIN" || (w === "CASE" && !afterEnd)) depthBegin++;
    // `END IF`, `END LOOP`, `END WHILE`, `END REPEAT` close no BEGIN.
    else if (w === "END" && depthBegin > 0 && !/^\s+(IF|LOOP|WHILE|REPEAT)\b/i.test(text.slice(to, to + 16)))
      depthBegin--;
    afterEnd = isEnd;
  };
  // The first newline at or after a point asked about: most quoted pieces (every quoted
  // name) hold none, and counting their characters one call each was two fifths of the split.
  let nextNewline = -1;
  const linesIn = (from: number, to: number) => {
    if (nextNewline < from) {
      nextNewline = text.indexOf("\n", from);
      if (nextNewline === -1) nextNewline = n;
    }
    return nextNewline >= to ? 0 : countLines(text, from, to);
  };
  // Characters by code, not by one-character strings: this loop sees every character of a
  // migration (1 MB for a 1,000-table first migration).
  let i = 0;
  while (i < n) {
    const k = text.charCodeAt(i);
    if (isWordChar(k)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      // Outside a routine only a word of 7 to 9 letters starting with t, f or p (TRIGGER,
      // FUNCTION, PROCEDURE) can matter: the others are not even looked at (`afterEnd` is
      // read only inside a routine, and the word that starts one sets it).
      const first = k | 32;
      if (inTrigger || (j - i >= 7 && j - i <= 9 && (first === 116 || first === 102 || first === 112)))
        word(i, j);
      i = j;
      continue;
    }
    if (k === 10 /* \n */) {
      line++;
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (k === 45 /* - */ && next === 45) {
      const end = text.indexOf("\n", i);
      const comment = text.slice(i, end === -1 ? n : end);
      const m = /^--\s*schemavc:([a-z-]+)/.exec(comment);
      if (m && m[1] !== "allow" && !statements.length && !stripEdges(text.slice(start, i)))
        directives.add(m[1]!);
      i = end === -1 ? n : end;
      continue;
    }
    if (k === 47 /* / */ && next === 42 /* * */) {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      line += linesIn(i, stop);
      i = stop;
      continue;
    }
    if (k === 39 /* ' */ || k === 34 /* " */ || k === 96 /* ` */) {
      let j = i + 1;
      if (!backslashEscapes || k !== 39) {
        // No escapes but a doubled quote: the closing quote is found by indexOf.
        for (;;) {
          const close = text.indexOf(quoteOf(k), j);
          if (close === -1) {
            j = n;
            break;
          }
          if (text.charCodeAt(close + 1) === k) {
            j = close + 2;
            continue;
          }
          j = close;
          break;
        }
        line += linesIn(i, j + 1);
        i = j + 1;
        continue;
      }
      for (; j < n; j++) {
        const q = text.charCodeAt(j);
        if (backslashEscapes && q === 92 /* \ */ && k === 39) {
          j++;
          continue;
        }
        if (q === k) {
          if (text.charCodeAt(j + 1) === k) {
            j++;
            continue;
          }
          break;
        }
      }
      line += linesIn(i, j + 1);
      i = j + 1;
      continue;
    }
    if (k === 36 /* $ */) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const tag = m[0];
        const end = text.indexOf(tag, i + tag.length);
        const stop = end === -1 ? n : end + tag.length;
        line += linesIn(i, stop);
        i = stop;
        continue;
      }
    }
    if (k === 59 /* ; */ && depthBegin === 0) {
      push(i);
      start = i + 1;
      inTrigger = false;
      i++;
      startLine = line;
      continue;
    }
    i++;
  }
  push(n);
  return { statements, directives };
}

/** A quote character from its code (three of them; no string made per quote). */
const quoteOf = (k: number) => (k === 39 ? "'" : k === 34 ? '"' : "`");

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
