/**
 * MySQL/MariaDB: inline ENUM types, complete column definitions on MODIFY, comments inline,
 * no transactional DDL (the runner records progress instead).
 */
import { alterPartitioningSql, partitionClauseSql } from "./partitions.ts";
import type {
  Check,
  Routine,
  Trigger,
  Column,
  CommentedItem,
  ForeignKey,
  GeneratedColumn,
  Index,
  PrimaryKey,
  Table,
  TableOptions,
  UniqueConstraint,
} from "../../ir/model.ts";
import { keyPrefixLengths } from "../../ir/model.ts";
import { type AlterColumn, assertNever, type Change } from "../../diff/changes.ts";
import { type TableLineage, tableLineage } from "../../diff/steps.ts";
import { BaseRenderer } from "../common/render.ts";
import { routineClauses, triggerHead } from "../common/routines.ts";
import { backtickNames, quoteBacktick, quoteStringMysql } from "../common/sql.ts";
import { isBlobLike, mysqlType, TEXT_PREFIX } from "./types.ts";
import { CAPABILITIES, INDEX_KINDS } from "./capabilities.ts";

export class MysqlRenderer extends BaseRenderer {
  caps = CAPABILITIES;
  q = quoteBacktick;

  typeSql(_table: string, c: Column): string {
    return mysqlType(c.type, (n) => this.enumValues(n));
  }

  defaultSql(c: Column): string | undefined {
    const d = c.default;
    if (!d) return undefined;
    // MySQL 8 accepts a literal default on TEXT/BLOB/JSON only as an expression in parentheses.
    const wrap = (s: string) => (isBlobLike(c.type) ? `(${s})` : s);
    switch (d.kind) {
      case "number":
        return wrap(d.text);
      case "string":
        return wrap(quoteStringMysql(d.value));
      case "bool":
        return d.value ? "TRUE" : "FALSE";
      case "null":
        return "NULL";
      case "function":
        return d.name === "now"
          ? c.type.kind === "portable" && c.type.name === "date"
            ? "(CURRENT_DATE)"
            : nowSql(c)
          : d.name === "current_date"
            ? "(CURRENT_DATE)"
            : "(UUID())";
      case "raw":
        return `(${backtickNames(d.sql)})`;
    }
  }

  override checkSql(c: Check): string {
    return `CONSTRAINT ${this.q(c.name)} CHECK (${backtickNames(c.expr)})`;
  }

  /** MySQL's TIMESTAMP columns turn NOT NULL without an explicit NULL; say NULL always. */
  /** A plain collation name is written bare (`COLLATE utf8mb4_bin`, `COLLATE NOCASE`). */
  protected override collationSql(name: string): string {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : this.q(name);
  }

  /** The language's double-quoted names in the expression are backticks here, as in checks. */
  protected override generatedSql(g: GeneratedColumn): string {
    return super.generatedSql({ ...g, expr: backtickNames(g.expr) });
  }

  /** MariaDB takes neither NULL nor NOT NULL on a generated column (validation refuses NOT NULL). */
  protected override nullability(c: Column): string {
    return c.generated ? "" : super.nullability(c);
  }

  protected override nullableSql(): string {
    return "NULL";
  }

  protected override columnExtras(_t: Table, c: Column): string[] {
    return [
      ...(c.onUpdate === "now" ? [`ON UPDATE ${nowSql(c)}`] : []),
      ...(c.identity ? ["AUTO_INCREMENT"] : []),
      ...(c.doc !== undefined ? [`COMMENT ${quoteStringMysql(c.doc)}`] : []),
    ];
  }

