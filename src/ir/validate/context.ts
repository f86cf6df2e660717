/**
 * What the parts of `validateSchema` share (one file per kind of object, as Alembic's
 * `autogenerate/compare/` is split): the diagnostics found so far, the tables and enums by name,
 * the table's namespace of constraint and index names, and how a node is located.
 */
import type { Column, ColumnType, Domain, EnumType, Loc, SourceInfo, Table } from "../model.ts";
import { diagnostic, didYouMean, type Diagnostic } from "../diagnostics.ts";
import { columnsOf } from "../inheritance.ts";

/** The location of a node, or of one of its named parts when the source recorded it. */
export function locOf(src: SourceInfo | undefined, part?: string): Loc | undefined {
  if (!src) return undefined;
  const p = part ? src.parts?.[part] : undefined;
  if (p) return p;
  const name = src.parts?.["name"];
  if (!part && name) return name;
  return {
    file: src.file,
    line: src.line,
    col: src.col,
    offset: src.offset,
    length: Math.max(1, Math.min(src.end - src.offset, 40)),
  };
}

/** A comparable key for a column type: two columns can reference each other when keys match. */
export function typeKey(t: ColumnType): string {
  switch (t.kind) {
    case "portable":
      return `${t.args ? `${t.name}(${t.args.join(",")})` : t.name}${t.unsigned ? " unsigned" : ""}`;
    case "enum":
      return `enum ${t.name}`;
    case "native":
      return `${t.name.toLowerCase()}${t.args ? `(${t.args.join(",")})` : ""}${t.array ? "[]" : ""}${t.unsigned ? " unsigned" : ""}`;
  }
}

export function typeText(t: ColumnType): string {
  return t.kind === "enum" ? t.name : typeKey(t);
}

/**
 * One run of validation. The parts report in the order they run, and names are claimed first
 * come, first served: the order of the calls in `validateSchema` is the order of the diagnostics.
 */
export class Validation {
  readonly out: Diagnostic[] = [];
  /** Tables and enums by name, the first declaration of each (`declareNames` fills them). */
  readonly tables = new Map<string, Table>();
  readonly enums = new Map<string, EnumType>();
  readonly domains = new Map<string, Domain>();
  /** The `renamed from` names claimed so far by tables (each can be claimed once). */
  readonly tableRenames = new Map<string, Table>();
  /**
   * The constraint and index names of the table being validated: one namespace per table, which
   * every database has (the differ tells them apart by name). Wider scopes differ per database
   * (PostgreSQL's index names are per schema, MySQL's per table): the dialects check those
   * (`Capabilities.nameScopes`, `dialects/common/validate.ts`).
   */
  private constraintNames = new Map<string, SourceInfo | undefined>();

  /** `columnNames`' maps, one per table of this run (a validated table's scope, `noteColumns`). */
  private readonly columnMaps = new Map<Table, ReadonlyMap<string, unknown>>();

  /**
   * The names of the columns table `t` has in the database (`columnsOf`: its parent's too), in
   * their order, as the keys of a map: the scope `validateTable` made for it when it has run
   * (the same names in the same order), else made here once, not once per foreign key.
   */
  columnNames(t: Table): ReadonlyMap<string, unknown> {
    let m = this.columnMaps.get(t);
    if (!m) {
      const out = new Map<string, Column>();
      for (const c of columnsOf((n) => this.tables.get(n), t)) out.set(c.name, c);
      this.columnMaps.set(t, (m = out));
    }
    return m;
  }

  /** Records table `t`'s column scope (`validateTable`) for `columnNames`. */
  noteColumns(t: Table, cols: ReadonlyMap<string, Column>) {
    if (!this.columnMaps.has(t)) this.columnMaps.set(t, cols);
  }

  err(code: string, message: string, loc: Loc | undefined, hint?: string, related?: Diagnostic["related"]) {
    this.out.push(diagnostic("error", code, message, loc, hint, related));
  }

  /** Legal on every database but odd: printed by `generate`, `check` and `lint`, never blocking. */
  warn(code: string, message: string, loc: Loc | undefined, hint?: string, related?: Diagnostic["related"]) {
    this.out.push(diagnostic("warning", code, message, loc, hint, related));
  }

  /** Starts the namespace of the next table's constraint and index names. */
  startTable() {
    this.constraintNames = new Map();
  }

  /** Takes a constraint or index name in its table, or reports that an earlier one there has it. */
  claimName(name: string, src: SourceInfo | undefined, what: string) {
    if (this.constraintNames.has(name)) {
      const prevLoc = locOf(this.constraintNames.get(name));
      this.err(
        "duplicate-name",
        `${what} name \`${name}\` is already used in this table`,
        locOf(src, "name") ?? locOf(src),
        "give it another name",
        prevLoc ? { message: "first used here", loc: prevLoc } : undefined,
      );
    } else this.constraintNames.set(name, src);
  }

  /** Takes `renamed from old` for `claimer`, or reports a second claim or an `old` still there. */
  claimRename<T extends { name: string; src?: SourceInfo }>(
    old: string,
    claimer: T,
    claims: Map<string, T>,
    current: ReadonlyMap<string, T>,
    what: string,
    src?: SourceInfo,
  ) {
    const prev = claims.get(old);
    if (prev) {
      this.err(
        "rename-conflict",
        `\`${old}\` is claimed by two renames: \`${prev.name}\` and \`${claimer.name}\``,
        locOf(src, "renamedFrom"),
        "only one can have been renamed from it; remove the other `renamed from`",
        prev.src ? { message: "the other claim", loc: locOf(prev.src, "renamedFrom")! } : undefined,
      );
      return;
    }
    claims.set(old, claimer);
    const same = current.get(old);
    if (same && same !== claimer) {
      this.err(
        "rename-conflict",
        `\`${claimer.name}\` is \`renamed from ${old}\`, but a ${what} \`${old}\` still exists`,
        locOf(src, "renamedFrom"),
        `remove the \`renamed from\`, or rename the other ${what}`,
      );
    }
  }
}

/** One table under validation: its columns by name (the first of each), for its keys, indexes and references. */
export class TableScope {
  constructor(
    private readonly v: Validation,
    readonly table: Table,
    readonly cols: ReadonlyMap<string, Column>,
  ) {}

  /**
   * Whether the table has the column `name`, reported at `src` (in `what`, followed by the
   * item's name `named` when given) when it has not. The name is passed apart, not in `what`:
   * the message is made only for a column that is missing, not for every column of every key.
   */
  knownColumn(name: string, src: SourceInfo | undefined, what: string, named?: string): boolean {
    if (this.cols.has(name)) return true;
    const t = this.table;
    this.v.err(
      "unknown-column",
      `unknown column \`${name}\` in ${named === undefined ? what : `${what} \`${named}\``} of table \`${t.name}\``,
      locOf(src, `column:${name}`),
      didYouMean(name, this.cols.keys()) ??
        `the columns of \`${t.name}\` are ${[...this.cols.keys()].map((n) => `\`${n}\``).join(", ")}`,
    );
    return false;
  }
}
