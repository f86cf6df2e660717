/**
 * SQLite: `ALTER TABLE` where SQLite allows it (rename table, rename column, add a simple
 * column, drop a column nothing refers to), the table rebuild (`rebuild.ts`) for everything
 * else. Enums are TEXT with a CHECK; comments do not exist; foreign keys may name tables
 * created later, so cycles need no separate statements.
 */
import type { Column, Table, Trigger } from "../../ir/model.ts";
import { triggerHead } from "../common/routines.ts";
import type { AlterColumn, Change } from "../../diff/changes.ts";
import { assertNever } from "../../diff/changes.ts";
import type { ColumnFacet } from "../../diff/facets.ts";
import { BaseRenderer } from "../common/render.ts";
import { quoteDouble, quoteString } from "../common/sql.ts";
import { sqliteType } from "./types.ts";
import { CAPABILITIES } from "./capabilities.ts";
import { rebuildTable } from "./rebuild.ts";
import { planSteps, type Step, tableLineage } from "../../diff/steps.ts";
import type { RenderContext } from "../dialect.ts";

/** A v4 UUID from random bytes, as text: SQLite has no uuid function. */
export const UUID_SQL =
  "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))";

export class SqliteRenderer extends BaseRenderer {
  caps = CAPABILITIES;
  q = quoteDouble;

  typeSql(_table: string, c: Column): string {
    // AUTOINCREMENT needs the exact type INTEGER on the primary key column.
    return c.identity ? "INTEGER" : sqliteType(c.type);
  }

  defaultSql(c: Column): string | undefined {
    const d = c.default;
    if (!d) return undefined;
    switch (d.kind) {
      case "number":
        return d.text.startsWith("-") ? `(${d.text})` : d.text;
      case "string":
        return quoteString(d.value);
      case "bool":
        return d.value ? "1" : "0";
      case "null":
        return "NULL";
      case "function":
        return d.name === "now" ? "CURRENT_TIMESTAMP" : d.name === "current_date" ? "CURRENT_DATE" : UUID_SQL;
      case "raw":
        // SQLite keeps the DEFAULT text as written: the literal keywords TRUE and FALSE go bare,
        // so that a pulled `DEFAULT false` is written back the same (any other expression needs
        // its parentheses).
        return /^(?:TRUE|FALSE)$/i.test(d.sql) ? d.sql : `(${d.sql})`;
    }
  }

  /** `CREATE TABLE ... ) WITHOUT ROWID, STRICT`: SQLite's options follow the column list, comma-separated. */
  protected override tableOptions(t: Table): string {
    const words = Object.entries(t.options ?? {}).map(([k, v]) =>
      v === true ? k.toUpperCase() : `${k.toUpperCase()} = ${v}`,
    );
    return words.length ? ` ${words.join(", ")}` : "";
  }

  protected override primaryKeyInline(t: Table): boolean {
    return identityColumn(t) !== undefined;
  }

  protected override columnExtras(t: Table, c: Column): string[] {
    const out: string[] = [];
    if (c.identity && identityColumn(t) === c)
      out.push(`CONSTRAINT ${this.q(t.primaryKey!.name)} PRIMARY KEY AUTOINCREMENT`);
    if (c.type.kind === "enum")
      out.push(`CHECK (${this.q(c.name)} IN (${this.enumValues(c.type.name).map(quoteString).join(", ")}))`);
    return out;
  }

  /** A plain collation name is written bare (`COLLATE utf8mb4_bin`, `COLLATE NOCASE`). */
  protected override collationSql(name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : this.q(name);
  }

  /** SQLite cannot rename a view: it is dropped and created under the new name. */
  protected override renameView(from: string, to: string): string[] {
    const v = this.viewIn("before", from);
    return [...this.dropView(v), ...this.createView({ ...v, name: to })];
  }

  /** `CREATE TRIGGER t BEFORE INSERT ON x [FOR EACH ROW] [WHEN expr] BEGIN ... END`: the body verbatim. */
  protected override createTrigger(t: Trigger): string[] {
    return [
      [
        `CREATE TRIGGER ${this.q(t.name)} ${triggerHead(t, (n) => this.q(n))}`,
        ...(t.forEach ? [`FOR EACH ${t.forEach.toUpperCase()}`] : []),
        ...(t.when !== undefined ? [`WHEN ${t.when}`] : []),
        (t.body ?? "").trim(),
      ].join(" "),
    ];
  }
  /** Trigger names are the schema's. */
  protected override dropTrigger(t: Trigger): string[] {
    return [`DROP TRIGGER ${this.q(t.name)}`];
  }
  /** SQLite cannot rename a trigger: it is dropped and created under the new name. */
  protected override renameTrigger(t: Trigger, to: string): string[] {
    return [...this.dropTrigger(t), ...this.createTrigger({ ...t, name: to })];
  }