  protected override tableOptions(t: Table): string {
    const o = t.options ?? {};
    return [
      ...(o["engine"] !== undefined ? [` ENGINE = ${o["engine"]}`] : []),
      ...(o["charset"] !== undefined ? [` DEFAULT CHARSET = ${o["charset"]}`] : []),
      ...(o["collate"] !== undefined ? [` COLLATE = ${o["collate"]}`] : []),
      ...(o["row_format"] !== undefined ? [` ROW_FORMAT = ${o["row_format"]}`] : []),
      ...(o["key_block_size"] !== undefined ? [` KEY_BLOCK_SIZE = ${o["key_block_size"]}`] : []),
      ...(t.doc !== undefined ? [` COMMENT = ${quoteStringMysql(t.doc)}`] : []),
      // After every other option, as the grammar wants it.
      partitionClauseSql(o),
    ].join("");
  }

  /**
   * ENGINE, ROW_FORMAT and KEY_BLOCK_SIZE in one ALTER (an option left out goes back to the
   * default: InnoDB, DEFAULT, 0). A new charset or collation converts the table
   * (`CONVERT TO CHARACTER SET`, `DEFAULT` for the database's), as the columns without a
   * collation of their own follow it in the schema; CONVERT changes every text column, so those
   * with their own collation are restated after it.
   */
  protected override alterTableOptions(table: string, from: TableOptions, to: TableOptions): string[] {
    const changed = (k: string) => from[k] !== to[k];
    const clauses = [
      ...(changed("engine") ? [`ENGINE = ${to["engine"] ?? "InnoDB"}`] : []),
      ...(changed("row_format") ? [`ROW_FORMAT = ${to["row_format"] ?? "DEFAULT"}`] : []),
      ...(changed("key_block_size") ? [`KEY_BLOCK_SIZE = ${to["key_block_size"] ?? "0"}`] : []),
    ];
    const out = clauses.length ? [`ALTER TABLE ${this.q(table)} ${clauses.join(", ")}`] : [];
    out.push(...alterPartitioningSql(this.q(table), from, to));
    if (changed("charset") || changed("collate")) {
      const t = this.tableIn("to", table);
      out.push(
        `ALTER TABLE ${this.q(table)} CONVERT TO CHARACTER SET ${to["charset"] ?? (to["collate"] !== undefined ? charsetOf(String(to["collate"])) : "DEFAULT")}${to["collate"] !== undefined ? ` COLLATE ${to["collate"]}` : ""}`,
        ...t.columns
          .filter((c) => c.collation !== undefined)
          .map((c) => `ALTER TABLE ${this.q(table)} MODIFY COLUMN ${this.columnDef(t, c)}`),
      );
    }
    return out;
  }

  protected override tableComment(table: string, doc: string | undefined): string[] {
    return [`ALTER TABLE ${this.q(table)} COMMENT = ${quoteStringMysql(doc ?? "")}`];
  }

  /**
   * Both actions always written: MariaDB keeps `NO ACTION` and `RESTRICT` apart and records
   * RESTRICT for an action left out, so writing NO ACTION is the only way a pulled `NO ACTION`
   * (Chinook's foreign keys) reads back as it was.
   */
  override foreignKeySql(f: ForeignKey): string {
    return `CONSTRAINT ${this.q(f.name)} FOREIGN KEY (${this.cols(f.columns)}) REFERENCES ${this.q(f.refTable)} (${this.cols(f.refColumns)}) ON DELETE ${f.onDelete.toUpperCase()} ON UPDATE ${f.onUpdate.toUpperCase()}`;
  }

  override primaryKeySql(pk: PrimaryKey): string {
    // MySQL names every primary key PRIMARY; a CONSTRAINT name would be ignored.
    // A method MySQL does not have is left out (validation warns), as on an index.
    const using =
      pk.using && this.caps.indexMethods.includes(pk.using) && !INDEX_KINDS.includes(pk.using)
        ? ` USING ${pk.using.toUpperCase()}`
        : "";
    return `PRIMARY KEY (${this.keyCols(pk.columns, pk.prefixLengths)})${using}${this.keyComment(pk.comment)}`;
  }

