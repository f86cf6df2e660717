/**
 * What one SQL statement of a migration does, as far as the lint rules care: tables created,
 * dropped and renamed, columns added, dropped, renamed and altered, indexes and constraints
 * added, rows updated. Read from the statement's tokens, so it covers hand-written SQL as well
 * as what `generate` writes, on all three dialects; anything else is `other`.
 *
 * It is a reader for the shapes of DDL, not a SQL parser: a statement it does not recognise
 * simply yields no facts (and so no findings).
 */
import { tokenize, type Token } from "../dialects/common/expr.ts";

/** One column definition as written (`name TYPE ... NOT NULL DEFAULT ...`). */
export interface ColumnDef {
  readonly name: string;
  /** The type's first word, lower case (`varchar`, `text`, `enum`, `bigserial`). */
  readonly type: string;
  readonly notNull: boolean;
  /** The tokens of the DEFAULT expression; absent without one. */
  readonly default?: readonly Token[];
  /** GENERATED ... AS IDENTITY, AUTO_INCREMENT, AUTOINCREMENT, serial types. */
  readonly identity: boolean;
}

/** A key part of an index or a unique constraint: a column, with MySQL's prefix length if any. */
export interface KeyPart {
  readonly column: string;
  readonly prefix: boolean;
}

export type Fact =
  | {
      readonly kind: "create-table";
      readonly table: string;
      readonly columns: readonly ColumnDef[];
      readonly uniques: readonly (readonly KeyPart[])[];
    }
  | { readonly kind: "drop-table"; readonly table: string }
  /** `DROP [MATERIALIZED] VIEW`; `cascade`: its readers go with it (PostgreSQL). */
  | { readonly kind: "drop-view"; readonly view: string; readonly cascade: boolean }
  | { readonly kind: "rename-table"; readonly from: string; readonly to: string }
  | { readonly kind: "add-column"; readonly table: string; readonly column: ColumnDef }
  | { readonly kind: "drop-column"; readonly table: string; readonly column: string }
  | { readonly kind: "rename-column"; readonly table: string; readonly from: string; readonly to: string }
  /** PostgreSQL `ALTER COLUMN c TYPE ...`. */
  | { readonly kind: "alter-type"; readonly table: string; readonly column: string }
  /** PostgreSQL `ALTER COLUMN c SET NOT NULL`. */
  | { readonly kind: "set-not-null"; readonly table: string; readonly column: string }
  /** MySQL `MODIFY c ...` / `CHANGE old new ...`: the whole column definition again. */
  | {
      readonly kind: "modify-column";
      readonly table: string;
      readonly column: string;
      readonly def: ColumnDef;
    }
  | {
      readonly kind: "create-index";
      readonly table: string;
      readonly unique: boolean;
      readonly concurrently: boolean;
      readonly parts: readonly KeyPart[];
    }
  | {
      readonly kind: "add-constraint";
      readonly table: string;
      readonly type: "foreign-key" | "check" | "unique" | "primary-key" | "index";
      readonly notValid: boolean;
      readonly parts: readonly KeyPart[];
    }
  | { readonly kind: "drop-index"; readonly concurrently: boolean }
  /** MySQL `ALTER TABLE t DROP PARTITION p[, q]`: the partitions' rows are deleted. */
  | { readonly kind: "drop-partition"; readonly table: string; readonly partitions: readonly string[] }
  /** PostgreSQL `ALTER TYPE t DROP ATTRIBUTE a`: the attribute's values go from every column of `t`. */
  | { readonly kind: "drop-attribute"; readonly type: string; readonly attribute: string }
  /** PostgreSQL `ALTER TABLE t DETACH PARTITION p`: `p` stays, a table of its own. */
  | { readonly kind: "detach-partition"; readonly table: string; readonly partition: string }
  /** `CREATE [OR REPLACE] FUNCTION|PROCEDURE name(args)`: the argument list as written. */
  | { readonly kind: "create-function"; readonly name: string; readonly args: string }
  /** `DROP FUNCTION|PROCEDURE name[(args)]`; `cascade`: what uses it goes with it (PostgreSQL). */
  | { readonly kind: "drop-function"; readonly name: string; readonly cascade: boolean }
  | { readonly kind: "drop-trigger"; readonly name: string }
  | { readonly kind: "update"; readonly table: string };