  protected override renameIndex(table: string, from: string, to: string): string[] {
    // SQLite cannot rename an index: drop it and create it under the new name.
    const index = this.tableIn("to", table).indexes.find((i) => i.name === to)!;
    return [`DROP INDEX ${this.q(from)}`, ...this.createIndex(table, index)];
  }

  protected alterColumn(c: AlterColumn): string[] {
    if (!alterRebuilds(c)) return []; // a comment: nothing to do
    throw new Error("SQLite alters columns through a table rebuild (render() routes them there)");
  }

  /**
   * Routes every change that SQLite cannot do in place into one rebuild per table, emitted
   * after the last change of that table (renames of the table and its columns run in place
   * first, so the rebuild copies from the names as they are then).
   */
  override render(changes: readonly Change[], ctx: RenderContext) {
    this.ctx = ctx;
    this.steps = ctx.steps ?? planSteps(ctx.from, changes);
    const lineage = tableLineage(changes);
    // The column renames with their positions, once: `finalNames` runs for every added column.
    // A loop, not `flatMap`: no array per change.
    const columnRenames: { r: Extract<Change, { kind: "rename-column" }>; k: number }[] = [];
    changes.forEach((r, k) => {
      if (r.kind === "rename-column") columnRenames.push({ r, k });
    });
    this.later = { changes, lineage, columnRenames };
    const idOf = (i: number, c: Change) => {
      const t = tableOf(c);
      return t === undefined ? undefined : lineage.id(i, t);
    };
    // Tables by identity (renames and a name reused after a drop are followed by the lineage).
    const rebuild = new Set<string>();
    // Where a table's rebuild comes after the change that needs it: its last change, or the
    // enum change that alters its CHECK (a table may have no change of its own).
    const last = new Map<string, number>();
    changes.forEach((c, i) => {
      this.step = this.steps[i]; // simpleAdd and simpleDrop read the table as it is then
      const t = this.needsRebuild(c, i);
      this.step = undefined;
      if (t !== undefined) rebuild.add(lineage.id(i, t));
      if (c.kind === "add-enum-values" || c.kind === "alter-enum-values") {
        for (const tb of ctx.to.tables)
          if (tb.columns.some((col) => col.type.kind === "enum" && col.type.name === c.enum)) {
            const id = lineage.id(changes.length, tb.name);
            rebuild.add(id);
            last.set(id, i);
          }
      }
    });
    // Drop and create of the same table are not rebuilds.
    changes.forEach((c, i) => {
      if (c.kind === "create-table" || c.kind === "drop-table") rebuild.delete(lineage.id(i, c.table.name));
    });
    changes.forEach((c, i) => {
      const id = idOf(i, c);
      if (id !== undefined && rebuild.has(id)) last.set(id, Math.max(i, last.get(id) ?? -1));
    });
    for (const id of last.keys()) if (!rebuild.has(id)) last.delete(id);
    // The rebuilds due at each change, in the order of `last`; and the columns the absorbed
    // add-column changes add to each table (not in the database yet at its rebuild), in plan
    // order: both gathered once, not per change and per rebuild.
    const dueAt = new Map<number, string[]>();
    for (const [table, pos] of last) (dueAt.get(pos) ?? dueAt.set(pos, []).get(pos)!).push(table);
    const addedTo = new Map<string, string[]>();
    if (last.size)
      changes.forEach((a, k) => {
        if (a.kind !== "add-column") return;
        const id = lineage.id(k, a.table);
        (addedTo.get(id) ?? addedTo.set(id, []).get(id)!).push(a.column.name);
      });
    const out: string[] = [];
    changes.forEach((c, i) => {
      const id = idOf(i, c);
      const absorbed =
        id !== undefined && rebuild.has(id) && c.kind !== "rename-table" && c.kind !== "rename-column";
      if (!absorbed) out.push(...this.renderStep(i, c));
      for (const table of dueAt.get(i) ?? []) {
        const name = lineage.name(i + 1, table);
        if (name === undefined) throw new Error(`render: table ${table} is gone at its rebuild`);
        const added = addedTo.get(table) ?? [];
        const finalName = lineage.name(changes.length, table);
        const final = finalName === undefined ? undefined : this.toHint.find(ctx.to.tables, finalName);
        out.push(...this.rebuild(name, this.steps[i]!, added, final));
      }
    });
    return out.map((sql) => ({ sql }));
  }

