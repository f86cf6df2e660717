/**
 * A hand-written recursive-descent parser of the `.schema` grammar that builds exactly the CST
 * the Chevrotain parser of parser.ts builds (same nodes, children keys, token objects and node
 * locations), for input without syntax errors. Why: Chevrotain's parser took about a third of a
 * 1,000-table `diff` and, with its construction, most of a small project's start-up (issue 19).
 *
 * It gives up (returns `undefined`) on the first token it does not expect, and the caller then
 * runs the Chevrotain parser, which reports the errors and recovers as it always did. So this
 * parser needs no error handling, and the decision rule that keeps the two in agreement is:
 * at every choice (OPTION, MANY, OR) take an alternative when its first token and its gate (the
 * same predicate as parser.ts's) allow it, then insist. Chevrotain's lookahead is that test or a
 * longer one, so where this parser succeeds Chevrotain takes the same path; where Chevrotain's
 * longer lookahead would turn elsewhere, this parser fails inside the alternative and gives up.
 *
 * It reads tokens from a source as it needs them (at most three ahead) and, given one top-level
 * declaration at a time (`descendEach`), drops the tokens of the ones before: parse.ts visits
 * each declaration as it comes, so a large file's tokens and tree are never all held at once.
 * parse.ts reads through `readDeclarations`, which goes further: a table comes to its reader
 * piece by piece and its columns, most of a large schema, as plain records of their tokens
 * (`ColumnSyntax`), no nodes (issue 19: the nodes were most of what a parse allocated), and so
 * do the usual column attributes (`AttrSyntax`), its indexes and checks (`IndexSyntax`,
 * `CheckSyntax`: a large schema has several per table).
 *
 * Rule methods are named and ordered as parser.ts's; test/unit/dsl/descent.test.ts checks that
 * both give the same CST on every schema file of the repository and on random edits of them.
 */
import type { CstNode, CstNodeLocation, IToken, TokenType } from "chevrotain";
import type { SchemaCstNode } from "./cst.ts";
import * as T from "./tokens.ts";
import { outOfFtl } from "../core/jit.ts";

/** Thrown to give up: one object, no stack trace to build. */
const GIVE_UP = { giveUp: true };

/** What `LA(k)` is past the last token (Chevrotain's EOF: no image, no position). */
const EOF = {
  image: "",
  startOffset: Number.NaN,
  startLine: Number.NaN,
  endLine: Number.NaN,
  tokenType: { name: "EOF" },
} as unknown as IToken;

type Location = Required<CstNodeLocation>;

/** Chevrotain's `setNodeLocationFull` (used with error recovery on, as parser.ts has it). */
function extend(loc: Location, by: CstNodeLocation): void {
  if (loc.startOffset === -1) {
    loc.startOffset = by.startOffset;
    loc.startColumn = by.startColumn!;
    loc.startLine = by.startLine!;
    loc.endOffset = by.endOffset!;
    loc.endColumn = by.endColumn!;
    loc.endLine = by.endLine!;
  } else if (loc.endOffset < by.endOffset!) {
    loc.endOffset = by.endOffset!;
    loc.endColumn = by.endColumn!;
    loc.endLine = by.endLine!;
  }
}

function node(name: string): CstNode {
  return {
    name,
    children: Object.create(null),
    location: { startOffset: -1, startLine: -1, startColumn: -1, endOffset: -1, endLine: -1, endColumn: -1 },
  };
}

function add(n: CstNode, key: string, child: CstNode | IToken): void {
  const list = n.children[key];
  if (list) list.push(child as never);
  else n.children[key] = [child as never];
}

/** The token types in each category, read from tokens.ts's declarations (a `Name` is a `QName`). */
const members = (category: TokenType): ReadonlySet<TokenType> => {
  const inside = (t: TokenType): boolean => (t.CATEGORIES ?? []).some((c) => c === category || inside(c));
  return new Set(T.allTokens.filter(inside));
};
const NAMES = members(T.Name);
const QNAMES = members(T.QName);
const RAW = members(T.RawAny);

/** Chevrotain's token matcher: the type itself, or a category the token's type belongs to. */
function is(t: IToken, type: TokenType): boolean {
  if (t.tokenType === type) return true;
  if (type === T.Name) return NAMES.has(t.tokenType);
  if (type === T.QName) return QNAMES.has(t.tokenType);
  return type === T.RawAny && RAW.has(t.tokenType);
}

const isName = (t: IToken) => NAMES.has(t.tokenType);

/** Keywords that, as column attributes, must start on the column's line (parser.ts's list). */
const LINE_BOUND_ATTRIBUTES = new Set<TokenType>([T.Unique, T.Check, T.Primary, T.On, T.As]);

/** The first tokens of a column attribute (the alternatives of `columnAttr`). */
const COLUMN_ATTR_FIRST = new Set<TokenType>([
  T.Primary,
  T.Unique,
  T.Identity,
  T.Collate,
  T.Default,
  T.References,
  T.Check,
  T.Renamed,
  T.On,
  T.As,
]);

/** The first tokens of a table item other than a column or an exclusion (those start with a name). */
const TABLE_ITEM_KEYWORDS = new Set<TokenType>([T.Primary, T.Unique, T.Index, T.Foreign, T.Check]);

/**
 * Where the parser takes its tokens from, one at a time: `undefined` at the end, `null` to give
 * up (text that does not scan, parentheses nested too deep: cst-parse.ts's `tokenStream`).
 */
export type TokenSource = () => IToken | undefined | null;

/** A column followed on its line by more than its attributes (parse.ts reports it). */
export type LineEnd = (columnName: IToken, next: IToken) => void;

/**
 * Hears of the tokens the parser is done with, the first `count` of `tokens`: those of the
 * declarations before the one it starts, which nothing refers to once their reader has read
 * them (parse.ts hands them back to the scanner, which fills them again: scan.ts `reuse`).
 */
export type Dropped = (tokens: readonly IToken[], count: number) => void;

/**
 * A column type as the reader of a whole file takes it (`readDeclarations`): its tokens, no
 * nodes. One shape for every type, so the code that reads it stays monomorphic.
 */
export interface TypeSyntax {
  /** Undefined only where Chevrotain's recovery left it out (to-ir.ts reads recovered trees too). */
  readonly name: IToken | undefined;
  /** The arguments between parentheses (`varchar(120)`), each a number, a name or a string. */
  readonly args: readonly IToken[];
  /** `[]` follows. */
  readonly array: boolean;
  readonly unsigned: IToken | undefined;
  /** Its last token: `unsigned`, `]`, `)` or the name (the type's position ends with it). */
  readonly last: IToken | undefined;
}

/** Where something starts: a token, or a CST node's location (they share these fields). */
export interface Start {
  readonly startOffset: number;
  readonly startLine?: number;
  readonly startColumn?: number;
}

