/**
 * PostgreSQL: named enum types, comments, transactional DDL, `USING` casts on type changes.
 */
import type { Column, EnumType, Table, TableOptions, View } from "../../ir/model.ts";
import { alterParentSql, createTableSql } from "./partitions.ts";
import { BaseRenderer } from "../common/render.ts";
import { quoteDouble, quoteQualified, quoteString } from "../common/sql.ts";
import { postgresType } from "./types.ts";
import { CAPABILITIES } from "./capabilities.ts";
import type { AlterColumn, CommentedItem, ObjectChange } from "../../diff/changes.ts";
import { objectSql, renameSql } from "./objects.ts";
import { effectiveIdentityOptions } from "../../ir/identity.ts";
import { serialSequenceName } from "./introspect.ts";
import { localName, sibling } from "../../ir/qualified.ts";

export class PostgresRenderer extends BaseRenderer {
  caps = CAPABILITIES;
  q = quoteDouble;
  override qn(name: string): string {
    return quoteQualified(name);
  }
  /** An index lives in its table's schema: DROP INDEX and ALTER INDEX name it there. */
  protected override qIndex(table: string, index: string): string {
    return quoteQualified(sibling(table, index));
  }
  /** A rename that may also be a move to another schema (`renameSql`). */
  protected override renameObject(kind: string, from: string, to: string, signature = ""): string[] {
    return renameSql(kind, from, to, signature);
  }

  typeSql(_table: string, c: Column): string {
    // `serial` is CREATE TABLE's shorthand: an owned sequence plus a nextval default.
    if (c.serial && c.type.kind === "portable" && SERIAL_NAMES[c.type.name])
      return SERIAL_NAMES[c.type.name]!;
    return postgresType(c.type);
  }

  defaultSql(c: Column): string | undefined {
    const d = c.default;
    if (!d) return undefined;
    switch (d.kind) {
      case "number":
        return d.text;
      case "string":
        return quoteString(d.value);
      case "bool":
        return d.value ? "true" : "false";
      case "null":
        return "NULL";
      case "function":
        return d.name === "now" ? "now()" : d.name === "current_date" ? "CURRENT_DATE" : "gen_random_uuid()";
      case "raw":
        return `(${d.sql})`;
    }
  }

  /** A partitioned table, a partition or an inheritance child has its own CREATE TABLE (`partitions.ts`). */
  override createTable(t: Table): string[] {
    if (!t.options) return super.createTable(t);
    return [
      createTableSql(
        t,
        quoteQualified,
        t.columns.map((c) => this.columnDef(t, c)),
        this.tableConstraints(t),
      ),
      ...this.columnComments(t),
    ];
  }

  /** PostgreSQL's table options are a partition's parent and bound: DETACH and ATTACH. */
  protected override alterTableOptions(table: string, from: TableOptions, to: TableOptions): string[] {
    return alterParentSql(table, from, to, quoteQualified);
  }

  protected override objectChange(c: ObjectChange): string[] {
    return objectSql(c, (d) =>
      this.defaultSql({
        name: "",
        type: { kind: "portable", name: "text" },
        nullable: true,
        identity: false,
        default: d,
      }),
    );
  }

  protected override columnExtras(_t: Table, c: Column): string[] {
    return c.identity && !c.serial ? [identitySql(c)] : [];
  }

  protected override columnComments(t: Table): string[] {
    return [
      ...(t.doc !== undefined ? [`COMMENT ON TABLE ${this.qn(t.name)} IS ${quoteString(t.doc)}`] : []),
      ...t.columns
        .filter((c) => c.doc !== undefined)
        .map((c) => `COMMENT ON COLUMN ${this.qn(t.name)}.${this.q(c.name)} IS ${quoteString(c.doc!)}`),
    ];
  }

  protected override tableComment(table: string, doc: string | undefined): string[] {
    return [`COMMENT ON TABLE ${this.qn(table)} IS ${doc === undefined ? "NULL" : quoteString(doc)}`];
  }