  /** The table (as named when the change runs) a change forces to rebuild, if any. */
  private needsRebuild(c: Change, i: number): string | undefined {
    switch (c.kind) {
      case "alter-column":
        return alterRebuilds(c) ? c.table : undefined;
      case "add-column":
        return this.simpleAdd(i, c.table, c.column) ? undefined : c.table;
      case "drop-column":
        return this.simpleDrop(c.table, c.column) ? undefined : c.table;
      // WITHOUT ROWID and STRICT are fixed when a table is created.
      case "set-table-options":
      // SQLite cannot move a column: a new order is a new table.
      case "reorder-columns":
        return c.table;
      case "add-primary-key":
      case "drop-primary-key":
      case "add-unique":
      case "drop-unique":
      case "add-foreign-key":
      case "drop-foreign-key":
      case "add-check":
      case "drop-check":
      // Validation refuses `not valid` on SQLite: were it to come, a rebuild checks every row.
      case "set-constraint-valid":
      case "add-exclusion":
      case "drop-exclusion":
      case "rename-constraint":
        return c.table;
      // SQLite has no comments: nothing to do.
      case "set-item-comment":
      // In place: ALTER TABLE RENAME, CREATE/DROP INDEX; enums are CHECKs (routed in render()).
      case "create-enum":
      case "drop-enum":
      case "rename-enum":
      case "add-enum-values":
      case "alter-enum-values":
      case "set-enum-comment":
      // Refused by validation on SQLite (no sequences, no domains): never rebuilt for.
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
      case "create-view":
      case "drop-view":
      case "rename-view":
      case "set-view-comment":
      case "create-function":
      case "drop-function":
      case "replace-function":
      case "rename-function":
      case "create-trigger":
      case "drop-trigger":
      case "rename-trigger":
      case "set-routine-doc":
      case "create-table":
      case "drop-table":
      case "rename-table":
      case "set-table-comment":
      case "rename-column":
      case "create-index":
      case "drop-index":
      case "rename-index":
        return undefined;
      default:
        return assertNever(c);
    }
  }

  /** The changes being rendered, for what comes after a step (`finalNames`). */
  private later:
    | {
        changes: readonly Change[];
        lineage: ReturnType<typeof tableLineage>;
        columnRenames: readonly { r: Extract<Change, { kind: "rename-column" }>; k: number }[];
      }
    | undefined;

  /**
   * Table `table` (as named at change `i`) as the plan leaves it, and the name each of its
   * columns has then: the renames of its columns after change `i`, followed.
   */
  private finalNames(
    i: number,
    table: string,
  ): { final: readonly Column[]; finalName: (c: string) => string } {
    const { changes, lineage, columnRenames } = this.later!;
    const id = lineage.id(i, table);
    const name = lineage.name(changes.length, id);
    const final =
      (name === undefined ? undefined : this.toHint.find(this.ctx.to.tables, name))?.columns ?? [];
    const renames = columnRenames
      .filter(({ r, k }) => k > i && lineage.id(k, r.table) === id)
      .map(({ r }) => r);
    const finalName = (col: string) => renames.reduce((n, r) => (n === r.from ? r.to : n), col);
    return { final, finalName };
  }

  /** SQLite's ADD COLUMN rules: no key, no identity, a constant default if NOT NULL, no FK with a default. */
  private simpleAdd(i: number, table: string, c: Column): boolean {
    const t = this.tableIn("to", table);
    // ADD COLUMN appends: a column the schema puts before one the table has already needs a
    // rebuild. Renames may still come (an inverted plan adds first and renames back last), so
    // the columns are compared under their final names, in the table under its final name.
    const { final, finalName } = this.finalNames(i, table);
    const before = new Set(this.tableIn("from", table).columns.map((x) => finalName(x.name)));
    const k = final.findIndex((x) => x.name === finalName(c.name));
    if (k >= 0 && final.slice(k + 1).some((x) => before.has(x.name))) return false;
    if (c.identity || c.type.kind === "enum") return false;
    // ADD COLUMN takes a VIRTUAL generated column, never a STORED one (it would fill every row).
    if (c.generated?.stored) return false;
    if (usedByGenerated(t, c.name)) return false;
    if (t.primaryKey?.columns.includes(c.name) || t.uniques.some((u) => u.columns.includes(c.name)))
      return false;
    if (
      t.checks.some((k) => k.expr.includes(c.name)) ||
      t.foreignKeys.some((f) => f.columns.includes(c.name))
    )
      return false;
    const d = c.default;
    if (d && (d.kind === "function" || d.kind === "raw")) return false;
    if (!c.nullable && (!d || d.kind === "null")) return false;
    return true;
  }

