/**
 * Reads the facts SQLite's PRAGMAs do not give out of the `CREATE TABLE` / `CREATE INDEX` text
 * it keeps verbatim: constraint names, check expressions, the enum CHECK of a column,
 * AUTOINCREMENT, index expressions and predicates. The text is split into its top-level items
 * by tokens (strings and quoted names cannot fool it); expressions are sliced from the original
 * text, so they read as written.
 */
import { tokenize, type Token } from "../common/expr.ts";

/** What a column's definition says beyond the PRAGMAs. */
export interface ColumnFacts {
  enumValues?: string[];
  autoincrement: boolean;
  collation?: string;
  /** `[GENERATED ALWAYS] AS (expr) [STORED | VIRTUAL]`: the expression as written. */
  generated?: { expr: string; stored: boolean };
}

export interface CreateTableFacts {
  readonly columns: Map<string, ColumnFacts>;
  pkName?: string;
  pkColumns: string[];
  readonly uniques: { name: string; columns: string[] }[];
  readonly foreignKeys: { name: string; columns: string[]; refTable: string }[];
  readonly checks: { name?: string; expr: string }[];
}

const nameOf = (t: Token | undefined) => t?.name ?? t?.text ?? "";

/** The index of the token closing the bracket opened at `open`. */
function closing(ts: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < ts.length; i++) {
    if (ts[i]!.kind === "open") depth++;
    else if (ts[i]!.kind === "close" && --depth === 0) return i;
  }
  return ts.length - 1;
}

/** Splits tokens [from, to) at commas of depth 0. */
function splitItems(ts: readonly Token[], from: number, to: number): Token[][] {
  const items: Token[][] = [];
  let cur: Token[] = [],
    depth = 0;
  for (let i = from; i < to; i++) {
    const t = ts[i]!;
    if (t.kind === "open") depth++;
    else if (t.kind === "close") depth--;
    if (t.kind === "comma" && depth === 0) {
      items.push(cur);
      cur = [];
    } else cur.push(t);
  }
  if (cur.length) items.push(cur);
  return items;
}

const names = (ts: readonly Token[]) => ts.filter((t) => t.kind === "ident" || t.kind === "word").map(nameOf);

