/**
 * The renderer shared by every dialect: one method per kind of change, written once in the SQL
 * the three databases agree on, with small hooks each dialect overrides (Kysely's approach:
 * render once, override a few methods). Dialect facts live in the subclasses in
 * `dialects/<name>/render.ts`.
 */
import type {
  Routine,
  Trigger,
  Check,
  Column,
  EnumType,
  Exclusion,
  ForeignKey,
  GeneratedColumn,
  Index,
  IndexPart,
  PrefixLengths,
  KeyIndexClauses,
  PrimaryKey,
  Schema,
  Table,
  TableOptions,
  UniqueConstraint,
  View,
} from "../../ir/model.ts";
import type { AlterColumn, Change, ObjectChange } from "../../diff/changes.ts";
import { assertNever, type CommentedItem } from "../../diff/changes.ts";
import { type Capabilities, createsIndex, type RenderContext, type Statement } from "../dialect.ts";
import { planSteps, type Step } from "../../diff/steps.ts";
import { dollarQuoted } from "../../ir/canonical.ts";
import { NameHint } from "../../ir/by-name.ts";
import { argumentsWithoutDefaults, routineClauses, triggerHead } from "./routines.ts";

export abstract class BaseRenderer {
  protected ctx!: RenderContext;

  /** The dialect's capabilities: what an index can hold (`where`, expressions, `using`). */
  abstract readonly caps: Capabilities;
  abstract q(name: string): string;
  /**
   * An object's name that may be schema-qualified (a table, view, type, sequence, function):
   * quoted whole here; PostgreSQL's renderer quotes `sales.orders` as `"sales"."orders"`.
   */
  qn(name: string): string {
    return this.q(name);
  }
  /** An index of `table` named where DROP INDEX and ALTER INDEX look: PostgreSQL, its schema. */
  protected qIndex(_table: string, index: string): string {
    return this.q(index);
  }
  /**
   * `ALTER KIND old RENAME TO new` (`signature`: a function's argument types). PostgreSQL's
   * renderer also moves the object to another schema when the new name is in one.
   */
  protected renameObject(kind: string, from: string, to: string, signature = ""): string[] {
    return [`ALTER ${kind} ${this.qn(from)}${signature} RENAME TO ${this.q(to)}`];
  }
  /** The column's type as this dialect writes it (enum columns included). */
  abstract typeSql(table: string, col: Column): string;
  /** The column's DEFAULT expression, or undefined for none. */
  abstract defaultSql(col: Column): string | undefined;

  /** Sets the schema that enum values and table definitions are looked up in (for `normalize`). */
  bind(schema: Schema): this {
    this.ctx = { from: schema, to: schema };
    return this;
  }

  render(changes: readonly Change[], ctx: RenderContext): Statement[] {
    this.ctx = ctx;
    this.steps = ctx.steps ?? planSteps(ctx.from, changes);
    return this.renderAll(changes).map((sql) => ({ sql }));
  }

  /** The plan's timeline: each change with the schema before and after it (`diff/steps.ts`). */
  protected steps: readonly Step[] = [];
  /** The step being rendered: what `tableIn` reads. */
  protected step: Step | undefined;
  /**
   * Where each table was last found: in the timeline's schemas (which keep the tables where
   * `ctx.from` has them) and in `ctx.to` (its own order: a snapshot's is sorted, the files' is not).
   */
  protected readonly tableHint = new NameHint();
  protected readonly toHint = new NameHint();

  protected renderAll(changes: readonly Change[]): string[] {
    return changes.flatMap((c, i) => this.renderStep(i, c));
  }

  /** Renders change `i` with `step` set to it. */
  protected renderStep(i: number, c: Change): string[] {
    this.step = this.steps[i];
    try {
      return this.change(c);
    } finally {
      this.step = undefined;
    }
  }