  override uniqueSql(u: UniqueConstraint): string {
    return `CONSTRAINT ${this.q(u.name)} UNIQUE (${this.keyCols(u.columns, u.prefixLengths)})${this.keyComment(u.comment)}`;
  }

  /** ` COMMENT '...'` after a key's or an index's columns, or nothing. */
  private keyComment(comment: string | undefined): string {
    return comment !== undefined ? ` COMMENT ${quoteStringMysql(comment)}` : "";
  }

  /**
   * Enum columns are inline ENUM(...) types: a value change is a MODIFY of each column using
   * the enum, under the names those tables and columns have when it runs (a table renamed or
   * created later is not there yet).
   */
  protected override enumColumnsChanged(name: string): string[] {
    const out: string[] = [];
    for (const t of (this.step?.before ?? this.ctx.to).tables) {
      for (const c of t.columns)
        if (c.type.kind === "enum" && c.type.name === name)
          out.push(`ALTER TABLE ${this.q(t.name)} MODIFY COLUMN ${this.columnDef(t, c)}`);
    }
    return out;
  }

  protected override renameTable(from: string, to: string): string[] {
    return [`RENAME TABLE ${this.q(from)} TO ${this.q(to)}`];
  }

  /** RENAME TABLE renames a view too. */
  protected override renameView(from: string, to: string): string[] {
    return [`RENAME TABLE ${this.q(from)} TO ${this.q(to)}`];
  }

  /**
   * `CREATE FUNCTION f(args) RETURNS t [characteristics] body` (and PROCEDURE): the body is
   * the routine's statement itself, verbatim (MySQL/MariaDB have no dollar quoting; the
   * runner's splitter keeps a BEGIN ... END with its semicolons in one statement).
   */
  protected override createFunction(f: Routine): string[] {
    return [
      [
        `CREATE ${f.procedure ? "PROCEDURE" : "FUNCTION"} ${this.q(f.name)}(${f.args})`,
        ...routineClauses(f),
        f.body.trim(),
      ].join(" "),
    ];
  }
  /** MySQL has no CREATE OR REPLACE FUNCTION (MariaDB has): a drop and a create. */
  protected override replaceFunction(from: Routine, to: Routine): string[] {
    return [...this.dropFunction(from), ...this.createFunction(to)];
  }
  /** One routine per name: no argument list. */
  protected override dropFunction(f: Routine): string[] {
    return [`DROP ${f.procedure ? "PROCEDURE" : "FUNCTION"} ${this.q(f.name)}`];
  }
  /** No ALTER ... RENAME for routines: a drop and a create under the new name. */
  protected override renameFunction(f: Routine, to: string): string[] {
    return [...this.dropFunction(f), ...this.createFunction({ ...f, name: to })];
  }
  /** `CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW body` (MySQL's are row triggers only). */
  protected override createTrigger(t: Trigger): string[] {
    return [
      `CREATE TRIGGER ${this.q(t.name)} ${triggerHead(t, (n) => this.q(n))} FOR EACH ROW ${(t.body ?? "").trim()}`,
    ];
  }
  /** Trigger names are the database's. */
  protected override dropTrigger(t: Trigger): string[] {
    return [`DROP TRIGGER ${this.q(t.name)}`];
  }
  /** No RENAME TRIGGER: a drop and a create under the new name. */
  protected override renameTrigger(t: Trigger, to: string): string[] {
    return [...this.dropTrigger(t), ...this.createTrigger({ ...t, name: to })];
  }

  /** The plan being rendered, for what a table and its columns are called at its end. */
  private changes: readonly Change[] = [];
  private lineage: TableLineage | undefined;
  private index = 0;

  /** Changes already written as a clause of an earlier ALTER (`withKey`, `withoutKey`). */
  private merged = new Set<number>();

  protected override renderAll(changes: readonly Change[]): string[] {
    this.changes = changes;
    this.lineage = tableLineage(changes);
    this.merged = new Set();
    return super.renderAll(changes);
  }

