/**
 * Comparison form of raw SQL expressions (checks, index expressions and predicates, defaults).
 *
 * Databases do not keep an expression as it was written: PostgreSQL deparses it
 * (`(score >= (0)::numeric)` for `score >= 0`, `'draft'::post_status` for `'draft'`), MariaDB
 * re-prints it with backticks, SQLite keeps the text. To tell "the same expression" from a real
 * difference, both sides are reduced to one form: tokens, keywords and plain names lower-cased,
 * quotes dropped where a name does not need them, casts (`::type`) removed, and grouping
 * parentheses removed (those of function calls and `IN (...)` lists stay).
 *
 * Only for comparison, never for SQL that runs. Dropping grouping parentheses can make two
 * expressions that differ only in grouping (`(a + b) * c` and `a + b * c`) compare equal; a
 * database rewrites grouping too freely for anything stricter to work across all three.
 */

/** A token of SQL text; `start`/`end` are offsets in the text (end exclusive). */
export type Token = {
  kind: "str" | "ident" | "word" | "num" | "op" | "open" | "close" | "comma";
  text: string;
  start?: number;
  end?: number /** Names: as written, unquoted. */;
  name?: string;
};

const PLAIN = /^[a-z_][a-z0-9_]*$/;

/** Words after which `(` groups instead of calling: operators and clause keywords. */
const NOT_CALLS = new Set([
  "and",
  "or",
  "not",
  "is",
  "when",
  "then",
  "else",
  "case",
  "like",
  "ilike",
  "between",
  "where",
  "on",
  "select",
  "from",
  "as",
  "distinct",
  "null",
  "true",
  "false",
]);

/** Type words that may follow `::` after the first one (`character varying`, `timestamp with time zone`). */
const TYPE_CONTINUATIONS = new Set(["varying", "precision", "with", "without", "time", "zone"]);

/**
 * The token patterns, sticky (`y`): each matches where `lastIndex` is set, with no copy of the
 * rest of the text per token (a slice per token made tokenizing quadratic in a statement's length).
 */