/**
 * A column attribute as the reader of a whole file takes it. The usual ones (`primary key`,
 * `unique`, `identity` without options, `default`, `references`: a large schema has thousands)
 * as their tokens; the others as their `columnAttr` CST node (`node`). One shape for all, so
 * the code that reads it stays monomorphic.
 */
export interface AttrSyntax {
  /** Its first token (its keyword), or its node's location: which attribute it is. */
  readonly first: Start & { readonly tokenType?: TokenType };
  /** The offset just past its last token. */
  readonly end: number;
  /** The attribute's node, where it is read as one; else its first token says which it is. */
  readonly node: CstNode | undefined;
  /** `default`'s value. */
  readonly value: DefaultSyntax | undefined;
  readonly references: ReferencesSyntax | undefined;
}

/** A default's value (`defaultValue`) as its tokens. */
export interface DefaultSyntax {
  /** Undefined only where Chevrotain's recovery left the value without a token. */
  readonly first: Start | undefined;
  readonly end: number;
  /** A `-` before a number. */
  readonly minus: boolean;
  /** The number, string, `true`, `false`, `null` or function name (`now` of `now()`). */
  readonly literal: IToken | undefined;
  /** `default (SQL)`. */
  readonly raw: RawSyntax | undefined;
}

/** A column's `references TABLE(COLUMN) ...` (`referencesAttr`) as its tokens. */
export interface ReferencesSyntax {
  readonly table: IToken | undefined;
  readonly column: IToken | undefined;
  readonly clauses: readonly FkClauseSyntax[];
}

/**
 * A foreign key's clause (`fkClause`) as its tokens: an action (`on delete set null`) or an
 * option (`match full`, `deferrable initially deferred`, `not valid`).
 */
export interface FkClauseSyntax {
  readonly option: boolean;
  /** An action's `on`, `delete` or `update`, its first word (`cascade`, `restrict`, `set`, `no`) and `set`'s `null` or `default`. */
  readonly on: IToken | undefined;
  readonly event: IToken | undefined;
  readonly action: IToken | undefined;
  readonly actionArg: IToken | undefined;
  /** An option's words (`fkOption`). */
  readonly word: IToken | undefined;
  readonly arg: IToken | undefined;
  readonly mode: IToken | undefined;
}

/**
 * A column as the reader of a whole file takes it: its name, type and `?` as tokens, its
 * attributes (there are few: most columns have none), and where it ends.
 */
export interface ColumnSyntax {
  readonly name: IToken | undefined;
  readonly type: TypeSyntax | undefined;
  readonly nullable: boolean;
  readonly attrs: readonly AttrSyntax[];
  /** The offset just past its last token (its CST node's `endOffset + 1`). */
  readonly end: number;
}

/** Raw SQL between parentheses (`rawSql`) as the reader of a whole file takes it: its outer parentheses. */
export interface RawSyntax {
  /** Undefined only where Chevrotain's recovery left them out. */
  readonly open: IToken | undefined;
  readonly close: IToken | undefined;
}

/** An index's entry (`indexEntry`) as the reader of a whole file takes it: its tokens, no nodes. */
export interface IndexEntrySyntax {
  /** The column; undefined for an expression (`raw`). */
  readonly name: IToken | undefined;
  readonly prefixLength: IToken | undefined;
  readonly raw: RawSyntax | undefined;
  readonly collation: IToken | undefined;
  readonly opclass: IToken | undefined;
  readonly desc: boolean;
  /** `first` or `last` of `nulls first|last`. */
  readonly nullsOrder: IToken | undefined;
}

/**
 * An index (`indexRest`, after `index` or `unique index`) as the reader of a whole file takes
 * it: its tokens, no nodes. `first` and `end` are where the table item starts and ends (past
 * its last token); a record made from a CST node has neither (-1: its node has them).
 */
export interface IndexSyntax {
  readonly first: IToken | undefined;
  readonly unique: boolean;
  readonly name: IToken | undefined;
  readonly entries: readonly IndexEntrySyntax[];
  /** The columns of `include (a, b)`. */
  readonly include: readonly IToken[] | undefined;
  /** `nulls` and `distinct` of `nulls not distinct`. */
  readonly nulls: IToken | undefined;
  readonly distinct: IToken | undefined;
  readonly where: RawSyntax | undefined;
  readonly method: IToken | undefined;
  readonly storage: RawSyntax | undefined;
  readonly end: number;
}

/** A table's `check` (`checkItem`) as the reader of a whole file takes it; `first`, `end` as `IndexSyntax`'s. */
export interface CheckSyntax {
  readonly first: IToken | undefined;
  readonly name: IToken | undefined;
  readonly raw: RawSyntax | undefined;
  /** The word after `no` in `no inherit`. */
  readonly inherit: IToken | undefined;
  /** The `valid` of `not valid`. */
  readonly valid: IToken | undefined;
  readonly end: number;
}

/**
 * Where `readDeclarations` puts what it reads, in source order: every declaration but a table
 * as its CST node, as `descendEach` gives it; a table piece by piece (`T`: the reader's own
 * record of the table being read), its columns without nodes (issue 19: a column's nodes, a
 * dozen objects each, were most of what the parse of a large schema allocated, and the reader
 * threw them away at once), its indexes and checks as records too, its other items as their
 * `tableItem` CST nodes' only child.
 */
export interface DeclarationReader<T> {
  declaration(d: CstNode): void;
  /** After the table's `{`: its keyword, name, and the nodes of `renamed from` and its options. */
  tableBegin(
    keyword: IToken,
    name: IToken,
    renamedFrom: CstNode | undefined,
    options: CstNode | undefined,
  ): T;
  tableColumn(table: T, column: ColumnSyntax): void;
  /** A key, foreign key or exclusion: the child of its `tableItem` node. */
  tableItem(table: T, item: CstNode): void;
  /** An `index` or a `unique index` (most of a large schema's table items: no nodes either). */
  tableIndex(table: T, index: IndexSyntax): void;
  tableCheck(table: T, check: CheckSyntax): void;
  /** The table's `}`. */
  tableEnd(table: T, close: IToken): void;
}

/** The empty lists a column without arguments or attributes shares (never written to). */
const NO_TOKENS: readonly IToken[] = Object.freeze([]);
const NO_ATTRS: readonly AttrSyntax[] = Object.freeze([]);
const NO_CLAUSES: readonly FkClauseSyntax[] = Object.freeze([]);

class Descent {
  /** The tokens read and not yet dropped; `i` is the next one's index. */
  private buf: IToken[] = [];
  private i = 0;
  private ended = false;
  constructor(
    private readonly pull: TokenSource,
    private readonly onLineEnd?: LineEnd,
    private readonly dropped?: Dropped,
  ) {}

  private la(k: number): IToken {
    const at = this.i + k - 1;
    while (at >= this.buf.length && !this.ended) {
      const t = this.pull();
      if (t === null) throw GIVE_UP;
      if (t === undefined) this.ended = true;
      else this.buf.push(t);
    }
    return this.buf[at] ?? EOF;
  }

