/**
 * The CST visitor: turns one file's concrete syntax tree into IR declarations.
 *
 * It normalises as it goes: column-level `primary key`, `unique`, `references` and `check`
 * become table-level constraints, every unnamed constraint and index gets its deterministic
 * name (ir/naming.ts), and type names are classified (portable, or passed through; enum names
 * are resolved later, across files, by `load.ts`). It reports what one file alone can tell
 * (an attribute given twice, two primary keys, a bad type parameter); cross-file checks are in
 * ir/validate.ts. Comments are attached afterwards by `comments.ts`.
 *
 * It is a Chevrotain CST visitor with a method per grammar rule, and reads each rule's
 * children through the types generated from the grammar (cst.ts, `bun run gen:cst`), so a
 * renamed or removed child is a type error here. The IR is built in local mutable types
 * (`Mutable`, `TableBuilder`) and handed out as the readonly IR.
 *
 * The hand parser's reader (`irReader`, for descent.ts's `readDeclarations`) gets a table piece
 * by piece (`tableBegin`, its items, `tableEnd`) and its columns as records of their tokens
 * (`ColumnSyntax`, the usual attributes as `AttrSyntax`), no nodes, its indexes and checks
 * likewise (`IndexSyntax`, `CheckSyntax`); a whole tree's table (`tableDecl`) goes through the
 * same methods, its nodes turned into those records, so one code makes the IR of both.
 */
import type { CstNode, IToken } from "chevrotain";
import type {
  Check,
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  EnumValue,
  Exclusion,
  ExclusionPart,
  FkAction,
  ForeignKey,
  IdentityOptions,
  Index,
  KeyIndexClauses,
  IndexPart,
  Loc,
  PortableFunction,
  PortableTypeName,
  PrimaryKey,
  Domain,
  Extension,
  Namespace,
  CompositeType,
  CompositeAttribute,
  Sequence,
  SequenceOptions,
  View,
  Routine,
  Trigger,
  SourceInfo,
  Table,
  UniqueConstraint,
} from "../ir/model.ts";
import { SEQUENCE_NUMBER_OPTIONS } from "../ir/sequence.ts";
import { IDENTITY_NUMBER_OPTIONS, PORTABLE_FUNCTIONS, PORTABLE_TYPES } from "../ir/model.ts";
import {
  checkName,
  exclusionName,
  dedupeName,
  expressionWords,
  foreignKeyName,
  indexName,
  primaryKeyName,
  uniqueName,
} from "../ir/naming.ts";
import type {
  CheckItemCstChildren,
  ColumnAttrCstChildren,
  ColumnCstChildren,
  ColumnListCstChildren,
  KeyColumnListCstChildren,
  DefaultValueCstChildren,
  EnumDeclCstChildren,
  EnumDeclCstNode,
  EnumValueCstChildren,
  FkActionCstChildren,
  FkClauseCstNode,
  ForeignKeyItemCstChildren,
  IdentityOptionCstChildren,
  IdentityOptionsCstChildren,
  IndexEntryCstChildren,
  IndexItemCstChildren,
  IndexRestCstChildren,
  PrimaryKeyItemCstChildren,
  ExclusionItemCstChildren,
  KeyClausesCstChildren,
  KeyDeferrableCstChildren,
  RawSqlCstChildren,
  ReferencesAttrCstChildren,
  RenamedFromCstChildren,
  RenamedFromCstNode,
  SchemaCstChildren,
  SchemaCstNode,
  SchemaCstVisitor,
  TableDeclCstChildren,
  TableDeclCstNode,
  TableItemCstChildren,
  TableOptionsCstChildren,
  TableOptionsCstNode,
  OptionValueCstChildren,
  VirtualTableDeclCstChildren,
  VirtualTableDeclCstNode,
  SequenceDeclCstChildren,
  SequenceDeclCstNode,
  DomainDeclCstChildren,
  DomainDeclCstNode,
  DomainAttrCstChildren,
  ViewDeclCstChildren,
  RoutineDeclCstChildren,
  RoutineDeclCstNode,
  TriggerDeclCstChildren,
  TriggerDeclCstNode,
  ViewDeclCstNode,
  ExtensionDeclCstChildren,
  NamespaceDeclCstChildren,
  NamespaceDeclCstNode,
  ExtensionDeclCstNode,
  CompositeDeclCstChildren,
  CompositeDeclCstNode,
  CompositeAttrCstChildren,
  TypeArgCstChildren,
  TypeRefCstChildren,
  UniqueItemCstChildren,
} from "./cst.ts";
import { diagnostic, didYouMean, type Diagnostic } from "../ir/diagnostics.ts";
import {
  Cascade,
  Comma,
  Default,
  Delete,
  False,
  Identity,
  No,
  Null,
  NumberLiteral,
  Primary,
  QualifiedName,
  Restrict,
  SetKw,
  StringLiteral,
  True,
  Unique,
} from "./tokens.ts";
import { mentionedColumns, SERIAL_TYPES } from "./names.ts";
import { outOfFtl } from "../core/jit.ts";
import type {
  AttrSyntax,
  CheckSyntax,
  ColumnSyntax,
  DefaultSyntax,
  FkClauseSyntax,
  ReferencesSyntax,
  DeclarationReader,
  IndexEntrySyntax,
  IndexSyntax,
  RawSyntax,
  TypeSyntax,
} from "./descent.ts";

// Where they were first defined; names.ts holds them so the printer need not load the parser.
export { mentionedColumns, SERIAL_TYPES };

/** What a foreign key's clauses say (`fkActions`). */
type FkClauses = Pick<ForeignKey, "onDelete" | "onUpdate" | "matchFull" | "deferrable" | "notValid">;

/** A readonly IR type with its own fields writable, to build it in place. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Mutable while the file is visited; handed out as readonly IR. */
export type MutableSource = Mutable<SourceInfo>;