/** The facts of one statement (an `ALTER TABLE` with several actions gives several). */
/**
 * `qualified`: the dialect has schemas (PostgreSQL): `sales.orders` is the IR's `sales.orders`
 * (src/ir/qualified.ts); elsewhere a qualifier (MySQL's database) is left out.
 */
export function factsOf(sql: string, backslashes: boolean, qualified = false): Fact[] {
  // Only DDL and UPDATE have facts: skip the rest (large INSERTs of seed data) untokenized.
  const first = /^[A-Za-z]+/.exec(sql)?.[0]?.toLowerCase();
  if (!first || !["create", "drop", "alter", "rename", "update"].includes(first)) return [];
  // Functions and triggers: their header only (a body is any text, dollar-quoted or not).
  const routine = routineFact(sql);
  if (routine) return [routine];
  let ts: Token[];
  try {
    ts = tokenize(stripComments(sql), backslashes);
  } catch {
    return [];
  }
  const c = new Cursor(ts, qualified);
  if (c.word("create")) return create(c);
  if (c.word("drop")) {
    if (c.word("index")) return [{ kind: "drop-index", concurrently: c.word("concurrently") }];
    c.word("materialized");
    if (c.word("view")) {
      c.words("if", "exists");
      const views: string[] = [];
      do {
        const n = c.name();
        if (n) views.push(n);
      } while (c.comma());
      const cascade = c.word("cascade");
      return views.map((view) => ({ kind: "drop-view" as const, view, cascade }));
    }
    if (!c.word("table")) return [];
    c.words("if", "exists");
    const out: Fact[] = [];
    do {
      const n = c.name();
      if (n) out.push({ kind: "drop-table", table: n });
    } while (c.comma());
    return out;
  }
  if (c.word("alter") && c.word("table")) {
    c.words("if", "exists");
    c.word("only");
    const table = c.name();
    return table ? alterActions(c, table) : [];
  }
  // `ALTER` was read just above, and it is not ALTER TABLE.
  if (first === "alter" && c.word("type")) {
    // PostgreSQL's composite type: `ALTER TYPE t DROP ATTRIBUTE [IF EXISTS] a [, ...]`.
    const type = c.name();
    if (!type) return [];
    const out: Fact[] = [];
    for (const action of c.restSplitByCommas()) {
      const a = new Cursor(action, c.qualified);
      if (!a.words("drop", "attribute")) continue;
      a.words("if", "exists");
      const attribute = a.name();
      if (attribute) out.push({ kind: "drop-attribute", type, attribute });
    }
    return out;
  }
  if (c.word("rename") && c.word("table")) {
    // MySQL: RENAME TABLE a TO b, c TO d
    const out: Fact[] = [];
    do {
      const from = c.name();
      if (!c.word("to")) break;
      const to = c.name();
      if (from && to) out.push({ kind: "rename-table", from, to });
    } while (c.comma());
    return out;
  }
  if (c.word("update")) {
    c.word("only");
    const table = c.name();
    return table ? [{ kind: "update", table }] : [];
  }
  return [];
}

function create(c: Cursor): Fact[] {
  c.words("or", "replace");
  const unique = c.word("unique");
  c.word("fulltext") || c.word("spatial");
  if (c.word("index")) {
    const concurrently = c.word("concurrently");
    c.words("if", "not", "exists");
    if (!c.peekWord("on")) c.name();
    if (!c.word("on")) return [];
    c.word("only");
    const table = c.name();
    if (!table) return [];
    if (c.word("using")) c.next();
    return [{ kind: "create-index", table, unique, concurrently, parts: c.keyParts() }];
  }
  c.word("temporary") || c.word("temp");
  if (!c.word("table")) return [];
  c.words("if", "not", "exists");
  const table = c.name();
  if (!table || !c.peekOpen()) return [];
  const columns: ColumnDef[] = [];
  const uniques: KeyPart[][] = [];
  for (const el of c.parenElements()) {
    const e = new Cursor(el, c.qualified);
    if (e.word("constraint")) e.name();
    if (e.word("unique")) {
      e.word("key") || e.word("index");
      if (!e.peekOpen()) e.name();
      uniques.push(e.keyParts());
      continue;
    }
    if (TABLE_CONSTRAINT_WORDS.some((w) => e.peekWord(w))) continue;
    const def = columnDef(e);
    if (def) {
      columns.push(def);
      if (el.some((t) => t.kind === "word" && t.text === "unique"))
        uniques.push([{ column: def.name, prefix: false }]);
    }
  }
  return [{ kind: "create-table", table, columns, uniques }];
}