  /** An index is a relation of its own (COMMENT ON INDEX); a constraint is named within its table. */
  protected override itemComment(
    table: string,
    item: CommentedItem,
    name: string,
    doc: string | undefined,
  ): string[] {
    const text = doc === undefined ? "NULL" : quoteString(doc);
    return [
      item === "index"
        ? `COMMENT ON INDEX ${this.qIndex(table, name)} IS ${text}`
        : `COMMENT ON CONSTRAINT ${this.q(name)} ON ${this.qn(table)} IS ${text}`,
    ];
  }

  /** COMMENT ON [MATERIALIZED] VIEW (a new view's `view` says which it is). */
  protected override viewComment(name: string, doc: string | undefined, view?: View): string[] {
    const materialized = (view ?? this.viewIn("after", name)).materialized ? "MATERIALIZED " : "";
    return [
      `COMMENT ON ${materialized}VIEW ${this.qn(name)} IS ${doc === undefined ? "NULL" : quoteString(doc)}`,
    ];
  }

  protected override enumComment(name: string, doc: string | undefined): string[] {
    return [`COMMENT ON TYPE ${this.qn(name)} IS ${doc === undefined ? "NULL" : quoteString(doc)}`];
  }

  /**
   * A `serial` column's sequence is named after its table and column (`<table>_<column>_seq`);
   * PostgreSQL keeps the old name when either is renamed, so the sequence is renamed with them
   * and the column is still what `serial` creates (and what pull reads as `serial`).
   */
  protected override renameTable(from: string, to: string): string[] {
    const t = this.tableIn("to", to);
    return [
      ...super.renameTable(from, to),
      ...t.columns.filter((c) => c.serial).flatMap((c) => this.renameSerialSequence(to, c.name)),
    ];
  }
  protected override renameColumn(table: string, from: string, to: string): string[] {
    const c = this.tableIn("to", table).columns.find((x) => x.name === to);
    return [
      ...super.renameColumn(table, from, to),
      ...(c?.serial ? this.renameSerialSequence(table, to) : []),
    ];
  }
  /**
   * Renames the owned sequence of `table.column` to serial's name for them. The sequence is found
   * by the catalog when the statement runs (pg_get_serial_sequence: it may have any name now), and
   * left alone when it already has that name (a rename to its own name is an error).
   */
  private renameSerialSequence(table: string, column: string): string[] {
    // The sequence's own name: it is in its table's schema already (SET SCHEMA moves it along).
    const name = localName(serialSequenceName(table, column));
    const seq = `pg_get_serial_sequence(${quoteString(this.qn(table))}, ${quoteString(column)})::regclass`;
    return [
      `DO $$ DECLARE s regclass := ${seq}; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> ${quoteString(name)} THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, ${quoteString(name)}); END IF; END $$`,
    ];
  }

  protected override addColumn(table: string, col: Column): string[] {
    const out = super.addColumn(table, col);
    if (col.doc !== undefined)
      out.push(`COMMENT ON COLUMN ${this.qn(table)}.${this.q(col.name)} IS ${quoteString(col.doc)}`);
    return out;
  }

  protected override createEnum(e: EnumType): string[] {
    return [
      `CREATE TYPE ${this.qn(e.name)} AS ENUM (${e.values.map((v) => quoteString(v.name)).join(", ")})`,
      ...(e.doc !== undefined ? [`COMMENT ON TYPE ${this.qn(e.name)} IS ${quoteString(e.doc)}`] : []),
    ];
  }
  protected override dropEnum(e: EnumType): string[] {
    return [`DROP TYPE ${this.qn(e.name)}`];
  }
  protected override renameEnum(from: string, to: string): string[] {
    return this.renameObject("TYPE", from, to);
  }
  protected override addEnumValues(name: string, values: readonly string[]): string[] {
    // PostgreSQL 12+ runs ADD VALUE inside a transaction; the new value is usable after commit.
    return values.map((v) => `ALTER TYPE ${this.qn(name)} ADD VALUE ${quoteString(v)}`);
  }

