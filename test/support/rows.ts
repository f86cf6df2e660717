/**
 * Sample rows for migration tests: two rows per table, inserted parents first, with values
 * chosen from each column's type (keys distinct, foreign keys pointing at the parent's rows),
 * and a reader that fetches them back as comparable text.
 */
import { quoteQualified } from "../../src/dialects/common/sql.ts";
import type { Connection } from "../../src/dialects/dialect.ts";
import type { Column, Schema, Table } from "../../src/ir/model.ts";
import { expect } from "bun:test";
import { orderTablesForCreate } from "../../src/diff/order.ts";
import { partitionKey, tableParent } from "../../src/ir/inheritance.ts";
import type { Renames } from "../../src/diff/renames.ts";

export const ROWS = 2;
/** Values compared after a migration: types whose text form is the same on every database. */
const COMPARABLE = new Set(["smallint", "int", "bigint", "text", "varchar", "char", "bool"]);

export type Rows = Map<string, Record<string, string | null>[]>;

const q = (dialect: string, n: string) =>
  dialect === "mysql"
    ? `\`${n.replace(/`/g, "``")}\``
    : dialect === "postgres"
      ? quoteQualified(n)
      : `"${n.replace(/"/g, '""')}"`;

/** Random text for a row (distinct per row: it starts with the row's number); quotes included. */
const ALPHABET = "abcXYZ019 '\"%_-é";
function randomText(i: number, random?: () => number): string {
  if (!random) return `v${i + 1}`;
  let s = `v${i + 1}`;
  const n = Math.floor(random() * 8);
  for (let k = 0; k < n; k++) s += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return s.trimEnd();
}

function valueFor(
  c: Column,
  i: number,
  enums: Schema["enums"],
  random?: () => number,
  domains: Schema["domains"] = [],
): unknown {
  const t = c.type;
  // A column of a domain takes a value of the domain's base type.
  const domain = t.kind === "native" && !t.args ? domains?.find((d) => d.name === t.name) : undefined;
  if (domain)
    return valueFor({ ...c, type: domain.type, nullable: c.nullable && domain.nullable }, i, enums, random);
  if (t.kind === "enum") {
    const vs = enums.find((e) => e.name === t.name)!.values;
    return vs[random ? Math.floor(random() * vs.length) : 0]!.name;
  }
  if (random && c.nullable && random() < 0.2) return null;
  // MySQL's `set('a', 'b')`: its first member (the quotes of the argument taken off).
  if (t.kind === "native" && t.name === "set" && t.args?.[0])
    return t.args[0].slice(1, -1).replace(/''/g, "'");
  // citext (an extension's) takes text, so a unique one still has a value a row.
  if (t.kind === "native" && t.name === "citext")
    return valueFor({ ...c, type: { kind: "portable", name: "text" } }, i, enums, random);
  if (t.kind === "native") return c.nullable ? null : "1";
  switch (t.name) {
    case "smallint":
    case "int":
    case "bigint":
      return i + 1 + (random ? 10 * Math.floor(random() * 1000) : 0);
    case "real":
    case "double":
      return i + 1.5;
    case "decimal":
      return `${i + 1}.5`;
    case "bool":
      return random ? random() < 0.5 : i % 2 === 0;
    case "text":
      return randomText(i, random);
    case "varchar":
    case "char":
      return randomText(i, random)
        .slice(0, t.args?.[0] ?? 1)
        .trimEnd();
    case "date":
      return `2024-01-0${i + 1}`;
    case "time":
      return `12:00:0${i}`;
    case "timestamp":
    case "timestamptz":
      return `2024-01-0${i + 1} 10:00:00`;
    case "uuid":
      return `00000000-0000-4000-8000-00000000000${i}`;
    case "json":
    case "jsonb":
      return `{"k": ${i}}`;
    case "bytes":
      return Buffer.from([i]);
  }
}

/**
 * Inserts ROWS rows into every table of `schema` (`random` varies the values, keys stay
 * distinct); returns what went in (comparable columns only).
 */