  /** The next token is of `type` (or in that category). */
  private at(type: TokenType): boolean {
    return is(this.la(1), type);
  }

  /** Consumes the next token, which must be of `type`, into `n` under `key`. */
  private take(n: CstNode, type: TokenType, key: string = type.name): void {
    const t = this.la(1);
    if (t === EOF || !is(t, type)) throw GIVE_UP;
    this.i++;
    add(n, key, t);
    extend(n.location as Location, t);
  }

  /** Adds a finished subrule's node to `n` under `key`. */
  private sub(n: CstNode, key: string, child: CstNode): void {
    add(n, key, child);
    extend(n.location as Location, child.location!);
  }

  /** Chevrotain's `AT_LEAST_ONE_SEP` with commas: `item`, then a comma (into `n`) and `item` again, while commas follow. */
  private commaList(n: CstNode, item: () => void): void {
    item();
    while (this.at(T.Comma)) {
      this.take(n, T.Comma);
      item();
    }
  }

  /** parser.ts's `wordOnLine`: the next token is the plain word `word`, on the previous token's line. */
  private wordOnLine(word: string): boolean {
    const next = this.la(1);
    return next.image.toLowerCase() === word && next.startLine === this.la(0).endLine;
  }

  /** The next token starts on the line where the previous one ends. */
  private sameLine(): boolean {
    return this.la(1).startLine === this.la(0).endLine;
  }

  /** The next top-level declaration, or `undefined` at the end of the tokens. */
  declaration(): CstNode | undefined {
    // The tokens of the declarations before are done with: keep the last only (`LA(0)`).
    if (this.i > 1) {
      this.dropped?.(this.buf, this.i - 1);
      this.buf = this.buf.slice(this.i - 1);
      this.i = 1;
    }
    const t = this.la(1).tokenType;
    if (t === T.Table) return this.tableDecl();
    if (t === T.Enum) return this.enumDecl();
    if (t === T.Virtual) return this.virtualTableDecl();
    if (t === T.SequenceKw) return this.sequenceDecl();
    if (t === T.DomainKw) return this.domainDecl();
    if (t === T.ViewKw || t === T.Materialized) return this.viewDecl();
    if (t === T.ExtensionKw) return this.extensionDecl();
    if (t === T.TypeKw) return this.compositeDecl();
    if (t === T.FunctionKw || t === T.ProcedureKw) return this.routineDecl();
    if (t === T.TriggerKw) return this.triggerDecl();
    if (t === T.SchemaKw) return this.namespaceDecl();
    // Chevrotain reports input left over after the top rule.
    if (this.la(1) !== EOF) throw GIVE_UP;
    return undefined;
  }

  private virtualTableDecl(): CstNode {
    const n = node("virtualTableDecl");
    this.take(n, T.Virtual);
    this.take(n, T.Table);
    this.take(n, T.Name);
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    this.take(n, T.Using);
    this.take(n, T.Name, "module");
    if (this.at(T.LParen)) this.sub(n, "args", this.rawSql());
    return n;
  }

  private viewDecl(): CstNode {
    const n = node("viewDecl");
    if (this.at(T.Materialized)) this.take(n, T.Materialized);
    this.take(n, T.ViewKw);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    this.take(n, T.As);
    this.sub(n, "query", this.rawSql());
    return n;
  }

  private routineDecl(): CstNode {
    const n = node("routineDecl");
    this.take(n, this.at(T.FunctionKw) ? T.FunctionKw : T.ProcedureKw);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    this.sub(n, "args", this.rawSql());
    for (;;) {
      const next = this.la(1);
      if (next.tokenType === T.As) break;
      if (next.tokenType === T.LParen) this.sub(n, "clause", this.rawSql());
      else if (is(next, T.RawAny)) this.take(n, T.RawAny, "word");
      else break;
    }
    this.take(n, T.As);
    this.take(n, T.DollarString, "body");
    return n;
  }

  private triggerDecl(): CstNode {
    const n = node("triggerDecl");
    this.take(n, T.TriggerKw);
    this.take(n, T.Name);
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    while (this.la(1).tokenType !== T.On && this.at(T.RawAny)) this.take(n, T.RawAny, "event");
    this.take(n, T.On);
    this.take(n, T.QName, "table");
    while (this.la(1).tokenType === T.Identifier) this.take(n, T.Identifier, "word");
    if (this.at(T.When)) {
      this.take(n, T.When);
      this.sub(n, "when", this.rawSql());
    }
    if (this.at(T.Execute)) {
      this.take(n, T.Execute);
      this.take(n, this.at(T.FunctionKw) ? T.FunctionKw : T.ProcedureKw);
      this.take(n, T.QName, "function");
      this.sub(n, "args", this.rawSql());
    } else {
      this.take(n, T.As);
      this.take(n, T.DollarString, "body");
    }
    return n;
  }

  private sequenceDecl(): CstNode {
    const n = node("sequenceDecl");
    this.take(n, T.SequenceKw);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    if (this.at(T.LParen)) this.sub(n, "tableOptions", this.tableOptions());
    return n;
  }

  private domainDecl(): CstNode {
    const n = node("domainDecl");
    this.take(n, T.DomainKw);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    this.sub(n, "typeRef", this.typeRef());
    if (this.at(T.Question)) this.take(n, T.Question);
    while (this.at(T.Default) || this.at(T.Collate) || this.at(T.Check))
      this.sub(n, "domainAttr", this.domainAttr());
    return n;
  }

  private domainAttr(): CstNode {
    const n = node("domainAttr");
    if (this.at(T.Default)) {
      this.take(n, T.Default);
      this.sub(n, "defaultValue", this.defaultValue());
    } else if (this.at(T.Collate)) {
      this.take(n, T.Collate);
      this.take(n, T.Name, "collation");
    } else {
      this.take(n, T.Check);
      if (isName(this.la(1))) this.take(n, T.Name, "checkName");
      this.sub(n, "rawSql", this.rawSql());
    }
    return n;
  }

  private namespaceDecl(): CstNode {
    const n = node("namespaceDecl");
    this.take(n, T.SchemaKw);
    this.take(n, T.Name);
    return n;
  }

  private extensionDecl(): CstNode {
    const n = node("extensionDecl");
    this.take(n, T.ExtensionKw);
    this.take(n, T.Name);
    if (this.at(T.LParen)) this.sub(n, "tableOptions", this.tableOptions());
    return n;
  }

  private compositeDecl(): CstNode {
    const n = node("compositeDecl");
    this.take(n, T.TypeKw);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    this.take(n, T.LCurly);
    while (isName(this.la(1))) {
      this.sub(n, "compositeAttr", this.compositeAttr());
      if (this.at(T.Comma)) this.take(n, T.Comma);
    }
    this.take(n, T.RCurly);
    return n;
  }

  private compositeAttr(): CstNode {
    const n = node("compositeAttr");
    this.take(n, T.Name);
    this.sub(n, "typeRef", this.typeRef());
    if (this.at(T.Collate)) {
      this.take(n, T.Collate);
      this.take(n, T.Name, "collation");
    }
    return n;
  }