const NUMBER = /(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+)/iy;
const OPERATOR = /(?:::|<>|!=|<=|>=|\|\||[-+*/%<>=~!^&|@#?:.;])/y;
const SPACE = /\s/;

/**
 * SQL text → tokens (strings and quoted names decoded into `text`, words lower-cased), each
 * with its offsets in the text; whitespace and comments-free input is assumed (catalog text).
 * `brackets`: `[name]` is a quoted name (SQLite keeps this MS Access/SQL Server form as
 * written), not an array subscript.
 */
export function tokenize(sql: string, backslashes = false, brackets = false): Token[] {
  const out: Token[] = [];
  let i = 0;
  // Each token made whole, not spread from a partial one: lint tokenizes every statement of a
  // migration (hundreds of thousands of tokens for 1,000 tables). Keys in the order the spread
  // gave them (kind, text, name, start, end).
  const push = (kind: Token["kind"], text: string, start: number, end: number) =>
    out.push({ kind, text, start, end });
  const pushNamed = (kind: Token["kind"], text: string, name: string, start: number, end: number) =>
    out.push({ kind, text, name, start, end });
  while (i < sql.length) {
    const ch = sql[i]!;
    // By character code first (space, tab to carriage return; below 128 nothing else is
    // whitespace): the regex is asked only of other characters.
    const code = sql.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || (code >= 128 && SPACE.test(ch))) {
      i++;
      continue;
    }
    if (ch === "[" && brackets) {
      // SQLite: everything up to the first `]` is the name (no escape exists inside).
      const close = sql.indexOf("]", i + 1);
      const j = close < 0 ? sql.length : close;
      const text = sql.slice(i + 1, j);
      pushNamed("ident", PLAIN.test(text) ? text : `"${text.replace(/"/g, '""')}"`, text, i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // The common string: up to the next quote, not doubled, and no escape to read (the text
      // is one slice, not gathered a character at a time). Anything else takes the loop.
      const close = sql.indexOf("'", i + 1);
      if (close >= 0 && sql[close + 1] !== "'") {
        const text = sql.slice(i + 1, close);
        if (!backslashes || !text.includes("\\")) {
          push("str", `'${text}'`, i, close + 1);
          i = close + 1;
          continue;
        }
      }
      let j = i + 1,
        text = "";
      while (j < sql.length) {
        if (sql[j] === "'" && sql[j + 1] === "'") {
          text += "'";
          j += 2;
          continue;
        }
        if (sql[j] === "\\" && sql[j + 1] !== undefined && backslashes) {
          text += sql[j + 1];
          j += 2;
          continue;
        }
        if (sql[j] === "'") break;
        text += sql[j++];
      }
      push("str", `'${text.replace(/'/g, "''")}'`, i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '"' || ch === "`") {
      // As for strings: a name without a doubled quote is one slice (the renderers quote every name).
      const close = sql.indexOf(ch, i + 1);
      if (close >= 0 && sql[close + 1] !== ch) {
        const text = sql.slice(i + 1, close);
        pushNamed("ident", PLAIN.test(text) ? text : `"${text.replace(/"/g, '""')}"`, text, i, close + 1);
        i = close + 1;
        continue;
      }
      let j = i + 1,
        text = "";
      while (j < sql.length) {
        if (sql[j] === ch && sql[j + 1] === ch) {
          text += ch;
          j += 2;
          continue;
        }
        if (sql[j] === ch) break;
        text += sql[j++];
      }
      pushNamed("ident", PLAIN.test(text) ? text : `"${text.replace(/"/g, '""')}"`, text, i, j + 1);
      i = j + 1;
      continue;
    }
    // A number starts with a digit or a dot, a word with a letter or `_`: neither pattern is
    // tried where it cannot match.
    NUMBER.lastIndex = i;
    const num = (code >= 48 && code <= 57) || code === 46 ? NUMBER.exec(sql) : null;
    if (num) {
      push("num", num[0].toLowerCase(), i, i + num[0].length);
      i += num[0].length;
      continue;
    }
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) {
      // A word read by character code: a letter or `_`, then letters, digits, `_` and `$` (no
      // sticky regex and match array per word).
      let j = i + 1;
      for (; j < sql.length; j++) {
        const k = sql.charCodeAt(j);
        if (!((k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95 || k === 36))
          break;
      }
      const word = sql.slice(i, j);
      pushNamed("word", word.toLowerCase(), word, i, j);
      i = j;
      continue;
    }
    if (ch === "(" || ch === "[") {
      push("open", ch, i, i + 1);
      i++;
      continue;
    }
    if (ch === ")" || ch === "]") {
      push("close", ch, i, i + 1);
      i++;
      continue;
    }
    if (ch === ",") {
      push("comma", ",", i, i + 1);
      i++;
      continue;
    }
    OPERATOR.lastIndex = i;
    const op = OPERATOR.exec(sql);
    push("op", op ? op[0] : ch, i, i + (op ? op[0].length : 1));
    i += op ? op[0].length : 1;
  }
  return out;
}

/** Removes `::type` casts, including multi-word types, type arguments and array brackets. */
function dropCasts(ts: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!(t.kind === "op" && t.text === "::")) {
      out.push(t);
      continue;
    }
    i++; // the type's first word (or quoted name)
    while (ts[i + 1]?.kind === "word" && TYPE_CONTINUATIONS.has(ts[i + 1]!.text)) i++;
    if (ts[i + 1]?.kind === "open" && ts[i + 1]!.text === "(") {
      let depth = 0;
      do {
        i++;
        if (ts[i]!.kind === "open") depth++;
        else if (ts[i]!.kind === "close") depth--;
      } while (depth > 0 && i < ts.length - 1);
    }
    while (ts[i + 1]?.text === "[" && ts[i + 2]?.text === "]") i += 2;
    // A quoted number cast to a type ('-1'::integer) is the number.
    const prev = out[out.length - 1];
    if (prev?.kind === "str" && /^'-?\d+(\.\d+)?'$/.test(prev.text))
      out[out.length - 1] = { kind: "num", text: prev.text.slice(1, -1) };
  }
  return out;
}

/** Removes grouping parentheses; keeps those of calls (`f(x)`), `IN (...)` and `ARRAY[...]`. */
function dropGrouping(ts: Token[]): Token[] {
  const partner = new Map<number, number>();
  const stack: number[] = [];
  ts.forEach((t, i) => {
    if (t.kind === "open") stack.push(i);
    else if (t.kind === "close" && stack.length) partner.set(stack.pop()!, i);
  });
  const drop = new Set<number>();
  for (const [open, close] of partner) {
    if (ts[open]!.text !== "(") continue;
    const before = ts[open - 1];
    const isCall =
      before !== undefined &&
      (before.kind === "ident" || (before.kind === "word" && !NOT_CALLS.has(before.text)));
    // A group holding a comma at its own level is a list (a row or arguments): keep it.
    let depth = 0,
      list = false;
    for (let k = open + 1; k < close; k++) {
      const t = ts[k]!;
      if (t.kind === "open") depth++;
      else if (t.kind === "close") depth--;
      else if (t.kind === "comma" && depth === 0) list = true;
    }
    if (!isCall && !list) {
      drop.add(open);
      drop.add(close);
    }
  }
  return ts.filter((_, i) => !drop.has(i));
}

/** `- 1` after an operator, a `(`, a comma or at the start is the number `-1`. */
function unaryMinus(ts: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!,
      prev = out[out.length - 1],
      next = ts[i + 1];
    if (
      t.kind === "op" &&
      t.text === "-" &&
      next?.kind === "num" &&
      (!prev || prev.kind === "op" || prev.kind === "open" || prev.kind === "comma")
    ) {
      out.push({ kind: "num", text: `-${next.text}` });
      i++;
    } else out.push(t);
  }
  return out;
}

