/**
 * `schemavc lint`: findings for one migration's up.sql. The statements say what will run (hand
 * edits included); the snapshots before and after the migration say what the plan knows (a
 * column's old and new type, an enum's values, whether a table existed before). Walking the
 * statements in order also tells what the migration itself did first: a table created earlier in
 * the same migration is empty and not yet in use, so nothing done to it is flagged, and an
 * UPDATE of a table before `SET NOT NULL` is a backfill.
 *
 * A `-- schemavc:allow RULE` comment right above a statement silences that rule for it; the
 * finding is still returned, marked `silenced`, so `lint` can show what was accepted.
 *
 * Library code: pure, no I/O; the snapshots are read only when a statement needs them.
 */
import { mentionedNames, viewsOf } from "../diff/views.ts";
import { normSql } from "../ir/canonical.ts";
import { argumentsWithoutDefaults } from "../dialects/common/routines.ts";
import type { DialectName } from "../dialects/dialect.ts";
import type { Column, ColumnType, Schema, Table } from "../ir/model.ts";
import { typeText } from "../ir/validate.ts";
import type { Change } from "../diff/changes.ts";
import { widens } from "../diff/data-loss.ts";
import { tableParent } from "../ir/inheritance.ts";
import { splitSql } from "../migrate/split.ts";
import { factsOf, type ColumnDef, type Fact, type KeyPart } from "./statements.ts";
import { fixFor, RULE_BY_ID, type RuleId, type Severity } from "./rules.ts";

export interface LintInput {
  readonly dialect: DialectName;
  /** The file's path as the user should see it (`migrations/…/up.sql`). */
  readonly file: string;
  readonly sql: string;
  readonly backslashEscapes: boolean;
  /** The dialect has schemas (`Capabilities.namespaces`): `sales.orders` names a table there. */
  readonly qualifiedNames?: boolean;
  /** Whether the dialect runs a migration in a transaction (unless `-- schemavc:no-transaction`). */
  readonly transactionalDdl: boolean;
  /** The schema before the migration (the previous snapshot; empty for the first). */
  readonly before: () => Schema;
  /** The schema after it (its own snapshot). */
  readonly after: () => Schema;
}

export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  /** The statement's first line, shortened. */
  readonly statement: string;
  readonly message: string;
  readonly why: string;
  readonly fix: string;
  /** A `-- schemavc:allow` directive on the statement accepts it. */
  readonly silenced: boolean;
  /**
   * The table whose rows the statement destroys (`drop-table`, `drop-column`), named as it is
   * before the migration runs: `down` counts its rows to say what a rollback would lose.
   */
  readonly table?: string;
}

const TEXTISH = new Set([
  "text",
  "tinytext",
  "mediumtext",
  "longtext",
  "blob",
  "tinyblob",
  "mediumblob",
  "longblob",
  "json",
  "bytes",
]);
const VOLATILE = new Set([
  "random",
  "gen_random_uuid",
  "uuid_generate_v1",
  "uuid_generate_v4",
  "clock_timestamp",
  "timeofday",
  "nextval",
  "txid_current",
  "statement_timestamp",
]);