  /** Consumes the next token, which must be of `type`, and returns it (no node to put it in). */
  private token(type: TokenType): IToken {
    const t = this.la(1);
    if (t === EOF || !is(t, type)) throw GIVE_UP;
    this.i++;
    return t;
  }

  /** Reads the next top-level declaration into `r`; `false` at the end of the tokens. */
  read<T>(r: DeclarationReader<T>): boolean {
    if (this.la(1).tokenType === T.Table) {
      this.tableInto(r);
      return true;
    }
    const d = this.declaration();
    if (d) r.declaration(d);
    return d !== undefined;
  }

  /**
   * `tableDecl` read into `r` without its node, its columns without theirs: the same rule,
   * token for token (test/unit/dsl/descent.test.ts compares what both readers make of every
   * file).
   */
  private tableInto<T>(r: DeclarationReader<T>): void {
    // The tokens of the declarations before are done with (as `declaration` does).
    if (this.i > 1) {
      this.dropped?.(this.buf, this.i - 1);
      this.buf = this.buf.slice(this.i - 1);
      this.i = 1;
    }
    const keyword = this.token(T.Table);
    const name = this.token(T.QName);
    const renamed = this.at(T.Renamed) ? this.renamedFrom() : undefined;
    const options = this.at(T.LParen) ? this.tableOptions() : undefined;
    this.token(T.LCurly);
    const table = r.tableBegin(keyword, name, renamed, options);
    for (;;) {
      const next = this.la(1);
      const t = next.tokenType;
      if (t === T.Index) {
        this.i++;
        r.tableIndex(table, this.indexSyntax(next, false));
      } else if (t === T.Unique && this.la(2).tokenType === T.Index) {
        // `uniqueItem`'s choice: `index` next makes it an index.
        this.i += 2;
        r.tableIndex(table, this.indexSyntax(next, true));
      } else if (t === T.Check) r.tableCheck(table, this.checkSyntax());
      else if (TABLE_ITEM_KEYWORDS.has(t)) r.tableItem(table, this.tableItemChild(t));
      else if (!isName(next)) break;
      else if (this.exclusionNext()) r.tableItem(table, this.exclusionItem());
      else r.tableColumn(table, this.columnSyntax());
    }
    r.tableEnd(table, this.token(T.RCurly));
  }

  /** `column` without nodes but its attributes'. */
  private columnSyntax(): ColumnSyntax {
    const name = this.token(T.Name);
    const type = this.typeSyntax();
    const nullable = this.at(T.Question);
    if (nullable) this.i++;
    let attrs = NO_ATTRS as AttrSyntax[];
    for (;;) {
      // Attributes that also start table items stay on the column's line (parser.ts's gate).
      const t = this.la(1).tokenType;
      if (!COLUMN_ATTR_FIRST.has(t)) break;
      if (LINE_BOUND_ATTRIBUTES.has(t) && !this.sameLine()) break;
      if (attrs === NO_ATTRS) attrs = [];
      attrs.push(this.attrSyntax(t));
    }
    const last = this.la(0);
    // A column ends at the end of its line (as `column` reports it).
    const next = this.la(1);
    if (this.onLineEnd && next !== EOF && next.tokenType !== T.RCurly && this.sameLine())
      this.onLineEnd(name, next);
    return { name, type, nullable, attrs, end: last.endOffset! + 1 };
  }

  /** `columnAttr` (whose first token is of type `t`): the usual attributes without nodes. */
  private attrSyntax(t: TokenType): AttrSyntax {
    const first = this.la(1);
    let node: CstNode | undefined, value: DefaultSyntax | undefined, references: ReferencesSyntax | undefined;
    if (t === T.Primary) {
      this.i++;
      this.token(T.Key);
    } else if (t === T.Unique) this.i++;
    else if (t === T.Identity && this.la(2).tokenType !== T.LParen) this.i++;
    else if (t === T.Default) {
      this.i++;
      value = this.defaultSyntax();
    } else if (t === T.References) references = this.referencesSyntax();
    else node = this.columnAttr();
    return { first, end: this.la(0).endOffset! + 1, node, value, references };
  }

  /** `defaultValue` without nodes. */
  private defaultSyntax(): DefaultSyntax {
    const first = this.la(1);
    const t = first.tokenType;
    let minus = false,
      literal: IToken | undefined,
      raw: RawSyntax | undefined;
    if (t === T.Minus || t === T.NumberLiteral) {
      if (t === T.Minus) {
        this.i++;
        minus = true;
      }
      literal = this.token(T.NumberLiteral);
    } else if (t === T.StringLiteral || t === T.True || t === T.False || t === T.Null) {
      this.i++;
      literal = first;
    } else if (t === T.Identifier) {
      this.i++;
      literal = first;
      this.token(T.LParen);
      this.token(T.RParen);
    } else raw = this.rawSyntax();
    return { first, end: this.la(0).endOffset! + 1, minus, literal, raw };
  }

  /** `referencesAttr` without nodes. */
  private referencesSyntax(): ReferencesSyntax {
    this.token(T.References);
    const table = this.token(T.QName);
    this.token(T.LParen);
    const column = this.token(T.Name);
    this.token(T.RParen);
    let clauses = NO_CLAUSES as FkClauseSyntax[];
    while (this.fkClauseNext()) {
      if (clauses === NO_CLAUSES) clauses = [];
      clauses.push(this.fkClauseSyntax());
    }
    return { table, column, clauses };
  }

  /** `fkClause` (`fkAction` or `fkOption`) without nodes. */
  private fkClauseSyntax(): FkClauseSyntax {
    if (this.la(1).tokenType === T.On) {
      const on = this.token(T.On);
      const event = this.token(this.at(T.Delete) ? T.Delete : T.Update);
      const t = this.la(1).tokenType;
      let action: IToken, actionArg: IToken | undefined;
      if (t === T.Cascade) action = this.token(T.Cascade);
      else if (t === T.Restrict) action = this.token(T.Restrict);
      else if (t === T.SetKw) {
        action = this.token(T.SetKw);
        actionArg = this.token(this.at(T.Null) ? T.Null : T.Default);
      } else {
        action = this.token(T.No);
        this.token(T.Action);
      }
      return {
        option: false,
        on,
        event,
        action,
        actionArg,
        word: undefined,
        arg: undefined,
        mode: undefined,
      };
    }
    const word = this.token(T.Name);
    let next = this.la(1);
    const arg =
      isName(next) &&
      next.tokenType !== T.On &&
      this.sameLine() &&
      /^(full|simple|initially|valid)$/i.test(next.image)
        ? this.token(T.Name)
        : undefined;
    next = this.la(1);
    const mode =
      isName(next) && /^(deferred|immediate)$/i.test(next.image) && this.sameLine()
        ? this.token(T.Name)
        : undefined;
    return {
      option: true,
      on: undefined,
      event: undefined,
      action: undefined,
      actionArg: undefined,
      word,
      arg,
      mode,
    };
  }

