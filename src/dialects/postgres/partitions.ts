/**
 * PostgreSQL's partitioned tables, partitions and inheritance children (`ir/inheritance.ts`):
 * their CREATE TABLE, the ALTER of a partition's parent or bound, their validation and the
 * normal form of their options. Kept apart from `render.ts` and `validate.ts`: one concern.
 */
import type { Diagnostic } from "../../ir/diagnostics.ts";
import type { Schema, Table, TableOptions } from "../../ir/model.ts";
import {
  columnsOf,
  isDefaultBound,
  optionText,
  partitionKey,
  type TableParent,
  tableParent,
} from "../../ir/inheritance.ts";
import { normExpr } from "../common/expr.ts";
import { dialectError } from "../common/validate.ts";
import { typeKey, typeText } from "../../ir/validate.ts";

/** `FOR VALUES <bound>`, or `DEFAULT` for the default partition. */
export function boundSql(bound: string): string {
  return isDefaultBound(bound) ? "DEFAULT" : `FOR VALUES ${bound}`;
}

/**
 * CREATE TABLE of a partitioned table, a partition or an inheritance child. `lines` are the
 * table's own column definitions and constraints (a partition has no columns of its own: they
 * come from its parent, so it lists its own constraints only, and no parentheses without them).
 */
export function createTableSql(
  t: Table,
  q: (n: string) => string,
  columns: readonly string[],
  constraints: readonly string[],
): string {
  const parent = tableParent(t);
  const key = partitionKey(t);
  const by = key !== undefined ? ` PARTITION BY ${key}` : "";
  const body = (lines: readonly string[]) => (lines.length ? `(\n  ${lines.join(",\n  ")}\n)` : "()");
  if (parent?.kind === "partition") {
    const own = constraints.length ? ` ${body(constraints)}` : "";
    return `CREATE TABLE ${q(t.name)} PARTITION OF ${q(parent.parent)}${own} ${boundSql(parent.bound)}${by}`;
  }
  const inherits = parent ? ` INHERITS (${q(parent.parent)})` : "";
  return `CREATE TABLE ${q(t.name)} ${body([...columns, ...constraints])}${inherits}${by}`;
}

/**
 * A partition moved to another parent or bound: DETACH, then ATTACH (the table keeps its rows;
 * ATTACH checks they fit the new bound). Any other change of these options is a new table (the
 * differ drops and creates it: PostgreSQL cannot make a table partitioned, nor a child of
 * another parent, in place), so it never reaches here.
 */
export function alterParentSql(
  table: string,
  from: TableOptions,
  to: TableOptions,
  q: (n: string) => string,
): string[] {
  const a = tableParent({ name: table, options: from } as Table);
  const b = tableParent({ name: table, options: to } as Table);
  if (sameParent(a, b) && optionText(from["partition by"]) === optionText(to["partition by"])) return [];
  if (a?.kind !== "partition" || b?.kind !== "partition")
    throw new Error(`render: table ${table} changes its partitioning in place (a planner bug)`);
  return [
    `ALTER TABLE ${q(a.parent)} DETACH PARTITION ${q(table)}`,
    `ALTER TABLE ${q(b.parent)} ATTACH PARTITION ${q(table)} ${boundSql(b.bound)}`,
  ];
}