  protected change(c: Change): string[] {
    switch (c.kind) {
      case "create-enum":
        return this.createEnum(c.enum);
      case "drop-enum":
        return this.dropEnum(c.enum);
      case "rename-enum":
        return this.renameEnum(c.from, c.to);
      case "add-enum-values":
        return this.addEnumValues(c.enum, c.values, c.before);
      case "alter-enum-values":
        return this.alterEnumValues(c.enum, c.from, c.to);
      case "set-enum-comment":
        return this.enumComment(c.enum, c.to);
      case "create-sequence":
      case "drop-sequence":
      case "rename-sequence":
      case "alter-sequence":
      case "create-domain":
      case "drop-domain":
      case "rename-domain":
      case "alter-domain":
      case "create-namespace":
      case "drop-namespace":
      case "set-namespace-comment":
      case "create-extension":
      case "drop-extension":
      case "create-composite":
      case "drop-composite":
      case "rename-composite":
      case "alter-composite":
        return this.objectChange(c);
      case "create-view":
        return this.createView(c.view);
      case "drop-view":
        return this.dropView(c.view);
      case "rename-view":
        return this.renameView(c.from, c.to);
      case "set-view-comment":
        return this.viewComment(c.view, c.to);
      case "create-function":
        return this.createFunction(c.function, false);
      case "replace-function":
        return this.replaceFunction(c.from, c.to);
      case "drop-function":
        return this.dropFunction(c.function);
      case "rename-function":
        return this.renameFunction(this.functionIn("before", c.from), c.to);
      case "create-trigger":
        return this.createTrigger(c.trigger);
      case "drop-trigger":
        return this.dropTrigger(c.trigger);
      case "rename-trigger":
        return this.renameTrigger(this.triggerIn("before", c.from), c.to);
      // Kept in the snapshot only: no database here keeps it.
      case "set-routine-doc":
        return [];
      // A table created by the inverse of a drop carries its indexes (the differ creates new
      // tables with none and adds them as separate changes).
      case "create-table":
        return [
          ...this.createTable(c.table),
          ...c.table.indexes.flatMap((i) => [
            ...this.createIndex(c.table.name, i),
            ...this.indexCommentIfAny(c.table.name, i),
          ]),
        ];
      case "drop-table":
        return [`DROP TABLE ${this.qn(c.table.name)}`];
      case "rename-table":
        return this.renameTable(c.from, c.to);
      case "set-table-comment":
        return this.tableComment(c.table, c.to);
      case "set-table-options":
        return this.alterTableOptions(c.table, c.from ?? {}, c.to ?? {});
      case "add-column":
        return this.addColumn(c.table, c.column);
      case "drop-column":
        return [`ALTER TABLE ${this.qn(c.table)} DROP COLUMN ${this.q(c.column.name)}`];
      case "reorder-columns":
        return this.reorderColumns(c.table, c.to);
      case "rename-column":
        return this.renameColumn(c.table, c.from, c.to);
      case "alter-column":
        return this.alterColumn(c);
      case "add-primary-key":
        return [
          `ALTER TABLE ${this.qn(c.table)} ADD ${this.primaryKeySql(c.primaryKey)}`,
          ...this.itemCommentIfAny(c.table, "primary-key", c.primaryKey),
        ];
      case "drop-primary-key":
        return this.dropPrimaryKey(c.table, c.primaryKey);
      case "add-unique":
        return [
          `ALTER TABLE ${this.qn(c.table)} ADD ${this.uniqueSql(c.unique)}`,
          ...this.itemCommentIfAny(c.table, "unique", c.unique),
        ];
      case "drop-unique":
        return this.dropConstraint(c.table, c.unique.name, "unique");
      case "create-index":
        return [...this.createIndex(c.table, c.index), ...this.indexCommentIfAny(c.table, c.index)];
      case "drop-index":
        return this.dropIndex(c.table, c.index);
      case "add-foreign-key":
        return [
          `ALTER TABLE ${this.qn(c.table)} ADD ${this.foreignKeySql(c.foreignKey)}`,
          ...this.itemCommentIfAny(c.table, "foreign-key", c.foreignKey),
        ];
      case "drop-foreign-key":
        return this.dropConstraint(c.table, c.foreignKey.name, "foreign-key");
      case "add-check":
        return [
          `ALTER TABLE ${this.qn(c.table)} ADD ${this.checkSql(c.check)}`,
          ...this.itemCommentIfAny(c.table, "check", c.check),
        ];
      case "drop-check":
        return this.dropConstraint(c.table, c.check.name, "check");
      case "set-constraint-valid":
        return this.setConstraintValid(c.table, c.constraint, c.name, c.valid);
      case "set-item-comment":
        return this.itemComment(c.table, c.item, c.name, c.to);
      case "add-exclusion":
        return [
          `ALTER TABLE ${this.qn(c.table)} ADD ${this.exclusionSql(c.exclusion)}`,
          ...this.itemCommentIfAny(c.table, "exclusion", c.exclusion),
        ];
      case "drop-exclusion":
        return this.dropConstraint(c.table, c.exclusion.name, "exclusion");
      case "rename-constraint":
        return this.renameConstraint(c.table, c.constraint, c.from, c.to);
      case "rename-index":
        return this.renameIndex(c.table, c.from, c.to);
      default:
        return assertNever(c);
    }
  }