  /** `typeRef` without nodes. */
  private typeSyntax(): TypeSyntax {
    const name = this.token(T.QName);
    let args = NO_TOKENS as IToken[];
    let last = name;
    if (this.at(T.LParen)) {
      this.i++;
      args = [this.typeArgToken()];
      while (this.at(T.Comma)) {
        this.i++;
        args.push(this.typeArgToken());
      }
      last = this.token(T.RParen);
    }
    const array = this.at(T.LBracket);
    if (array) {
      this.i++;
      last = this.token(T.RBracket);
    }
    // MySQL's `unsigned`, on the type's line.
    let unsigned: IToken | undefined;
    if (this.at(T.Unsigned) && this.sameLine()) last = unsigned = this.token(T.Unsigned);
    return { name, args, array, unsigned, last };
  }

  /** `indexRest` without nodes, after the `index` (whose first token is `first`). */
  private indexSyntax(first: IToken, unique: boolean): IndexSyntax {
    const name = isName(this.la(1)) ? this.token(T.Name) : undefined;
    this.token(T.LParen);
    const entries = [this.indexEntrySyntax()];
    while (this.at(T.Comma)) {
      this.i++;
      entries.push(this.indexEntrySyntax());
    }
    this.token(T.RParen);
    let include: IToken[] | undefined;
    if (isName(this.la(1)) && this.wordOnLine("include")) {
      this.i++;
      include = this.columnNames();
    }
    let nulls: IToken | undefined, distinct: IToken | undefined;
    if (isName(this.la(1)) && this.wordOnLine("nulls") && this.la(2).image.toLowerCase() === "not") {
      nulls = this.token(T.Name);
      this.token(T.Name);
      distinct = this.token(T.Name);
    }
    let where: RawSyntax | undefined;
    if (this.at(T.Where)) {
      this.i++;
      where = this.rawSyntax();
    }
    let method: IToken | undefined;
    if (this.at(T.Using)) {
      this.i++;
      method = this.token(T.Name);
    }
    let storage: RawSyntax | undefined;
    if (isName(this.la(1)) && this.wordOnLine("with")) {
      this.i++;
      storage = this.rawSyntax();
    }
    const end = this.la(0).endOffset! + 1;
    return { first, unique, name, entries, include, nulls, distinct, where, method, storage, end };
  }

  /** `indexEntry` without nodes. */
  private indexEntrySyntax(): IndexEntrySyntax {
    let name: IToken | undefined, prefixLength: IToken | undefined, raw: RawSyntax | undefined;
    if (isName(this.la(1))) {
      name = this.token(T.Name);
      // MySQL's prefix length: `name(255)`.
      if (this.at(T.LParen)) {
        this.i++;
        prefixLength = this.token(T.NumberLiteral);
        this.token(T.RParen);
      }
    } else raw = this.rawSyntax();
    let collation: IToken | undefined;
    if (this.at(T.Collate)) {
      this.i++;
      collation = this.token(T.Name);
    }
    const next = this.la(1);
    const opclass =
      isName(next) &&
      !this.nullsNext() &&
      next.tokenType !== T.Asc &&
      next.tokenType !== T.Desc &&
      next.image.toLowerCase() !== "with"
        ? this.token(T.Name)
        : undefined;
    let desc = false;
    if (this.at(T.Asc)) this.i++;
    else if (this.at(T.Desc)) {
      this.i++;
      desc = true;
    }
    let nullsOrder: IToken | undefined;
    if (isName(this.la(1)) && this.nullsNext()) {
      this.i++;
      nullsOrder = this.token(T.Name);
    }
    return { name, prefixLength, raw, collation, opclass, desc, nullsOrder };
  }

  /** `checkItem` without nodes. */
  private checkSyntax(): CheckSyntax {
    const first = this.token(T.Check);
    const name = isName(this.la(1)) ? this.token(T.Name) : undefined;
    const raw = this.rawSyntax();
    // `no inherit` (PostgreSQL), on the check's line.
    let inherit: IToken | undefined;
    if (this.la(1).tokenType === T.No && this.sameLine() && this.la(2).image.toLowerCase() === "inherit") {
      this.i++;
      inherit = this.token(T.Name);
    }
    let valid: IToken | undefined;
    if (isName(this.la(1)) && this.wordOnLine("not") && this.la(2).image.toLowerCase() === "valid") {
      this.i++;
      valid = this.token(T.Name);
    }
    return { first, name, raw, inherit, valid, end: this.la(0).endOffset! + 1 };
  }

  /** `columnList` without nodes: its names. */
  private columnNames(): IToken[] {
    this.token(T.LParen);
    const names = [this.token(T.Name)];
    while (this.at(T.Comma)) {
      this.i++;
      names.push(this.token(T.Name));
    }
    this.token(T.RParen);
    return names;
  }

  /** `rawSql` without nodes: its outer parentheses (the tokens between are skipped as the rule takes them). */
  private rawSyntax(): RawSyntax {
    const open = this.token(T.LParen);
    this.skipRaw();
    return { open, close: this.token(T.RParen) };
  }

  /** What `rawSql` takes between its parentheses. */
  private skipRaw(): void {
    for (;;) {
      const next = this.la(1);
      if (next.tokenType === T.LParen) {
        this.i++;
        this.skipRaw();
        this.token(T.RParen);
      } else if (is(next, T.RawAny)) this.i++;
      else break;
    }
  }

  /** `typeArg`'s token. */
  private typeArgToken(): IToken {
    const next = this.la(1);
    if (next.tokenType === T.NumberLiteral) return this.token(T.NumberLiteral);
    return this.token(isName(next) ? T.Name : T.StringLiteral);
  }

  private tableDecl(): CstNode {
    const n = node("tableDecl");
    this.take(n, T.Table);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    if (this.at(T.LParen)) this.sub(n, "tableOptions", this.tableOptions());
    this.take(n, T.LCurly);
    for (;;) {
      const next = this.la(1);
      if (!TABLE_ITEM_KEYWORDS.has(next.tokenType) && !isName(next)) break;
      this.sub(n, "tableItem", this.tableItem());
    }
    this.take(n, T.RCurly);
    return n;
  }

  private tableOptions(): CstNode {
    const n = node("tableOptions");
    this.take(n, T.LParen);
    if (isName(this.la(1)) || this.at(T.Collate)) {
      this.commaList(n, () => this.sub(n, "tableOption", this.tableOption()));
    }
    this.take(n, T.RParen);
    return n;
  }

  private tableOption(): CstNode {
    const n = node("tableOption");
    do {
      if (this.at(T.Collate)) this.take(n, T.Collate);
      else this.take(n, T.Name);
    } while (isName(this.la(1)) || this.at(T.Collate));
    if (this.at(T.Equals)) {
      this.take(n, T.Equals);
      this.sub(n, "optionValue", this.optionValue());
    }
    return n;
  }