export async function insertRows(c: Connection, schema: Schema, random?: () => number): Promise<Rows> {
  const out: Rows = new Map();
  const { order } = orderTablesForCreate(schema.tables, true);
  const fkValue = new Map<string, unknown[]>(); // "table.col" -> values per row, for children
  for (const t of order) {
    // A virtual table's columns are its module's: the schema does not list them.
    if (t.virtual) continue;
    // A partitioned table takes only rows its partitions' bounds fit, and a partition's or
    // child's rows are also its parent's when read: none go into these.
    if (partitionKey(t) !== undefined || tableParent(t)) continue;
    const rows: Record<string, string | null>[] = [];
    for (let i = 0; i < ROWS; i++) {
      const values = new Map<string, unknown>();
      // A generated column is computed, never written.
      for (const col of t.columns)
        if (!col.generated) values.set(col.name, valueFor(col, i, schema.enums, random, schema.domains));
      for (const fk of t.foreignKeys) {
        fk.columns.forEach((col, k) => {
          const parent = fkValue.get(`${fk.refTable}.${fk.refColumns[k]}`);
          const self = fk.refTable === t.name;
          // A self reference points at the row itself; a missing parent (a cycle) leaves NULL.
          values.set(col, self ? values.get(fk.refColumns[k]!) : parent ? parent[i] : null);
        });
      }
      const cols = [...values.keys()];
      const params = cols.map((k) => values.get(k));
      const placeholders = cols.map(() => "?").join(", ");
      await c.query(
        cols.length
          ? // An `identity(always)` column takes a written value only when the insert says so.
            `INSERT INTO ${q(c.dialect, t.name)} (${cols.map((k) => q(c.dialect, k)).join(", ")})${t.columns.some((x) => x.identityOptions?.always) ? " OVERRIDING SYSTEM VALUE" : ""} VALUES (${placeholders})`
          : // A table without columns (PostgreSQL) holds rows of nothing.
            `INSERT INTO ${q(c.dialect, t.name)} DEFAULT VALUES`,
        params,
      );
      for (const col of t.columns) {
        if (!fkValue.has(`${t.name}.${col.name}`)) fkValue.set(`${t.name}.${col.name}`, []);
        fkValue.get(`${t.name}.${col.name}`)!.push(values.get(col.name));
      }
      rows.push(
        Object.fromEntries(t.columns.filter(comparable).map((col) => [col.name, text(values.get(col.name))])),
      );
    }
    out.set(t.name, rows);
  }
  return out;
}

/** Columns whose written value reads back as written (a generated one's value is computed). */
const comparable = (c: Column) =>
  !c.generated && ((c.type.kind === "portable" && COMPARABLE.has(c.type.name)) || c.type.kind === "enum");

/** The rows of a table, as text, ordered by the given columns. */
export async function readRows(
  c: Connection,
  table: Table,
  columns: readonly string[],
): Promise<Record<string, string | null>[]> {
  if (!columns.length) return [];
  const order = (table.primaryKey?.columns ?? columns).map((n) => q(c.dialect, n)).join(", ");
  const rows = await c.query(
    `SELECT ${columns.map((n) => q(c.dialect, n)).join(", ")} FROM ${q(c.dialect, table.name)} ORDER BY ${order}`,
  );
  return rows.map((r) => Object.fromEntries(columns.map((n) => [n, text(r[n])])));
}

/** One text form for a value from any driver: booleans as 0/1, padded chars trimmed. */
function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "bigint") return v.toString();
  return String(v).trimEnd();
}

/**
 * Checks that the rows inserted into `from` are still there in `to` (after its up migration):
 * every kept or renamed column of unchanged type holds the same values.
 */
export async function expectRowsKept(
  c: Connection,
  from: Schema,
  to: Schema,
  renames: Renames,
  rows: Rows,
): Promise<void> {
  for (const t of to.tables) {
    const oldName = renames.tables.get(t.name) ?? t.name;
    const before = rows.get(oldName);
    const old = from.tables.find((x) => x.name === oldName);
    if (!before || !old) continue;
    const colRenames = renames.columns.get(t.name) ?? new Map<string, string>();
    const kept = t.columns.filter((col) => {
      const was = colRenames.get(col.name) ?? col.name;
      const oc = old.columns.find((x) => x.name === was);
      // A column made generated holds its expression's values from then on.
      return (
        oc &&
        !col.generated &&
        before[0] &&
        was in before[0] &&
        JSON.stringify(oc.type) === JSON.stringify(col.type)
      );
    });
    if (!kept.length) continue;
    const after = await readRows(
      c,
      t,
      kept.map((k) => k.name),
    );
    const expected = before.map((r) =>
      Object.fromEntries(kept.map((k) => [k.name, r[colRenames.get(k.name) ?? k.name] ?? null])),
    );
    // Compared as sets: random keys need not come back in insertion order.
    const sorted = (rs: Record<string, string | null>[]) => rs.map((r) => JSON.stringify(r)).sort();
    expect({ table: t.name, rows: sorted(after) }).toEqual({ table: t.name, rows: sorted(expected) });
  }
}
