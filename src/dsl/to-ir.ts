/**
 * The CST visitor: turns one file's concrete syntax tree into IR declarations.
 *
 * It normalises as it goes: column-level `primary key`, `unique`, `references` and `check`
 * become table-level constraints, every unnamed constraint and index gets its deterministic
 * name (ir/naming.ts), and type names are classified (portable, or passed through; enum names
 * are resolved later, across files, by `load.ts`). It reports what one file alone can tell
 * (an attribute given twice, two primary keys, a bad type parameter); cross-file checks are in
 * ir/validate.ts. Comments are attached afterwards by `comments.ts`.
 */
import type { CstNode, IToken } from "chevrotain";
import type {
  Check,
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  FkAction,
  ForeignKey,
  Index,
  IndexPart,
  Loc,
  PortableFunction,
  PortableTypeName,
  PrimaryKey,
  SourceInfo,
  Table,
  UniqueConstraint,
} from "../ir/model.ts";
import { PORTABLE_FUNCTIONS, PORTABLE_TYPES } from "../ir/model.ts";
import {
  checkName,
  dedupeName,
  expressionWords,
  foreignKeyName,
  indexName,
  primaryKeyName,
  uniqueName,
} from "../ir/naming.ts";
import { didYouMean, type Diagnostic } from "../ir/diagnostics.ts";

type Children = Record<string, (CstNode | IToken)[] | undefined>;

/** Mutable while the file is visited; handed out as readonly IR. */
export type MutableSource = { -readonly [K in keyof SourceInfo]: SourceInfo[K] };

/** A node that comments can attach to, in document order. */
export interface Anchor {
  readonly src: MutableSource;
  /** Whether `///` comments before it become its doc. */
  readonly setDoc?: (doc: string) => void;
  /** For tables and enums: the offset of the closing brace (comments before it go to `inner`). */
  readonly closeOffset?: number;
  /** True for declarations (tables, enums), false for table items. */
  readonly topLevel: boolean;
}

export interface FileIr {
  readonly tables: Table[];
  readonly enums: EnumType[];
  /** Declarations in source order, for the printer and for merging. */
  readonly order: ({ kind: "table"; name: string } | { kind: "enum"; name: string })[];
  readonly anchors: Anchor[];
  readonly diagnostics: Diagnostic[];
}

const PORTABLE_SET: ReadonlySet<string> = new Set(PORTABLE_TYPES);

/** Portable types with parameters: [fewest, most, an example]. */
const TYPE_PARAMS: Partial<Record<PortableTypeName, [number, number, string]>> = {
  varchar: [1, 1, "varchar(255)"],
  char: [1, 1, "char(2)"],
  decimal: [1, 2, "decimal(10,2)"],
};

const tok = (c: Children, key: string, i = 0): IToken | undefined => {
  const x = c[key]?.[i];
  return x && "image" in x ? x : undefined;
};
const toks = (c: Children, key: string): IToken[] => (c[key] ?? []).filter((x): x is IToken => "image" in x);
const node = (c: Children, key: string, i = 0): CstNode | undefined => {
  const x = c[key]?.[i];
  return x && "children" in x ? x : undefined;
};
const nodes = (c: Children, key: string): CstNode[] =>
  (c[key] ?? []).filter((x): x is CstNode => "children" in x);
/** A token inserted by error recovery has no position: treat it as missing. */
const real = (t: IToken | undefined): IToken | undefined =>
  t && !Number.isNaN(t.startOffset) && t.image !== "" ? t : undefined;

/** The text of a name token: double-quoted names lose their quotes and `""` escapes. */
export function nameText(t: IToken): string {
  return t.image.startsWith('"') ? t.image.slice(1, -1).replace(/""/g, '"') : t.image;
}

function stringText(t: IToken): string {
  return t.image.slice(1, -1).replace(/''/g, "'");
}

class FileVisitor {
  readonly out: FileIr = { tables: [], enums: [], order: [], anchors: [], diagnostics: [] };
  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  loc(t: IToken, length = t.image.length): Loc {
    return {
      file: this.file,
      line: t.startLine ?? 1,
      col: t.startColumn ?? 1,
      offset: t.startOffset,
      length,
    };
  }