export function lintMigration(input: LintInput): Finding[] {
  const { statements, directives } = splitSql(input.sql, input.backslashEscapes);
  const facts = statements.map((s) => factsOf(s.sql, input.backslashEscapes, input.qualifiedNames ?? false));
  const flat = facts.flatMap((fs, i) => fs.map((f) => ({ i, f })));
  const out: Finding[] = [];
  const emit = (rule: RuleId, i: number, message: string, table?: string) => {
    const r = RULE_BY_ID.get(rule)!;
    if (!r.dialects.includes(input.dialect)) return;
    const s = statements[i]!;
    // The first line only (not a split of the whole statement into lines, per finding).
    const nl = s.sql.indexOf("\n");
    const first = (nl === -1 ? s.sql : s.sql.slice(0, nl)).trim();
    out.push({
      rule,
      severity: r.severity,
      file: input.file,
      line: s.line,
      statement: first.length > 100 ? `${first.slice(0, 97)}...` : first,
      message,
      why: r.why,
      fix: fixFor(r, input.dialect),
      silenced: s.allow.includes(rule),
      ...(table !== undefined ? { table } : {}),
    });
  };
  statements.forEach((s, i) => {
    for (const id of s.allow)
      if (!RULE_BY_ID.has(id))
        emit("unknown-rule", i, `\`-- schemavc:allow ${id}\`: there is no rule \`${id}\``);
  });

  const { rebuildOf, rebuildParts } = findRebuilds(flat);
  const { originalTable, finalTable, originalColumn, finalColumn, currentColumn } = nameTimeline(
    flat,
    statements.length,
    rebuildParts,
  );
  let before: Schema | undefined, after: Schema | undefined;
  // Tables by name, built on first use: a search of the list per statement was quadratic in a
  // migration that touches every table (a first migration of 10,000 tables).
  let beforeTables: Map<string, Table> | undefined, afterTables: Map<string, Table> | undefined;
  const tableBefore = (name: string, i: number): Table | undefined =>
    (beforeTables ??= byName((before ??= input.before()).tables)).get(originalTable(name, i));
  const tableAfter = (name: string, i: number): Table | undefined =>
    (afterTables ??= byName((after ??= input.after()).tables)).get(finalTable(name, i));
  const columnBefore = (table: string, col: string, i: number) =>
    tableBefore(table, i)?.columns.find((c) => c.name === originalColumn(table, col, i));
  const columnAfter = (table: string, col: string, i: number) =>
    tableAfter(table, i)?.columns.find((c) => c.name === finalColumn(table, col, i));
  const enumValues = (s: Schema, t: ColumnType) =>
    t.kind === "enum" ? s.enums.find((e) => e.name === t.name)?.values.map((v) => v.name) : undefined;

  /** Data lost or refused when a column changes from `b` to `a`; `true` when it changes type. */
  const columnChange = (
    table: string,
    b: Column,
    a: Column,
    i: number,
    notNullNow = !a.nullable,
    hasDefault = a.default !== undefined,
  ) => {
    const name = `\`${table}.${a.name}\``;
    const bv = enumValues(before!, b.type),
      av = enumValues(after!, a.type);
    if (bv && av) {
      const removed = bv.filter((v) => !av.includes(v));
      if (removed.length)
        emit(
          "enum-value-removed",
          i,
          `removes ${removed.map((v) => `'${v}'`).join(", ")} from the values of ${name}`,
        );
    } else if (!widens(b.type, a.type)) {
      emit("narrow-type", i, `changes ${name} from \`${typeText(b.type)}\` to \`${typeText(a.type)}\``);
    }
    if (b.nullable && notNullNow && !hasDefault && !updated.has(originalTable(table, i))) {
      emit(
        "not-null-without-default",
        i,
        `makes ${name} NOT NULL with no default and no UPDATE of \`${table}\` before it`,
      );
    }
  };

  const created = new Set<string>();
  const updated = new Set<string>(); // original names of tables updated so far
  const droppedViews = new Set<string>(); // views dropped by earlier statements
  const droppedFunctions = new Set<string>();
  const droppedTriggers = new Set<string>();
  const isNew = (t: string) => created.has(t);
  const transactional = input.transactionalDdl && !directives.has("no-transaction");
  for (const { i, f } of flat) {
    switch (f.kind) {
      case "create-table": {
        const rebuilt = rebuildOf.get(i);
        if (rebuilt === undefined) {
          created.add(f.table);
          textUnique(f.uniques, (c) => f.columns.find((d) => d.name === c)?.type, i, f.table);
          break;
        }
        if (isNew(rebuilt)) break;
        emit("sqlite-rebuild", i, `rebuilds table \`${rebuilt}\` (create, copy every row, drop, rename)`);
        const b = tableBefore(rebuilt, i),
          a = tableAfter(rebuilt, i);
        if (!b || !a) break;
        const kept = new Set<string>();
        for (const bc of b.columns) {
          // Names as they are at the rebuild (renames run before it) and after the migration.
          const current = currentColumn(b.name, bc.name, i);
          const ac = a.columns.find((c) => c.name === finalColumn(rebuilt, current, i));
          if (!ac)
            emit(
              "drop-column",
              i,
              `drops column \`${rebuilt}.${current}\` and its data (the rebuilt table has no such column)`,
              originalTable(rebuilt, i),
            );
          else {
            kept.add(ac.name);
            columnChange(rebuilt, bc, ac, i);
          }
        }
        for (const ac of a.columns) {
          if (!kept.has(ac.name) && !ac.nullable && ac.default === undefined && !ac.identity)
            emit(
              "not-null-without-default",
              i,
              `adds \`${rebuilt}.${ac.name}\` NOT NULL with no default: the copy of every existing row fails`,
            );
        }
        break;
      }
      case "drop-table":
        if (rebuildParts.has(`${i}:drop`)) break;
        if (isNew(f.table)) {
          created.delete(f.table);
          break;
        }
        {
          // A partition (of a partitioned table the schema before knows) says so.
          const was = originalTable(f.table, i);
          const known = (before ??= input.before()).tables.find((t) => t.name === was);
          const parent = known ? tableParent(known) : undefined;
          emit(
            "drop-table",
            i,
            parent?.kind === "partition"
              ? `drops partition \`${f.table}\` of \`${parent.parent}\` and every row in it`
              : `drops table \`${f.table}\` and every row in it`,
            was,
          );
        }
        break;
      case "drop-partition":
        if (isNew(f.table)) break;
        emit(
          "drop-partition",
          i,
          `drops partition${f.partitions.length > 1 ? "s" : ""} ${f.partitions.map((n) => `\`${n}\``).join(", ")} of \`${f.table}\` and every row in ${f.partitions.length > 1 ? "them" : "it"}`,
        );
        break;
      case "drop-attribute": {
        // Values are lost only where a column of the schema before is of the type.
        const users = (before ??= input.before()).tables.flatMap((t) =>
          t.columns
            .filter((c) => c.type.kind === "native" && c.type.name === f.type)
            .map((c) => `\`${t.name}.${c.name}\``),
        );
        if (users.length)
          emit(
            "drop-attribute",
            i,
            `drops attribute \`${f.attribute}\` of type \`${f.type}\` and its values in ${users.join(", ")}`,
          );
        break;
      }
      case "detach-partition":
        if (isNew(f.table)) break;
        emit(
          "detach-partition",
          i,
          `detaches partition \`${f.partition}\` from \`${f.table}\`: its rows are no longer \`${f.table}\`'s`,
        );
        break;
      case "rename-table":
        if (rebuildParts.has(`${i}:rename`)) {
          created.delete(f.from);
          break;
        }
        if (isNew(f.from)) {
          created.delete(f.from);
          created.add(f.to);
          break;
        }
        emit("rename-table", i, `renames table \`${f.from}\` to \`${f.to}\``);
        break;
      case "add-column":
        if (isNew(f.table)) break;
        addColumn(f.table, f.column, i);
        break;
      case "drop-column":
        if (!isNew(f.table))
          emit(
            "drop-column",
            i,
            `drops column \`${f.table}.${f.column}\` and its data`,
            originalTable(f.table, i),
          );
        break;
      case "rename-column":
        if (!isNew(f.table))
          emit("rename-column", i, `renames column \`${f.table}.${f.from}\` to \`${f.to}\``);
        break;
      case "alter-type": {
        if (isNew(f.table)) break;
        const b = columnBefore(f.table, f.column, i),
          a = columnAfter(f.table, f.column, i);
        if (b && a) columnChange(f.table, b, a, i, false);
        if (!(b && a && rewriteFree(b.type, a.type)))
          emit(
            "type-rewrite",
            i,
            `changes the type of \`${f.table}.${f.column}\`${b && a ? ` from \`${typeText(b.type)}\` to \`${typeText(a.type)}\`` : ""}`,
          );
        break;
      }
      case "set-not-null": {
        if (isNew(f.table)) break;
        const a = columnAfter(f.table, f.column, i);
        if (a?.default === undefined && !updated.has(originalTable(f.table, i)))
          emit(
            "not-null-without-default",
            i,
            `makes \`${f.table}.${f.column}\` NOT NULL with no default and no UPDATE of \`${f.table}\` before it`,
          );
        break;
      }
      case "modify-column": {
        if (isNew(f.table)) break;
        const b = columnBefore(f.table, f.column, i),
          a = columnAfter(f.table, f.column, i);
        if (!b || !a) break;
        columnChange(f.table, b, a, i, f.def.notNull, f.def.default !== undefined);
        if (mysqlCopies(b, a))
          emit(
            "mysql-table-copy",
            i,
            `changes \`${f.table}.${f.column}\` from \`${typeText(b.type)}\` to \`${typeText(a.type)}\`: the table is copied`,
          );
        break;
      }
      case "create-index":
        if (f.concurrently && transactional)
          emit(
            "concurrently-in-transaction",
            i,
            "builds an index CONCURRENTLY inside the migration's transaction",
          );
        if (!f.concurrently && !isNew(f.table))
          emit("index-not-concurrent", i, `builds an index on \`${f.table}\` without CONCURRENTLY`);
        if (f.unique) textUnique([f.parts], (c) => typeWord(columnAfter(f.table, c, i)), i, f.table);
        break;
      case "drop-index":
        if (f.concurrently && transactional)
          emit(
            "concurrently-in-transaction",
            i,
            "drops an index CONCURRENTLY inside the migration's transaction",
          );
        break;
      case "add-constraint":
        if ((f.type === "foreign-key" || f.type === "check") && !f.notValid && !isNew(f.table))
          emit(
            "constraint-not-valid",
            i,
            `adds a ${f.type === "check" ? "check" : "foreign key"} on \`${f.table}\` that validates every row while it blocks writes`,
          );
        if (f.type === "unique")
          textUnique([f.parts], (c) => typeWord(columnAfter(f.table, c, i)), i, f.table);
        break;
      case "drop-view": {
        // The views of the schema before the migration that read it, not dropped by then.
        const readers = viewsOf((before ??= input.before()))
          .filter((v) => v.name !== f.view && !droppedViews.has(v.name))
          .filter((v) => mentionedNames(v.query, [f.view]).size > 0)
          .map((v) => `\`${v.name}\``);
        droppedViews.add(f.view);
        if (!readers.length || f.cascade) break;
        const which = `view${readers.length === 1 ? "" : "s"} ${readers.join(", ")}`;
        emit(
          "drop-view-in-use",
          i,
          `drops view \`${f.view}\`, which ${which} ${readers.length === 1 ? "reads" : "read"}`,
        );
        emit(
          "view-reader-broken",
          i,
          `drops view \`${f.view}\` and leaves ${which}, which ${readers.length === 1 ? "reads" : "read"} it, broken`,
        );
        break;
      }
      case "drop-trigger":
        droppedTriggers.add(f.name);
        break;
      case "drop-function": {
        // The views and triggers of the schema before the migration using it, still there.
        const b = (before ??= input.before());
        const users = [
          ...viewsOf(b)
            .filter((v) => !droppedViews.has(v.name) && mentionedNames(v.query, [f.name]).size > 0)
            .map((v) => `view \`${v.name}\``),
          ...(b.triggers ?? [])
            .filter((t) => !droppedTriggers.has(t.name) && t.execute?.function === f.name)
            .map((t) => `trigger \`${t.name}\``),
        ];
        droppedFunctions.add(f.name);
        if (users.length && !f.cascade)
          emit(
            "drop-function-in-use",
            i,
            `drops function \`${f.name}\`, which ${users.join(", ")} ${users.length === 1 ? "uses" : "use"}`,
          );
        break;
      }
      case "create-function": {
        // Another argument list for a function the schema had, not dropped before: an overload.
        const old = ((before ??= input.before()).functions ?? []).find((x) => x.name === f.name);
        const types = (args: string) => normSql(argumentsWithoutDefaults(args)).toLowerCase();
        if (old && !droppedFunctions.has(f.name) && types(old.args) !== types(f.args))
          emit(
            "function-signature-replaced",
            i,
            `creates \`${f.name}(${f.args.trim()})\` beside \`${f.name}(${old.args})\`, which stays`,
          );
        break;
      }
      case "update":
        updated.add(originalTable(f.table, i));
        break;
      default: {
        const never: never = f;
        throw new Error(`unhandled fact ${JSON.stringify(never)}`);
      }
    }
  }
  return out;

  function addColumn(table: string, c: ColumnDef, i: number) {
    if (c.notNull && c.default === undefined && !c.identity)
      emit(
        "not-null-without-default",
        i,
        `adds \`${table}.${c.name}\` NOT NULL with no default: every existing row needs a value`,
      );
    const volatile =
      c.identity ||
      (c.default ?? []).some(
        (t, k, ts) => t.kind === "word" && VOLATILE.has(t.text) && ts[k + 1]?.kind === "open",
      );
    if (volatile)
      emit(
        "volatile-default",
        i,
        `adds \`${table}.${c.name}\` with a ${c.identity ? "generated (identity) value" : "volatile default"}: every existing row is rewritten`,
      );
  }
  function textUnique(
    keys: readonly (readonly KeyPart[])[],
    typeOf: (column: string) => string | undefined,
    i: number,
    table: string,
  ) {
    // Only MySQL has the rule; elsewhere do not read the snapshot to find column types.
    if (!RULE_BY_ID.get("mysql-text-unique")!.dialects.includes(input.dialect)) return;
    for (const parts of keys) {
      const bad = parts.find((p) => p.prefix || TEXTISH.has(typeOf(p.column) ?? ""));
      if (bad)
        emit("mysql-text-unique", i, `makes \`${table}.${bad.column}\` (text) unique through a prefix`);
    }
  }
}