  private optionValue(): CstNode {
    const n = node("optionValue");
    const next = this.la(1);
    if (is(next, T.QName)) {
      this.take(n, T.QName, "Name");
      // A dotted name: a sequence's `owned by = table.column`.
      if (this.la(1).image === ".") {
        this.take(n, T.Other, "dot");
        this.take(n, T.Name, "member");
      }
    } else if (next.tokenType === T.StringLiteral) this.take(n, T.StringLiteral);
    else if (next.tokenType === T.LParen) this.sub(n, "rawSql", this.rawSql());
    else {
      if (this.at(T.Minus)) this.take(n, T.Minus);
      this.take(n, T.NumberLiteral);
    }
    return n;
  }

  private enumDecl(): CstNode {
    const n = node("enumDecl");
    this.take(n, T.Enum);
    this.take(n, T.QName, "Name");
    if (this.at(T.Renamed)) this.sub(n, "renamedFrom", this.renamedFrom());
    this.take(n, T.LCurly);
    while (isName(this.la(1)) || this.at(T.StringLiteral)) {
      this.sub(n, "enumValue", this.enumValue());
      if (this.at(T.Comma)) this.take(n, T.Comma);
    }
    this.take(n, T.RCurly);
    return n;
  }

  private enumValue(): CstNode {
    const n = node("enumValue");
    if (this.at(T.StringLiteral)) this.take(n, T.StringLiteral);
    else this.take(n, T.Name);
    return n;
  }

  private renamedFrom(): CstNode {
    const n = node("renamedFrom");
    this.take(n, T.Renamed);
    this.take(n, T.From);
    this.take(n, T.QName, "Name");
    return n;
  }

  private tableItem(): CstNode {
    const n = node("tableItem");
    const t = this.la(1).tokenType;
    const item = TABLE_ITEM_KEYWORDS.has(t)
      ? this.tableItemChild(t)
      : this.exclusionNext()
        ? this.exclusionItem()
        : this.column();
    this.sub(n, item.name, item);
    return n;
  }

  /** The table item that starts with the keyword `t` (one of `TABLE_ITEM_KEYWORDS`). */
  private tableItemChild(t: TokenType): CstNode {
    if (t === T.Primary) return this.primaryKeyItem();
    if (t === T.Unique) return this.uniqueItem();
    if (t === T.Index) return this.indexItem();
    if (t === T.Foreign) return this.foreignKeyItem();
    return this.checkItem();
  }

  /** parser.ts's `exclusionNext`. */
  private exclusionNext(): boolean {
    // The word first: it is asked of every column, and is almost never `exclude`.
    if (this.la(1).image !== "exclude") return false;
    const b = this.la(2);
    return b.tokenType === T.Using || b.tokenType === T.LParen || this.la(3).tokenType === T.Using;
  }

  private exclusionItem(): CstNode {
    const n = node("exclusionItem");
    this.take(n, T.Name, "exclude");
    const next = this.la(1);
    if (next.tokenType !== T.Using && next.tokenType !== T.LParen && isName(next))
      this.take(n, T.Name, "exclusionName");
    if (this.at(T.Using)) {
      this.take(n, T.Using);
      this.take(n, T.Name, "method");
    }
    this.take(n, T.LParen);
    this.commaList(n, () => this.sub(n, "exclusionEntry", this.exclusionEntry()));
    this.take(n, T.RParen);
    this.sub(n, "keyClauses", this.keyClauses());
    if (this.at(T.Where)) {
      this.take(n, T.Where);
      this.sub(n, "rawSql", this.rawSql());
    }
    this.sub(n, "keyDeferrable", this.keyDeferrable());
    return n;
  }

  private exclusionEntry(): CstNode {
    const n = node("exclusionEntry");
    this.sub(n, "indexEntry", this.indexEntry());
    this.take(n, T.Name, "with");
    do {
      const t = this.la(1).tokenType;
      if (t === T.Equals) this.take(n, T.Equals, "operator");
      else if (t === T.Minus) this.take(n, T.Minus, "operator");
      else this.take(n, T.Other, "operator");
    } while (this.at(T.Equals) || this.at(T.Other) || this.at(T.Minus));
    return n;
  }

  private primaryKeyItem(): CstNode {
    const n = node("primaryKeyItem");
    this.take(n, T.Primary);
    this.take(n, T.Key);
    if (isName(this.la(1))) this.take(n, T.Name);
    this.sub(n, "keyColumnList", this.keyColumnList());
    this.sub(n, "keyClauses", this.keyClauses());
    if (this.at(T.Using)) {
      this.take(n, T.Using);
      this.take(n, T.Name, "method");
    }
    this.sub(n, "keyDeferrable", this.keyDeferrable());
    return n;
  }

  private keyClauses(): CstNode {
    const n = node("keyClauses");
    if (isName(this.la(1)) && this.wordOnLine("nulls") && this.la(2).image.toLowerCase() === "not") {
      this.take(n, T.Name, "nulls");
      this.take(n, T.Name, "not");
      this.take(n, T.Name, "distinct");
    }
    if (isName(this.la(1)) && this.wordOnLine("include")) {
      this.take(n, T.Name, "include");
      this.sub(n, "includeColumns", this.columnList());
    }
    if (isName(this.la(1)) && this.wordOnLine("with")) {
      this.take(n, T.Name, "with");
      this.sub(n, "storage", this.rawSql());
    }
    return n;
  }

  private keyDeferrable(): CstNode {
    const n = node("keyDeferrable");
    if (isName(this.la(1)) && this.wordOnLine("deferrable")) {
      this.take(n, T.Name, "deferrable");
      if (isName(this.la(1)) && this.wordOnLine("initially")) {
        this.take(n, T.Name, "initially");
        this.take(n, T.Name, "mode");
      }
    }
    return n;
  }

  private uniqueItem(): CstNode {
    const n = node("uniqueItem");
    this.take(n, T.Unique);
    if (this.at(T.Index)) {
      this.take(n, T.Index);
      this.sub(n, "indexRest", this.indexRest());
    } else {
      if (isName(this.la(1))) this.take(n, T.Name);
      this.sub(n, "keyColumnList", this.keyColumnList());
      this.sub(n, "keyClauses", this.keyClauses());
      this.sub(n, "keyDeferrable", this.keyDeferrable());
    }
    return n;
  }

  private indexItem(): CstNode {
    const n = node("indexItem");
    this.take(n, T.Index);
    this.sub(n, "indexRest", this.indexRest());
    return n;
  }