  protected override renderStep(i: number, c: Change): string[] {
    if (this.merged.has(i)) return [];
    this.index = i;
    return super.renderStep(i, c);
  }

  /**
   * The first later change of the plan on the same table matching `pick`, taken into the ALTER
   * being written: its clause, and it is not written again.
   */
  private takeLater(table: string, pick: (c: Change) => string | undefined): string | undefined {
    const id = this.lineage?.id(this.index, table);
    for (let k = this.index + 1; k < this.changes.length; k++) {
      const c = this.changes[k]!;
      if (!("table" in c) || typeof c.table !== "string" || this.lineage?.id(k, c.table) !== id) continue;
      const clause = pick(c);
      if (clause !== undefined) {
        this.merged.add(k);
        return clause;
      }
    }
    return undefined;
  }

  /**
   * An AUTO_INCREMENT column must lead a key at every moment ("there can be only one auto column
   * and it must be defined as a key"), and numbers existing rows only as it is added: a column
   * that becomes identity with no key leading it yet takes the plan's later key into its ALTER.
   */
  private withKey(table: string, column: Column, statement: string): string {
    if (!column.identity || keyLeads(this.tableIn("to", table), column.name)) return statement;
    const key = this.takeLater(table, (c) =>
      c.kind === "add-primary-key" && c.primaryKey.columns[0] === column.name
        ? `ADD ${this.primaryKeySql(c.primaryKey)}`
        : c.kind === "add-unique" && c.unique.columns[0] === column.name
          ? `ADD ${this.uniqueSql(c.unique)}`
          : undefined,
    );
    return key ? `${statement}, ${key}` : statement;
  }

  /**
   * The other way: a key dropped while the AUTO_INCREMENT column it leads stays takes the plan's
   * later drop of the column, or of its identity, into its ALTER.
   */
  private withoutKey(table: string, leading: string | undefined, clause: string): string {
    const after = this.tableIn("to", table);
    const c = after.columns.find((x) => x.name === leading);
    if (!c?.identity || keyLeads(after, c.name)) return clause;
    const gone = this.takeLater(table, (x) =>
      x.kind === "drop-column" && x.column.name === c.name
        ? `DROP COLUMN ${this.q(c.name)}`
        : x.kind === "alter-column" && x.to.name === c.name && !x.to.identity
          ? `MODIFY COLUMN ${this.columnDef(after, x.to)}`
          : undefined,
    );
    return gone ? `${clause}, ${gone}` : clause;
  }

  /**
   * The target's columns of `table` (as named when the change runs) in the target's order, each
   * with the name it has now, if the table has it now. Follows the table's renames and its
   * columns' renames later in the plan (a down plan adds columns back before it undoes renames).
   */
  private targetColumns(table: string): { now?: string }[] {
    const l = this.lineage;
    const id = l?.id(this.index, table);
    const final = l && id !== undefined ? l.name(this.changes.length, id) : table;
    const target = this.ctx.to.tables.find((t) => t.name === final);
    if (!target) return [];
    const finalOf = new Map(this.tableIn("to", table).columns.map((c) => [c.name, c.name]));
    for (let k = this.index + 1; k < this.changes.length; k++) {
      const c = this.changes[k]!;
      if (c.kind !== "rename-column" || !l || l.id(k, c.table) !== id) continue;
      for (const [now, f] of finalOf) if (f === c.from) finalOf.set(now, c.to);
    }
    const nowOf = new Map([...finalOf].map(([now, f]) => [f, now]));
    return target.columns.map((c) => {
      const now = nowOf.get(c.name);
      return now !== undefined ? { now } : {};
    });
  }

  /** A new column lands where the schema puts it (column order is part of a MySQL table). */
  protected override addColumn(table: string, col: Column): string[] {
    return [
      this.withKey(
        table,
        col,
        `ALTER TABLE ${this.q(table)} ADD COLUMN ${this.columnDef(this.tableIn("to", table), col)}${this.placement(table, col.name)}`,
      ),
    ];
  }