  // ---- hooks with a standard default ------------------------------------------------------
  /**
   * Sequences and domains: only PostgreSQL has them, and validation refuses them elsewhere
   * (`Capabilities.standaloneSequences`, `domains`), so reaching this is a planner bug.
   */
  protected objectChange(c: ObjectChange): string[] {
    throw new Error(`this dialect has no sequences or domains (${c.kind})`);
  }
  /** `CREATE VIEW v AS query` (`MATERIALIZED` where validation lets one through: PostgreSQL). */
  protected createView(v: View): string[] {
    return [
      `CREATE ${v.materialized ? "MATERIALIZED " : ""}VIEW ${this.qn(v.name)} AS ${v.query}`,
      ...(v.doc !== undefined ? this.viewComment(v.name, v.doc, v) : []),
    ];
  }
  protected dropView(v: View): string[] {
    return [`DROP ${v.materialized ? "MATERIALIZED " : ""}VIEW ${this.qn(v.name)}`];
  }
  /** PostgreSQL's `ALTER [MATERIALIZED] VIEW ... RENAME TO` by default. */
  protected renameView(from: string, to: string): string[] {
    const materialized = this.viewIn("before", from).materialized ? "MATERIALIZED " : "";
    return this.renameObject(`${materialized}VIEW`, from, to);
  }
  /** A view's comment set (`doc`) or removed: none by default (kept in the snapshot). */
  protected viewComment(_name: string, _doc: string | undefined, _view?: View): string[] {
    return [];
  }
  /**
   * PostgreSQL's CREATE [OR REPLACE] FUNCTION|PROCEDURE by default, the body in dollar quotes
   * that it does not hold.
   */
  protected createFunction(f: Routine, orReplace: boolean): string[] {
    return [
      [
        `CREATE ${orReplace ? "OR REPLACE " : ""}${f.procedure ? "PROCEDURE" : "FUNCTION"} ${this.qn(f.name)}(${f.args})`,
        ...routineClauses(f),
        `AS ${dollarQuoted(f.body)}`,
      ].join(" "),
    ];
  }
  /** The same signature (`replace-function`): CREATE OR REPLACE by default. */
  protected replaceFunction(_from: Routine, to: Routine): string[] {
    return this.createFunction(to, true);
  }
  /** PostgreSQL names the function by its argument types (there may be overloads). */
  protected dropFunction(f: Routine): string[] {
    return [
      `DROP ${f.procedure ? "PROCEDURE" : "FUNCTION"} ${this.qn(f.name)}(${argumentsWithoutDefaults(f.args)})`,
    ];
  }
  protected renameFunction(f: Routine, to: string): string[] {
    return this.renameObject(
      f.procedure ? "PROCEDURE" : "FUNCTION",
      f.name,
      to,
      `(${argumentsWithoutDefaults(f.args)})`,
    );
  }
  /** PostgreSQL's CREATE TRIGGER ... EXECUTE FUNCTION by default. */
  protected createTrigger(t: Trigger): string[] {
    return [
      [
        `CREATE TRIGGER ${this.q(t.name)} ${triggerHead(t, (n) => this.qn(n))}`,
        ...(t.forEach ? [`FOR EACH ${t.forEach.toUpperCase()}`] : []),
        ...(t.when !== undefined ? [`WHEN (${t.when})`] : []),
        `EXECUTE FUNCTION ${this.qn(t.execute?.function ?? "")}(${t.execute?.args ?? ""})`,
      ].join(" "),
    ];
  }
  /** PostgreSQL names a trigger within its table; MySQL/MariaDB and SQLite override. */
  protected dropTrigger(t: Trigger): string[] {
    return [`DROP TRIGGER ${this.q(t.name)} ON ${this.qn(t.table)}`];
  }
  protected renameTrigger(t: Trigger, to: string): string[] {
    return [`ALTER TRIGGER ${this.q(t.name)} ON ${this.qn(t.table)} RENAME TO ${this.q(to)}`];
  }
  /** Function `name` as it is before or after the change being rendered. */
  protected functionIn(when: "before" | "after", name: string): Routine {
    const f = this.step?.[when].functions?.find((x) => x.name === name);
    if (!f) throw new Error(`render: no function ${name} ${when} this change`);
    return f;
  }
  /** Trigger `name` as it is before or after the change being rendered. */
  protected triggerIn(when: "before" | "after", name: string): Trigger {
    const t = this.step?.[when].triggers?.find((x) => x.name === name);
    if (!t) throw new Error(`render: no trigger ${name} ${when} this change`);
    return t;
  }
  /** View `name` as it is before or after the change being rendered. */
  protected viewIn(when: "before" | "after", name: string): View {
    const v = this.step?.[when].views?.find((x) => x.name === name);
    if (!v) throw new Error(`render: no view ${name} ${when} this change`);
    return v;
  }
  protected createEnum(_e: EnumType): string[] {
    return [];
  }
  protected dropEnum(_e: EnumType): string[] {
    return [];
  }
  protected renameEnum(_from: string, _to: string): string[] {
    return [];
  }
  protected addEnumValues(name: string, _values: readonly string[], _before: readonly string[]): string[] {
    return this.enumColumnsChanged(name);
  }
  protected alterEnumValues(name: string, _from: readonly string[], _to: readonly string[]): string[] {
    return this.enumColumnsChanged(name);
  }
  /** Where enums are inline (MySQL) or checks (SQLite), the columns using one change with it. */
  protected enumColumnsChanged(_name: string): string[] {
    return [];
  }
  protected renameTable(from: string, to: string): string[] {
    return this.renameObject("TABLE", from, to);
  }
  protected renameColumn(table: string, from: string, to: string): string[] {
    return [`ALTER TABLE ${this.qn(table)} RENAME COLUMN ${this.q(from)} TO ${this.q(to)}`];
  }
  /**
   * The table's options changed from `from` to `to` (all of them, each side), in place:
   * PostgreSQL's storage-parameter form by default, `SET (name = value, flag)` for the new and
   * changed ones, `RESET (name)` for those gone. Validation refuses any option a dialect's
   * capabilities do not list; a dialect whose options work otherwise overrides this (SQLite
   * rebuilds the table).
   */
  protected alterTableOptions(table: string, from: TableOptions, to: TableOptions): string[] {
    const set = Object.entries(to)
      .filter(([k, v]) => from[k] !== v)
      .map(([k, v]) => (v === true ? k : `${k} = ${v}`));
    const reset = Object.keys(from).filter((k) => !(k in to));
    return [
      ...(set.length ? [`ALTER TABLE ${this.qn(table)} SET (${set.join(", ")})`] : []),
      ...(reset.length ? [`ALTER TABLE ${this.qn(table)} RESET (${reset.join(", ")})`] : []),
    ];
  }
  protected tableComment(_table: string, _doc: string | undefined): string[] {
    return [];
  }
  /** The comment of a constraint or index set (`doc`) or removed (undefined): none by default. */
  protected itemComment(
    _table: string,
    _item: CommentedItem,
    _name: string,
    _doc: string | undefined,
  ): string[] {
    return [];
  }
  protected enumComment(_name: string, _doc: string | undefined): string[] {
    return [];
  }
  protected columnComments(_table: Table): string[] {
    return [];
  }
  protected addColumn(table: string, col: Column): string[] {
    return [`ALTER TABLE ${this.qn(table)} ADD COLUMN ${this.columnDef(this.tableIn("to", table), col)}`];
  }
  /** Columns put in the target's order (emitted only where the dialect keeps column order). */
  protected reorderColumns(_table: string, _order: readonly string[]): string[] {
    return [];
  }
  /** One column changed in place: `c.facets` says in what (type, nullability, default, ...). */
  protected abstract alterColumn(c: AlterColumn): string[];
  protected dropPrimaryKey(table: string, pk: PrimaryKey): string[] {
    return this.dropConstraint(table, pk.name, "primary-key");
  }
  protected dropConstraint(
    table: string,
    name: string,
    _kind: "unique" | "foreign-key" | "check" | "primary-key" | "exclusion",
  ): string[] {
    return [`ALTER TABLE ${this.qn(table)} DROP CONSTRAINT ${this.q(name)}`];
  }
  protected dropIndex(table: string, index: Index): string[] {
    return this.creates(index) ? [`DROP INDEX ${this.qIndex(table, index.name)}`] : [];
  }
  /**
   * PostgreSQL's words (validation refuses `not valid` elsewhere): `VALIDATE CONSTRAINT` checks
   * the rows there; the way back is a drop and an add `NOT VALID`, which PostgreSQL has no
   * ALTER for (the definition is the table's after the change).
   */
  protected setConstraintValid(
    table: string,
    kind: "check" | "foreign-key",
    name: string,
    valid: boolean,
  ): string[] {
    if (valid) return [`ALTER TABLE ${this.qn(table)} VALIDATE CONSTRAINT ${this.q(name)}`];
    const t = this.tableIn("to", table);
    const def =
      kind === "check"
        ? this.checkSql(t.checks.find((c) => c.name === name)!)
        : this.foreignKeySql(t.foreignKeys.find((f) => f.name === name)!);
    const item =
      kind === "check" ? t.checks.find((c) => c.name === name)! : t.foreignKeys.find((f) => f.name === name)!;
    // The drop takes the comment along: it is set again.
    return [
      ...this.dropConstraint(table, name, kind),
      `ALTER TABLE ${this.qn(table)} ADD ${def}`,
      ...this.itemCommentIfAny(table, kind, item),
    ];
  }
  protected renameConstraint(table: string, _kind: string, from: string, to: string): string[] {
    return [`ALTER TABLE ${this.qn(table)} RENAME CONSTRAINT ${this.q(from)} TO ${this.q(to)}`];
  }
  protected renameIndex(table: string, from: string, to: string): string[] {
    return [`ALTER INDEX ${this.qIndex(table, from)} RENAME TO ${this.q(to)}`];
  }