/** `1.50` → `1.5`, `0.00` → `0`, `-0` → `0`: databases print numbers with the column's scale. */
function canonicalNumber(t: Token): Token {
  if (t.kind !== "num" || !/^-?\d+(\.\d+)?$/.test(t.text)) return t;
  let s = t.text.includes(".") ? t.text.replace(/0+$/, "").replace(/\.$/, "") : t.text;
  s = s.replace(/^(-?)0+(?=\d)/, "$1");
  return { ...t, text: s === "-0" ? "0" : s };
}

/** `x between a and b` → `x >= a and x <= b` (PostgreSQL's deparse), for single-token operands. */
function between(ts: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < ts.length; i++) {
    const [a, lo, and, hi] = [ts[i + 1], ts[i + 2], ts[i + 3], ts[i + 4]];
    const x = ts[i]!;
    if (
      a?.text === "between" &&
      lo &&
      and?.text === "and" &&
      hi &&
      x.kind !== "op" &&
      x.kind !== "open" &&
      x.kind !== "close"
    ) {
      out.push(
        x,
        { kind: "op", text: ">=" },
        lo,
        { kind: "word", text: "and" },
        x,
        { kind: "op", text: "<=" },
        hi,
      );
      i += 4;
    } else out.push(x);
  }
  return out;
}

/** The comparison form of an expression; `backslashEscapes` for MySQL's string literals. */
export interface NormOptions {
  /** Backslash escapes in string literals (MySQL). */
  readonly backslashEscapes?: boolean;
  /** Words the database prints in place of others, e.g. MariaDB's `octet_length` for `length`. */
  readonly synonyms?: Readonly<Record<string, string>>;
  /** `[name]` is a quoted name (SQLite), not a subscript. */
  readonly bracketNames?: boolean;
}

export function normExpr(sql: string, opts: NormOptions = {}): string {
  const ts = between(
    dropGrouping(
      unaryMinus(dropCasts(tokenize(sql, opts.backslashEscapes ?? false, opts.bracketNames ?? false))),
    ).map(canonicalNumber),
  );
  const syn = opts.synonyms;
  return ts
    .map((t) => (syn && t.kind === "word" && syn[t.text] !== undefined ? syn[t.text] : t.text))
    .join(" ");
}