const sameParent = (a: TableParent | undefined, b: TableParent | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The options in the comparison form: names unquoted, the key and bound as `normExpr` writes SQL. */
export function normalizePartitionOptions(o: TableOptions): TableOptions | undefined {
  const out: Record<string, string | true> = {};
  for (const [k, v] of Object.entries(o)) {
    const text = optionText(v);
    out[k] =
      text === undefined
        ? v
        : k === "partition by" || k === "values"
          ? normExpr(text, { backslashEscapes: false })
          : text;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * What PostgreSQL refuses about partitioning and inheritance, checked before any SQL runs: a
 * partition without a bound (or a bound without a parent), a parent that is not declared or
 * not partitioned, a partition or partitioned table that also inherits, a partition declaring
 * columns (it has its parent's), a child declaring an inherited column with another type or
 * collation, a key that is not `range`, `list` or `hash`, a cycle.
 */
export function validatePartitions(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = [];
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const err = (code: string, message: string, t: Table, hint: string, part: string) =>
    out.push(dialectError(code, message, t.src, hint, `option:${part}`));
  for (const t of schema.tables) {
    const o = t.options ?? {};
    const key = partitionKey(t);
    if (key !== undefined && !/^(range|list|hash)\s*\(/i.test(key))
      err(
        "partition-key",
        `the partition key of \`${t.name}\` must be \`range (...)\`, \`list (...)\` or \`hash (...)\``,
        t,
        "write `partition by = (range (column))`",
        "partition by",
      );
    if ("values" in o && !("partition of" in o))
      err(
        "partition-bound",
        `\`values\` is the bound of a partition: \`${t.name}\` names no \`partition of\``,
        t,
        "add `partition of = PARENT`, or remove `values`",
        "values",
      );
    if ("partition of" in o && !("values" in o))
      err(
        "partition-bound",
        `partition \`${t.name}\` needs its bound`,
        t,
        "add `values = (from (...) to (...))`, `(in (...))`, `(with (modulus N, remainder R))` or `(default)`",
        "partition of",
      );
    if ("partition of" in o && "inherits" in o)
      err(
        "partition-inherits",
        `partition \`${t.name}\` cannot also inherit a table`,
        t,
        "keep `partition of` or `inherits`",
        "inherits",
      );
    if (key !== undefined && "inherits" in o)
      err(
        "partition-inherits",
        `partitioned table \`${t.name}\` cannot inherit a table (PostgreSQL refuses it)`,
        t,
        "remove `inherits` or `partition by`",
        "inherits",
      );
    const p = tableParent(t);
    if (!p) continue;
    const part = p.kind === "partition" ? "partition of" : "inherits";
    const parent = tables.get(p.parent);
    if (!parent) {
      err(
        "unknown-table",
        `unknown table \`${p.parent}\`, the parent of \`${t.name}\``,
        t,
        "declare it",
        part,
      );
      continue;
    }
    if (p.kind === "partition" && partitionKey(parent) === undefined)
      err(
        "partition-parent",
        `\`${p.parent}\` is not partitioned, so \`${t.name}\` cannot be its partition`,
        t,
        `give \`${p.parent}\` a \`partition by = (range (...))\`, or write \`inherits = ${p.parent}\``,
        part,
      );
    if (p.kind === "inherits" && partitionKey(parent) !== undefined)
      err(
        "partition-inherits",
        `\`${t.name}\` cannot inherit partitioned table \`${p.parent}\` (PostgreSQL refuses it)`,
        t,
        `write \`partition of = ${p.parent}\` with its \`values\``,
        part,
      );
    if (p.kind === "partition" && t.columns.length)
      out.push(
        dialectError(
          "partition-columns",
          `partition \`${t.name}\` has the columns of \`${p.parent}\`: it declares none of its own`,
          t.columns[0]!.src,
          `declare the column in \`${p.parent}\``,
        ),
      );
    // A child may declare an inherited column again (PostgreSQL merges the two), but only as the
    // parent has it: another type or collation is refused ("column ... has a type conflict").
    if (p.kind === "inherits")
      for (const c of t.columns) {
        const from = columnsOf((n) => tables.get(n), parent).find((x) => x.name === c.name);
        if (!from) continue;
        const conflict =
          typeKey(from.type) !== typeKey(c.type)
            ? `type \`${typeText(c.type)}\` there, \`${typeText(from.type)}\` in \`${p.parent}\``
            : (from.collation ?? "") !== (c.collation ?? "")
              ? `collation ${c.collation ?? "default"} there, ${from.collation ?? "default"} in \`${p.parent}\``
              : undefined;
        if (conflict)
          out.push(
            dialectError(
              "inherited-column-conflict",
              `column \`${t.name}.${c.name}\` is inherited and declared again, with ${conflict} (PostgreSQL refuses it)`,
              c.src,
              `declare \`${c.name}\` as \`${p.parent}\` does, or leave it out of \`${t.name}\``,
              "type",
            ),
          );
      }
    // A cycle of parents: the walk comes back to the table.
    const seen = new Set([t.name]);
    for (let q: Table | undefined = parent; q; ) {
      if (seen.has(q.name)) {
        err(
          "inheritance-cycle",
          `\`${t.name}\` inherits from itself through its parents`,
          t,
          "break the cycle",
          part,
        );
        break;
      }
      seen.add(q.name);
      const next = tableParent(q);
      q = next ? tables.get(next.parent) : undefined;
    }
  }
  return out;
}