  src(first: IToken, lastOffset: number, parts?: Record<string, Loc>): MutableSource {
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
    this.out.diagnostics.push({
      severity: "error",
      code,
      message,
      ...(loc ? { loc } : {}),
      ...(hint ? { hint } : {}),
      ...(related ? { related } : {}),
    });
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
   * The first real token of a node, as a position record. Read from the parser's node location;
   * a node rebuilt by error recovery may lack one, and is walked instead.
   */
  firstToken(n: CstNode): IToken | undefined {
    const l = n.location;
    if (l && !Number.isNaN(l.startOffset) && l.startLine !== undefined && !Number.isNaN(l.startLine)) {
      return {
        image: "",
        startOffset: l.startOffset,
        startLine: l.startLine,
        startColumn: l.startColumn,
        tokenType: undefined as never,
      } as unknown as IToken;
    }
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
  raw(n: CstNode | undefined): { sql: string; loc?: Loc } | undefined {
    if (!n) return undefined;
    const c = n.children as Children;
    const open = real(tok(c, "LParen"));
    const close = real(tok(c, "RParen"));
    if (!open || !close) return undefined;
    const sql = this.text.slice(open.startOffset + 1, close.startOffset).trim();
    return { sql, loc: this.loc(open, close.startOffset + 1 - open.startOffset) };
  }

  visitSchema(cst: CstNode): void {
    const c = cst.children as Children;
    const decls = [...nodes(c, "tableDecl"), ...nodes(c, "enumDecl")].sort(
      (a, b) => (this.firstToken(a)?.startOffset ?? 0) - (this.firstToken(b)?.startOffset ?? 0),
    );
    for (const d of decls) {
      if (d.name === "tableDecl") this.visitTable(d);
      else this.visitEnum(d);
    }
  }

  renamedFrom(n: CstNode | undefined): { name: string; loc: Loc } | undefined {
    const t = n && real(tok(n.children as Children, "Name"));
    return t ? { name: nameText(t), loc: this.loc(t) } : undefined;
  }

  visitEnum(n: CstNode): void {
    const c = n.children as Children;
    const kw = real(tok(c, "Enum"));
    const nameTok = real(tok(c, "Name"));
    if (!kw || !nameTok) return;
    const renamed = this.renamedFrom(node(c, "renamedFrom"));
    const src = this.src(kw, this.endOf(n), {
      name: this.loc(nameTok),
      ...(renamed ? { renamedFrom: renamed.loc } : {}),
    });
    const values = nodes(c, "enumValue").flatMap((v) => {
      const vc = v.children as Children;
      const t = real(tok(vc, "Name")) ?? real(tok(vc, "StringLiteral"));
      if (!t) return [];
      const name = t.tokenType.name === "StringLiteral" ? stringText(t) : nameText(t);
      const src = this.src(t, t.startOffset + t.image.length);
      this.out.anchors.push({ src, topLevel: false });
      return [{ name, src }];
    });
    const seen = new Map<string, Loc>();
    for (const v of values) {
      const here: Loc = {
        file: this.file,
        line: v.src.line,
        col: v.src.col,
        offset: v.src.offset,
        length: v.src.end - v.src.offset,
      };
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
    const e: { -readonly [K in keyof EnumType]: EnumType[K] } = { name: nameText(nameTok), values, src };
    if (renamed) e.renamedFrom = renamed.name;
    const close = real(tok(c, "RCurly"));
    this.out.anchors.push({
      src,
      topLevel: true,
      setDoc: (doc) => {
        e.doc = doc;
      },
      ...(close ? { closeOffset: close.startOffset } : {}),
    });
    this.out.enums.push(e);
    this.out.order.push({ kind: "enum", name: e.name });
  }

  visitTable(n: CstNode): void {
    const c = n.children as Children;
    const kw = real(tok(c, "Table"));
    const nameTok = real(tok(c, "Name"));
    if (!kw || !nameTok) return;
    const tableName = nameText(nameTok);
    const renamed = this.renamedFrom(node(c, "renamedFrom"));
    const src = this.src(kw, this.endOf(n), {
      name: this.loc(nameTok),
      ...(renamed ? { renamedFrom: renamed.loc } : {}),
    });
    const close = real(tok(c, "RCurly"));
    const table: { -readonly [K in keyof Table]: Table[K] } = {
      name: tableName,
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
      setDoc: (doc) => {
        table.doc = doc;
      },
      ...(close ? { closeOffset: close.startOffset } : {}),
    });

    // Names are assigned after the whole table is read: explicit names are reserved first, so
    // a generated name never takes a name the user wrote.
    const pending: { assign: (taken: Set<string>) => void; explicit?: string }[] = [];
    const columns: Column[] = [];
    let pk: { value: PrimaryKey; loc: Loc } | undefined;
    // Table items keep their anchor's source record itself (comments attach to it later);
    // column-level constraints get a copy of the column's, so its comments print once.
    const setPk = (columnsOfPk: string[], loc: Loc, itemSrc: MutableSource) => {
      if (pk) {
        this.error(
          "duplicate-primary-key",
          `table \`${tableName}\` has two primary keys`,
          loc,
          "a table has one primary key; for several columns write `primary key (a, b)` in the table",
          { message: "the first primary key is here", loc: pk.loc },
        );
        return;
      }
      pk = { value: { name: primaryKeyName(tableName), columns: columnsOfPk, src: itemSrc }, loc };
    };

    for (const item of nodes(c, "tableItem")) {
      const ic = item.children as Children;
      let inner: CstNode | undefined;
      for (const key in ic) {
        inner = ic[key]![0] as CstNode;
        break;
      }
      if (!inner) continue;
      const first = this.firstToken(inner);
      if (!first) continue;
      const itemSrc = this.src(first, this.endOf(inner));
      const ch = inner.children as Children;
      switch (inner.name) {
        case "column": {
          const col = this.visitColumn(inner, tableName, itemSrc, pending, setPk);
          if (col) {
            columns.push(col);
            this.out.anchors.push({
              src: itemSrc,
              topLevel: false,
              setDoc: (doc) => {
                (col as { doc?: string }).doc = doc;
              },
            });
          }
          continue;
        }
        case "primaryKeyItem": {
          const cols = this.columnList(node(ch, "columnList"));
          if (cols) {
            itemSrc.parts = cols.parts;
            setPk(cols.names, this.loc(first, "primary".length), itemSrc);
          }
          break;
        }
        case "uniqueItem": {
          const asIndex = node(ch, "indexRest");
          if (asIndex) {
            this.visitIndex(asIndex, true, tableName, itemSrc, table.indexes as Index[], pending);
            break;
          }
          const explicit = real(tok(ch, "Name"));
          const cols = this.columnList(node(ch, "columnList"));
          if (!cols) break;
          itemSrc.parts = { ...cols.parts, ...(explicit ? { name: this.loc(explicit) } : {}) };
          const u: { -readonly [K in keyof UniqueConstraint]: UniqueConstraint[K] } = {
            name: explicit ? nameText(explicit) : "",
            columns: cols.names,
            src: itemSrc,
          };
          (table.uniques as UniqueConstraint[]).push(u);
          pending.push(
            explicit
              ? { assign: () => {}, explicit: u.name }
              : {
                  assign: (taken) => {
                    u.name = dedupeName(uniqueName(tableName, cols.names), taken);
                    taken.add(u.name);
                  },
                },
          );
          break;
        }
        case "indexItem": {
          const rest = node(ch, "indexRest");
          if (rest) this.visitIndex(rest, false, tableName, itemSrc, table.indexes as Index[], pending);
          break;
        }
        case "foreignKeyItem": {
          const explicit = real(tok(ch, "fkName"));
          const refTok = real(tok(ch, "refTable"));
          const local = this.columnList(node(ch, "columnList", 0));
          const remote = this.columnList(node(ch, "columnList", 1));
          if (!local || !remote || !refTok) break;
          const actions = this.fkActions(nodes(ch, "fkAction"));
          itemSrc.parts = {
            ...local.parts,
            refTable: this.loc(refTok),
            ...prefixParts("ref:", remote.parts),
            ...(explicit ? { name: this.loc(explicit) } : {}),
          };
          const fk: { -readonly [K in keyof ForeignKey]: ForeignKey[K] } = {
            name: explicit ? nameText(explicit) : "",
            columns: local.names,
            refTable: nameText(refTok),
            refColumns: remote.names,
            ...actions,
            src: itemSrc,
          };
          (table.foreignKeys as ForeignKey[]).push(fk);
          pending.push(
            explicit
              ? { assign: () => {}, explicit: fk.name }
              : {
                  assign: (taken) => {
                    fk.name = dedupeName(foreignKeyName(tableName, local.names), taken);
                    taken.add(fk.name);
                  },
                },
          );
          break;
        }
        case "checkItem": {
          const explicit = real(tok(ch, "Name"));
          const raw = this.raw(node(ch, "rawSql"));
          if (!raw) break;
          itemSrc.parts = { expr: raw.loc!, ...(explicit ? { name: this.loc(explicit) } : {}) };
          const chk: { -readonly [K in keyof Check]: Check[K] } = {
            name: explicit ? nameText(explicit) : "",
            expr: raw.sql,
            src: itemSrc,
          };
          (table.checks as Check[]).push(chk);
          pending.push(
            explicit
              ? { assign: () => {}, explicit: chk.name }
              : {
                  assign: (taken) => {
                    chk.name = dedupeName(checkName(tableName, mentionedColumns(raw.sql, columns)), taken);
                    taken.add(chk.name);
                  },
                },
          );
          break;
        }
      }
      this.out.anchors.push({ src: itemSrc, topLevel: false });
    }

    const taken = new Set<string>(pending.flatMap((p) => (p.explicit ? [p.explicit] : [])));
    if (pk) taken.add(pk.value.name);
    for (const p of pending) p.assign(taken);
    table.columns = columns;
    if (pk) table.primaryKey = pk.value;
    this.out.tables.push(table);
    this.out.order.push({ kind: "table", name: tableName });
  }

  columnList(n: CstNode | undefined): { names: string[]; parts: Record<string, Loc> } | undefined {
    if (!n) return undefined;
    const names: string[] = [];
    const parts: Record<string, Loc> = {};
    for (const t of toks(n.children as Children, "Name")) {
      if (!real(t)) continue;
      const name = nameText(t);
      names.push(name);
      parts[`column:${name}`] ??= this.loc(t);
    }
    return names.length ? { names, parts } : undefined;
  }

  fkActions(list: CstNode[]): { onDelete: FkAction; onUpdate: FkAction } {
    const out = { onDelete: "no action" as FkAction, onUpdate: "no action" as FkAction };
    const seen = new Set<string>();
    for (const a of list) {
      const c = a.children as Children;
      const which = real(tok(c, "Delete")) ? "onDelete" : real(tok(c, "Update")) ? "onUpdate" : undefined;
      if (!which) continue;
      const action: FkAction | undefined = real(tok(c, "Cascade"))
        ? "cascade"
        : real(tok(c, "Restrict"))
          ? "restrict"
          : real(tok(c, "Set"))
            ? real(tok(c, "Null"))
              ? "set null"
              : real(tok(c, "Default"))
                ? "set default"
                : undefined
            : real(tok(c, "No"))
              ? "no action"
              : undefined;
      if (!action) continue;
      const on = tok(c, "On")!;
      if (seen.has(which))
        this.error(
          "duplicate-attribute",
          `\`on ${which === "onDelete" ? "delete" : "update"}\` is given twice`,
          this.loc(on),
          "keep one",
        );
      seen.add(which);
      out[which] = action;
    }
    return out;
  }

  visitIndex(
    rest: CstNode,
    unique: boolean,
    tableName: string,
    itemSrc: MutableSource,
    into: Index[],
    pending: { assign: (taken: Set<string>) => void; explicit?: string }[],
  ): void {
    const c = rest.children as Children;
    const explicit = real(tok(c, "indexName"));
    const parts: IndexPart[] = [];
    const locs: Record<string, Loc> = {};
    for (const e of nodes(c, "indexEntry")) {
      const ec = e.children as Children;
      const desc = Boolean(real(tok(ec, "Desc")));
      const nameTok = real(tok(ec, "Name"));
      if (nameTok) {
        const column = nameText(nameTok);
        parts.push({ kind: "column", column, desc });
        locs[`column:${column}`] ??= this.loc(nameTok);
      } else {
        const raw = this.raw(node(ec, "rawSql"));
        if (raw) parts.push({ kind: "expression", sql: raw.sql, desc });
      }
    }
    if (!parts.length) return;
    const where = this.raw(node(c, "rawSql"));
    const usingTok = real(tok(c, "method"));
    const index: { -readonly [K in keyof Index]: Index[K] } = {
      name: explicit ? nameText(explicit) : "",
      unique,
      parts,
      ...(where ? { where: where.sql } : {}),
      ...(usingTok ? { using: nameText(usingTok).toLowerCase() } : {}),
      src: itemSrc,
    };
    itemSrc.parts = {
      ...locs,
      ...(explicit ? { name: this.loc(explicit) } : {}),
      ...(usingTok ? { using: this.loc(usingTok) } : {}),
    };
    into.push(index);
    const words = parts.map((p) => (p.kind === "column" ? p.column : expressionWords(p.sql)));
    pending.push(
      explicit
        ? { assign: () => {}, explicit: index.name }
        : {
            assign: (taken) => {
              index.name = dedupeName(indexName(tableName, words), taken);
              taken.add(index.name);
            },
          },
    );
  }

  visitColumn(
    n: CstNode,
    tableName: string,
    src: MutableSource,
    pending: { assign: (taken: Set<string>) => void; explicit?: string }[],
    setPk: (cols: string[], loc: Loc, src: MutableSource) => void,
  ): Column | undefined {
    const c = n.children as Children;
    const nameTok = real(tok(c, "Name"));
    const typeNode = node(c, "typeRef");
    if (!nameTok || !typeNode) return undefined;
    const name = nameText(nameTok);
    const type = this.typeRef(typeNode);
    if (!type) return undefined;
    const col: { -readonly [K in keyof Column]: Column[K] } = {
      name,
      type: type.type,
      nullable: Boolean(real(tok(c, "Question"))),
      identity: false,
      src,
    };
    const parts: Record<string, Loc> = { name: this.loc(nameTok), type: type.loc };
    src.parts = parts;
    const seen = new Map<string, IToken>();
    for (const attr of nodes(c, "columnAttr")) {
      const ac = attr.children as Children;
      const first = this.firstToken(attr);
      if (!first) continue;
      const kind = ac["Primary"]
        ? "primary key"
        : ac["Unique"]
          ? "unique"
          : ac["Identity"]
            ? "identity"
            : ac["Default"]
              ? "default"
              : ac["referencesAttr"]
                ? "references"
                : ac["Check"]
                  ? "check"
                  : ac["renamedFrom"]
                    ? "renamed from"
                    : undefined;
      if (!kind) continue;
      if (seen.has(kind)) {
        this.error(
          "duplicate-attribute",
          `\`${kind}\` is given twice on column \`${tableName}.${name}\``,
          this.loc(first, kind.split(" ")[0]!.length),
          "each attribute may appear once per column",
        );
        continue;
      }
      seen.set(kind, first);
      const attrLoc = this.loc(first, this.endOf(attr) - first.startOffset);
      switch (kind) {
        case "primary key":
          setPk([name], attrLoc, { ...src, parts: { [`column:${name}`]: this.loc(nameTok) } });
          break;
        case "unique": {
          const u: { -readonly [K in keyof UniqueConstraint]: UniqueConstraint[K] } = {
            name: "",
            columns: [name],
            src: { ...src, parts: { [`column:${name}`]: this.loc(nameTok) } },
          };
          pending.push({
            assign: (taken) => {
              u.name = dedupeName(uniqueName(tableName, [name]), taken);
              taken.add(u.name);
            },
          });
          this.afterTable.push((t) => (t.uniques as UniqueConstraint[]).push(u));
          break;
        }
        case "identity":
          col.identity = true;
          parts["identity"] = attrLoc;
          break;
        case "default": {
          const d = this.defaultValue(node(ac, "defaultValue"));
          if (d) {
            col.default = d.value;
            parts["default"] = d.loc;
          }
          break;
        }
        case "references": {
          const r = node(ac, "referencesAttr");
          const rc = r?.children as Children | undefined;
          const refTable = rc && real(tok(rc, "refTable"));
          const refCol = rc && real(tok(rc, "refColumn"));
          if (!rc || !refTable || !refCol) break;
          const fk: { -readonly [K in keyof ForeignKey]: ForeignKey[K] } = {
            name: "",
            columns: [name],
            refTable: nameText(refTable),
            refColumns: [nameText(refCol)],
            ...this.fkActions(nodes(rc, "fkAction")),
            src: {
              ...src,
              parts: {
                [`column:${name}`]: this.loc(nameTok),
                refTable: this.loc(refTable),
                [`ref:column:${nameText(refCol)}`]: this.loc(refCol),
              },
            },
          };
          pending.push({
            assign: (taken) => {
              fk.name = dedupeName(foreignKeyName(tableName, [name]), taken);
              taken.add(fk.name);
            },
          });
          this.afterTable.push((t) => (t.foreignKeys as ForeignKey[]).push(fk));
          break;
        }
        case "check": {
          const raw = this.raw(node(ac, "rawSql"));
          if (!raw) break;
          const chk: { -readonly [K in keyof Check]: Check[K] } = {
            name: "",
            expr: raw.sql,
            src: { ...src, parts: { expr: raw.loc! } },
          };
          pending.push({
            assign: (taken) => {
              chk.name = dedupeName(checkName(tableName, [name]), taken);
              taken.add(chk.name);
            },
          });
          this.afterTable.push((t) => (t.checks as Check[]).push(chk));
          break;
        }
        case "renamed from": {
          const r = this.renamedFrom(node(ac, "renamedFrom"));
          if (r) {
            col.renamedFrom = r.name;
            parts["renamedFrom"] = r.loc;
          }
          break;
        }
      }
    }
    return col;
  }

  /** Column-level constraints are appended to the table when it is complete (see visit). */
  afterTable: ((t: Table) => void)[] = [];

  typeRef(n: CstNode): { type: ColumnType; loc: Loc } | undefined {
    const c = n.children as Children;
    const nameTok = real(tok(c, "Name"));
    if (!nameTok) return undefined;
    const raw = nameText(nameTok);
    const args = nodes(c, "typeArg")
      .map((a) => {
        const t = (real(tok(a.children as Children, "NumberLiteral")) ??
          real(tok(a.children as Children, "Name")))!;
        return t;
      })
      .filter(Boolean);
    const array = Boolean(real(tok(c, "LBracket")));
    const close = real(tok(c, "RBracket")) ?? real(tok(c, "RParen"));
    const loc = this.loc(
      nameTok,
      (close ? close.startOffset + 1 : nameTok.startOffset + nameTok.image.length) - nameTok.startOffset,
    );
    const lower = raw.toLowerCase();
    if (!nameTok.image.startsWith('"') && PORTABLE_SET.has(lower) && !array) {
      const portable = lower as PortableTypeName;
      const numbers: number[] = [];
      for (const a of args) {
        if (a.tokenType.name !== "NumberLiteral" || !/^\d+$/.test(a.image)) {
          this.error(
            "bad-type-parameter",
            `\`${portable}\` takes whole numbers as parameters, not \`${a.image}\``,
            this.loc(a),
          );
          return { type: { kind: "portable", name: portable }, loc };
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
        this.error("bad-type-parameter", `\`${portable}\` takes no parameters`, loc, `write \`${portable}\``);
      } else if (rule && numbers.some((x) => x < 1) && portable !== "decimal") {
        this.error("bad-type-parameter", `the length of \`${portable}\` must be at least 1`, loc);
      } else if (portable === "decimal" && numbers.length === 2 && numbers[1]! > numbers[0]!) {
        this.error(
          "bad-type-parameter",
          `the scale of \`decimal(${numbers.join(",")})\` is larger than its precision`,
          loc,
        );
      }
      return {
        type: numbers.length
          ? { kind: "portable", name: portable, args: numbers }
          : { kind: "portable", name: portable },
        loc,
      };
    }
    const type: ColumnType = {
      kind: "native",
      name: raw,
      ...(args.length ? { args: args.map((a) => a.image) } : {}),
      ...(array ? { array: true } : {}),
    };
    return { type, loc };
  }

  defaultValue(n: CstNode | undefined): { value: DefaultValue; loc: Loc } | undefined {
    if (!n) return undefined;
    const c = n.children as Children;
    const first = this.firstToken(n);
    if (!first) return undefined;
    const loc = this.loc(first, this.endOf(n) - first.startOffset);
    const num = real(tok(c, "NumberLiteral"));
    if (num) return { value: { kind: "number", text: (real(tok(c, "Minus")) ? "-" : "") + num.image }, loc };
    const str = real(tok(c, "StringLiteral"));
    if (str) return { value: { kind: "string", value: stringText(str) }, loc };
    if (real(tok(c, "True"))) return { value: { kind: "bool", value: true }, loc };
    if (real(tok(c, "False"))) return { value: { kind: "bool", value: false }, loc };
    if (real(tok(c, "Null"))) return { value: { kind: "null" }, loc };
    const fn = real(tok(c, "Identifier"));
    if (fn) {
      const name = fn.image.toLowerCase();
      if ((PORTABLE_FUNCTIONS as readonly string[]).includes(name))
        return { value: { kind: "function", name: name as PortableFunction }, loc };
      this.error(
        "unknown-function",
        `\`${fn.image}()\` is not a portable default function`,
        this.loc(fn),
        `${didYouMean(name, PORTABLE_FUNCTIONS) ?? `the portable ones are ${PORTABLE_FUNCTIONS.map((f) => `${f}()`).join(", ")}`}; for any other SQL write \`default (${fn.image}())\``,
      );
      return undefined;
    }
    const raw = this.raw(node(c, "rawSql"));
    if (raw) return { value: { kind: "raw", sql: raw.sql }, loc };
    return undefined;
  }
}

function prefixParts(prefix: string, parts: Record<string, Loc>): Record<string, Loc> {
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [prefix + k, v]));
}

/** The table's columns an SQL expression mentions, in order of first appearance (for check names). */
export function mentionedColumns(sql: string, columns: readonly Column[]): string[] {
  const names = new Set(columns.map((c) => c.name));
  const out: string[] = [];
  // Skip string literals: a word inside quotes is data, not a column.
  for (const m of sql.replace(/'(?:[^']|'')*'/g, "''").matchAll(/"((?:[^"]|"")+)"|[A-Za-z_][A-Za-z0-9_]*/g)) {
    const word = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[0];
    if (names.has(word) && !out.includes(word)) out.push(word);
  }
  return out;
}

/** Visits one file's CST. Column-level constraints are appended after each table's own items. */
export function cstToIr(cst: CstNode, file: string, text: string): FileIr {
  const v = new FileVisitor(file, text);
  const visitTable = v.visitTable.bind(v);
  v.visitTable = (n: CstNode) => {
    v.afterTable = [];
    visitTable(n);
    const t = v.out.tables[v.out.tables.length - 1];
    if (t && t.src?.offset === v.firstToken(n)?.startOffset) {
      const moved = v.afterTable;
      // Column-level constraints come first in their kind's list, in column order, then the
      // table-level ones: the order a reader sees them in the formatted file.
      const m = t as { uniques: UniqueConstraint[]; foreignKeys: ForeignKey[]; checks: Check[] } & Table;
      const uniques = [...m.uniques],
        fks = [...m.foreignKeys],
        checks = [...m.checks];
      m.uniques = [];
      m.foreignKeys = [];
      m.checks = [];
      for (const f of moved) f(m);
      m.uniques.push(...uniques);
      m.foreignKeys.push(...fks);
      m.checks.push(...checks);
    }
  };
  v.visitSchema(cst);
  return v.out;
}
