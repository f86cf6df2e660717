/**
 * Sample rows for migration tests: two rows per table, inserted parents first, with values
 * chosen from each column's type (keys distinct, foreign keys pointing at the parent's rows),
 * and a reader that fetches them back as comparable text.
 */
import type { Connection } from "../../src/dialects/dialect.ts";
import type { Column, Schema, Table } from "../../src/ir/model.ts";
import { orderTablesForCreate } from "../../src/diff/order.ts";

export const ROWS = 2;
/** Values compared after a migration: types whose text form is the same on every database. */
const COMPARABLE = new Set(["smallint", "int", "bigint", "text", "varchar", "char", "bool"]);

export type Rows = Map<string, Record<string, string | null>[]>;

const q = (dialect: string, n: string) => (dialect === "mysql" ? `\`${n.replace(/`/g, "``")}\`` : `"${n.replace(/"/g, '""')}"`);

function valueFor(c: Column, i: number, enums: Schema["enums"]): unknown {
  const t = c.type;
  if (t.kind === "enum") return enums.find((e) => e.name === t.name)!.values[0]!.name;
  if (t.kind === "native") return c.nullable ? null : "1";
  switch (t.name) {
    case "smallint": case "int": case "bigint": return i + 1;
    case "real": case "double": return i + 1.5;
    case "decimal": return `${i + 1}.5`;
    case "bool": return i % 2 === 0;
    case "text": return `v${i + 1}`;
    case "varchar": case "char": return `v${i + 1}`.slice(0, t.args?.[0] ?? 1);
    case "date": return `2024-01-0${i + 1}`;
    case "time": return `12:00:0${i}`;
    case "timestamp": case "timestamptz": return `2024-01-0${i + 1} 10:00:00`;
    case "uuid": return `00000000-0000-4000-8000-00000000000${i}`;
    case "json": case "jsonb": return `{"k": ${i}}`;
    case "bytes": return Buffer.from([i]);
  }
}

/** Inserts ROWS rows into every table of `schema`; returns what went in (comparable columns only). */
export async function insertRows(c: Connection, schema: Schema): Promise<Rows> {
  const out: Rows = new Map();
  const { order } = orderTablesForCreate(schema.tables, true);
  const fkValue = new Map<string, unknown[]>(); // "table.col" -> values per row, for children
  for (const t of order) {
    const rows: Record<string, string | null>[] = [];
    for (let i = 0; i < ROWS; i++) {
      const values = new Map<string, unknown>();
      for (const col of t.columns) values.set(col.name, valueFor(col, i, schema.enums));
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
      await c.query(`INSERT INTO ${q(c.dialect, t.name)} (${cols.map((k) => q(c.dialect, k)).join(", ")}) VALUES (${placeholders})`, params);
      for (const col of t.columns) {
        if (!fkValue.has(`${t.name}.${col.name}`)) fkValue.set(`${t.name}.${col.name}`, []);
        fkValue.get(`${t.name}.${col.name}`)!.push(values.get(col.name));
      }
      rows.push(Object.fromEntries(t.columns.filter(comparable).map((col) => [col.name, text(values.get(col.name))])));
    }
    out.set(t.name, rows);
  }
  return out;
}

const comparable = (c: Column) => (c.type.kind === "portable" && COMPARABLE.has(c.type.name)) || c.type.kind === "enum";

/** The rows of a table, as text, ordered by the given columns. */
export async function readRows(c: Connection, table: Table, columns: readonly string[]): Promise<Record<string, string | null>[]> {
  if (!columns.length) return [];
  const order = (table.primaryKey?.columns ?? columns).map((n) => q(c.dialect, n)).join(", ");
  const rows = await c.query(`SELECT ${columns.map((n) => q(c.dialect, n)).join(", ")} FROM ${q(c.dialect, table.name)} ORDER BY ${order}`);
  return rows.map((r) => Object.fromEntries(columns.map((n) => [n, text(r[n])])));
}

/** One text form for a value from any driver: booleans as 0/1, padded chars trimmed. */
function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "bigint") return v.toString();
  return String(v).trimEnd();
}