  /**
   * Removing or reordering values: PostgreSQL cannot, so the type is rebuilt. The old type is
   * renamed aside, the new one created, every column using it converted through text (a row
   * holding a removed value makes the cast fail, so nothing is silently lost), old type dropped.
   * Defaults are typed by the enum, so they are dropped before the cast and set again after.
   */
  protected override alterEnumValues(
    name: string,
    _from: readonly string[],
    to: readonly string[],
  ): string[] {
    const aside = `${name}__schemavc_old`;
    const out = [
      `ALTER TYPE ${this.qn(name)} RENAME TO ${this.q(localName(aside))}`,
      `CREATE TYPE ${this.qn(name)} AS ENUM (${to.map(quoteString).join(", ")})`,
    ];
    // The columns using the enum when this change runs, under their names then (a down plan
    // changes values before it undoes renames; a column dropped later still uses the type).
    for (const t of this.step!.before.tables) {
      for (const c of t.columns) {
        if (c.type.kind !== "enum" || c.type.name !== name) continue;
        const def = this.defaultSql(c);
        if (def !== undefined)
          out.push(`ALTER TABLE ${this.qn(t.name)} ALTER COLUMN ${this.q(c.name)} DROP DEFAULT`);
        out.push(
          `ALTER TABLE ${this.qn(t.name)} ALTER COLUMN ${this.q(c.name)} TYPE ${this.qn(name)} USING ${this.q(c.name)}::text::${this.qn(name)}`,
        );
        if (def !== undefined)
          out.push(`ALTER TABLE ${this.qn(t.name)} ALTER COLUMN ${this.q(c.name)} SET DEFAULT ${def}`);
      }
    }
    out.push(`DROP TYPE ${this.qn(aside)}`);
    return out;
  }