/** The actions of `ALTER TABLE t a, b, ...` (PostgreSQL and MySQL allow several). */
function alterActions(c: Cursor, table: string): Fact[] {
  const out: Fact[] = [];
  // `DROP PARTITION p0, p1`: the names after the first are actions of their own once split.
  let partitions: string[] | undefined;
  for (const action of c.restSplitByCommas()) {
    const a = new Cursor(action, c.qualified);
    if (partitions && action.length === 1) {
      const n = a.name();
      if (n) partitions.push(n);
      continue;
    }
    partitions = undefined;
    if (a.words("drop", "partition")) {
      const n = a.name();
      if (n) {
        partitions = [n];
        out.push({ kind: "drop-partition", table, partitions });
      }
      continue;
    }
    if (a.words("detach", "partition")) {
      const n = a.name();
      if (n) out.push({ kind: "detach-partition", table, partition: n });
      continue;
    }
    if (a.word("rename")) {
      if (a.word("to") || a.word("as")) {
        const to = a.name();
        if (to) out.push({ kind: "rename-table", from: table, to });
        continue;
      }
      if (a.word("constraint") || a.word("index") || a.word("key")) continue;
      a.word("column");
      const from = a.name();
      if (from && a.word("to")) {
        const to = a.name();
        if (to) out.push({ kind: "rename-column", table, from, to });
        continue;
      }
      if (from && !a.peekAny()) {
        out.push({ kind: "rename-table", from: table, to: from });
      }
      continue;
    }
    if (a.word("add")) {
      if (a.word("constraint")) a.name();
      const kind = a.word("foreign")
        ? "foreign-key"
        : a.word("check")
          ? "check"
          : a.word("unique")
            ? "unique"
            : a.word("primary")
              ? "primary-key"
              : a.word("index") || a.word("key")
                ? "index"
                : undefined;
      if (kind) {
        a.word("key");
        a.word("index");
        if (!a.peekOpen()) a.name();
        const parts = kind === "check" ? [] : a.keyParts();
        out.push({
          kind: "add-constraint",
          table,
          type: kind,
          notValid: action.some((t, i) => t.text === "not" && action[i + 1]?.text === "valid"),
          parts,
        });
        continue;
      }
      a.word("column");
      a.words("if", "not", "exists");
      const def = columnDef(a);
      if (def) out.push({ kind: "add-column", table, column: def });
      continue;
    }
    if (a.word("drop")) {
      if (
        ["constraint", "index", "key", "primary", "foreign", "check", "default", "partition"].some((w) =>
          a.peekWord(w),
        )
      )
        continue;
      a.word("column");
      a.words("if", "exists");
      const column = a.name();
      if (column) out.push({ kind: "drop-column", table, column });
      continue;
    }
    if (a.word("alter")) {
      a.word("column");
      const column = a.name();
      if (!column) continue;
      if (a.word("type") || a.words("set", "data", "type")) out.push({ kind: "alter-type", table, column });
      else if (a.words("set", "not", "null")) out.push({ kind: "set-not-null", table, column });
      continue;
    }
    if (a.word("modify")) {
      a.word("column");
      const def = columnDef(a);
      if (def) out.push({ kind: "modify-column", table, column: def.name, def });
      continue;
    }
    if (a.word("change")) {
      a.word("column");
      const from = a.name();
      const def = columnDef(a);
      if (!from || !def) continue;
      if (from !== def.name) out.push({ kind: "rename-column", table, from, to: def.name });
      out.push({ kind: "modify-column", table, column: def.name, def });
    }
  }
  return out;
}

const IDENTITY_TYPES = new Set(["serial", "bigserial", "smallserial", "serial4", "serial8", "serial2"]);

/**
 * The words that start a table constraint in CREATE TABLE (not a column), and those that end
 * a column's DEFAULT expression at depth 0: made once, not per column and per token.
 */
const TABLE_CONSTRAINT_WORDS = [
  "primary",
  "foreign",
  "check",
  "key",
  "index",
  "exclude",
  "fulltext",
  "spatial",
];
const DEFAULT_ENDS = new Set([
  "not",
  "null",
  "constraint",
  "check",
  "references",
  "primary",
  "unique",
  "collate",
  "comment",
  "on",
  "generated",
  "auto_increment",
]);