  /**
   * ` AFTER prev` (or ` FIRST`) for a column the target table does not end with: `prev` is the
   * nearest column before it in the target that the table has when the change runs. Nothing for
   * the target's last column, which appending puts in place. The IR of a step appends added
   * columns, so the column before is read from the target, never from the step's order.
   */
  private placement(table: string, name: string): string {
    const order = this.targetColumns(table);
    const at = order.findIndex((c) => c.now === name);
    if (at < 0 || at === order.length - 1) return "";
    for (let i = at - 1; i >= 0; i--)
      if (order[i]!.now !== undefined) return ` AFTER ${this.q(order[i]!.now!)}`;
    return " FIRST";
  }

  /**
   * One ALTER restating every column (FIRST, then each AFTER the one before): the order the
   * table has now is not in the IR of a step (which appends added columns), so every column is
   * placed, and MySQL copies the table once for the lot. The kept columns take `order` (their
   * names when the change runs); a column added by the plan goes after the column the target
   * puts before it; any other (dropped later in a down plan) goes last.
   */
  protected override reorderColumns(table: string, order: readonly string[]): string[] {
    const now = this.tableIn("to", table);
    const names = [...order];
    const target = this.targetColumns(table).flatMap((c) => (c.now !== undefined ? [c.now] : []));
    target.forEach((n, i) => {
      if (names.includes(n)) return;
      const before = target
        .slice(0, i)
        .reverse()
        .find((p) => names.includes(p));
      names.splice(before === undefined ? 0 : names.indexOf(before) + 1, 0, n);
    });
    for (const c of now.columns) if (!names.includes(c.name)) names.push(c.name);
    const cols = names.map((n) => now.columns.find((c) => c.name === n)!);
    return [
      `ALTER TABLE ${this.q(table)} ${cols
        .map(
          (c, i) =>
            `MODIFY COLUMN ${this.columnDef(now, c)} ${i === 0 ? "FIRST" : `AFTER ${this.q(cols[i - 1]!.name)}`}`,
        )
        .join(", ")}`,
    ];
  }

  /**
   * MODIFY restates the whole column: type, NULL, default, AUTO_INCREMENT, comment and a
   * generated column's expression. MariaDB refuses MODIFY from a plain column to a generated
   * one, from a VIRTUAL one to a plain one and between STORED and VIRTUAL ("not yet supported
   * for generated columns"): then the column is dropped and added again at its place, and a
   * VIRTUAL column made plain is filled with the values its expression gave.
   */
  protected alterColumn({ table, from, to }: AlterColumn): string[] {
    if (to.generated && (!from.generated || from.generated.stored !== to.generated.stored))
      return this.readdColumn(table, to);
    if (from.generated && !from.generated.stored && !to.generated)
      return [
        ...this.readdColumn(table, to),
        `UPDATE ${this.q(table)} SET ${this.q(to.name)} = (${backtickNames(from.generated.expr)})`,
      ];
    return [
      this.withKey(
        table,
        to,
        `ALTER TABLE ${this.q(table)} MODIFY COLUMN ${this.columnDef(this.tableIn("to", table), to)}`,
      ),
    ];
  }