  private indexRest(): CstNode {
    const n = node("indexRest");
    if (isName(this.la(1))) this.take(n, T.Name, "indexName");
    this.take(n, T.LParen);
    this.commaList(n, () => this.sub(n, "indexEntry", this.indexEntry()));
    this.take(n, T.RParen);
    if (isName(this.la(1)) && this.wordOnLine("include")) {
      this.take(n, T.Name, "include");
      this.sub(n, "includeColumns", this.columnList());
    }
    if (isName(this.la(1)) && this.wordOnLine("nulls") && this.la(2).image.toLowerCase() === "not") {
      this.take(n, T.Name, "nulls");
      this.take(n, T.Name, "not");
      this.take(n, T.Name, "distinct");
    }
    if (this.at(T.Where)) {
      this.take(n, T.Where);
      this.sub(n, "rawSql", this.rawSql());
    }
    if (this.at(T.Using)) {
      this.take(n, T.Using);
      this.take(n, T.Name, "method");
    }
    if (isName(this.la(1)) && this.wordOnLine("with")) {
      this.take(n, T.Name, "with");
      this.sub(n, "storage", this.rawSql());
    }
    return n;
  }

  private indexEntry(): CstNode {
    const n = node("indexEntry");
    if (isName(this.la(1))) {
      this.take(n, T.Name);
      // MySQL's prefix length: `name(255)`.
      if (this.at(T.LParen)) {
        this.take(n, T.LParen);
        this.take(n, T.NumberLiteral, "prefixLength");
        this.take(n, T.RParen);
      }
    } else this.sub(n, "rawSql", this.rawSql());
    if (this.at(T.Collate)) {
      this.take(n, T.Collate);
      this.take(n, T.Name, "collation");
    }
    const next = this.la(1);
    if (
      isName(next) &&
      !this.nullsNext() &&
      next.tokenType !== T.Asc &&
      next.tokenType !== T.Desc &&
      next.image.toLowerCase() !== "with"
    )
      this.take(n, T.Name, "opclass");
    if (this.at(T.Asc)) this.take(n, T.Asc);
    else if (this.at(T.Desc)) this.take(n, T.Desc);
    if (isName(this.la(1)) && this.nullsNext()) {
      this.take(n, T.Name, "nulls");
      this.take(n, T.Name, "nullsOrder");
    }
    return n;
  }

  /** parser.ts's `nullsNext`. */
  private nullsNext(): boolean {
    return this.la(1).image.toLowerCase() === "nulls" && /^(first|last)$/i.test(this.la(2).image);
  }

  private foreignKeyItem(): CstNode {
    const n = node("foreignKeyItem");
    this.take(n, T.Foreign);
    this.take(n, T.Key);
    if (isName(this.la(1))) this.take(n, T.Name, "fkName");
    this.sub(n, "columnList", this.columnList());
    this.take(n, T.References);
    this.take(n, T.QName, "refTable");
    this.sub(n, "columnList", this.columnList());
    while (this.fkClauseNext()) this.sub(n, "fkClause", this.fkClause());
    return n;
  }

  /** parser.ts's `fkClauseNext` (its tokens all start a `fkClause`). */
  private fkClauseNext(): boolean {
    const next = this.la(1);
    if (next.tokenType === T.On) return true;
    const word = next.image.toLowerCase();
    if (word === "not") return this.wordOnLine("not") && this.la(2).image.toLowerCase() === "valid";
    return (word === "match" || word === "deferrable") && next.startLine === this.la(0).endLine;
  }

  private fkClause(): CstNode {
    const n = node("fkClause");
    if (this.la(1).tokenType === T.On) this.sub(n, "fkAction", this.fkAction());
    else this.sub(n, "fkOption", this.fkOption());
    return n;
  }

  private fkOption(): CstNode {
    const n = node("fkOption");
    this.take(n, T.Name, "word");
    let next = this.la(1);
    if (
      isName(next) &&
      next.tokenType !== T.On &&
      this.sameLine() &&
      /^(full|simple|initially|valid)$/i.test(next.image)
    )
      this.take(n, T.Name, "arg");
    next = this.la(1);
    if (isName(next) && /^(deferred|immediate)$/i.test(next.image) && this.sameLine())
      this.take(n, T.Name, "mode");
    return n;
  }

  private checkItem(): CstNode {
    const n = node("checkItem");
    this.take(n, T.Check);
    if (isName(this.la(1))) this.take(n, T.Name);
    this.sub(n, "rawSql", this.rawSql());
    // `no inherit` (PostgreSQL), on the check's line.
    if (this.la(1).tokenType === T.No && this.sameLine() && this.la(2).image.toLowerCase() === "inherit") {
      this.take(n, T.No);
      this.take(n, T.Name, "inherit");
    }
    if (isName(this.la(1)) && this.wordOnLine("not") && this.la(2).image.toLowerCase() === "valid") {
      this.take(n, T.Name, "not");
      this.take(n, T.Name, "valid");
    }
    return n;
  }

  private keyColumnList(): CstNode {
    const n = node("keyColumnList");
    this.take(n, T.LParen);
    this.commaList(n, () => this.sub(n, "keyColumn", this.keyColumn()));
    this.take(n, T.RParen);
    return n;
  }

  private keyColumn(): CstNode {
    const n = node("keyColumn");
    this.take(n, T.Name);
    if (this.at(T.LParen)) {
      this.take(n, T.LParen);
      this.take(n, T.NumberLiteral, "prefixLength");
      this.take(n, T.RParen);
    }
    return n;
  }

  private columnList(): CstNode {
    const n = node("columnList");
    this.take(n, T.LParen);
    this.commaList(n, () => this.take(n, T.Name));
    this.take(n, T.RParen);
    return n;
  }

  private column(): CstNode {
    const n = node("column");
    this.take(n, T.Name);
    this.sub(n, "typeRef", this.typeRef());
    if (this.at(T.Question)) this.take(n, T.Question);
    for (;;) {
      // Attributes that also start table items stay on the column's line (parser.ts's gate).
      const t = this.la(1).tokenType;
      if (!COLUMN_ATTR_FIRST.has(t)) break;
      if (LINE_BOUND_ATTRIBUTES.has(t) && !this.sameLine()) break;
      this.sub(n, "columnAttr", this.columnAttr());
    }
    // A column ends at the end of its line: what follows on it, but the table's `}`, is reported
    // (parse.ts's `columnLineEnds` reads the same from a whole tree).
    const next = this.la(1);
    if (this.onLineEnd && next !== EOF && next.tokenType !== T.RCurly && this.sameLine())
      this.onLineEnd(n.children["Name"]![0] as IToken, next);
    return n;
  }

  private typeRef(): CstNode {
    const n = node("typeRef");
    this.take(n, T.QName, "Name");
    if (this.at(T.LParen)) {
      this.take(n, T.LParen);
      this.commaList(n, () => this.sub(n, "typeArg", this.typeArg()));
      this.take(n, T.RParen);
    }
    if (this.at(T.LBracket)) {
      this.take(n, T.LBracket);
      this.take(n, T.RBracket);
    }
    // MySQL's `unsigned`, on the type's line.
    if (this.at(T.Unsigned) && this.sameLine()) this.take(n, T.Unsigned);
    return n;
  }