/** A table while its items are read: its lists grow; handed out as a readonly `Table`. */
interface TableBuilder
  extends Mutable<Omit<Table, "columns" | "uniques" | "indexes" | "foreignKeys" | "checks">> {
  columns: Column[];
  uniques: UniqueConstraint[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
  checks: Check[];
}

/** An enum value as read: its source record is kept for the duplicate check. */
interface EnumValueBuilder extends EnumValue {
  readonly src: MutableSource;
}

/** A constraint or index name: explicit, or generated once the whole table is read. */
interface PendingName {
  assign: (taken: Set<string>) => void;
  explicit?: string;
}

/** The table being read: what its items add to it. */
interface TableScope {
  readonly table: TableBuilder;
  readonly name: string;
  /** The table's anchor (its `closeOffset` set once the table's `}` is read). */
  readonly anchor: Mutable<Anchor>;
  /**
   * Names are assigned after the whole table is read: explicit names are reserved first, so a
   * generated name never takes a name the user wrote.
   */
  readonly pending: PendingName[];
  pk?: { value: PrimaryKey; loc: Loc };
  /** The constraint or index the item being read declares: where its `///` doc goes. */
  itemNode?: { comment?: string };
  /** Column-level constraints: they come first in their kind's list (see `tableDecl`). */
  readonly columnUniques: UniqueConstraint[];
  readonly columnForeignKeys: ForeignKey[];
  readonly columnChecks: Check[];
  /**
   * The source record of the table item being read. Table items keep their anchor's source
   * record itself (comments attach to it later); column-level constraints get a copy of the
   * column's, so its comments print once.
   */
  item: MutableSource;
}

/** The column being read, for its attributes. */
interface ColumnScope {
  readonly table: TableScope;
  readonly col: Mutable<Column>;
  readonly src: MutableSource;
  readonly nameTok: IToken;
  readonly parts: Record<string, Loc>;
  /** The attributes seen so far, as `ATTRIBUTES` bits. */
  seen: number;
  /** The start and the end offset of the attribute being read. */
  first: Pos;
  end: number;
}

/**
 * Column attributes, by the words that name them in messages; each is a bit of
 * `ColumnScope.seen`, as an attribute may appear once per column.
 */
const ATTRIBUTES = {
  "primary key": 1,
  unique: 2,
  identity: 4,
  default: 8,
  references: 16,
  check: 32,
  "renamed from": 64,
  collate: 128,
  "on update": 256,
  as: 512,
} as const;

/** A start position: a token's, or a CST node's location (they share these fields). */
type Pos = Pick<IToken, "startOffset" | "startLine" | "startColumn">;

/**
 * A rule's children as the visitor reads them. Error recovery can leave any of them out (a
 * recovered node keeps what parsed before the error), so every child is optional here,
 * whatever the grammar requires; a token it inserts has no position (`real`).
 */
type Parsed<T> = { readonly [K in keyof T]?: T[K] };

/** A node that comments can attach to, in document order. */
export interface Anchor {
  readonly src: MutableSource;
  /**
   * Where `///` comments before it go, when they become its doc: the `doc` of a declaration or
   * a column, the `comment` of a key, index or constraint (the field itself, set once the whole
   * file is read, rather than a closure per anchor: a large schema has one per column).
   */
  readonly doc?: { doc?: string };
  readonly comment?: { comment?: string };
  /** For tables and enums: the offset of the closing brace (comments before it go to `inner`). */
  readonly closeOffset?: number;
  /** True for declarations (tables, enums), false for table items. */
  readonly topLevel: boolean;
}

/** A top-level declaration's kind and name, in source order. */
export interface DeclRef {
  readonly kind:
    | "table"
    | "enum"
    | "sequence"
    | "domain"
    | "view"
    | "extension"
    | "composite"
    | "function"
    | "trigger"
    | "namespace";
  readonly name: string;
}

export interface FileIr {
  readonly tables: Table[];
  readonly enums: EnumType[];
  readonly sequences: Sequence[];
  readonly domains: Domain[];
  readonly views: View[];
  readonly extensions: Extension[];
  readonly composites: CompositeType[];
  readonly functions: Routine[];
  readonly triggers: Trigger[];
  readonly namespaces: Namespace[];
  /** Declarations in source order, for the printer and for merging. */
  readonly order: DeclRef[];
  readonly anchors: Anchor[];
  readonly diagnostics: Diagnostic[];
}

const PORTABLE_SET: ReadonlySet<string> = new Set(PORTABLE_TYPES);
const PORTABLE_FUNCTION_SET: ReadonlySet<string> = new Set(PORTABLE_FUNCTIONS);
const isPortableType = (name: string): name is PortableTypeName => PORTABLE_SET.has(name);
const isPortableFunction = (name: string): name is PortableFunction => PORTABLE_FUNCTION_SET.has(name);

const NO_NUMBERS: readonly number[] = Object.freeze([]);

/** Portable types with parameters: [fewest, most, an example]. */
const TYPE_PARAMS: Partial<Record<PortableTypeName, [number, number, string]>> = {
  varchar: [1, 1, "varchar(255)"],
  char: [1, 1, "char(2)"],
  decimal: [1, 2, "decimal(10,2)"],
};

/** A token inserted by error recovery has no position: treat it as missing. */
const real = (t: IToken | undefined): IToken | undefined =>
  t && !Number.isNaN(t.startOffset) && t.image !== "" ? t : undefined;

/** The text of a name token: double-quoted names lose their quotes and `""` escapes. */
export function nameText(t: IToken): string {
  if (t.tokenType === QualifiedName) {
    // The schema part holds no dot (the token's pattern), so the first dot ends it.
    const dot = t.image.indexOf(".");
    return `${unquote(t.image.slice(0, dot))}.${unquote(t.image.slice(dot + 1))}`;
  }
  return unquote(t.image);
}

const unquote = (image: string): string =>
  image.startsWith('"') ? image.slice(1, -1).replace(/""/g, '"') : image;

function stringText(t: IToken): string {
  return t.image.slice(1, -1).replace(/''/g, "'");
}

/**
 * Chevrotain's CST visitor base (its `visit`), without the parser instance Chevrotain derives it
 * from: building that parser costs ~15 ms of start-up, and a file without syntax errors is
 * parsed without it (descent.ts). That every rule has its method, which Chevrotain's
 * `validateVisitor` checks at run time, the compiler checks here (`SchemaCstVisitor`).
 */
class CstVisitor {
  visit(cstNode: CstNode | CstNode[] | undefined, param?: unknown): unknown {
    const n = Array.isArray(cstNode) ? cstNode[0] : cstNode;
    if (n === undefined) return undefined;
    return (this as unknown as Record<string, (c: unknown, p: unknown) => unknown>)[n.name]!(
      n.children,
      param,
    );
  }
}

/** The visitor class, defined on first use. One instance serves every file. */
function createVisitor() {
  class IrVisitor extends CstVisitor implements Omit<SchemaCstVisitor<unknown, unknown>, "validateVisitor"> {
    /** The file being visited. */
    file = "";
    text = "";
    out: FileIr = emptyFileIr();

    /** Visits one file's CST. */
    read(cst: SchemaCstNode, file: string, text: string): FileIr {
      this.begin(file, text);
      this.schema(cst.children);
      return this.finish();
    }

    /** Starts a file read declaration by declaration (`declaration`, then `finish`). */
    begin(file: string, text: string): void {
      this.file = file;
      this.text = text;
      this.out = emptyFileIr();
    }

    /** Visits one top-level declaration (a child of the `schema` node), in source order. */
    declaration(d: CstNode): void {
      this.visit(d, this.endOf(d));
    }

    /** The file's IR; nothing of the file is kept after it. */
    finish(): FileIr {
      const out = this.out;
      this.text = "";
      this.out = emptyFileIr();
      return out;
    }

    /** The position of `length` characters from `p`. */
    at(p: Pos, length: number): Loc {
      return {
        file: this.file,
        line: p.startLine ?? 1,
        col: p.startColumn ?? 1,
        offset: p.startOffset,
        length,
      };
    }

    /** A token's position. */
    loc(t: IToken): Loc {
      return this.at(t, t.image.length);
    }

    /** The position of the first `length` characters of a node read into `src`. */
    head(src: SourceInfo, length: number): Loc {
      return { file: src.file, line: src.line, col: src.col, offset: src.offset, length };
    }

    src(first: Pos, lastOffset: number, parts?: Record<string, Loc>): MutableSource {
      const s: MutableSource = {
        file: this.file,
        line: first.startLine ?? 1,
        col: first.startColumn ?? 1,
        offset: first.startOffset,
        end: lastOffset,
      };
      if (parts) s.parts = parts;
      return s;
    }

    error(
      code: string,
      message: string,
      loc: Loc | undefined,
      hint?: string,
      related?: Diagnostic["related"],
    ): void {
      this.out.diagnostics.push(diagnostic("error", code, message, loc, hint, related));
    }

    /** Offset just past the last token of a CST node (recovered nodes may lack tokens). */
    endOf(n: CstNode | IToken | undefined): number {
      if (!n) return -1;
      if ("image" in n) return Number.isNaN(n.startOffset) ? -1 : n.startOffset + n.image.length;
      const end = n.location?.endOffset;
      if (end !== undefined && !Number.isNaN(end)) return end + 1;
      let best = -1;
      for (const key in n.children) for (const x of n.children[key]!) best = Math.max(best, this.endOf(x));
      return best;
    }

    /**
     * Where a node starts: the parser's node location; a node rebuilt by error recovery may
     * lack one, and is walked for its first real token instead.
     */
    firstToken(n: CstNode): Pos | undefined {
      const l = n.location;
      if (l && !Number.isNaN(l.startOffset) && l.startLine !== undefined && !Number.isNaN(l.startLine))
        return l;
      let best: IToken | undefined;
      const walk = (x: CstNode | IToken) => {
        if ("image" in x) {
          if (real(x) && (!best || x.startOffset < best.startOffset)) best = x;
        } else for (const key in x.children) for (const y of x.children[key]!) walk(y);
      };
      walk(n);
      return best;
    }

    /** The verbatim SQL between a rawSql node's outer parentheses, trimmed. */
    rawSql(c: Parsed<RawSqlCstChildren> | undefined): { sql: string; loc: Loc } | undefined {
      return c && this.rawOf(c.LParen?.[0], c.RParen?.[0]);
    }

    /** `rawSql` of its outer parentheses (a node's, or descent.ts's `RawSyntax`). */
    rawOf(openTok: IToken | undefined, closeTok: IToken | undefined): { sql: string; loc: Loc } | undefined {
      const open = real(openTok);
      const close = real(closeTok);
      if (!open || !close) return undefined;
      const sql = this.text.slice(open.startOffset + 1, close.startOffset).trim();
      return { sql, loc: this.at(open, close.startOffset + 1 - open.startOffset) };
    }

    schema(c: Parsed<SchemaCstChildren>): void {
      const decls: (
        | TableDeclCstNode
        | EnumDeclCstNode
        | VirtualTableDeclCstNode
        | SequenceDeclCstNode
        | DomainDeclCstNode
        | ViewDeclCstNode
        | ExtensionDeclCstNode
        | CompositeDeclCstNode
        | RoutineDeclCstNode
        | TriggerDeclCstNode
        | NamespaceDeclCstNode
      )[] = [
        ...(c.tableDecl ?? []),
        ...(c.enumDecl ?? []),
        ...(c.virtualTableDecl ?? []),
        ...(c.sequenceDecl ?? []),
        ...(c.domainDecl ?? []),
        ...(c.viewDecl ?? []),
        ...(c.extensionDecl ?? []),
        ...(c.compositeDecl ?? []),
        ...(c.routineDecl ?? []),
        ...(c.triggerDecl ?? []),
        ...(c.namespaceDecl ?? []),
      ].sort((a, b) => (this.firstToken(a)?.startOffset ?? 0) - (this.firstToken(b)?.startOffset ?? 0));
      // `visit` calls the method of the declaration's rule, with the offset where it ends.
      for (const d of decls) this.visit(d, this.endOf(d));
    }

    renamedFrom(c: Parsed<RenamedFromCstChildren> | undefined): { name: string; loc: Loc } | undefined {
      const t = real(c?.Name?.[0]);
      return t ? { name: nameText(t), loc: this.loc(t) } : undefined;
    }

    enumDecl(c: Parsed<EnumDeclCstChildren>, end: number): void {
      const kw = real(c.Enum?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      // The enum's anchor goes before its values' (its place kept now, the anchor made once the
      // enum is): anchors in document order are not sorted again (comments.ts).
      const anchorAt = this.out.anchors.length;
      this.out.anchors.push(undefined as never);
      const values: EnumValueBuilder[] = [];
      for (const v of c.enumValue ?? []) {
        const value = this.enumValue(v.children);
        if (value) values.push(value);
      }
      const seen = new Map<string, Loc>();
      for (const v of values) {
        const here = this.head(v.src, v.src.end - v.src.offset);
        const first = seen.get(v.name);
        if (first)
          this.error(
            "duplicate-enum-value",
            `enum value \`${v.name}\` is listed twice in \`${nameText(nameTok)}\``,
            here,
            "remove one of them",
            { message: "first listed here", loc: first },
          );
        else seen.set(v.name, here);
      }
      const e: Mutable<EnumType> = { name: nameText(nameTok), values, src };
      if (renamed) e.renamedFrom = renamed.name;
      const close = real(c.RCurly?.[0]);
      this.out.anchors[anchorAt] = {
        src,
        topLevel: true,
        doc: e,
        ...(close ? { closeOffset: close.startOffset } : {}),
      };
      this.out.enums.push(e);
      this.out.order.push({ kind: "enum", name: e.name });
    }

    enumValue(c: Parsed<EnumValueCstChildren>): EnumValueBuilder | undefined {
      const nameTok = real(c.Name?.[0]);
      const t = nameTok ?? real(c.StringLiteral?.[0]);
      if (!t) return undefined;
      const name = t === nameTok ? nameText(t) : stringText(t);
      const src = this.src(t, t.startOffset + t.image.length);
      this.out.anchors.push({ src, topLevel: false });
      return { name, src };
    }

    /**
     * `virtual table NAME using MODULE (ARGS)`: a table whose columns the module holds (its
     * arguments, verbatim); every list of the table is empty.
     */
    virtualTableDecl(c: Parsed<VirtualTableDeclCstChildren>, end: number): void {
      const kw = real(c.Virtual?.[0]);
      const nameTok = real(c.Name?.[0]);
      const moduleTok = real(c.module?.[0]);
      if (!kw || !nameTok || !moduleTok) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const args = this.rawSql(c.args?.[0]?.children);
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        module: this.loc(moduleTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
        ...(args ? { args: args.loc } : {}),
      });
      const table: TableBuilder = {
        name: nameText(nameTok),
        virtual: { module: nameText(moduleTok), ...(args ? { args: args.sql } : {}) },
        columns: [],
        uniques: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
        src,
      };
      if (renamed) table.renamedFrom = renamed.name;
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: table,
      });
      this.out.tables.push(table);
      this.out.order.push({ kind: "table", name: table.name });
    }

    /**
     * `sequence NAME [renamed from OLD] [(options)]`: the options read as a table's are (words,
     * `= value`), then checked against the sequence's own: `as = smallint|int|bigint`, `start`,
     * `increment`, `min`, `max`, `cache` (whole numbers), `cycle` (a flag), `owned by = t.c`.
     */
    sequenceDecl(c: Parsed<SequenceDeclCstChildren>, end: number): void {
      const kw = real(c.Sequence?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      const seq: Mutable<Sequence> = { name: nameText(nameTok), options: {}, src };
      if (renamed) seq.renamedFrom = renamed.name;
      const raw = this.tableOptions(c.tableOptions?.[0]?.children, src, "sequence option") ?? {};
      const options: Mutable<SequenceOptions> = {};
      const parts = (src.parts ?? {}) as Record<string, Loc>;
      for (const [word, value] of Object.entries(raw)) {
        const at = parts[`option:${word}`];
        const bad = (message: string, hint?: string) => this.error("sequence-option", message, at, hint);
        if (word === "cycle") {
          if (value !== true) bad("`cycle` takes no value", "write `cycle`");
          else options.cycle = true;
        } else if (word === "as") {
          const t = typeof value === "string" ? value.toLowerCase() : "";
          if (t === "smallint" || t === "int" || t === "bigint") options.as = t;
          else bad("`as` takes `smallint`, `int` or `bigint`", "write `as = int`");
        } else if (word === "owned by") {
          // `table.column`, or `schema.table.column`: the column is the last part.
          const parts = typeof value === "string" ? (value.match(/"(?:[^"]|"")*"|[^."]+/g) ?? []) : [];
          if (typeof value !== "string" || parts.length < 2 || parts.length > 3 || parts.join(".") !== value)
            bad("`owned by` takes a table's column: `owned by = users.id`");
          else {
            const unq = (x: string) => (x.startsWith('"') ? x.slice(1, -1).replace(/""/g, '"') : x);
            seq.ownedBy = { table: parts.slice(0, -1).map(unq).join("."), column: unq(parts.at(-1)!) };
          }
        } else if ((SEQUENCE_NUMBER_OPTIONS as readonly string[]).includes(word)) {
          if (typeof value !== "string" || !/^-?\d+$/.test(value))
            bad(`\`${word}\` needs a whole number: \`${word} = 1\``);
          else options[word as (typeof SEQUENCE_NUMBER_OPTIONS)[number]] = value;
        } else
          bad(
            `\`${word}\` is not a sequence option`,
            `${didYouMean(word, ["as", ...SEQUENCE_NUMBER_OPTIONS, "cycle", "owned by"]) ?? "the options are"} as, start, increment, min, max, cache, cycle, owned by`,
          );
      }
      // In one order, whatever the source's: two spellings of the same options are one IR.
      if (options.as) seq.options = { as: options.as };
      for (const k of SEQUENCE_NUMBER_OPTIONS)
        if (options[k] !== undefined) seq.options = { ...seq.options, [k]: options[k] };
      if (options.cycle) seq.options = { ...seq.options, cycle: true };
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: seq,
      });
      this.out.sequences.push(seq);
      this.out.order.push({ kind: "sequence", name: seq.name });
    }

    /** `[materialized] view NAME [renamed from OLD] as (query)`: the query verbatim. */
    viewDecl(c: Parsed<ViewDeclCstChildren>, end: number): void {
      const kw = real(c.Materialized?.[0]) ?? real(c.View?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const query = this.rawSql(c.query?.[0]?.children);
      if (!query) return;
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        query: query.loc,
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      if (!query.sql)
        this.error(
          "empty-view",
          `view \`${nameText(nameTok)}\` has no query`,
          query.loc,
          "write the query between the parentheses: `as (select ...)`",
        );
      const v: Mutable<View> = { name: nameText(nameTok), query: query.sql, src };
      if (real(c.Materialized?.[0])) v.materialized = true;
      if (renamed) v.renamedFrom = renamed.name;
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: v,
      });
      this.out.views.push(v);
      this.out.order.push({ kind: "view", name: v.name });
    }

    /** `schema NAME`: a PostgreSQL schema, its doc comment its COMMENT ON SCHEMA. */
    namespaceDecl(c: Parsed<NamespaceDeclCstChildren>, end: number): void {
      const kw = real(c.Schema?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const src = this.src(kw, end, { name: this.loc(nameTok) });
      const x: Mutable<Namespace> = { name: nameText(nameTok), src };
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: x,
      });
      this.out.namespaces.push(x);
      this.out.order.push({ kind: "namespace", name: x.name });
    }

    /** `extension NAME`. */
    extensionDecl(c: Parsed<ExtensionDeclCstChildren>, end: number): void {
      const kw = real(c.Extension?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const src = this.src(kw, end, { name: this.loc(nameTok) });
      const x: Mutable<Extension> = { name: nameText(nameTok), src };
      // `(schema = S)`, the one option: the schema its objects are installed in.
      const options = this.tableOptions(c.tableOptions?.[0]?.children, src, "extension option") ?? {};
      const parts = (src.parts ?? {}) as Record<string, Loc>;
      for (const [word, value] of Object.entries(options)) {
        const at = parts[`option:${word}`];
        if (word !== "schema")
          this.error(
            "extension-option",
            `\`${word}\` is not an extension option`,
            at,
            "the one option is `schema = NAME`",
          );
        else if (typeof value !== "string" || /^[('"-]|^\d/.test(value))
          this.error("extension-option", "`schema` takes a schema's name: `schema = ext`", at);
        else x.schema = value;
      }
      // No doc: an extension comes with its own comment (COMMENT ON EXTENSION is its).
      this.out.anchors.push({ src, topLevel: true });
      this.out.extensions.push(x);
      this.out.order.push({ kind: "extension", name: x.name });
    }

    /** `type NAME [renamed from OLD] { attr TYPE [collate C], ... }`: a composite type. */
    compositeDecl(c: Parsed<CompositeDeclCstChildren>, end: number): void {
      const kw = real(c.Type?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const name = nameText(nameTok);
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      const attributes: CompositeAttribute[] = [];
      const seen = new Map<string, Loc>();
      for (const a of c.compositeAttr ?? []) {
        const r = this.compositeAttr(a.children);
        if (!r) continue;
        const first = seen.get(r.attribute.name);
        if (first) {
          this.error(
            "duplicate-attribute",
            `attribute \`${r.attribute.name}\` is listed twice in type \`${name}\``,
            r.loc,
            "remove one of them",
            { message: "first listed here", loc: first },
          );
          continue;
        }
        seen.set(r.attribute.name, r.loc);
        attributes.push(r.attribute);
      }
      const t: Mutable<CompositeType> = { name, attributes, src };
      if (renamed) t.renamedFrom = renamed.name;
      const close = real(c.RCurly?.[0]);
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: t,
        ...(close ? { closeOffset: close.startOffset } : {}),
      });
      this.out.composites.push(t);
      this.out.order.push({ kind: "composite", name });
    }

    /** `NAME TYPE [collate C]`: one attribute of a composite type, and where its name is. */
    compositeAttr(
      c: Parsed<CompositeAttrCstChildren>,
    ): { attribute: CompositeAttribute; loc: Loc } | undefined {
      const attrTok = real(c.Name?.[0]);
      const typeNode = c.typeRef?.[0];
      if (!attrTok || !typeNode) return undefined;
      const type = this.typeRef(typeNode.children);
      if (!type) return undefined;
      const coll = real(c.collation?.[0]);
      return {
        attribute: {
          name: nameText(attrTok),
          type: type.type,
          ...(coll ? { collation: nameText(coll) } : {}),
        },
        loc: this.loc(attrTok),
      };
    }

    /**
     * `function|procedure NAME [renamed from OLD] (ARGS) [returns TYPE] [language L] [OPTIONS]
     * as $$BODY$$`. The words between the arguments and `as`: `returns` and the type's words up
     * to `language` or the first option word (`ROUTINE_OPTION_WORDS`), then `language NAME`,
     * then the options.
     */
    routineDecl(c: Parsed<RoutineDeclCstChildren>, end: number): void {
      const kw = real(c.Function?.[0]) ?? real(c.Procedure?.[0]);
      const nameTok = real(c.Name?.[0]);
      const bodyTok = real(c.body?.[0]);
      const args = this.rawSql(c.args?.[0]?.children);
      if (!kw || !nameTok || !bodyTok || !args) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        body: this.loc(bodyTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      // The words and parenthesised clauses in source order, each with its text.
      const items = [
        ...(c.word ?? []).flatMap((t) =>
          real(t) ? [{ at: t.startOffset, end: t.endOffset! + 1, tok: t }] : [],
        ),
        ...(c.clause ?? []).map((n) => ({
          at: n.location!.startOffset,
          end: n.location!.endOffset! + 1,
          tok: undefined as IToken | undefined,
        })),
      ].sort((a, b) => a.at - b.at);
      const word = (i: number) => {
        const t = items[i]?.tok;
        return t && /^[A-Za-z_]/.test(t.image) ? t.image.toLowerCase() : undefined;
      };
      const textOf = (from: number, to: number) =>
        from < to ? this.text.slice(items[from]!.at, items[to - 1]!.end).replace(/\s+/g, " ") : "";
      const f: Mutable<Routine> = {
        name: nameText(nameTok),
        args: args.sql,
        body: dollarBody(bodyTok.image),
        src,
      };
      if (real(c.Procedure?.[0])) f.procedure = true;
      if (renamed) f.renamedFrom = renamed.name;
      let i = 0;
      if (word(0) === "returns") {
        let j = 1;
        while (j < items.length && word(j) !== "language" && !ROUTINE_OPTION_WORDS.has(word(j) ?? "")) j++;
        f.returns = textOf(1, j);
        if (!f.returns)
          this.error(
            "routine-syntax",
            `\`returns\` needs a type`,
            this.loc(items[0]!.tok!),
            "`returns integer`",
          );
        i = j;
      }
      const rest: string[] = [];
      for (; i < items.length; i++) {
        if (word(i) === "language" && word(i + 1) !== undefined && f.language === undefined) {
          f.language = word(i + 1)!;
          i++;
        } else rest.push(word(i) ?? textOf(i, i + 1));
      }
      if (rest.length) f.options = rest.join(" ");
      if (f.procedure && f.returns !== undefined)
        this.error(
          "routine-syntax",
          `procedure \`${f.name}\` has a return type`,
          src.parts?.["name"],
          "make it a `function`",
        );
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: f,
      });
      this.out.functions.push(f);
      this.out.order.push({ kind: "function", name: f.name });
    }

    /**
     * `trigger NAME [renamed from OLD] TIMING EVENTS on TABLE [for each row|statement]
     * [when (COND)] (execute function F(ARGS) | as $$BODY$$)`.
     */
    triggerDecl(c: Parsed<TriggerDeclCstChildren>, end: number): void {
      const kw = real(c.Trigger?.[0]);
      const nameTok = real(c.Name?.[0]);
      const tableTok = real(c.table?.[0]);
      if (!kw || !nameTok || !tableTok) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const src = this.src(kw, end, {
        name: this.loc(nameTok),
        table: this.loc(tableTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      const name = nameText(nameTok);
      const bad = (what: string, loc: Loc | undefined, hint: string) =>
        this.error("trigger-syntax", `trigger \`${name}\`: ${what}`, loc, hint);
      const events = (c.event ?? []).filter((t) => real(t));
      const low = events.map((t) => (/^[A-Za-z_]/.test(t.image) ? t.image.toLowerCase() : t.image));
      let timing: Trigger["timing"] | undefined;
      let k = 0;
      if (low[0] === "before" || low[0] === "after") {
        timing = low[0];
        k = 1;
      } else if (low[0] === "instead" && low[1] === "of") {
        timing = "instead of";
        k = 2;
      } else bad("no timing", this.loc(nameTok), "`before`, `after` or `instead of`, then the events");
      // Events: `insert`, `update [of a, b]`, `delete`, `truncate`, joined by `or`.
      let ev = "";
      for (let j = k; j < events.length; j++) {
        const t = events[j]!;
        const w = low[j]!;
        if (t.tokenType === Comma) ev += ",";
        else if (["insert", "update", "delete", "truncate", "or", "of"].includes(w))
          ev += `${ev ? " " : ""}${w}`;
        else if (low.slice(k, j).includes("of")) ev += ` ${t.image}`;
        else
          bad(
            `\`${t.image}\` is not an event`,
            this.loc(t),
            "`insert`, `update [of COLUMNS]`, `delete` or `truncate`, joined by `or`",
          );
      }
      if (!ev && timing) bad("no event", this.loc(nameTok), "`before insert on TABLE ...`");
      const words = (c.word ?? []).filter((t) => real(t)).map((t) => t.image.toLowerCase());
      let forEach: Trigger["forEach"] | undefined;
      if (words.length) {
        if (
          words.length === 3 &&
          words[0] === "for" &&
          words[1] === "each" &&
          (words[2] === "row" || words[2] === "statement")
        )
          forEach = words[2];
        else bad(`\`${words.join(" ")}\``, this.loc(c.word![0]!), "`for each row` or `for each statement`");
      }
      const t: Mutable<Trigger> = {
        name,
        table: nameText(tableTok),
        timing: timing ?? "before",
        events: ev,
        src,
      };
      if (renamed) t.renamedFrom = renamed.name;
      if (forEach) t.forEach = forEach;
      const when = this.rawSql(c.when?.[0]?.children);
      if (when) t.when = when.sql;
      const fn = real(c.function?.[0]);
      const args = this.rawSql(c.args?.[0]?.children);
      if (fn && args) {
        t.execute = { function: nameText(fn), args: args.sql };
        src.parts = { ...src.parts, function: this.loc(fn) };
      }
      const bodyTok = real(c.body?.[0]);
      if (bodyTok) t.body = dollarBody(bodyTok.image);
      if (!t.execute && t.body === undefined) return;
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: t,
      });
      this.out.triggers.push(t);
      this.out.order.push({ kind: "trigger", name: t.name });
    }

    /** `domain NAME [renamed from OLD] TYPE[?] attributes`: a column declaration at top level. */
    domainDecl(c: Parsed<DomainDeclCstChildren>, end: number): void {
      const kw = real(c.Domain?.[0]);
      const nameTok = real(c.Name?.[0]);
      const typeNode = c.typeRef?.[0];
      if (!kw || !nameTok || !typeNode) return;
      const type = this.typeRef(typeNode.children);
      if (!type) return;
      const renamed = this.renamedFrom(c.renamedFrom?.[0]?.children);
      const parts: Record<string, Loc> = {
        name: this.loc(nameTok),
        type: type.loc,
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      };
      const src = this.src(kw, end, parts);
      const name = nameText(nameTok);
      const d: Mutable<Domain> = {
        name,
        type: type.type,
        nullable: Boolean(real(c.Question?.[0])),
        checks: [],
        src,
      };
      if (renamed) d.renamedFrom = renamed.name;
      const checks: Mutable<Check>[] = [];
      const taken = new Set<string>();
      for (const a of c.domainAttr ?? []) {
        const first = this.firstToken(a);
        const r = this.domainAttr(a.children);
        if (!r || !first) continue;
        const at = this.at(first, this.endOf(a) - first.startOffset);
        const twice = (word: string) => {
          if (!(word in parts)) return false;
          this.error(
            "duplicate-attribute",
            `\`${word}\` is given twice on domain \`${name}\``,
            at,
            "keep one",
          );
          return true;
        };
        if (r.kind === "default") {
          if (twice("default")) continue;
          d.default = r.value;
          parts["default"] = at;
        } else if (r.kind === "collate") {
          if (twice("collate")) continue;
          d.collation = r.name;
          parts["collate"] = at;
        } else {
          if (r.name) taken.add(r.name);
          checks.push({ name: r.name ?? "", expr: r.expr, src: { ...src, parts: { expr: at } } });
        }
      }
      // Unnamed checks are named as PostgreSQL names them: `<domain>_check`, `<domain>_check1`...
      for (const chk of checks)
        if (!chk.name) {
          chk.name = dedupeName(`${name}_check`, taken);
          taken.add(chk.name);
        }
      d.checks = checks;
      this.out.anchors.push({
        src,
        topLevel: true,
        doc: d,
      });
      this.out.domains.push(d);
      this.out.order.push({ kind: "domain", name });
    }

    domainAttr(
      c: Parsed<DomainAttrCstChildren>,
    ):
      | { kind: "default"; value: DefaultValue }
      | { kind: "collate"; name: string }
      | { kind: "check"; name?: string; expr: string }
      | undefined {
      if (c.Default) {
        const n = c.defaultValue?.[0];
        const value = n && this.defaultValue(n.children);
        return value ? { kind: "default", value } : undefined;
      }
      if (c.Collate) {
        const t = real(c.collation?.[0]);
        return t ? { kind: "collate", name: nameText(t) } : undefined;
      }
      const raw = this.rawSql(c.rawSql?.[0]?.children);
      if (!raw) return undefined;
      const n = real(c.checkName?.[0]);
      return { kind: "check", expr: raw.sql, ...(n ? { name: nameText(n) } : {}) };
    }

    tableDecl(c: Parsed<TableDeclCstChildren>, end: number): void {
      const kw = real(c.Table?.[0]);
      const nameTok = real(c.Name?.[0]);
      if (!kw || !nameTok) return;
      const t = this.tableBegin(kw, nameTok, c.renamedFrom?.[0], c.tableOptions?.[0]);
      for (const item of c.tableItem ?? []) this.tableItem(item.children, t);
      this.tableEnd(t, real(c.RCurly?.[0]), end);
    }

    /**
     * A table up to its items: its IR with empty lists, its anchor (before its items'). Where
     * it ends is not known yet (`tableEnd` sets it): descent.ts's `readDeclarations` gives a
     * table piece by piece, as it reads it.
     */
    tableBegin(
      kw: IToken,
      nameTok: IToken,
      renamedNode: RenamedFromCstNode | CstNode | undefined,
      optionsNode: TableOptionsCstNode | CstNode | undefined,
    ): TableScope {
      const tableName = nameText(nameTok);
      const renamed = this.renamedFrom(renamedNode?.children as Parsed<RenamedFromCstChildren> | undefined);
      // `end` set by `tableEnd`; here for the fields' order.
      const src = this.src(kw, -1, {
        name: this.loc(nameTok),
        ...(renamed ? { renamedFrom: renamed.loc } : {}),
      });
      const table: TableBuilder = {
        name: tableName,
        columns: [],
        uniques: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
        src,
      };
      if (renamed) table.renamedFrom = renamed.name;
      const options = this.tableOptions(
        optionsNode?.children as Parsed<TableOptionsCstChildren> | undefined,
        src,
      );
      if (options) table.options = options;
      const anchor: Mutable<Anchor> = { src, topLevel: true, doc: table };
      this.out.anchors.push(anchor);
      return {
        table,
        name: tableName,
        anchor,
        pending: [],
        columnUniques: [],
        columnForeignKeys: [],
        columnChecks: [],
        item: src, // each item's own, from the first item on
      };
    }

    /** A table after its items: where it ends (`end`, past its last token), its names, its lists in order. */
    tableEnd(t: TableScope, close: IToken | undefined, end: number): void {
      const table = t.table;
      // The source record `tableBegin` made (the anchor's).
      t.anchor.src.end = end;
      if (close) t.anchor.closeOffset = close.startOffset;
      const taken = new Set<string>();
      for (const p of t.pending) if (p.explicit) taken.add(p.explicit);
      if (t.pk) taken.add(t.pk.value.name);
      for (const p of t.pending) p.assign(taken);
      if (t.pk) table.primaryKey = t.pk.value;
      // Column-level constraints come first in their kind's list, in column order, then the
      // table-level ones: the order a reader sees them in the formatted file.
      table.uniques.unshift(...t.columnUniques);
      table.foreignKeys.unshift(...t.columnForeignKeys);
      table.checks.unshift(...t.columnChecks);
      this.out.tables.push(table);
      this.out.order.push({ kind: "table", name: t.name });
    }

    /**
     * A table's options: names lower-cased, words joined by one space; values verbatim; each
     * option's position in the table's `parts` as `option:NAME`. Undefined when there are none.
     */
    tableOptions(
      c: Parsed<TableOptionsCstChildren> | undefined,
      src: MutableSource,
      what = "table option",
    ): Record<string, string | true> | undefined {
      const out: Record<string, string | true> = {};
      const parts = (src.parts ??= {}) as Record<string, Loc>;
      for (const o of c?.tableOption ?? []) {
        // The words in source order (`collate` is its own token).
        const words = [...(o.children.Name ?? []), ...(o.children.Collate ?? [])]
          .filter((t) => real(t))
          .sort((a, b) => a.startOffset - b.startOffset);
        if (!words.length) continue;
        const name = words.map((t) => nameText(t).toLowerCase()).join(" ");
        const last = words[words.length - 1]!;
        const loc = this.at(words[0]!, last.startOffset + last.image.length - words[0]!.startOffset);
        if (`option:${name}` in parts) {
          this.error("duplicate-option", `${what} \`${name}\` is given twice`, loc, "keep one", {
            message: "first given here",
            loc: parts[`option:${name}`]!,
          });
          continue;
        }
        parts[`option:${name}`] = loc;
        const v = o.children.optionValue?.[0]?.children;
        if (o.children.Equals && !v) continue; // recovery left the value out
        out[name] = v ? this.optionValue(v) : true;
      }
      return Object.keys(out).length ? out : undefined;
    }

    tableOption(): void {
      // Read by `tableOptions`, which needs the table's source record.
    }

    /** An option's value as written (a string keeps its quotes, a number its sign). */
    optionValue(c: Parsed<OptionValueCstChildren>): string {
      const member = real(c.member?.[0]);
      const t = real(c.Name?.[0]) ?? real(c.StringLiteral?.[0]);
      if (t && member) return `${t.image}.${member.image}`;
      if (t) return t.image;
      // Raw SQL keeps its parentheses, so `fmt` prints it back as written.
      const raw = this.rawSql(c.rawSql?.[0]?.children);
      if (raw) return `(${raw.sql})`;
      return `${real(c.Minus?.[0]) ? "-" : ""}${real(c.NumberLiteral?.[0])?.image ?? ""}`;
    }

    tableItem(c: Parsed<TableItemCstChildren>, t: TableScope): void {
      const column = c.column?.[0];
      if (column) {
        const first = this.firstToken(column);
        if (!first) return;
        t.item = this.src(first, this.endOf(column));
        t.itemNode = undefined;
        this.column(column.children, t);
        return;
      }
      const inner =
        c.primaryKeyItem?.[0] ??
        c.uniqueItem?.[0] ??
        c.indexItem?.[0] ??
        c.foreignKeyItem?.[0] ??
        c.checkItem?.[0] ??
        c.exclusionItem?.[0];
      if (inner) this.tableItemOf(inner, t);
    }

    /** A table item but a column: the child of its `tableItem` node. */
    tableItemOf(inner: CstNode, t: TableScope): void {
      const first = this.firstToken(inner);
      if (!first) return;
      t.item = this.src(first, this.endOf(inner));
      t.itemNode = undefined;
      // `visit` calls the method of the item's rule.
      this.visit(inner, t);
      this.itemAnchor(t);
    }

    /** An index as descent.ts's `readDeclarations` gives it (no nodes). */
    tableIndex(t: TableScope, s: IndexSyntax): void {
      t.item = this.src(s.first!, s.end);
      t.itemNode = undefined;
      const index = this.indexOf(s, t);
      if (index && s.unique) index.unique = true;
      this.itemAnchor(t);
    }

    /** A check as descent.ts's `readDeclarations` gives it (no nodes). */
    tableCheck(t: TableScope, s: CheckSyntax): void {
      t.item = this.src(s.first!, s.end);
      t.itemNode = undefined;
      this.checkOf(s, t);
      this.itemAnchor(t);
    }

    /** The anchor of the table item just read (`t.item`). */
    itemAnchor(t: TableScope): void {
      // A key, index or constraint takes a `///` doc as its database comment (`comment`); an
      // item that made nothing takes comments only.
      const node = t.itemNode as { comment?: string } | undefined;
      this.out.anchors.push(
        node ? { src: t.item, topLevel: false, comment: node } : { src: t.item, topLevel: false },
      );
    }

    /** A column as descent.ts's `readDeclarations` gives it (no nodes). */
    tableColumn(t: TableScope, c: ColumnSyntax): void {
      t.item = this.src(c.name!, c.end);
      t.itemNode = undefined;
      this.columnOf(c, t);
    }

    setPrimaryKey(
      t: TableScope,
      columns: string[],
      loc: Loc,
      src: MutableSource,
      name?: string,
      extra: Pick<PrimaryKey, "prefixLengths" | "using"> = {},
    ): void {
      if (t.pk) {
        this.error(
          "duplicate-primary-key",
          `table \`${t.name}\` has two primary keys`,
          loc,
          "a table has one primary key; for several columns write `primary key (a, b)` in the table",
          { message: "the first primary key is here", loc: t.pk.loc },
        );
        return;
      }
      t.pk = {
        value: {
          name: name ?? primaryKeyName(t.name),
          columns,
          ...extra,
          src,
        },
        loc,
      };
    }

    primaryKeyItem(c: Parsed<PrimaryKeyItemCstChildren>, t: TableScope): void {
      const cols = this.keyColumnList(c.keyColumnList?.[0]?.children);
      if (!cols) return;
      const explicit = real(c.Name?.[0]);
      const method = real(c.method?.[0]);
      t.item.parts = {
        ...cols.parts,
        ...(explicit ? { name: this.loc(explicit) } : {}),
        ...(method ? { using: this.loc(method) } : {}),
      };
      this.setPrimaryKey(
        t,
        cols.names,
        this.head(t.item, "primary".length),
        t.item,
        explicit ? nameText(explicit) : undefined,
        {
          ...(cols.prefixLengths ? { prefixLengths: cols.prefixLengths } : {}),
          ...(method ? { using: nameText(method).toLowerCase() } : {}),
        },
      );
      const clauses = this.keyClausesOf(
        c.keyClauses?.[0]?.children,
        c.keyDeferrable?.[0]?.children,
        "primary key",
      );
      if (t.pk?.value.src === t.item) {
        Object.assign(t.pk.value, clauses);
        t.itemNode = t.pk.value;
      }
    }

    /**
     * `nulls not distinct` (a unique constraint's), `include (a, b)` and `with (...)` after a
     * key's columns, and `deferrable [initially ...]` ending it (PostgreSQL).
     */
    keyClausesOf(
      c: Parsed<KeyClausesCstChildren> | undefined,
      d: Parsed<KeyDeferrableCstChildren> | undefined,
      kind: "primary key" | "unique" | "exclusion",
    ): KeyIndexClauses {
      const include = this.columnList(c?.includeColumns?.[0]?.children);
      const storageRaw = this.rawSql(c?.storage?.[0]?.children);
      const storage = storageRaw ? this.storageParams(storageRaw) : undefined;
      const nulls = real(c?.nulls?.[0]);
      const distinct = real(c?.distinct?.[0]);
      if (nulls && distinct?.image.toLowerCase() !== "distinct")
        this.error("bad-clause", "write `nulls not distinct`", this.loc(nulls));
      else if (nulls && kind !== "unique")
        this.error(
          "bad-clause",
          `\`nulls not distinct\` is for unique constraints, not a ${kind}`,
          this.loc(nulls),
          "remove it",
        );
      const deferrable = real(d?.deferrable?.[0]);
      const initially = real(d?.initially?.[0]);
      const mode = real(d?.mode?.[0])?.image.toLowerCase();
      const badDefer =
        deferrable &&
        (deferrable.image.toLowerCase() !== "deferrable" ||
          (initially &&
            (initially.image.toLowerCase() !== "initially" ||
              (mode !== "deferred" && mode !== "immediate"))));
      if (badDefer)
        this.error(
          "bad-clause",
          "write `deferrable`, `deferrable initially deferred` or `deferrable initially immediate`",
          this.loc(deferrable),
        );
      return {
        ...(include ? { include: include.names } : {}),
        ...(storage ? { storage } : {}),
        ...(nulls && kind === "unique" ? { nullsNotDistinct: true } : {}),
        ...(deferrable && !badDefer ? { deferrable: mode === "deferred" ? "deferred" : "immediate" } : {}),
      } as KeyIndexClauses;
    }

    /** `unique index ...` (an index, read as one and marked unique) or `unique [NAME] (a, b)`. */
    uniqueItem(c: Parsed<UniqueItemCstChildren>, t: TableScope): void {
      const asIndex = c.indexRest?.[0];
      if (asIndex) {
        const index = this.indexRest(asIndex.children, t);
        if (index) index.unique = true;
        return;
      }
      const explicit = real(c.Name?.[0]);
      const cols = this.keyColumnList(c.keyColumnList?.[0]?.children);
      if (!cols) return;
      t.item.parts = { ...cols.parts, ...(explicit ? { name: this.loc(explicit) } : {}) };
      const u: Mutable<UniqueConstraint> = {
        name: explicit ? nameText(explicit) : "",
        columns: cols.names,
        ...(cols.prefixLengths ? { prefixLengths: cols.prefixLengths } : {}),
        ...this.keyClausesOf(c.keyClauses?.[0]?.children, c.keyDeferrable?.[0]?.children, "unique"),
        src: t.item,
      };
      t.table.uniques.push(u);
      t.itemNode = u;
      t.pending.push(
        explicit
          ? { assign: () => {}, explicit: u.name }
          : {
              assign: (taken) => {
                u.name = dedupeName(uniqueName(t.name, cols.names), taken);
                taken.add(u.name);
              },
            },
      );
    }

    indexItem(c: Parsed<IndexItemCstChildren>, t: TableScope): void {
      const rest = c.indexRest?.[0];
      if (rest) this.indexRest(rest.children, t);
    }

    /** The index after `index` (or `unique index`), added to the table as not unique. */
    indexRest(c: Parsed<IndexRestCstChildren>, t: TableScope): Mutable<Index> | undefined {
      const entries: IndexEntrySyntax[] = [];
      for (const e of c.indexEntry ?? []) entries.push(this.indexEntrySyntax(e.children));
      const include = c.includeColumns?.[0]?.children.Name;
      return this.indexOf(
        {
          first: undefined,
          unique: false,
          name: c.indexName?.[0],
          entries,
          // `columnList` reads the names, each a real token or not; an empty list is none.
          include: include?.length ? include : undefined,
          nulls: c.nulls?.[0],
          distinct: c.distinct?.[0],
          where: this.rawSyntaxOf(c.rawSql?.[0]?.children),
          method: c.method?.[0],
          storage: this.rawSyntaxOf(c.storage?.[0]?.children),
          end: -1,
        },
        t,
      );
    }

    /** A `rawSql` node's outer parentheses, as descent.ts's `RawSyntax`. */
    rawSyntaxOf(c: Parsed<RawSqlCstChildren> | undefined): RawSyntax | undefined {
      return c && { open: c.LParen?.[0], close: c.RParen?.[0] };
    }

    /** An `indexEntry` node's tokens, as descent.ts's `IndexEntrySyntax`. */
    indexEntrySyntax(c: Parsed<IndexEntryCstChildren>): IndexEntrySyntax {
      const name = real(c.Name?.[0]);
      return {
        name,
        prefixLength: c.prefixLength?.[0],
        raw: name ? undefined : this.rawSyntaxOf(c.rawSql?.[0]?.children),
        collation: c.collation?.[0],
        opclass: c.opclass?.[0],
        desc: Boolean(real(c.Desc?.[0])),
        nullsOrder: c.nullsOrder?.[0],
      };
    }

    /** An index from its tokens (`indexRest`'s node, or descent.ts's record), added as not unique. */
    indexOf(c: IndexSyntax, t: TableScope): Mutable<Index> | undefined {
      const explicit = real(c.name);
      const parts: IndexPart[] = [];
      const locs: Record<string, Loc> = {};
      for (const e of c.entries) {
        const part = this.indexEntryOf(e, locs);
        if (part) parts.push(part);
      }
      if (!parts.length) return undefined;
      const where = c.where && this.rawOf(c.where.open, c.where.close);
      const usingTok = real(c.method);
      const include = c.include && this.columnList({ Name: c.include as IToken[] });
      const distinct = real(c.distinct);
      if (distinct && distinct.image.toLowerCase() !== "distinct")
        this.error("bad-clause", "write `nulls not distinct`", this.loc(distinct));
      const storageRaw = c.storage && this.rawOf(c.storage.open, c.storage.close);
      const storage = storageRaw ? this.storageParams(storageRaw) : undefined;
      // Fields set one by one in this order (the snapshot's key order), without spreads.
      const index: Mutable<Index> = { name: explicit ? nameText(explicit) : "", unique: false, parts };
      if (where) index.where = where.sql;
      if (usingTok) index.using = nameText(usingTok).toLowerCase();
      if (include) index.include = include.names;
      if (real(c.nulls)) index.nullsNotDistinct = true;
      if (storage) index.storage = storage;
      index.src = t.item;
      // `locs` is this index's own (its columns' positions, `column:NAME` keys): the parts.
      if (explicit) locs["name"] = this.loc(explicit);
      if (usingTok) locs["using"] = this.loc(usingTok);
      t.item.parts = locs;
      t.table.indexes.push(index);
      t.itemNode = index;
      const words = parts.map((p) => (p.kind === "column" ? p.column : expressionWords(p.sql)));
      t.pending.push(
        explicit
          ? { assign: () => {}, explicit: index.name }
          : {
              assign: (taken) => {
                index.name = dedupeName(indexName(t.name, words), taken);
                taken.add(index.name);
              },
            },
      );
      return index;
    }

    /** `with (a = 1, b = x)`: each parameter `name = value` (names lower-cased, values as written). */
    storageParams(raw: { sql: string; loc: Loc }): Record<string, string> | undefined {
      const out: Record<string, string> = {};
      for (const item of raw.sql.split(",")) {
        const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(\S(?:.*\S)?)\s*$/.exec(item);
        if (!m) {
          this.error(
            "bad-clause",
            `\`${item.trim()}\` is not \`name = value\``,
            raw.loc,
            "write `with (fillfactor = 70)`",
          );
          continue;
        }
        out[m[1]!.toLowerCase()] = m[2]!.replace(/^'(.*)'$/, "$1");
      }
      return Object.keys(out).length ? out : undefined;
    }

    /** One entry of an index, from its node; a column's position goes into `locs`. */
    indexEntry(c: Parsed<IndexEntryCstChildren>, locs: Record<string, Loc>): IndexPart | undefined {
      return this.indexEntryOf(this.indexEntrySyntax(c), locs);
    }

    /** One entry of an index, from its tokens; a column's position goes into `locs`. */
    indexEntryOf(c: IndexEntrySyntax, locs: Record<string, Loc>): IndexPart | undefined {
      const part = this.indexEntryBase(c, locs);
      if (!part) return undefined;
      const collation = real(c.collation);
      const opclass = real(c.opclass);
      const nulls = real(c.nullsOrder)?.image.toLowerCase() as "first" | "last" | undefined;
      // The usual entry, a plain column or expression, as it is (a copy only to add to it).
      if (!collation && !opclass && !nulls) return part;
      return {
        ...part,
        ...(collation ? { collation: nameText(collation) } : {}),
        ...(opclass ? { opclass: nameText(opclass) } : {}),
        ...(nulls ? { nulls } : {}),
      };
    }

    /** The entry's column (with its prefix length) or expression, and its direction. */
    indexEntryBase(c: IndexEntrySyntax, locs: Record<string, Loc>): IndexPart | undefined {
      const desc = c.desc;
      const nameTok = real(c.name);
      if (nameTok) {
        const column = nameText(nameTok);
        locs[`column:${column}`] ??= this.loc(nameTok);
        const lengthTok = real(c.prefixLength);
        if (lengthTok && !(/^\d+$/.test(lengthTok.image) && Number(lengthTok.image) >= 1)) {
          this.error(
            "bad-prefix-length",
            `a prefix length is a whole number of characters, at least 1, not \`${lengthTok.image}\``,
            this.loc(lengthTok),
          );
          return { kind: "column", column, desc };
        }
        return lengthTok
          ? { kind: "column", column, desc, length: Number(lengthTok.image) }
          : { kind: "column", column, desc };
      }
      const raw = c.raw && this.rawOf(c.raw.open, c.raw.close);
      return raw ? { kind: "expression", sql: raw.sql, desc } : undefined;
    }

    foreignKeyItem(c: Parsed<ForeignKeyItemCstChildren>, t: TableScope): void {
      const explicit = real(c.fkName?.[0]);
      const refTok = real(c.refTable?.[0]);
      const local = this.columnList(c.columnList?.[0]?.children);
      const remote = this.columnList(c.columnList?.[1]?.children);
      if (!local || !remote || !refTok) return;
      const actions = this.fkActions(c.fkClause);
      t.item.parts = {
        ...local.parts,
        refTable: this.loc(refTok),
        ...prefixParts("ref:", remote.parts),
        ...(explicit ? { name: this.loc(explicit) } : {}),
      };
      const fk: Mutable<ForeignKey> = {
        name: explicit ? nameText(explicit) : "",
        columns: local.names,
        refTable: nameText(refTok),
        refColumns: remote.names,
        ...actions,
        src: t.item,
      };
      t.table.foreignKeys.push(fk);
      t.itemNode = fk;
      t.pending.push(
        explicit
          ? { assign: () => {}, explicit: fk.name }
          : {
              assign: (taken) => {
                fk.name = dedupeName(foreignKeyName(t.name, local.names), taken);
                taken.add(fk.name);
              },
            },
      );
    }

    /** `exclude [NAME] [using METHOD] (entry with OP, ...) ...`: PostgreSQL's exclusion constraint. */
    exclusionItem(c: Parsed<ExclusionItemCstChildren>, t: TableScope): void {
      const explicit = real(c.exclusionName?.[0]);
      const usingTok = real(c.method?.[0]);
      const locs: Record<string, Loc> = {};
      const parts: ExclusionPart[] = [];
      for (const e of c.exclusionEntry ?? []) {
        const part = this.indexEntry(e.children.indexEntry?.[0]?.children ?? {}, locs);
        const withTok = real(e.children.with?.[0]);
        const operator = (e.children.operator ?? [])
          .filter((x) => real(x))
          .map((x) => x.image)
          .join("");
        if (withTok && withTok.image.toLowerCase() !== "with")
          this.error("bad-clause", "write `ENTRY with OPERATOR` (`during with &&`)", this.loc(withTok));
        if (part && operator) parts.push({ ...part, operator });
      }
      if (!parts.length) return;
      const where = this.rawSql(c.rawSql?.[0]?.children);
      const x: Mutable<Exclusion> = {
        name: explicit ? nameText(explicit) : "",
        using: usingTok ? nameText(usingTok).toLowerCase() : "btree",
        parts,
        ...this.keyClausesOf(c.keyClauses?.[0]?.children, c.keyDeferrable?.[0]?.children, "exclusion"),
        ...(where ? { where: where.sql } : {}),
        src: t.item,
      };
      t.item.parts = {
        ...locs,
        ...(explicit ? { name: this.loc(explicit) } : {}),
        ...(usingTok ? { using: this.loc(usingTok) } : {}),
      };
      ((t.table.exclusions ??= []) as Exclusion[]).push(x);
      t.itemNode = x;
      const words = parts.map((p) => (p.kind === "column" ? p.column : expressionWords(p.sql)));
      t.pending.push(
        explicit
          ? { assign: () => {}, explicit: x.name }
          : {
              assign: (taken) => {
                x.name = dedupeName(exclusionName(t.name, words), taken);
                taken.add(x.name);
              },
            },
      );
    }

    exclusionEntry(): void {
      // Read by `exclusionItem`.
    }

    checkItem(c: Parsed<CheckItemCstChildren>, t: TableScope): void {
      this.checkOf(
        {
          first: undefined,
          name: c.Name?.[0],
          raw: this.rawSyntaxOf(c.rawSql?.[0]?.children),
          inherit: c.inherit?.[0],
          valid: c.valid?.[0],
          end: -1,
        },
        t,
      );
    }

    /** A check from its tokens (`checkItem`'s node, or descent.ts's record). */
    checkOf(c: CheckSyntax, t: TableScope): void {
      const explicit = real(c.name);
      const raw = c.raw && this.rawOf(c.raw.open, c.raw.close);
      if (!raw) return;
      t.item.parts = { expr: raw.loc, ...(explicit ? { name: this.loc(explicit) } : {}) };
      const inherit = real(c.inherit);
      if (inherit && inherit.image.toLowerCase() !== "inherit")
        this.error("bad-clause", "write `no inherit`", this.loc(inherit));
      const chk: Mutable<Check> = {
        name: explicit ? nameText(explicit) : "",
        expr: raw.sql,
        ...(inherit ? { noInherit: true } : {}),
        ...(real(c.valid) ? { notValid: true } : {}),
        src: t.item,
      };
      t.table.checks.push(chk);
      t.itemNode = chk;
      t.pending.push(
        explicit
          ? { assign: () => {}, explicit: chk.name }
          : {
              assign: (taken) => {
                chk.name = dedupeName(checkName(t.name, mentionedColumns(raw.sql, t.table.columns)), taken);
                taken.add(chk.name);
              },
            },
      );
    }

    /** A key's columns and their prefix lengths (`(jid(75), node)`); undefined lengths when none has one. */
    keyColumnList(
      c: Parsed<KeyColumnListCstChildren> | undefined,
    ): { names: string[]; parts: Record<string, Loc>; prefixLengths?: Record<string, number> } | undefined {
      if (!c) return undefined;
      const names: string[] = [];
      const parts: Record<string, Loc> = {};
      const lengths: Record<string, number> = {};
      for (const k of c.keyColumn ?? []) {
        const t = real(k.children.Name?.[0]);
        if (!t) continue;
        const name = nameText(t);
        names.push(name);
        parts[`column:${name}`] ??= this.loc(t);
        const lengthTok = real(k.children.prefixLength?.[0]);
        if (!lengthTok) continue;
        if (!(/^\d+$/.test(lengthTok.image) && Number(lengthTok.image) >= 1))
          this.error(
            "bad-prefix-length",
            `a prefix length is a whole number of characters, at least 1, not \`${lengthTok.image}\``,
            this.loc(lengthTok),
          );
        else lengths[name] = Number(lengthTok.image);
      }
      if (!names.length) return undefined;
      return Object.keys(lengths).length ? { names, parts, prefixLengths: lengths } : { names, parts };
    }

    keyColumn(): void {
      // Read by `keyColumnList`.
    }

    columnList(
      c: Parsed<ColumnListCstChildren> | undefined,
    ): { names: string[]; parts: Record<string, Loc> } | undefined {
      if (!c) return undefined;
      const names: string[] = [];
      const parts: Record<string, Loc> = {};
      for (const t of c.Name ?? []) {
        if (!real(t)) continue;
        const name = nameText(t);
        names.push(name);
        parts[`column:${name}`] ??= this.loc(t);
      }
      return names.length ? { names, parts } : undefined;
    }

    /** A foreign key's clauses: its actions, `match full`, `deferrable [initially ...]`. */
    fkActions(list: readonly FkClauseCstNode[] | undefined): FkClauses {
      return this.fkActionsOf(this.fkClauses(list));
    }

    /** `fkClause` nodes as descent.ts's `FkClauseSyntax`. */
    fkClauses(list: readonly FkClauseCstNode[] | undefined): FkClauseSyntax[] {
      const out: FkClauseSyntax[] = [];
      for (const clause of list ?? []) {
        const opt = clause.children.fkOption?.[0]?.children;
        if (opt) {
          out.push({
            option: true,
            on: undefined,
            event: undefined,
            action: undefined,
            actionArg: undefined,
            word: opt.word?.[0],
            arg: opt.arg?.[0],
            mode: opt.mode?.[0],
          });
          continue;
        }
        const a = clause.children.fkAction?.[0]?.children as Parsed<FkActionCstChildren> | undefined;
        if (!a) continue;
        // The tokens that decide, in the order the action is read from them (`fkActionOf`).
        const set = real(a.Set?.[0]);
        out.push({
          option: false,
          on: a.On?.[0],
          event: real(a.Delete?.[0]) ?? real(a.Update?.[0]),
          action: real(a.Cascade?.[0]) ?? real(a.Restrict?.[0]) ?? set ?? real(a.No?.[0]),
          actionArg: set && (real(a.Null?.[0]) ?? real(a.Default?.[0])),
          word: undefined,
          arg: undefined,
          mode: undefined,
        });
      }
      return out;
    }

    /** A foreign key's clauses from their tokens. */
    fkActionsOf(list: readonly FkClauseSyntax[]): FkClauses {
      const out: Mutable<FkClauses> = {
        onDelete: "no action",
        onUpdate: "no action",
      };
      let seenDelete = false,
        seenUpdate = false,
        seenMatch = false,
        seenDeferrable = false,
        seenNotValid = false;
      for (const clause of list) {
        if (clause.option) {
          const word = real(clause.word);
          if (!word) continue;
          const arg = real(clause.arg)?.image.toLowerCase();
          const mode = real(clause.mode)?.image.toLowerCase();
          const w = word.image.toLowerCase();
          const seen = w === "match" ? seenMatch : w === "not" ? seenNotValid : seenDeferrable;
          if (seen) this.error("duplicate-attribute", `\`${w}\` is given twice`, this.loc(word), "keep one");
          if (w === "not") {
            // The parser takes `not` here only before `valid`.
            seenNotValid = true;
            out.notValid = true;
          } else if (w === "match") {
            seenMatch = true;
            if ((arg !== "full" && arg !== "simple") || mode)
              this.error("bad-clause", "write `match full` (or `match simple`, the default)", this.loc(word));
            else if (arg === "full") out.matchFull = true;
          } else {
            seenDeferrable = true;
            if (arg === undefined ? mode !== undefined : arg !== "initially" || mode === undefined)
              this.error(
                "bad-clause",
                "write `deferrable`, `deferrable initially deferred` or `deferrable initially immediate`",
                this.loc(word),
              );
            else out.deferrable = mode === "deferred" ? "deferred" : "immediate";
          }
          continue;
        }
        const r = this.fkActionOf(clause);
        if (!r) continue;
        if (r.which === "onDelete" ? seenDelete : seenUpdate)
          this.error(
            "duplicate-attribute",
            `\`on ${r.which === "onDelete" ? "delete" : "update"}\` is given twice`,
            this.loc(r.on),
            "keep one",
          );
        if (r.which === "onDelete") seenDelete = true;
        else seenUpdate = true;
        out[r.which] = r.action;
      }
      return out;
    }

    fkClause(): void {}
    fkOption(): void {}
    /** Read by `keyClausesOf`, with the key they belong to. */
    keyClauses(): void {}
    keyDeferrable(): void {}

    /** Read by `fkClauses`. */
    fkAction(): void {}

    /** One `on delete|update ACTION` clause, or nothing when recovery left it incomplete. */
    fkActionOf(
      c: FkClauseSyntax,
    ): { which: "onDelete" | "onUpdate"; action: FkAction; on: IToken } | undefined {
      const event = real(c.event);
      if (!event) return undefined;
      const which = event.tokenType === Delete ? "onDelete" : "onUpdate";
      const word = real(c.action);
      const arg = real(c.actionArg);
      const action: FkAction | undefined =
        word?.tokenType === Cascade
          ? "cascade"
          : word?.tokenType === Restrict
            ? "restrict"
            : word?.tokenType === SetKw
              ? arg?.tokenType === Null
                ? "set null"
                : arg?.tokenType === Default
                  ? "set default"
                  : undefined
              : word?.tokenType === No
                ? "no action"
                : undefined;
      if (!action) return undefined;
      return { which, action, on: c.on! };
    }

    column(c: Parsed<ColumnCstChildren>, t: TableScope): void {
      const typeNode = c.typeRef?.[0];
      this.columnOf(
        {
          name: real(c.Name?.[0]),
          type: typeNode && this.typeSyntax(typeNode.children),
          nullable: Boolean(real(c.Question?.[0])),
          attrs: this.attrSyntaxes(c.columnAttr),
          end: -1, // read from the node by `tableItem`
        },
        t,
      );
    }

    /** `columnAttr` nodes as descent.ts's `AttrSyntax` records (each its node, where it starts and ends). */
    attrSyntaxes(nodes: readonly CstNode[] | undefined): AttrSyntax[] {
      const out: AttrSyntax[] = [];
      for (const node of nodes ?? []) {
        const first = this.firstToken(node);
        if (first) out.push({ first, end: this.endOf(node), node, value: undefined, references: undefined });
      }
      return out;
    }

    /** A column, from its CST node (`column`) or without one (`tableColumn`). */
    columnOf(c: ColumnSyntax, t: TableScope): void {
      const nameTok = c.name;
      if (!nameTok || !c.type) return;
      const name = nameText(nameTok);
      const typeLoc = this.typeLoc(c.type);
      if (!typeLoc) return;
      const type = this.typeOf(c.type, typeLoc);
      const src = t.item;
      const col: Mutable<Column> = {
        name,
        type,
        nullable: c.nullable,
        identity: false,
        src,
      };
      const quotedType = c.type.name!.image.startsWith('"');
      // PostgreSQL's `serial` pseudo-types: an integer column generated through an owned sequence.
      const native = type.kind === "native" ? type : undefined;
      // An own property only: a type named `constructor` is no serial type.
      const lower = native?.name.toLowerCase();
      const serial =
        lower !== undefined && Object.hasOwn(SERIAL_TYPES, lower) ? SERIAL_TYPES[lower] : undefined;
      if (serial && !native?.args && !native?.array && !quotedType) {
        col.type = { kind: "portable", name: serial };
        col.identity = true;
        col.serial = true;
      }
      const parts: Record<string, Loc> = { name: this.loc(nameTok), type: typeLoc };
      src.parts = parts;
      if (col.type.kind === "native" && quotedType) src.quotedType = true;
      // `first` and `end` are each attribute's, set before it is read. Made only for a column
      // with attributes (most have none).
      const s: ColumnScope | undefined = c.attrs.length
        ? { table: t, col, src, nameTok, parts, seen: 0, first: nameTok, end: 0 }
        : undefined;
      if (s)
        for (const attr of c.attrs) {
          s.first = attr.first;
          s.end = attr.end;
          if (attr.node) this.columnAttr(attr.node.children as Parsed<ColumnAttrCstChildren>, s);
          else this.attrOf(attr, s);
        }
      t.table.columns.push(col);
      this.out.anchors.push({
        src,
        topLevel: false,
        doc: col,
      });
    }

    /** Whether this is the first attribute of its kind on the column; reports a repeat. */
    once(s: ColumnScope, kind: keyof typeof ATTRIBUTES): boolean {
      const bit = ATTRIBUTES[kind];
      if (s.seen & bit) {
        this.error(
          "duplicate-attribute",
          `\`${kind}\` is given twice on column \`${s.table.name}.${s.col.name}\``,
          this.at(s.first, kind.split(" ")[0]!.length),
          "each attribute may appear once per column",
        );
        return false;
      }
      s.seen |= bit;
      return true;
    }

    /**
     * An attribute descent.ts's `readDeclarations` read without a node (`AttrSyntax`): its
     * first token says which. Column-level constraints are added to the table's lists for them.
     */
    attrOf(a: AttrSyntax, s: ColumnScope): void {
      const t = a.first.tokenType;
      if (t === Primary) this.primaryKeyAttr(s);
      else if (t === Unique) this.uniqueAttr(s);
      else if (t === Identity) this.identityAttr(s, undefined);
      else if (t === Default) this.defaultAttr(s, a.value);
      else if (this.once(s, "references")) this.referencesOf(a.references!, s);
    }

    /** Column-level constraints are added to the table's lists for them (see `tableDecl`). */
    columnAttr(c: Parsed<ColumnAttrCstChildren>, s: ColumnScope): void {
      const { table: t, col, src, parts } = s;
      const name = col.name;
      if (c.Primary) this.primaryKeyAttr(s);
      else if (c.Unique) this.uniqueAttr(s);
      else if (c.On) {
        if (!this.once(s, "on update")) return;
        const fn = real(c.onUpdateFn?.[0]);
        if (!fn) return;
        parts["on update"] = this.at(s.first, s.end - s.first.startOffset);
        if (fn.image.toLowerCase() !== "now")
          this.error(
            "bad-on-update",
            `\`on update\` takes \`now()\`, not \`${fn.image}()\``,
            this.loc(fn),
            "write `on update now()`",
          );
        else col.onUpdate = "now";
      } else if (c.Identity) this.identityAttr(s, c.identityOptions?.[0]);
      else if (c.As) {
        if (!this.once(s, "as")) return;
        const raw = this.rawSql(c.rawSql?.[0]?.children);
        if (!raw) return;
        col.generated = { expr: raw.sql, stored: Boolean(real(c.Stored?.[0])) };
        parts["generated"] = this.at(s.first, s.end - s.first.startOffset);
      } else if (c.Collate) {
        if (!this.once(s, "collate")) return;
        const tok = real(c.collation?.[0]);
        if (!tok) return;
        col.collation = nameText(tok);
        parts["collate"] = this.loc(tok);
      } else if (c.Default) {
        const n = c.defaultValue?.[0];
        this.defaultAttr(s, n && this.defaultSyntaxOf(n));
      } else if (c.referencesAttr) {
        if (!this.once(s, "references")) return;
        this.referencesAttr(c.referencesAttr[0]!.children, s);
      } else if (c.Check) {
        if (!this.once(s, "check")) return;
        const raw = this.rawSql(c.rawSql?.[0]?.children);
        if (!raw) return;
        const chk: Mutable<Check> = {
          name: "",
          expr: raw.sql,
          src: { ...src, parts: { expr: raw.loc } },
        };
        t.pending.push({
          assign: (taken) => {
            chk.name = dedupeName(checkName(t.name, [name]), taken);
            taken.add(chk.name);
          },
        });
        t.columnChecks.push(chk);
      } else if (c.renamedFrom) {
        if (!this.once(s, "renamed from")) return;
        const r = this.renamedFrom(c.renamedFrom[0]?.children);
        if (r) {
          col.renamedFrom = r.name;
          parts["renamedFrom"] = r.loc;
        }
      }
    }

    /** A column's `primary key`. */
    primaryKeyAttr(s: ColumnScope): void {
      if (!this.once(s, "primary key")) return;
      const name = s.col.name;
      this.setPrimaryKey(s.table, [name], this.at(s.first, s.end - s.first.startOffset), {
        ...s.src,
        parts: { [`column:${name}`]: this.loc(s.nameTok) },
      });
    }

    /** A column's `unique`. */
    uniqueAttr(s: ColumnScope): void {
      if (!this.once(s, "unique")) return;
      const t = s.table;
      const name = s.col.name;
      const u: Mutable<UniqueConstraint> = {
        name: "",
        columns: [name],
        src: { ...s.src, parts: { [`column:${name}`]: this.loc(s.nameTok) } },
      };
      t.pending.push({
        assign: (taken) => {
          u.name = dedupeName(uniqueName(t.name, [name]), taken);
          taken.add(u.name);
        },
      });
      t.columnUniques.push(u);
    }

    /** A column's `identity`, with the node of its options if it has any. */
    identityAttr(s: ColumnScope, opts: CstNode | undefined): void {
      if (!this.once(s, "identity")) return;
      const { col, parts } = s;
      parts["identity"] = this.at(s.first, s.end - s.first.startOffset);
      if (col.serial) {
        this.error(
          "identity-serial",
          `column \`${s.table.name}.${col.name}\` is \`serial\` and \`identity\``,
          parts["identity"],
          "`serial` is already generated by the database: keep one of them",
        );
        return;
      }
      col.identity = true;
      if (opts) {
        const o = this.identityOptions(opts.children as Parsed<IdentityOptionsCstChildren>);
        if (o && Object.keys(o).length) col.identityOptions = o;
      }
    }

    /** A column's `default` and its value (undefined where recovery left none). */
    defaultAttr(s: ColumnScope, d: DefaultSyntax | undefined): void {
      if (!this.once(s, "default")) return;
      const first = d?.first;
      if (!d || !first) return;
      const value = this.defaultOf(d);
      if (value) {
        s.col.default = value;
        s.parts["default"] = this.at(first, d.end - first.startOffset);
      }
    }

    referencesAttr(c: Parsed<ReferencesAttrCstChildren>, s: ColumnScope): void {
      this.referencesOf(
        { table: c.refTable?.[0], column: c.refColumn?.[0], clauses: this.fkClauses(c.fkClause) },
        s,
      );
    }

    /** A column's `references` from its tokens (`referencesAttr`'s node, or descent.ts's record). */
    referencesOf(c: ReferencesSyntax, s: ColumnScope): void {
      const refTable = real(c.table);
      const refCol = real(c.column);
      if (!refTable || !refCol) return;
      const { table: t, src, nameTok } = s;
      const name = s.col.name;
      const fk: Mutable<ForeignKey> = {
        name: "",
        columns: [name],
        refTable: nameText(refTable),
        refColumns: [nameText(refCol)],
        ...this.fkActionsOf(c.clauses),
        src: {
          ...src,
          parts: {
            [`column:${name}`]: this.loc(nameTok),
            refTable: this.loc(refTable),
            [`ref:column:${nameText(refCol)}`]: this.loc(refCol),
          },
        },
      };
      t.pending.push({
        assign: (taken) => {
          fk.name = dedupeName(foreignKeyName(t.name, [name]), taken);
          taken.add(fk.name);
        },
      });
      t.columnForeignKeys.push(fk);
    }

    typeRef(c: Parsed<TypeRefCstChildren>): { type: ColumnType; loc: Loc } | undefined {
      const syntax = this.typeSyntax(c);
      const loc = this.typeLoc(syntax);
      return loc && { type: this.typeOf(syntax, loc), loc };
    }

    /** A `typeRef` node's tokens, as descent.ts's `readDeclarations` gives a column's type. */
    typeSyntax(c: Parsed<TypeRefCstChildren>): TypeSyntax {
      const name = real(c.Name?.[0]);
      const args: IToken[] = [];
      for (const a of c.typeArg ?? []) {
        const t = this.typeArg(a.children);
        if (t) args.push(t);
      }
      const unsigned = real(c.Unsigned?.[0]);
      return {
        name,
        args,
        array: Boolean(real(c.LBracket?.[0])),
        unsigned,
        last: unsigned ?? real(c.RBracket?.[0]) ?? real(c.RParen?.[0]) ?? name,
      };
    }

    /** Where a type is written; undefined where recovery left out its name (no type then). */
    typeLoc(c: TypeSyntax): Loc | undefined {
      const nameTok = c.name;
      if (!nameTok) return undefined;
      const close = c.last!;
      return this.at(nameTok, close.startOffset + close.image.length - nameTok.startOffset);
    }

    /**
     * A column's (or a domain's, an attribute's) type, written at `loc` (`typeLoc`: its name is
     * there). Apart from its position, so a column's makes no record of the two (20,000 in the
     * 1,000-table schema, issue 19).
     */
    typeOf(c: TypeSyntax, loc: Loc): ColumnType {
      const nameTok = c.name!;
      const raw = nameText(nameTok);
      const args = c.args;
      const array = c.array;
      const unsignedTok = c.unsigned;
      const lower = raw.toLowerCase();
      if (!nameTok.image.startsWith('"') && isPortableType(lower) && !array) {
        const portable = lower;
        // A list only for a type with parameters (most have none); the empty one is never written.
        const numbers = args.length ? ([] as number[]) : (NO_NUMBERS as number[]);
        for (const a of args) {
          if (a.tokenType !== NumberLiteral || !/^\d+$/.test(a.image)) {
            this.error(
              "bad-type-parameter",
              `\`${portable}\` takes whole numbers as parameters, not \`${a.image}\``,
              this.loc(a),
            );
            return { kind: "portable", name: portable };
          }
          numbers.push(Number(a.image));
        }
        const rule = TYPE_PARAMS[portable];
        if (rule && (numbers.length < rule[0] || numbers.length > rule[1])) {
          this.error(
            "bad-type-parameter",
            numbers.length
              ? `\`${portable}\` takes ${rule[0] === rule[1] ? rule[0] : `${rule[0]} or ${rule[1]}`} parameter${rule[1] > 1 ? "s" : ""}`
              : `\`${portable}\` needs ${portable === "decimal" ? "a precision and a scale" : "a length"}`,
            loc,
            `write \`${rule[2]}\`${portable === "varchar" ? ", or `text` for no limit" : ""}`,
          );
        } else if (!rule && numbers.length) {
          this.error(
            "bad-type-parameter",
            `\`${portable}\` takes no parameters`,
            loc,
            `write \`${portable}\``,
          );
        } else if (rule && portable !== "decimal" && lessThanOne(numbers)) {
          this.error("bad-type-parameter", `the length of \`${portable}\` must be at least 1`, loc);
        } else if (portable === "decimal" && numbers.length === 2 && numbers[1]! > numbers[0]!) {
          this.error(
            "bad-type-parameter",
            `the scale of \`decimal(${numbers.join(",")})\` is larger than its precision`,
            loc,
          );
        }
        const type: Mutable<Extract<ColumnType, { kind: "portable" }>> = { kind: "portable", name: portable };
        if (numbers.length) type.args = numbers;
        if (unsignedTok) type.unsigned = true;
        return type;
      }
      // Fields set one by one in this order (the snapshot's key order), without spreads.
      const type: Mutable<Extract<ColumnType, { kind: "native" }>> = { kind: "native", name: raw };
      if (args.length) type.args = args.map((a) => a.image);
      if (array) type.array = true;
      if (unsignedTok) type.unsigned = true;
      return type;
    }

    /** The options of `identity(...)`: each word once, a number after those that take one. */
    identityOptions(c: Parsed<IdentityOptionsCstChildren>): IdentityOptions | undefined {
      const out: Mutable<IdentityOptions> = {};
      const seen = new Set<string>();
      for (const o of c.identityOption ?? []) {
        const r = this.identityOption(o.children);
        if (!r) continue;
        const word = r.word.image.toLowerCase();
        const flag = word === "always" || word === "cycle";
        const numeric = (IDENTITY_NUMBER_OPTIONS as readonly string[]).includes(word);
        if (!flag && !numeric) {
          this.error(
            "identity-option",
            `\`${r.word.image}\` is not an identity option`,
            this.loc(r.word),
            `${didYouMean(word, ["always", ...IDENTITY_NUMBER_OPTIONS, "cycle"]) ?? "the options are"} always, start N, increment N, min N, max N, cache N, cycle`,
          );
          continue;
        }
        if (seen.has(word)) {
          this.error(
            "duplicate-attribute",
            `identity option \`${word}\` is given twice`,
            this.loc(r.word),
            "keep one",
          );
          continue;
        }
        seen.add(word);
        if (flag !== (r.number === undefined)) {
          this.error(
            "identity-option",
            flag ? `\`${word}\` takes no number` : `\`${word}\` needs a number: \`${word} 1\``,
            this.loc(r.word),
          );
          continue;
        }
        if (word === "always") out.always = true;
        else if (word === "cycle") out.cycle = true;
        else if (!/^-?\d+$/.test(r.number!))
          this.error("identity-option", `\`${word}\` needs a whole number`, this.loc(r.word));
        else out[word as (typeof IDENTITY_NUMBER_OPTIONS)[number]] = r.number!;
      }
      // In one order, whatever the source's: two spellings of the same options are one IR.
      const ordered: Mutable<IdentityOptions> = {};
      if (out.always) ordered.always = true;
      for (const k of IDENTITY_NUMBER_OPTIONS) if (out[k] !== undefined) ordered[k] = out[k];
      if (out.cycle) ordered.cycle = true;
      return ordered;
    }

    identityOption(c: Parsed<IdentityOptionCstChildren>): { word: IToken; number?: string } | undefined {
      const word = real(c.Name?.[0]);
      if (!word) return undefined;
      const num = real(c.NumberLiteral?.[0]);
      return num ? { word, number: (real(c.Minus?.[0]) ? "-" : "") + num.image } : { word };
    }

    typeArg(c: Parsed<TypeArgCstChildren>): IToken | undefined {
      return real(c.NumberLiteral?.[0]) ?? real(c.Name?.[0]) ?? real(c.StringLiteral?.[0]);
    }

    /** A default's value from its node (a domain's; a column's goes through `defaultSyntaxOf`). */
    defaultValue(c: Parsed<DefaultValueCstChildren>): DefaultValue | undefined {
      return this.defaultOf(this.defaultSyntax(c, undefined, -1));
    }

    /** A `defaultValue` node as descent.ts's `DefaultSyntax`, with where it starts and ends. */
    defaultSyntaxOf(n: CstNode): DefaultSyntax {
      const first = this.firstToken(n);
      return this.defaultSyntax(
        n.children as Parsed<DefaultValueCstChildren>,
        first,
        first ? this.endOf(n) : -1,
      );
    }

    defaultSyntax(c: Parsed<DefaultValueCstChildren>, first: Pos | undefined, end: number): DefaultSyntax {
      return {
        first,
        end,
        minus: Boolean(real(c.Minus?.[0])),
        // The one token that decides, in the order `defaultOf` reads them.
        literal:
          real(c.NumberLiteral?.[0]) ??
          real(c.StringLiteral?.[0]) ??
          real(c.True?.[0]) ??
          real(c.False?.[0]) ??
          real(c.Null?.[0]) ??
          real(c.Identifier?.[0]),
        raw: this.rawSyntaxOf(c.rawSql?.[0]?.children),
      };
    }

    /** A default's value from its tokens (its position is read by the caller). */
    defaultOf(c: DefaultSyntax): DefaultValue | undefined {
      const lit = real(c.literal);
      const type = lit?.tokenType;
      if (type === NumberLiteral) return { kind: "number", text: (c.minus ? "-" : "") + lit!.image };
      if (type === StringLiteral) return { kind: "string", value: stringText(lit!) };
      if (type === True) return { kind: "bool", value: true };
      if (type === False) return { kind: "bool", value: false };
      if (type === Null) return { kind: "null" };
      const fn = lit;
      if (fn) {
        const name = fn.image.toLowerCase();
        if (isPortableFunction(name)) return { kind: "function", name };
        this.error(
          "unknown-function",
          `\`${fn.image}()\` is not a portable default function`,
          this.loc(fn),
          `${didYouMean(name, PORTABLE_FUNCTIONS) ?? `the portable ones are ${PORTABLE_FUNCTIONS.map((f) => `${f}()`).join(", ")}`}; for any other SQL write \`default (${fn.image}())\``,
        );
        return undefined;
      }
      const raw = c.raw && this.rawOf(c.raw.open, c.raw.close);
      if (raw) return { kind: "raw", sql: raw.sql };
      return undefined;
    }
  }
  // Hot while a file is read, and read once: not worth FTL's compile time (src/core/jit.ts).
  outOfFtl(IrVisitor.prototype, CstVisitor.prototype, real, nameText, unquote, stringText);
  return new IrVisitor();
}

/**
 * Words that start a routine's options, so end its return type: PostgreSQL's (volatility,
 * strictness, security, parallel safety, cost) and MySQL/MariaDB's characteristics.
 */
const ROUTINE_OPTION_WORDS: ReadonlySet<string> = new Set([
  "immutable",
  "stable",
  "volatile",
  "strict",
  "called",
  "leakproof",
  "not",
  "security",
  "external",
  "parallel",
  "cost",
  "rows",
  "support",
  "window",
  "set",
  "deterministic",
  "contains",
  "no",
  "reads",
  "modifies",
  "comment",
  "sql",
]);

/** The text between a dollar-quoted string's opening and closing tags, verbatim. */
export function dollarBody(image: string): string {
  const tag = /^\$[^$]*\$/.exec(image)?.[0] ?? "$$";
  return image.slice(tag.length, image.length - tag.length);
}

function emptyFileIr(): FileIr {
  return {
    tables: [],
    enums: [],
    sequences: [],
    domains: [],
    views: [],
    extensions: [],
    composites: [],
    functions: [],
    triggers: [],
    namespaces: [],
    order: [],
    anchors: [],
    diagnostics: [],
  };
}

/** Whether a number is below 1 (a loop: run for every type with parameters, where a closure per call showed). */
function lessThanOne(numbers: readonly number[]): boolean {
  for (const x of numbers) if (x < 1) return true;
  return false;
}

function prefixParts(prefix: string, parts: Record<string, Loc>): Record<string, Loc> {
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [prefix + k, v]));
}