  /**
   * A column dropped and added again after the column before it. DROP COLUMN would take the
   * column out of every index on it (a multi-column index shrinks) and MariaDB refuses it under
   * a check: the indexes, uniques and checks on it are dropped first and created again after.
   * The values are the new expression's.
   */
  private readdColumn(table: string, c: Column): string[] {
    const before = this.tableIn("from", table),
      after = this.tableIn("to", table);
    const q = this.q(table);
    const mentions = (name: string) => (sql: string) =>
      new RegExp(
        `(^|[^A-Za-z0-9_])["\`]?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["\`]?([^A-Za-z0-9_]|$)`,
      ).test(sql);
    const on = (t: Table, name: string) => ({
      uniques: t.uniques.filter((u) => u.columns.includes(name)),
      indexes: t.indexes.filter(
        (i) =>
          this.creates(i) &&
          (i.parts.some((p) => (p.kind === "column" ? p.column === name : mentions(name)(p.sql))) ||
            (i.where !== undefined && mentions(name)(i.where))),
      ),
      checks: t.checks.filter((k) => mentions(name)(k.expr)),
    });
    // Renames ran before this change: the column has its new name on both sides.
    const gone = on(before, c.name),
      back = on(after, c.name);
    const at = after.columns.findIndex((x) => x.name === c.name);
    const place = at > 0 ? ` AFTER ${this.q(after.columns[at - 1]!.name)}` : " FIRST";
    return [
      ...gone.checks.map((k) => `ALTER TABLE ${q} DROP CONSTRAINT ${this.q(k.name)}`),
      ...[...gone.uniques, ...gone.indexes].map((i) => `ALTER TABLE ${q} DROP INDEX ${this.q(i.name)}`),
      `ALTER TABLE ${q} DROP COLUMN ${this.q(c.name)}`,
      `ALTER TABLE ${q} ADD COLUMN ${this.columnDef(after, c)}${place}`,
      ...back.uniques.map((u) => `ALTER TABLE ${q} ADD ${this.uniqueSql(u)}`),
      ...back.indexes.flatMap((i) => this.createIndex(table, i)),
      ...back.checks.map((k) => `ALTER TABLE ${q} ADD ${this.checkSql(k)}`),
    ];
  }

  protected override dropPrimaryKey(table: string, pk: PrimaryKey): string[] {
    return this.dropKeyUnderForeignKeys(table, this.withoutKey(table, pk.columns[0], "DROP PRIMARY KEY"));
  }

  /**
   * Drops a key (`DROP INDEX x`, `DROP PRIMARY KEY`) that a foreign key kept by the change leads
   * with: InnoDB refuses ("needed in a foreign key constraint"), so those foreign keys are
   * dropped in the same ALTER and added again, when InnoDB gives each its own index, as it does
   * for a key declared with no index (which is what the schema after the change holds).
   */
  private dropKeyUnderForeignKeys(
    table: string,
    clause: string,
    alone = `ALTER TABLE ${this.q(table)} ${clause}`,
  ): string[] {
    const before = this.tableIn("from", table),
      after = this.tableIn("to", table);
    const orphaned = after.foreignKeys.filter(
      (fk) => hasLeadingIndex(before, fk.columns) && !hasLeadingIndex(after, fk.columns),
    );
    if (!orphaned.length) return [alone];
    return [
      `ALTER TABLE ${this.q(table)} ${[...orphaned.map((fk) => `DROP FOREIGN KEY ${this.q(fk.name)}`), clause].join(", ")}`,
      ...orphaned.map((fk) => `ALTER TABLE ${this.q(table)} ADD ${this.foreignKeySql(fk)}`),
    ];
  }

  protected override dropConstraint(
    table: string,
    name: string,
    kind: "unique" | "foreign-key" | "check" | "primary-key",
  ): string[] {
    if (kind === "unique") {
      const u = this.tableIn("from", table).uniques.find((x) => x.name === name);
      return this.dropKeyUnderForeignKeys(
        table,
        this.withoutKey(table, u?.columns[0], `DROP INDEX ${this.q(name)}`),
      );
    }
    if (kind === "foreign-key") {
      // InnoDB gives a foreign key an index of the same name when no index starts with its
      // columns, and leaves it behind when the key is dropped: drop that index too.
      const t = this.tableIn("from", table);
      const fk = t.foreignKeys.find((f) => f.name === name);
      const implicit = fk && !hasLeadingIndex(t, fk.columns);
      return [
        `ALTER TABLE ${this.q(table)} DROP FOREIGN KEY ${this.q(name)}`,
        ...(implicit ? [`ALTER TABLE ${this.q(table)} DROP INDEX ${this.q(name)}`] : []),
      ];
    }
    if (kind === "primary-key")
      return this.dropKeyUnderForeignKeys(
        table,
        this.withoutKey(table, this.tableIn("from", table).primaryKey?.columns[0], "DROP PRIMARY KEY"),
      );
    return [`ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(name)}`];
  }