/** The portable or native type name of a column, lower case. */
function typeWord(c: Column | undefined): string | undefined {
  if (!c) return undefined;
  return c.type.kind === "portable" || c.type.kind === "native" ? c.type.name.toLowerCase() : "enum";
}

/** PostgreSQL changes a column's type without rewriting the table (binary-coercible). */
function rewriteFree(b: ColumnType, a: ColumnType): boolean {
  if (b.kind !== "portable" || a.kind !== "portable") return false;
  if (b.name === "varchar" && a.name === "varchar") return (a.args?.[0] ?? 0) >= (b.args?.[0] ?? 0);
  if (b.name === "varchar" && a.name === "text") return true;
  if (b.name === "decimal" && a.name === "decimal")
    return (a.args?.[1] ?? 0) === (b.args?.[1] ?? 0) && (a.args?.[0] ?? 0) >= (b.args?.[0] ?? 0);
  return false;
}

/** MySQL/MariaDB copies the table for this column change (not INSTANT or INPLACE). */
function mysqlCopies(b: Column, a: Column): boolean {
  const bt = b.type,
    at = a.type;
  if (JSON.stringify(bt) === JSON.stringify(at)) return false;
  // varchar widening stays in place while the length prefix keeps its size (255 bytes, utf8mb4).
  if (bt.kind === "portable" && at.kind === "portable" && bt.name === "varchar" && at.name === "varchar") {
    const x = (bt.args?.[0] ?? 0) * 4,
      y = (at.args?.[0] ?? 0) * 4;
    return !(y >= x && x <= 255 === y <= 255);
  }
  return true;
}