  /** DROP COLUMN works when nothing in the table refers to the column (indexes are dropped first). */
  private simpleDrop(table: string, c: Column): boolean {
    const t = this.tableIn("from", table);
    if (c.type.kind === "enum" || c.identity || c.generated || usedByGenerated(t, c.name)) return false;
    return !(
      t.primaryKey?.columns.includes(c.name) ||
      t.uniques.some((u) => u.columns.includes(c.name)) ||
      t.foreignKeys.some((f) => f.columns.includes(c.name)) ||
      t.checks.some((k) => k.expr.includes(c.name))
    );
  }

  /**
   * The rebuild of table `name` right after `step`: the target is the table as it is then;
   * the rows to copy are in the columns it has in the database then, which are its columns in
   * the IR minus those the absorbed `add-column` changes added (renames ran in place).
   */
  private rebuild(
    name: string,
    step: Step,
    addedColumns: readonly string[],
    final: Table | undefined,
  ): string[] {
    const found = this.tableHint.find(step.after.tables, name);
    if (!found) throw new Error(`render: table ${name} not in the schema at its rebuild`);
    // The plan's timeline appends added columns; the new table takes the columns in the order
    // of the schema (the rebuild comes after the table's last change: the names are final).
    const at = new Map((final?.columns ?? []).map((c, k) => [c.name, k]));
    // Each column's place looked up once, not twice per comparison (a stable sort either way).
    const placed = found.columns.map((c) => ({ c, k: at.get(c.name) ?? Number.MAX_SAFE_INTEGER }));
    const target = {
      ...found,
      columns: placed.sort((a, b) => a.k - b.k).map((x) => x.c),
    };
    const added = new Set(addedColumns);
    const current = new Set(target.columns.map((c) => c.name).filter((c) => !added.has(c)));
    return rebuildTable(target, current, {
      q: this.q,
      createTable: (t) => this.createTable(t),
      createIndex: (tn, i) => this.createIndex(tn, i),
      createTrigger: (t) => this.createTrigger(t),
      triggers: (step.after.triggers ?? []).filter((t) => t.table === name),
    });
  }
}

/** Whether another column of `t` is generated from an expression that may name `column`. */
function usedByGenerated(t: Table, column: string): boolean {
  return t.columns.some((x) => x.name !== column && x.generated?.expr.includes(column));
}

function identityColumn(t: Table): Column | undefined {
  const pk = t.primaryKey;
  if (pk?.columns.length !== 1) return undefined;
  const c = t.columns.find((x) => x.name === pk.columns[0]);
  return c?.identity ? c : undefined;
}

/** The table a table-level change is about, as named when it runs. */
function tableOf(c: Change): string | undefined {
  switch (c.kind) {
    case "create-enum":
    case "drop-enum":
    case "rename-enum":
    case "add-enum-values":
    case "alter-enum-values":
    case "set-enum-comment":
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
    case "create-view":
    case "drop-view":
    case "rename-view":
    case "set-view-comment":
    case "create-function":
    case "drop-function":
    case "replace-function":
    case "rename-function":
    case "create-trigger":
    case "drop-trigger":
    case "rename-trigger":
    case "set-routine-doc":
      return undefined;
    case "create-table":
    case "drop-table":
      return c.table.name;
    case "rename-table":
      return c.from;
    case "set-table-comment":
    case "set-table-options":
    case "add-column":
    case "drop-column":
    case "reorder-columns":
    case "rename-column":
    case "alter-column":
    case "add-primary-key":
    case "drop-primary-key":
    case "add-unique":
    case "drop-unique":
    case "create-index":
    case "drop-index":
    case "add-foreign-key":
    case "drop-foreign-key":
    case "add-check":
    case "drop-check":
    case "set-constraint-valid":
    case "set-item-comment":
    case "add-exclusion":
    case "drop-exclusion":
    case "rename-constraint":
    case "rename-index":
      return c.table;
    default:
      return assertNever(c);
  }
}

/**
 * Whether SQLite must rebuild the table for each facet of an altered column: it alters no
 * column in place, and has no comments. A new facet must say here what it needs.
 */
const FACET_REBUILDS: Record<ColumnFacet, boolean> = {
  type: true,
  nullable: true,
  default: true,
  identity: true,
  // A column's collation is part of its definition: only a rebuild changes it.
  collation: true,
  // Refused by validation (SQLite has no ON UPDATE): nothing to rebuild for.
  onUpdate: false,
  // SQLite cannot alter a generated column (nor make one of a plain column): only a rebuild.
  generated: true,
  comment: false,
};
const alterRebuilds = (c: AlterColumn) => c.facets.some((f) => FACET_REBUILDS[f]);