  // ---- definitions -------------------------------------------------------------------------
  createTable(t: Table): string[] {
    if (t.virtual) return this.createVirtualTable(t);
    const lines = [...t.columns.map((c) => this.columnDef(t, c)), ...this.tableConstraints(t)];
    // A table without columns (PostgreSQL's `CREATE TABLE t ()`; validation refuses it elsewhere).
    const body = lines.length ? `(\n  ${lines.join(",\n  ")}\n)` : "()";
    return [
      `CREATE TABLE ${this.qn(t.name)} ${body}${this.tableOptions(t)}`,
      ...this.notValidConstraints(t),
      ...this.columnComments(t),
      ...this.constraintComments(t),
    ];
  }

  /**
   * A virtual table (`Table.virtual`), in SQLite's words: `CREATE VIRTUAL TABLE t USING fts4(a, b)`,
   * the module's arguments as the schema has them (SQLite keeps the text, so `pull` reads them
   * back the same). Its shadow tables come with it, and its DROP TABLE drops them. Validation
   * refuses virtual tables where the database has none (`Capabilities.virtualTables`).
   */
  protected createVirtualTable(t: Table): string[] {
    const v = t.virtual!;
    const module = /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.module) ? v.module : this.q(v.module);
    return [
      `CREATE VIRTUAL TABLE ${this.qn(t.name)} USING ${module}${v.args !== undefined ? `(${v.args})` : ""}`,
    ];
  }

  /** The comments of a new table's constraints (its indexes come as their own changes). */
  protected constraintComments(t: Table): string[] {
    return [
      ...(t.primaryKey ? this.itemCommentIfAny(t.name, "primary-key", t.primaryKey) : []),
      ...t.uniques.flatMap((u) => this.itemCommentIfAny(t.name, "unique", u)),
      ...t.checks.flatMap((c) => this.itemCommentIfAny(t.name, "check", c)),
      ...t.foreignKeys.flatMap((f) => this.itemCommentIfAny(t.name, "foreign-key", f)),
      ...(t.exclusions ?? []).flatMap((x) => this.itemCommentIfAny(t.name, "exclusion", x)),
    ];
  }

  /** The comment of a constraint just added, when it has one. */
  protected itemCommentIfAny(
    table: string,
    item: CommentedItem,
    x: { name: string; comment?: string },
  ): string[] {
    return x.comment !== undefined ? this.itemComment(table, item, x.name, x.comment) : [];
  }

  /** An index's comment, where the index exists on this dialect. */
  private indexCommentIfAny(table: string, i: Index): string[] {
    return this.creates(i) ? this.itemCommentIfAny(table, "index", i) : [];
  }

  /**
   * The `not valid` checks and foreign keys of a new table, added after it: PostgreSQL takes
   * NOT VALID in CREATE TABLE and marks the constraint valid anyway (the table is empty), so
   * only `ALTER TABLE ... ADD ... NOT VALID` leaves it as the schema says.
   */
  protected notValidConstraints(t: Table): string[] {
    return [
      ...t.checks.filter((c) => c.notValid).map((c) => this.checkSql(c)),
      ...t.foreignKeys.filter((f) => f.notValid).map((f) => this.foreignKeySql(f)),
    ].map((def) => `ALTER TABLE ${this.qn(t.name)} ADD ${def}`);
  }

  protected tableOptions(_t: Table): string {
    return "";
  }

  /** Constraint lines of CREATE TABLE: primary key, uniques, checks, foreign keys. */
  protected tableConstraints(t: Table): string[] {
    return [
      ...(t.primaryKey && !this.primaryKeyInline(t) ? [this.primaryKeySql(t.primaryKey)] : []),
      ...t.uniques.map((u) => this.uniqueSql(u)),
      ...t.checks.filter((c) => !c.notValid).map((c) => this.checkSql(c)),
      ...t.foreignKeys.filter((f) => !f.notValid).map((f) => this.foreignKeySql(f)),
      ...(t.exclusions ?? []).map((x) => this.exclusionSql(x)),
    ];
  }

  /** SQLite writes an identity primary key inline in its column. */
  protected primaryKeyInline(_t: Table): boolean {
    return false;
  }

  columnDef(t: Table, c: Column): string {
    const parts = [this.q(c.name), this.typeSql(t.name, c)];
    if (c.collation !== undefined) parts.push(`COLLATE ${this.collationSql(c.collation)}`);
    // Before NOT NULL: MySQL takes nullability only after the generation clause.
    if (c.generated) parts.push(this.generatedSql(c.generated));
    parts.push(this.nullability(c));
    const d = this.defaultSql(c);
    if (d !== undefined) parts.push(`DEFAULT ${d}`);
    parts.push(...this.columnExtras(t, c));
    return parts.filter(Boolean).join(" ");
  }

  /**
   * A collation's name in `COLLATE`: quoted, as PostgreSQL needs (its names keep their case:
   * `"C"`); MySQL and SQLite, whose names ignore case, write a plain name bare.
   */
  protected collationSql(name: string): string {
    return this.q(name);
  }

  /** A generated column's clause, in the standard's words (SQLite, PostgreSQL, MySQL). */
  protected generatedSql(g: GeneratedColumn): string {
    return `GENERATED ALWAYS AS (${g.expr}) ${g.stored ? "STORED" : "VIRTUAL"}`;
  }

  /** `NOT NULL`, or what a nullable column says. */
  protected nullability(c: Column): string {
    return c.nullable ? this.nullableSql() : "NOT NULL";
  }

  /** What a nullable column says: nothing by default (MySQL says NULL explicitly). */
  protected nullableSql(): string {
    return "";
  }
  /** Identity, inline checks, comments: per dialect. */
  protected columnExtras(_t: Table, _c: Column): string[] {
    return [];
  }

  primaryKeySql(pk: PrimaryKey): string {
    return `CONSTRAINT ${this.q(pk.name)} PRIMARY KEY (${this.keyCols(pk.columns, pk.prefixLengths)})${this.keyIndexClauses(pk)}${this.deferrableSql(pk)}`;
  }
  uniqueSql(u: UniqueConstraint): string {
    // PostgreSQL puts NULLS NOT DISTINCT before a constraint's columns (an index has it after them).
    return `CONSTRAINT ${this.q(u.name)} UNIQUE${u.nullsNotDistinct ? " NULLS NOT DISTINCT" : ""} (${this.keyCols(u.columns, u.prefixLengths)})${this.keyIndexClauses(u)}${this.deferrableSql(u)}`;
  }
  /** ` DEFERRABLE [INITIALLY DEFERRED]` ending a key, exclusion or foreign key (validation lets it through on PostgreSQL only). */
  protected deferrableSql(k: { readonly deferrable?: "immediate" | "deferred" }): string {
    return k.deferrable ? ` DEFERRABLE${k.deferrable === "deferred" ? " INITIALLY DEFERRED" : ""}` : "";
  }
  /**
   * PostgreSQL's EXCLUDE (validation refuses it elsewhere): each element as an index entry,
   * then `WITH operator`; the clauses of its index, then its WHERE.
   */
  exclusionSql(x: Exclusion): string {
    const parts = x.parts.map(
      (p) =>
        `${p.kind === "column" ? this.q(p.column) : `(${p.sql})`}${this.indexPartOptions(p)} WITH ${p.operator}`,
    );
    return `CONSTRAINT ${this.q(x.name)} EXCLUDE USING ${x.using} (${parts.join(", ")})${this.keyIndexClauses(x)}${x.where !== undefined ? ` WHERE (${x.where})` : ""}${this.deferrableSql(x)}`;
  }
  /** A key's `INCLUDE (...)` and `WITH (...)`, PostgreSQL's (validation refuses them elsewhere). */
  protected keyIndexClauses(k: KeyIndexClauses): string {
    return `${k.include?.length ? ` INCLUDE (${this.cols(k.include)})` : ""}${this.storageSql(k.storage)}`;
  }
  /** ` WITH (name = value, ...)`, or nothing. */
  protected storageSql(storage: Readonly<Record<string, string>> | undefined): string {
    return storage
      ? ` WITH (${Object.entries(storage)
          .map(([k, v]) => `${k} = ${v}`)
          .join(", ")})`
      : "";
  }
  /** `NO INHERIT` only where validation lets it through (PostgreSQL). */
  checkSql(c: Check): string {
    return `CONSTRAINT ${this.q(c.name)} CHECK (${c.expr})${c.noInherit ? " NO INHERIT" : ""}${c.notValid ? " NOT VALID" : ""}`;
  }
  /** `MATCH FULL`, `DEFERRABLE` and `NOT VALID` only where validation lets them through (PostgreSQL). */
  foreignKeySql(f: ForeignKey): string {
    const actions = `${f.onDelete !== "no action" ? ` ON DELETE ${f.onDelete.toUpperCase()}` : ""}${f.onUpdate !== "no action" ? ` ON UPDATE ${f.onUpdate.toUpperCase()}` : ""}`;
    return `CONSTRAINT ${this.q(f.name)} FOREIGN KEY (${this.cols(f.columns)}) REFERENCES ${this.qn(f.refTable)} (${this.cols(f.refColumns)})${f.matchFull ? " MATCH FULL" : ""}${actions}${this.deferrableSql(f)}${f.notValid ? " NOT VALID" : ""}`;
  }

  /**
   * The `where` is written where the dialect has partial indexes (validation warns where it
   * drops one, and refuses a unique one); `using` where it has a choice of method, as written
   * (a method it has not built in may come from an extension: validation warns).
   */
  createIndex(table: string, i: Index): string[] {
    if (!this.creates(i)) return [];
    const parts = i.parts.map(
      (p) => `${p.kind === "column" ? this.q(p.column) : `(${p.sql})`}${this.indexPartOptions(p)}`,
    );
    const using = i.using && this.caps.indexMethods.length ? ` USING ${i.using}` : "";
    return [
      `CREATE ${i.unique ? "UNIQUE " : ""}INDEX ${this.q(i.name)} ON ${this.qn(table)}${using} (${parts.join(", ")})${this.indexClauses(i)}${i.where !== undefined && this.caps.partialIndexes ? ` WHERE ${i.where}` : ""}`,
    ];
  }
  /**
   * After an entry's column or expression: `COLLATE`, the operator class, the direction and
   * `NULLS FIRST|LAST`, in PostgreSQL's order (SQLite takes COLLATE and the direction; validation
   * refuses the others where the dialect has none).
   */
  protected indexPartOptions(p: IndexPart): string {
    return `${p.collation !== undefined ? ` COLLATE ${this.collationSql(p.collation)}` : ""}${p.opclass !== undefined ? ` ${p.opclass}` : ""}${p.desc ? " DESC" : ""}${p.nulls ? ` NULLS ${p.nulls.toUpperCase()}` : ""}`;
  }

  /**
   * PostgreSQL's clauses between the key and WHERE: `INCLUDE (...)`, `NULLS NOT DISTINCT`,
   * `WITH (...)` (validation refuses them where the dialect has none).
   */
  protected indexClauses(i: Index): string {
    const storage = this.storageSql(i.storage);
    return `${i.include?.length ? ` INCLUDE (${this.cols(i.include)})` : ""}${i.nullsNotDistinct ? " NULLS NOT DISTINCT" : ""}${storage}`;
  }

  /** Whether the index exists on this dialect (see `createsIndex`). */
  protected creates(i: Index): boolean {
    return createsIndex(this.caps, i);
  }

  protected cols(names: readonly string[]): string {
    return names.map((n) => this.q(n)).join(", ");
  }

  /** A key's columns, each with its prefix length if any (MySQL's; validation refuses them elsewhere). */
  protected keyCols(names: readonly string[], lengths: PrefixLengths | undefined): string {
    return names.map((n) => `${this.q(n)}${lengths?.[n] !== undefined ? `(${lengths[n]})` : ""}`).join(", ");
  }

  /**
   * A table as it is just before (`from`) or just after (`to`) the change being rendered, by
   * the name it has then; outside a plan (`bind`), as it is in the bound schema.
   */
  protected tableIn(side: "from" | "to", name: string): Table {
    const s = this.step ? (side === "from" ? this.step.before : this.step.after) : this.ctx[side];
    const t = (this.step || side === "from" ? this.tableHint : this.toHint).find(s.tables, name);
    if (!t)
      throw new Error(
        `render: table ${name} not in the schema ${side === "from" ? "before" : "after"} the change`,
      );
    return t;
  }
  /** The enum's values as they are after the changes. */
  protected enumValues(name: string): string[] {
    return (
      (
        this.ctx.to.enums.find((e) => e.name === name) ?? this.ctx.from.enums.find((e) => e.name === name)
      )?.values.map((v) => v.name) ?? []
    );
  }
}