let visitor: ReturnType<typeof createVisitor> | undefined;

/** Visits one file's CST. Column-level constraints come before each table's own, per kind. */
export function cstToIr(cst: SchemaCstNode, file: string, text: string): FileIr {
  return (visitor ??= createVisitor()).read(cst, file, text);
}

/**
 * `cstToIr` declaration by declaration, as descent.ts's `readDeclarations` reads them (tables
 * piece by piece), then `finish`. One file at a time (the visitor is shared).
 */
export function irReader(file: string, text: string): DeclarationReader<unknown> & { finish(): FileIr } {
  const v = (visitor ??= createVisitor());
  v.begin(file, text);
  // `unknown`: the table's record is the visitor's own (`TableScope`), opaque to the parser.
  const reader: DeclarationReader<TableScope> & { finish(): FileIr } = {
    declaration: (d) => v.declaration(d),
    tableBegin: (keyword, name, renamed, options) => v.tableBegin(keyword, name, renamed, options),
    tableColumn: (t, c) => v.tableColumn(t, c),
    tableItem: (t, item) => v.tableItemOf(item, t),
    tableIndex: (t, index) => v.tableIndex(t, index),
    tableCheck: (t, check) => v.tableCheck(t, check),
    // Past the `}`, the table's last token: where its CST node would end.
    tableEnd: (t, close) => v.tableEnd(t, close, close.endOffset! + 1),
    finish: () => v.finish(),
  };
  return reader as DeclarationReader<unknown> & { finish(): FileIr };
}