export function parseCreateTable(sql: string): CreateTableFacts {
  const ts = tokenize(sql, false, true);
  const facts: CreateTableFacts = {
    columns: new Map(),
    pkColumns: [],
    uniques: [],
    foreignKeys: [],
    checks: [],
  };
  const open = ts.findIndex((t) => t.kind === "open");
  if (open < 0) return facts;
  const slice = (a: Token, b: Token) => sql.slice(a.end!, b.start!).trim();
  for (const item of splitItems(ts, open + 1, closing(ts, open))) {
    let i = 0,
      name: string | undefined;
    if (item[0]?.text === "constraint") {
      name = nameOf(item[1]);
      i = 2;
    }
    const head = item[i]?.kind === "word" ? item[i]!.text : "";
    const parenAt = (from: number) => item.findIndex((t, k) => k >= from && t.kind === "open");
    if (head === "primary" || head === "unique" || head === "check" || head === "foreign") {
      const p = parenAt(i);
      const c = closing(item, p);
      if (head === "check") {
        facts.checks.push({ ...(name !== undefined ? { name } : {}), expr: slice(item[p]!, item[c]!) });
        continue;
      }
      const cols = names(
        item
          .slice(p + 1, c)
          .filter(
            (t) =>
              t.kind === "ident" ||
              (t.kind === "word" && t.text !== "asc" && t.text !== "desc" && t.text !== "collate"),
          ),
      );
      if (head === "primary") {
        facts.pkColumns = cols;
        if (name !== undefined) facts.pkName = name;
      } else if (head === "unique") facts.uniques.push({ name: name ?? "", columns: cols });
      else {
        const ref = item.findIndex((t) => t.text === "references");
        facts.foreignKeys.push({ name: name ?? "", columns: cols, refTable: nameOf(item[ref + 1]) });
      }
      continue;
    }
    // A column: its name, its type, then column constraints.
    const col = nameOf(item[0]);
    const info: ColumnFacts = {
      autoincrement: false,
    };
    let constraintName: string | undefined;
    for (let k = 1; k < item.length; k++) {
      const t = item[k]!;
      if (t.text === "constraint") {
        constraintName = nameOf(item[k + 1]);
        k++;
        continue;
      }
      if (t.text === "primary") {
        facts.pkColumns = [col];
        if (constraintName !== undefined) facts.pkName = constraintName;
      }
      if (t.text === "autoincrement") info.autoincrement = true;
      // `AS (expr)`, after `GENERATED ALWAYS` or alone; VIRTUAL unless STORED follows.
      if (t.text === "as" && item[k + 1]?.kind === "open") {
        const c = closing(item, k + 1);
        info.generated = { expr: slice(item[k + 1]!, item[c]!), stored: item[c + 1]?.text === "stored" };
        k = c;
        continue;
      }
      // `COLLATE name` among the column's constraints (SQLite's names ignore case).
      if (t.text === "collate" && item[k + 1]) info.collation = nameOf(item[k + 1]).toUpperCase();
      if (t.text === "check" && item[k + 1]?.kind === "open") {
        const c = closing(item, k + 1);
        const body = item.slice(k + 2, c);
        // `CHECK ("col" IN ('a', 'b'))` is how an enum column is written.
        if (
          body.length >= 3 &&
          nameOf(body[0]) === col &&
          body[1]!.text === "in" &&
          body[2]!.kind === "open" &&
          body.slice(3, -1).every((x) => x.kind === "str" || x.kind === "comma")
        ) {
          info.enumValues = body
            .slice(3, -1)
            .filter((x) => x.kind === "str")
            .map((x) => x.text.slice(1, -1).replace(/''/g, "'"));
        } else
          facts.checks.push({
            ...(constraintName !== undefined ? { name: constraintName } : {}),
            expr: slice(item[k + 1]!, item[c]!),
          });
        k = c;
      }
      if (t.text === "references")
        facts.foreignKeys.push({ name: constraintName ?? "", columns: [col], refTable: nameOf(item[k + 1]) });
    }
    facts.columns.set(col, info);
  }
  return facts;
}

export interface CreateIndexFacts {
  readonly parts: { text: string; expression: boolean; desc: boolean; collation?: string }[];
  readonly where?: string;
}

export function parseCreateIndex(sql: string): CreateIndexFacts {
  const ts = tokenize(sql, false, true);
  const open = ts.findIndex((t) => t.kind === "open");
  if (open < 0) return { parts: [] };
  const close = closing(ts, open);
  const parts = splitItems(ts, open + 1, close).map((item) => {
    const desc = item[item.length - 1]?.text === "desc";
    let body =
      item[item.length - 1]?.text === "desc" || item[item.length - 1]?.text === "asc"
        ? item.slice(0, -1)
        : item;
    // `... COLLATE name` on the entry (`email COLLATE NOCASE`).
    let collation: string | undefined;
    if (body.length > 2 && body[body.length - 2]?.text === "collate") {
      collation = nameOf(body[body.length - 1]);
      body = body.slice(0, -2);
    }
    const withCollation = collation !== undefined ? { collation } : {};
    if (body.length === 1 && (body[0]!.kind === "ident" || body[0]!.kind === "word"))
      return { text: nameOf(body[0]), expression: false, desc, ...withCollation };
    // The renderer writes an expression in parentheses: read what is inside them.
    const inner =
      body[0]?.kind === "open" && closing(body, 0) === body.length - 1
        ? sql.slice(body[0]!.end!, body[body.length - 1]!.start!)
        : sql.slice(body[0]!.start!, body[body.length - 1]!.end!);
    return { text: inner.trim(), expression: true, desc, ...withCollation };
  });
  const where = ts.findIndex((t, i) => i > close && t.text === "where");
  return { parts, ...(where >= 0 ? { where: sql.slice(ts[where]!.end!).trim() } : {}) };
}