  protected alterColumn({ table, from, to, facets }: AlterColumn): string[] {
    const col = `ALTER TABLE ${this.qn(table)} ALTER COLUMN ${this.q(to.name)}`;
    if (facets.includes("generated")) {
      // Generated to plain keeps the values (DROP EXPRESSION, then the other facets in place);
      // PostgreSQL 15 has no ALTER that makes a column generated or changes its expression.
      if (!to.generated)
        return [
          `${col} DROP EXPRESSION`,
          ...this.alterColumn({
            kind: "alter-column",
            table,
            from: { ...from, generated: undefined },
            to,
            facets: facets.filter((f) => f !== "generated"),
          }),
        ];
      return this.readdColumn(table, to);
    }
    const out: string[] = [];
    // A new collation is set with the type (`TYPE t COLLATE c`); a type change restates it.
    const collationChanged = facets.includes("collation");
    const typeChanged = facets.includes("type");
    const newDefault = this.defaultSql(to);
    const defaultChanged = facets.includes("default");
    const generation = facets.includes("identity");
    const wasIdentity = from.identity && !from.serial;
    const isIdentity = to.identity && !to.serial;
    // The owned sequence of a serial column, named by the catalog when the statement runs: a
    // renamed table keeps its sequence's old name, so the name cannot be derived here.
    const serialSequence = (sql: string) =>
      `DO $$ BEGIN EXECUTE format(${quoteString(sql)}, pg_get_serial_sequence(${quoteString(this.qn(table))}, ${quoteString(to.name)})); END $$`;
    if (generation && wasIdentity && !isIdentity) out.push(`${col} DROP IDENTITY IF EXISTS`);
    if (generation && from.serial && !to.serial) {
      // The nextval default depends on the sequence: it goes first.
      out.push(`${col} DROP DEFAULT`, serialSequence("DROP SEQUENCE %s"));
    }
    // The old default may not cast to the new type: drop it first, set the new one after.
    if (typeChanged && from.default) out.push(`${col} DROP DEFAULT`);
    // USING with an explicit cast: PostgreSQL refuses many type changes without one.
    if (typeChanged || collationChanged) {
      // Back to the default collation is `COLLATE "default"`: a bare TYPE keeps the old one.
      const collate = ` COLLATE ${this.collationSql(to.collation ?? "default")}`;
      out.push(
        `${col} TYPE ${postgresType(to.type)}${to.collation !== undefined || collationChanged ? collate : ""} USING ${this.q(to.name)}::${postgresType(to.type)}`,
      );
      // An identity's sequence follows its column's type; a serial's does not (PostgreSQL
      // leaves it as it was created), so it is retyped with it.
      if (from.serial && to.serial) out.push(serialSequence(`ALTER SEQUENCE %s AS ${postgresType(to.type)}`));
    }
    if ((defaultChanged || (typeChanged && from.default)) && newDefault !== undefined)
      out.push(`${col} SET DEFAULT ${newDefault}`);
    else if (defaultChanged && newDefault === undefined && !typeChanged) out.push(`${col} DROP DEFAULT`);
    if (facets.includes("nullable")) out.push(`${col} ${to.nullable ? "DROP" : "SET"} NOT NULL`);
    // The new sequence starts at 1; move it past the rows already there, or the next insert collides.
    const skipRows = `SELECT setval(pg_get_serial_sequence(${quoteString(this.qn(table))}, ${quoteString(to.name)}), coalesce(max(${this.q(to.name)}), 0) + 1, false) FROM ${this.qn(table)}`;
    if (generation && isIdentity && !wasIdentity) out.push(`${col} ADD ${identitySql(to)}`, skipRows);
    else if (generation && isIdentity && wasIdentity) out.push(...this.alterIdentity(col, from, to));
    if (generation && to.serial && !from.serial) {
      // What `serial` does at CREATE TABLE, on a column that exists: the sequence PostgreSQL
      // would have created (`<table>_<column>_seq`), owned by the column, as its default.
      const seq = this.qn(serialSequenceName(table, to.name));
      out.push(
        `CREATE SEQUENCE ${seq} AS ${postgresType(to.type)} OWNED BY ${this.qn(table)}.${this.q(to.name)}`,
        `${col} SET DEFAULT nextval(${quoteString(seq)}::regclass)`,
        skipRows,
      );
    }
    if (facets.includes("comment"))
      out.push(
        `COMMENT ON COLUMN ${this.qn(table)}.${this.q(to.name)} IS ${to.doc === undefined ? "NULL" : quoteString(to.doc)}`,
      );
    return out;
  }

  /**
   * A column dropped and added again with its new definition (a generated column's new
   * expression): DROP COLUMN takes the indexes, uniques, checks and exclusions on it along (an
   * INCLUDE of it too), so those of the table as it is after the change that involve it are
   * created again, with their comments. Its values are computed, so nothing is lost.
   */
  private readdColumn(table: string, c: Column): string[] {
    const t = this.tableIn("to", table);
    const q = this.qn(table);
    const mentions = (sql: string) =>
      new RegExp(
        `(^|[^A-Za-z0-9_])("?)${c.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\2([^A-Za-z0-9_]|$)`,
      ).test(sql);
    return [
      `ALTER TABLE ${q} DROP COLUMN ${this.q(c.name)}`,
      `ALTER TABLE ${q} ADD COLUMN ${this.columnDef(t, c)}`,
      ...t.uniques
        .filter((u) => u.columns.includes(c.name) || u.include?.includes(c.name))
        .flatMap((u) => [
          `ALTER TABLE ${q} ADD ${this.uniqueSql(u)}`,
          ...this.itemCommentIfAny(table, "unique", u),
        ]),
      ...t.checks
        .filter((k) => mentions(k.expr))
        .flatMap((k) => [
          `ALTER TABLE ${q} ADD ${this.checkSql(k)}`,
          ...this.itemCommentIfAny(table, "check", k),
        ]),
      ...(t.exclusions ?? [])
        .filter(
          (x) =>
            x.parts.some((p) => (p.kind === "column" ? p.column === c.name : mentions(p.sql))) ||
            x.include?.includes(c.name) ||
            (x.where !== undefined && mentions(x.where)),
        )
        .flatMap((x) => [
          `ALTER TABLE ${q} ADD ${this.exclusionSql(x)}`,
          ...this.itemCommentIfAny(table, "exclusion", x),
        ]),
      ...t.indexes
        .filter(
          (i) =>
            i.parts.some((p) => (p.kind === "column" ? p.column === c.name : mentions(p.sql))) ||
            i.include?.includes(c.name) ||
            (i.where !== undefined && mentions(i.where)),
        )
        .flatMap((i) => [...this.createIndex(table, i), ...this.itemCommentIfAny(table, "index", i)]),
      ...(c.doc !== undefined ? [`COMMENT ON COLUMN ${q}.${this.q(c.name)} IS ${quoteString(c.doc)}`] : []),
    ];
  }