type Flat = readonly { readonly i: number; readonly f: Fact }[];

/**
 * Rebuilds: a table created under a new name, the old one dropped, the new one renamed to the
 * old name (SQLite's procedure, and the same by hand anywhere). Its statements are one change.
 */
function findRebuilds(flat: Flat) {
  const rebuildOf = new Map<number, string>(); // create statement → the table rebuilt
  const rebuildParts = new Set<string>(); // `${i}:${kind}` of its drop and rename
  {
    const createdAt = new Map<string, number>(),
      droppedAt = new Map<string, number>();
    for (const { i, f } of flat) {
      if (f.kind === "create-table") createdAt.set(f.table, i);
      if (f.kind === "drop-table") droppedAt.set(f.table, i);
      if (
        f.kind === "rename-table" &&
        createdAt.has(f.from) &&
        (droppedAt.get(f.to) ?? -1) > createdAt.get(f.from)!
      ) {
        rebuildOf.set(createdAt.get(f.from)!, f.to);
        rebuildParts.add(`${droppedAt.get(f.to)}:drop`).add(`${i}:rename`);
      }
    }
  }
  return { rebuildOf, rebuildParts };
}

type Rename = Extract<Change, { kind: "rename-table" | "rename-column" }>;

/**
 * Where names lead at one statement: a table's name, and a column's (by the table it leads to),
 * in one schema. A name no rename touched leads to itself.
 */