  protected override dropIndex(table: string, index: Index): string[] {
    return this.creates(index)
      ? this.dropKeyUnderForeignKeys(
          table,
          `DROP INDEX ${this.q(index.name)}`,
          `DROP INDEX ${this.q(index.name)} ON ${this.q(table)}`,
        )
      : [];
  }

  /**
   * MySQL renames indexes (and so unique constraints), not other constraints: a foreign key or
   * check is dropped and added again under its new name; a primary key has no name to change.
   */
  protected override renameConstraint(table: string, kind: string, from: string, to: string): string[] {
    if (kind === "unique")
      return [`ALTER TABLE ${this.q(table)} RENAME INDEX ${this.q(from)} TO ${this.q(to)}`];
    if (kind === "primary-key") return [];
    const t = this.tableIn("to", table);
    if (kind === "foreign-key") {
      const fk = t.foreignKeys.find((f) => f.name === to)!;
      return [
        `ALTER TABLE ${this.q(table)} DROP FOREIGN KEY ${this.q(from)}`,
        `ALTER TABLE ${this.q(table)} ADD ${this.foreignKeySql(fk)}`,
      ];
    }
    const ck = t.checks.find((c) => c.name === to)!;
    return [
      `ALTER TABLE ${this.q(table)} DROP CONSTRAINT ${this.q(from)}`,
      `ALTER TABLE ${this.q(table)} ADD ${this.checkSql(ck)}`,
    ];
  }

  protected override renameIndex(table: string, from: string, to: string): string[] {
    const index = this.tableIn("to", table).indexes.find((i) => i.name === to);
    if (index && !this.creates(index)) return [];
    return [`ALTER TABLE ${this.q(table)} RENAME INDEX ${this.q(from)} TO ${this.q(to)}`];
  }

  /** TEXT/BLOB columns by a prefix, USING after the columns, no `where` (MySQL has no partial indexes). */
  override createIndex(table: string, i: Index): string[] {
    if (!this.creates(i)) return [];
    const d = this.indexDef(table, i);
    return [`CREATE ${d.kind}INDEX ${this.q(i.name)} ON ${this.q(table)} ${d.body}`];
  }

  /**
   * An index as CREATE INDEX and ALTER TABLE ... ADD write it: its kind (`UNIQUE `, `FULLTEXT `,
   * `SPATIAL ` or none) and what follows its name, `(parts) [USING m] [COMMENT '...']`.
   */
  private indexDef(table: string, i: Index): { kind: string; body: string } {
    const comment = this.keyComment(i.comment);
    // FULLTEXT and SPATIAL are kinds of index, written before INDEX, on whole columns.
    if (i.using && INDEX_KINDS.includes(i.using))
      return {
        kind: `${i.using.toUpperCase()} `,
        body: `(${i.parts.map((p) => (p.kind === "column" ? this.q(p.column) : `(${p.sql})`)).join(", ")})${comment}`,
      };
    const columns = new Map(this.tableIn("to", table).columns.map((c) => [c.name, c]));
    const parts = i.parts.map((p) => {
      if (p.kind === "expression") return `(${p.sql})`;
      const c = columns.get(p.column);
      // The prefix written, else TEXT/BLOB columns are indexed by one (see TEXT_PREFIX).
      const prefix =
        p.length !== undefined ? `(${p.length})` : c && isBlobLike(c.type) ? `(${TEXT_PREFIX})` : "";
      return `${this.q(p.column)}${prefix}${p.desc ? " DESC" : ""}`;
    });
    // A method MySQL does not have is left out (validation warns): the index uses the default.
    const using =
      i.using && this.caps.indexMethods.includes(i.using) ? ` USING ${i.using.toUpperCase()}` : "";
    return { kind: i.unique ? "UNIQUE " : "", body: `(${parts.join(", ")})${using}${comment}` };
  }