/** `name type [args] constraints...` → a column definition. */
function columnDef(c: Cursor): ColumnDef | undefined {
  const name = c.name();
  const typeTok = c.next();
  if (!name || !typeTok || (typeTok.kind !== "word" && typeTok.kind !== "ident")) return undefined;
  const rest = c.rest();
  const words = rest.map((t) => (t.kind === "word" ? t.text : ""));
  let notNull = false,
    identity = IDENTITY_TYPES.has(typeTok.text);
  let dflt: Token[] | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = words[i];
    if (w === "not" && words[i + 1] === "null") notNull = true;
    if (w === "primary" && words[i + 1] === "key") notNull = true;
    if (
      w === "auto_increment" ||
      w === "autoincrement" ||
      (w === "generated" && words.slice(i, i + 6).includes("identity"))
    )
      identity = true;
    if (w === "default") {
      // The expression runs to the next constraint word at depth 0.
      const expr: Token[] = [];
      let depth = 0,
        j = i + 1;
      for (; j < rest.length; j++) {
        const t = rest[j]!;
        if (t.kind === "open") depth++;
        if (t.kind === "close") depth--;
        if (depth === 0 && t.kind === "word" && DEFAULT_ENDS.has(t.text) && expr.length) break;
        expr.push(t);
      }
      dflt = expr;
      i = j - 1;
    }
  }
  return {
    name,
    type: typeTok.kind === "word" ? typeTok.text : (typeTok.name ?? typeTok.text).toLowerCase(),
    notNull,
    identity,
    ...(dflt ? { default: dflt } : {}),
  };
}

/** A name as written: a quoted one unquoted, a bare one folded to lower case (as PostgreSQL does). */
const routineName = (n: string) =>
  /^["`]/.test(n) ? n.slice(1, -1).replace(/""|``/g, (q) => q[0]!) : n.toLowerCase();

/** The fact of a CREATE FUNCTION|PROCEDURE, DROP FUNCTION|PROCEDURE or DROP TRIGGER statement. */
function routineFact(sql: string): Fact | undefined {
  const name = String.raw`("(?:[^"]|"")+"|\`(?:[^\`]|\`\`)+\`|[A-Za-z_][\w$]*)`;
  const create = new RegExp(
    String.raw`^\s*create\s+(?:or\s+replace\s+)?(?:definer\s*=\s*\S+\s+)?(?:function|procedure)\s+(?:if\s+not\s+exists\s+)?(?:${name}\s*\.\s*)?${name}\s*\(`,
    "i",
  ).exec(sql);
  if (create) {
    // The arguments: up to the parenthesis that closes the list.
    let depth = 1;
    let j = create[0].length;
    for (; j < sql.length && depth > 0; j++) {
      if (sql[j] === "(") depth++;
      else if (sql[j] === ")") depth--;
      else if (sql[j] === "'") j = Math.max(j, sql.indexOf("'", j + 1));
    }
    return {
      kind: "create-function",
      name: routineName(create[2]!),
      args: sql.slice(create[0].length, j - 1),
    };
  }
  const drop = new RegExp(
    String.raw`^\s*drop\s+(function|procedure|trigger)\s+(?:if\s+exists\s+)?(?:${name}\s*\.\s*)?${name}([\s\S]*)$`,
    "i",
  ).exec(sql);
  if (!drop) return undefined;
  if (drop[1]!.toLowerCase() === "trigger") return { kind: "drop-trigger", name: routineName(drop[3]!) };
  return {
    kind: "drop-function",
    name: routineName(drop[3]!),
    cascade: /\bcascade\s*;?\s*$/i.test(drop[4]!),
  };
}

/** SQL without its comments (strings and quoted names kept whole). */
export function stripComments(sql: string): string {
  // Without a comment's start anywhere (nearly every generated statement) the text is its own
  // result: every character would be copied one by one.
  if (!sql.includes("--") && !sql.includes("/*")) return sql;
  let out = "";
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === "`") {
      let j = i + 1;
      while (j < sql.length && sql[j] !== ch) j++;
      out += sql.slice(i, j + 1);
      i = j;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const e = sql.indexOf("\n", i);
      i = e === -1 ? sql.length : e - 1;
      out += " ";
    } else if (ch === "/" && sql[i + 1] === "*") {
      const e = sql.indexOf("*/", i + 2);
      i = e === -1 ? sql.length : e + 1;
      out += " ";
    } else out += ch;
  }
  return out;
}