class Names {
  readonly tables = new Map<string, string>();
  readonly columns = new Map<string, Map<string, string>>();
  table(name: string): string {
    return this.tables.get(name) ?? name;
  }
  /** `table` is already this map's table name (the one `table()` gives). */
  column(table: string, name: string): string {
    return this.columns.get(table)?.get(name) ?? name;
  }
  columnsOf(table: string): Map<string, string> {
    let m = this.columns.get(table);
    if (!m) this.columns.set(table, (m = new Map()));
    return m;
  }
  copy(): Names {
    const n = new Names();
    for (const [k, v] of this.tables) n.tables.set(k, v);
    for (const [k, v] of this.columns) n.columns.set(k, new Map(v));
    return n;
  }
}

/**
 * The names of tables and columns along the statements, built once from the statements'
 * renames taken as `rename-table`/`rename-column` changes: `before[i]` takes a name as it is at
 * statement `i` to the name in the schema before the migration (the renames of the statements
 * before `i`, applied in order), `after[i]` to the name in the schema after it (the renames of
 * the statements after `i`, applied from the last back). `current[i]` goes the other way from
 * `before[i]`, a column's name before the migration to its name at statement `i`. The renames of
 * statement `i` itself are in neither; a column rename finds its table by the names as they are
 * at its own statement.
 */