  /**
   * An identity's options changed in place: `SET GENERATED` and one `SET` per sequence option
   * (`SET NO MINVALUE` back to a default bound). The current value is left as it is: a new
   * `start` is what a `RESTART` would go back to, as in PostgreSQL.
   */
  private alterIdentity(col: string, from: Column, to: Column): string[] {
    const a = effectiveIdentityOptions(from) ?? {};
    const b = effectiveIdentityOptions(to) ?? {};
    const sets: string[] = [];
    if (Boolean(a.always) !== Boolean(b.always))
      sets.push(`SET GENERATED ${b.always ? "ALWAYS" : "BY DEFAULT"}`);
    for (const [k, clause] of Object.entries(SEQUENCE_CLAUSES) as [keyof typeof SEQUENCE_CLAUSES, string][]) {
      if (a[k] === b[k]) continue;
      const v = b[k];
      // Back to a default: bounds have NO words; the others are set to the default's value.
      sets.push(
        v !== undefined
          ? `SET ${clause} ${v}`
          : k === "min" || k === "max"
            ? `SET NO ${clause}`
            : `SET ${clause} ${k === "start" ? defaultStart(to) : "1"}`,
      );
    }
    if (Boolean(a.cycle) !== Boolean(b.cycle)) sets.push(b.cycle ? "SET CYCLE" : "SET NO CYCLE");
    return sets.length ? [`${col} ${sets.join(" ")}`] : [];
  }
}

/** The serial pseudo-type of each integer type. */
const SERIAL_NAMES: Readonly<Record<string, string>> = {
  smallint: "smallserial",
  int: "serial",
  bigint: "bigserial",
};

/** Each sequence option's words in CREATE SEQUENCE / ALTER COLUMN ... SET. */
const SEQUENCE_CLAUSES = {
  start: "START WITH",
  increment: "INCREMENT BY",
  min: "MINVALUE",
  max: "MAXVALUE",
  cache: "CACHE",
} as const;

/** Where a sequence starts when no `start` is given: its min ascending, its max descending. */
function defaultStart(c: Column): string {
  const o = c.identityOptions ?? {};
  return BigInt(o.increment ?? "1") > 0n ? (o.min ?? "1") : (o.max ?? "-1");
}

/** `GENERATED {ALWAYS|BY DEFAULT} AS IDENTITY [(options)]` for an identity column. */
function identitySql(c: Column): string {
  const o = effectiveIdentityOptions(c) ?? {};
  const opts = [
    ...(Object.entries(SEQUENCE_CLAUSES) as [keyof typeof SEQUENCE_CLAUSES, string][]).flatMap(
      ([k, clause]) => (o[k] !== undefined ? [`${clause} ${o[k]}`] : []),
    ),
    ...(o.cycle ? ["CYCLE"] : []),
  ];
  return `GENERATED ${o.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY${opts.length ? ` (${opts.join(" ")})` : ""}`;
}