  /**
   * MySQL has no statement that sets a key's comment alone: the key is dropped and added again
   * with it in one ALTER TABLE (so a foreign key relying on it always has an index, and the
   * table is never without its primary key), as the table is after the change. Foreign keys
   * and checks keep no comment (validation warns), so nothing is written for them.
   */
  protected override itemComment(
    table: string,
    item: CommentedItem,
    name: string,
    _doc: string | undefined,
  ): string[] {
    const t = this.tableIn("to", table);
    const alter = (clauses: string) => [`ALTER TABLE ${this.q(table)} ${clauses}`];
    switch (item) {
      case "primary-key":
        return t.primaryKey ? alter(`DROP PRIMARY KEY, ADD ${this.primaryKeySql(t.primaryKey)}`) : [];
      case "unique": {
        const u = t.uniques.find((x) => x.name === name);
        return u ? alter(`DROP INDEX ${this.q(u.name)}, ADD ${this.uniqueSql(u)}`) : [];
      }
      case "index": {
        const i = t.indexes.find((x) => x.name === name);
        if (!i || !this.creates(i)) return [];
        const d = this.indexDef(table, i);
        return alter(`DROP INDEX ${this.q(i.name)}, ADD ${d.kind}INDEX ${this.q(i.name)} ${d.body}`);
      }
      case "foreign-key":
      case "check":
      case "exclusion":
        return [];
      default:
        return assertNever(item);
    }
  }

  /** A key's or index's comment is part of its definition here (`COMMENT '...'`): nothing after it. */
  protected override itemCommentIfAny(): string[] {
    return [];
  }
}

/**
 * CURRENT_TIMESTAMP at the column's fractional precision, which MySQL requires a default and
 * ON UPDATE to match: 6 for the portable types (DATETIME(6), TIMESTAMP(6)), a native
 * `timestamp(3)`'s own, none for a native `timestamp` (Sakila's).
 */
function nowSql(c: Column): string {
  if (c.type.kind !== "native") return "CURRENT_TIMESTAMP(6)";
  const p = c.type.args?.[0];
  return p !== undefined && /^\d+$/.test(p) && p !== "0" ? `CURRENT_TIMESTAMP(${p})` : "CURRENT_TIMESTAMP";
}

/** The character set a collation belongs to: its name up to the first `_` (`utf8mb4_bin` → utf8mb4). */
const charsetOf = (collation: string) => collation.replace(/_.*$/, "");

/** Whether `t`'s primary key or a unique constraint starts with column `name` (what AUTO_INCREMENT needs). */
const keyLeads = (t: Table, name: string): boolean =>
  t.primaryKey?.columns[0] === name || t.uniques.some((u) => u.columns[0] === name);

/**
 * Whether a primary key, unique constraint or column index of `t` starts with `columns`, whole:
 * InnoDB does not take a key on a column's prefix as a foreign key's index.
 */
function hasLeadingIndex(t: Table, columns: readonly string[]): boolean {
  const starts = (k: PrimaryKey | UniqueConstraint | Index, cols: readonly string[]) => {
    const lengths = keyPrefixLengths(k);
    return columns.every((c, i) => cols[i] === c && !lengths.has(c));
  };
  return Boolean(
    (t.primaryKey && starts(t.primaryKey, t.primaryKey.columns)) ||
      t.uniques.some((u) => starts(u, u.columns)) ||
      t.indexes.some(
        (i) =>
          i.parts.every((p) => p.kind === "column") &&
          starts(
            i,
            i.parts.map((p) => (p.kind === "column" ? p.column : "")),
          ),
      ),
  );
}