/** A read position over a statement's tokens. */
class Cursor {
  private i = 0;
  constructor(
    private readonly ts: readonly Token[],
    readonly qualified: boolean,
  ) {}
  peekWord(w: string): boolean {
    const t = this.ts[this.i];
    return t?.kind === "word" && t.text === w;
  }
  peekOpen(): boolean {
    return this.ts[this.i]?.kind === "open" && this.ts[this.i]!.text === "(";
  }
  peekAny(): boolean {
    return this.i < this.ts.length;
  }
  word(w: string): boolean {
    if (this.peekWord(w)) {
      this.i++;
      return true;
    }
    return false;
  }
  /** A sequence of words, all or none (`if not exists`). */
  words(...ws: string[]): boolean {
    if (!ws.every((w, k) => this.ts[this.i + k]?.kind === "word" && this.ts[this.i + k]!.text === w))
      return false;
    this.i += ws.length;
    return true;
  }
  next(): Token | undefined {
    return this.ts[this.i++];
  }
  comma(): boolean {
    if (this.ts[this.i]?.kind === "comma") {
      this.i++;
      return true;
    }
    return false;
  }
  rest(): Token[] {
    // `slice` is the copy (a spread of it made a second, through the iterator).
    const r = this.ts.slice(this.i);
    this.i = this.ts.length;
    return r;
  }
  /**
   * A possibly qualified name (`schema.table`): `schema.table` where the dialect has schemas
   * (`qualified`) and the schema is not `public`, else its last part, as written.
   */
  name(): string | undefined {
    let t = this.ts[this.i];
    if (!t || (t.kind !== "word" && t.kind !== "ident")) return undefined;
    const text = (x: Token) => (x.kind === "ident" ? x.name! : (x.name ?? x.text));
    const parts = [text(t)];
    this.i++;
    while (
      this.ts[this.i]?.kind === "op" &&
      this.ts[this.i]!.text === "." &&
      (this.ts[this.i + 1]?.kind === "word" || this.ts[this.i + 1]?.kind === "ident")
    ) {
      t = this.ts[this.i + 1]!;
      parts.push(text(t));
      this.i += 2;
    }
    // `public.`, the current schema of nearly every database, is how hand-written SQL names the
    // bare names' schema: left out, as it is from the IR's names.
    return this.qualified && parts.length === 2 && parts[0] !== "public"
      ? `${parts[0]}.${parts[1]}`
      : parts.at(-1)!;
  }
  /** The top-level comma-separated elements inside the parentheses at the cursor. */
  parenElements(): Token[][] {
    if (!this.peekOpen()) return [];
    const out: Token[][] = [[]];
    let depth = 0;
    for (; this.i < this.ts.length; this.i++) {
      const t = this.ts[this.i]!;
      if (t.kind === "open") {
        depth++;
        if (depth === 1) continue;
      }
      if (t.kind === "close") {
        depth--;
        if (depth === 0) {
          this.i++;
          break;
        }
      }
      if (depth === 1 && t.kind === "comma") {
        out.push([]);
        continue;
      }
      out[out.length - 1]!.push(t);
    }
    return out.filter((e) => e.length);
  }
  /** `(a, b(10), lower(c) DESC)` → the plain columns, with whether a prefix length is given. */
  keyParts(): KeyPart[] {
    return this.parenElements().flatMap((el): KeyPart[] => {
      const first = el[0];
      if (!first || (first.kind !== "word" && first.kind !== "ident")) return [];
      const column = first.kind === "ident" ? first.name! : (first.name ?? first.text);
      const call = el[1]?.kind === "open";
      // `body(100)` is a MySQL prefix; `lower(x)` is an expression (no column).
      if (call) return el[2]?.kind === "num" && el[3]?.kind === "close" ? [{ column, prefix: true }] : [];
      return [{ column, prefix: false }];
    });
  }
  /** The remaining tokens split at top-level commas. */
  restSplitByCommas(): Token[][] {
    const out: Token[][] = [[]];
    let depth = 0;
    for (const t of this.rest()) {
      if (t.kind === "open") depth++;
      if (t.kind === "close") depth--;
      if (depth === 0 && t.kind === "comma") {
        out.push([]);
        continue;
      }
      out[out.length - 1]!.push(t);
    }
    return out.filter((e) => e.length);
  }
}