  private typeArg(): CstNode {
    const n = node("typeArg");
    const next = this.la(1);
    if (next.tokenType === T.NumberLiteral) this.take(n, T.NumberLiteral);
    else if (isName(next)) this.take(n, T.Name);
    else this.take(n, T.StringLiteral);
    return n;
  }

  private columnAttr(): CstNode {
    const n = node("columnAttr");
    const t = this.la(1).tokenType;
    if (t === T.Primary) {
      this.take(n, T.Primary);
      this.take(n, T.Key);
    } else if (t === T.Unique) this.take(n, T.Unique);
    else if (t === T.Identity) {
      this.take(n, T.Identity);
      if (this.at(T.LParen)) this.sub(n, "identityOptions", this.identityOptions());
    } else if (t === T.Collate) {
      this.take(n, T.Collate);
      this.take(n, T.Name, "collation");
    } else if (t === T.Default) {
      this.take(n, T.Default);
      this.sub(n, "defaultValue", this.defaultValue());
    } else if (t === T.References) this.sub(n, "referencesAttr", this.referencesAttr());
    else if (t === T.Check) {
      this.take(n, T.Check);
      this.sub(n, "rawSql", this.rawSql());
    } else if (t === T.Renamed) this.sub(n, "renamedFrom", this.renamedFrom());
    else if (t === T.On) {
      // `on update now()`: MySQL's ON UPDATE CURRENT_TIMESTAMP.
      this.take(n, T.On);
      this.take(n, T.Update);
      this.take(n, T.Identifier, "onUpdateFn");
      this.take(n, T.LParen);
      this.take(n, T.RParen);
    } else {
      // A generated column: `as (expr) stored|virtual`.
      this.take(n, T.As);
      this.sub(n, "rawSql", this.rawSql());
      if (this.at(T.Stored)) this.take(n, T.Stored);
      else if (this.at(T.Virtual)) this.take(n, T.Virtual);
    }
    return n;
  }

  private identityOptions(): CstNode {
    const n = node("identityOptions");
    this.take(n, T.LParen);
    this.commaList(n, () => this.sub(n, "identityOption", this.identityOption()));
    this.take(n, T.RParen);
    return n;
  }

  private identityOption(): CstNode {
    const n = node("identityOption");
    this.take(n, T.Name);
    if (this.at(T.Minus) || this.at(T.NumberLiteral)) {
      if (this.at(T.Minus)) this.take(n, T.Minus);
      this.take(n, T.NumberLiteral);
    }
    return n;
  }

  private referencesAttr(): CstNode {
    const n = node("referencesAttr");
    this.take(n, T.References);
    this.take(n, T.QName, "refTable");
    this.take(n, T.LParen);
    this.take(n, T.Name, "refColumn");
    this.take(n, T.RParen);
    while (this.fkClauseNext()) this.sub(n, "fkClause", this.fkClause());
    return n;
  }

  private defaultValue(): CstNode {
    const n = node("defaultValue");
    const t = this.la(1).tokenType;
    if (t === T.Minus || t === T.NumberLiteral) {
      if (t === T.Minus) this.take(n, T.Minus);
      this.take(n, T.NumberLiteral);
    } else if (t === T.StringLiteral) this.take(n, T.StringLiteral);
    else if (t === T.True) this.take(n, T.True);
    else if (t === T.False) this.take(n, T.False);
    else if (t === T.Null) this.take(n, T.Null);
    else if (t === T.Identifier) {
      this.take(n, T.Identifier);
      this.take(n, T.LParen);
      this.take(n, T.RParen);
    } else this.sub(n, "rawSql", this.rawSql());
    return n;
  }

  private fkAction(): CstNode {
    const n = node("fkAction");
    this.take(n, T.On);
    this.take(n, this.at(T.Delete) ? T.Delete : T.Update);
    const t = this.la(1).tokenType;
    if (t === T.Cascade) this.take(n, T.Cascade);
    else if (t === T.Restrict) this.take(n, T.Restrict);
    else if (t === T.SetKw) {
      this.take(n, T.SetKw);
      this.take(n, this.at(T.Null) ? T.Null : T.Default);
    } else {
      this.take(n, T.No);
      this.take(n, T.Action);
    }
    return n;
  }

  private rawSql(): CstNode {
    const n = node("rawSql");
    this.take(n, T.LParen);
    for (;;) {
      const next = this.la(1);
      if (next.tokenType === T.LParen) this.sub(n, "rawSql", this.rawSql());
      else if (is(next, T.RawAny)) this.take(n, T.RawAny);
      else break;
    }
    this.take(n, T.RParen);
    return n;
  }
}

// Hot while a file is read, and read once: not worth FTL's compile time (src/core/jit.ts).
outOfFtl(Descent.prototype, extend, node, add, is, isName);

/**
 * The CST of a file's tokens as parser.ts's `schema` rule builds it, or `undefined` where the
 * tokens hold a syntax error (or anything this parser does not take): run Chevrotain's then.
 */
export function descend(tokens: readonly IToken[]): SchemaCstNode | undefined {
  const schema = node("schema");
  let j = 0;
  const parsed = descendEach(
    () => tokens[j++],
    (d) => {
      add(schema, d.name, d);
      extend(schema.location as Location, d.location!);
    },
  );
  return parsed ? (schema as SchemaCstNode) : undefined;
}

/**
 * The file's top-level declarations one at a time, in source order, each as the `schema` rule's
 * child it would be, its tokens read as it is parsed: what one needs to read a file without
 * holding its whole tree or all its tokens (a large schema's tree and tokens weigh more than its
 * IR). `onLineEnd` hears of each column with more on its line (a whole tree's reader checks
 * that from the tree instead). `false` where the tokens hold a syntax error (or anything this
 * parser does not take); what `each` and `onLineEnd` were given before then is to be thrown away.
 */
export function descendEach(
  source: TokenSource,
  each: (declaration: CstNode) => void,
  onLineEnd?: LineEnd,
): boolean {
  const p = new Descent(source, onLineEnd);
  try {
    for (let d = p.declaration(); d; d = p.declaration()) each(d);
  } catch (e) {
    if (e === GIVE_UP) return false;
    throw e;
  }
  return true;
}

/**
 * `descendEach` into a `DeclarationReader`: tables piece by piece, their columns without nodes
 * (the reader of a whole file, parse.ts, makes the IR of them as they come). `false` where the
 * tokens hold a syntax error (or anything this parser does not take); what `r` and `onLineEnd`
 * were given before then is to be thrown away. `dropped` hears of the tokens done with, as
 * each declaration starts: `r` must keep none of them (to-ir.ts copies positions, never tokens).
 */
export function readDeclarations<T>(
  source: TokenSource,
  r: DeclarationReader<T>,
  onLineEnd?: LineEnd,
  dropped?: Dropped,
): boolean {
  const p = new Descent(source, onLineEnd, dropped);
  try {
    while (p.read(r));
  } catch (e) {
    if (e === GIVE_UP) return false;
    throw e;
  }
  return true;
}
