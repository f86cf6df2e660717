/**
 * MySQL/MariaDB partitioning: the table option `partition by = (range (year(d)) (partition p0
 * values less than (2000), partition p1 values less than maxvalue))`, the whole clause after
 * PARTITION BY as raw SQL (its partitions are parts of the table there, not tables). Rendered
 * after the table's options; a new clause is `ALTER TABLE ... PARTITION BY ...` (the server
 * moves the rows), none any more is `REMOVE PARTITIONING`. Kept apart from `render.ts`,
 * `validate.ts` and `introspect.ts`: one concern.
 */
import type { Diagnostic } from "../../ir/diagnostics.ts";
import type { Schema, TableOptions } from "../../ir/model.ts";
import { optionText, partitionKey } from "../../ir/inheritance.ts";
import { mentionedColumns } from "../../dsl/names.ts";
import { normExpr } from "../common/expr.ts";
import { dialectError } from "../common/validate.ts";

/** ` PARTITION BY ...` after CREATE TABLE's options, or nothing. */
export function partitionClauseSql(o: TableOptions | undefined): string {
  const p = optionText(o?.["partition by"]);
  return p === undefined ? "" : ` PARTITION BY ${p}`;
}

/** The partitioning changed: repartition (the rows move), or remove it. */
export function alterPartitioningSql(table: string, from: TableOptions, to: TableOptions): string[] {
  const a = optionText(from["partition by"]),
    b = optionText(to["partition by"]);
  if (a === b) return [];
  return [
    b === undefined ? `ALTER TABLE ${table} REMOVE PARTITIONING` : `ALTER TABLE ${table} PARTITION BY ${b}`,
  ];
}

/** The clause in the comparison form (`normExpr`: case, quotes and spacing as one). */
export function normalizePartitionClause(v: string): string {
  return normExpr(optionText(v) ?? v, { backslashEscapes: true });
}

/**
 * The clause as `SHOW CREATE TABLE` prints it, from ` PARTITION BY ` on, without each
 * partition's `ENGINE = InnoDB` (a partition has its table's engine) and MySQL's version
 * comment (`/*!50100 ... *\/`), its keywords lower-cased (names keep their backticks: one may
 * be a reserved word); undefined for a table that is not partitioned.
 */
export function partitionClauseOf(createTable: string): string | undefined {
  const m = /\n\s*(?:\/\*!\d+\s*)?PARTITION BY\s+([\s\S]*?)(?:\s*\*\/)?\s*$/.exec(createTable);
  if (!m) return undefined;
  return m[1]!
    .replace(/'(?:[^'\\]|\\.|'')*'|`(?:[^`]|``)*`|\s+ENGINE\s*=\s*\w+|\b[A-Z]+\b/g, (s) =>
      s.startsWith("'") || s.startsWith("`") ? s : /ENGINE/.test(s) && /=/.test(s) ? "" : s.toLowerCase(),
    )
    .replace(/\s+/g, " ")
    .replace(/\( /g, "(")
    .trim();
}

/**
 * What MariaDB refuses about a partitioned table: a foreign key on it or to it ("Foreign key
 * clause is not yet supported in conjunction with partitioning"), and a primary key or unique
 * key that does not hold every column the partitioning reads ("A PRIMARY KEY must include all
 * columns in the table's partitioning function").
 */
export function validateMysqlPartitions(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = [];
  const partitioned = new Set(schema.tables.filter((t) => partitionKey(t) !== undefined).map((t) => t.name));
  for (const t of schema.tables) {
    const key = partitionKey(t);
    for (const fk of t.foreignKeys)
      if (key !== undefined || partitioned.has(fk.refTable))
        out.push(
          dialectError(
            "mysql-partition-foreign-key",
            `MySQL/MariaDB has no foreign keys on or to a partitioned table (\`${fk.name}\` of \`${t.name}\`)`,
            fk.src ?? t.src,
            "remove the foreign key or the partitioning",
          ),
        );
    if (key === undefined) continue;
    const used = mentionedColumns(key.replace(/`([^`]+)`/g, '"$1"'), t.columns);
    const keys = [
      ...(t.primaryKey ? [{ what: "primary key", cols: t.primaryKey.columns, src: t.primaryKey.src }] : []),
      ...t.uniques.map((u) => ({ what: `unique key \`${u.name}\``, cols: u.columns, src: u.src })),
      ...t.indexes
        .filter((i) => i.unique)
        .map((i) => ({
          what: `unique index \`${i.name}\``,
          cols: i.parts.flatMap((p) => (p.kind === "column" ? [p.column] : [])),
          src: i.src,
        })),
    ];
    for (const k of keys) {
      const missing = used.filter((c) => !k.cols.includes(c));
      if (missing.length)
        out.push(
          dialectError(
            "mysql-partition-key",
            `the ${k.what} of \`${t.name}\` must hold every column its partitioning reads (${missing.map((c) => `\`${c}\``).join(", ")})`,
            k.src ?? t.src,
            "add the columns to the key, or partition by columns of the key",
          ),
        );
    }
  }
  return out;
}