/** Tables by name; the first of a name wins, as a search of the list would find it. */
function byName(tables: readonly Table[]): Map<string, Table> {
  const out = new Map<string, Table>();
  for (const t of tables) if (!out.has(t.name)) out.set(t.name, t);
  return out;
}

function nameTimeline(flat: Flat, count: number, rebuildParts: ReadonlySet<string>) {
  const renamesAt: Rename[][] = Array.from({ length: count }, () => []);
  for (const { i, f } of flat)
    if (f.kind === "rename-table" || f.kind === "rename-column") renamesAt[i]!.push(f);

  // Before the migration, a rebuild's rename is left out (the rebuilt table keeps its name).
  const before: Names[] = [new Names()],
    current: Names[] = [new Names()];
  for (let i = 0; i < count; i++) {
    const at = before[i]!;
    let b = at,
      c = current[i]!;
    if (renamesAt[i]!.length) {
      b = at.copy();
      c = c.copy();
      for (const r of renamesAt[i]!) {
        if (r.kind === "rename-table") {
          if (!rebuildParts.has(`${i}:rename`)) b.tables.set(r.to, b.table(r.from));
          continue;
        }
        const t = at.table(r.table),
          back = b.columnsOf(t),
          forth = c.columnsOf(t);
        back.set(r.to, b.column(t, r.from));
        for (const [k, v] of forth) if (v === r.from) forth.set(k, r.to);
        if (!forth.has(r.from)) forth.set(r.from, r.to);
      }
    }
    before.push(b);
    current.push(c);
  }

  // After the migration, every table rename counts (a rebuild's temporary table becomes the table).
  const after: Names[] = new Array(count);
  let a = new Names();
  for (let i = count - 1; i >= 0; i--) {
    after[i] = a;
    if (!renamesAt[i]!.length) continue;
    const at = a;
    a = a.copy();
    for (const r of [...renamesAt[i]!].reverse()) {
      if (r.kind === "rename-table") {
        a.tables.set(r.from, a.table(r.to));
        continue;
      }
      const t = at.table(r.table);
      a.columnsOf(t).set(r.from, a.column(t, r.to));
    }
  }

  /** A table's name in the schema before the migration, from its name at statement `i`. */
  const originalTable = (name: string, i: number) => before[i]!.table(name);
  /** A table's name in the schema after the migration, from its name at statement `i`. */
  const finalTable = (name: string, i: number) => after[i]!.table(name);
  const originalColumn = (table: string, name: string, i: number) =>
    before[i]!.column(originalTable(table, i), name);
  const finalColumn = (table: string, name: string, i: number) =>
    after[i]!.column(finalTable(table, i), name);
  /** A column's name at statement `i`, from its table's and its own names before the migration. */
  const currentColumn = (original: string, name: string, i: number) => current[i]!.column(original, name);
  return { originalTable, finalTable, originalColumn, finalColumn, currentColumn };
}
