/** Tables and their columns: names, renames, and what a column's type, default and identity allow. */
import { columnsOf } from "../inheritance.ts";
import type { Column, Domain, EnumType, Schema, SourceInfo, Table } from "../model.ts";
import { isIntegerType, NUMERIC_TYPES } from "../model.ts";
import { didYouMean } from "../diagnostics.ts";
import { locOf, TableScope, typeText, type Validation } from "./context.ts";

/**
 * Tables, enums, sequences, domains and views share one namespace (PostgreSQL gives every table
 * and view a type of its name, and sequences are relations as tables are; every dialect keeps
 * views beside the tables): the first declaration of a name is
 * kept in `v.tables`/`v.enums`/`v.domains`, a later one is reported.
 */
export function declareNames(v: Validation, schema: Schema) {
  const firstDecl = new Map<string, { kind: string; src?: SourceInfo }>();
  for (const [kind, list] of [
    ["table", schema.tables],
    ["enum", schema.enums],
    ["sequence", schema.sequences ?? []],
    ["domain", schema.domains ?? []],
    ["view", schema.views ?? []],
    // A composite type is a type as a table's row type is: PostgreSQL refuses both of a name.
    ["type", schema.composites ?? []],
  ] as const) {
    for (const d of list) {
      const prev = firstDecl.get(d.name);
      if (prev) {
        const prevLoc = locOf(prev.src);
        v.err(
          "duplicate-name",
          `\`${d.name}\` is defined twice`,
          locOf(d.src),
          `rename one of them`,
          prevLoc ? { message: `the first ${prev.kind} \`${d.name}\` is here`, loc: prevLoc } : undefined,
        );
        continue;
      }
      firstDecl.set(d.name, { kind, src: d.src });
      if (kind === "table") v.tables.set(d.name, d as Table);
      else if (kind === "enum") v.enums.set(d.name, d as EnumType);
      else if (kind === "domain") v.domains.set(d.name, d as Domain);
    }
  }
}

/**
 * A table's rename, its columns (one of each name) and each column; the scope its constraints
 * are checked in. (A table without columns is per database: PostgreSQL accepts it.)
 */
export function validateTable(v: Validation, t: Table): TableScope {
  if (t.renamedFrom !== undefined) v.claimRename(t.renamedFrom, t, v.tableRenames, v.tables, "table", t.src);
  const cols = new Map<string, Column>();
  // Made at the first `renamed from` (most tables have none).
  let colRenames: Map<string, Column> | undefined;
  for (const c of t.columns) {
    const prev = cols.get(c.name);
    if (prev) {
      v.err(
        "duplicate-name",
        `column \`${t.name}.${c.name}\` is declared twice`,
        locOf(c.src),
        "rename or remove one",
        prev.src ? { message: "first declared here", loc: locOf(prev.src)! } : undefined,
      );
      continue;
    }
    cols.set(c.name, c);
  }
  for (const c of t.columns) {
    if (c.renamedFrom !== undefined)
      v.claimRename(c.renamedFrom, c, (colRenames ??= new Map()), cols, `column of \`${t.name}\``, c.src);
    checkColumn(v, t, c);
  }
  // A partition's or inheritance child's keys and indexes may name its parent's columns too.
  const listed = columnsOf((n) => v.tables.get(n), t);
  // A table of its own columns only (nearly all): the map below would be `cols` again.
  if (listed === t.columns) {
    v.noteColumns(t, cols);
    return new TableScope(v, t, cols);
  }
  const all = new Map<string, Column>();
  for (const c of listed) all.set(c.name, c);
  for (const [n, c] of cols) all.set(n, c);
  v.noteColumns(t, all);
  return new TableScope(v, t, all);
}

/**
 * What a column's identity, type and default allow, alone (keys and references are checked
 * elsewhere; `default null` on a NOT NULL column per database, in `dialects/common/validate.ts`).
 */
function checkColumn(v: Validation, t: Table, c: Column) {
  // MySQL takes ON UPDATE CURRENT_TIMESTAMP on TIMESTAMP and DATETIME columns only.
  if (
    c.onUpdate &&
    c.type.kind !== "native" &&
    !(c.type.kind === "portable" && /^timestamp(tz)?$/.test(c.type.name))
  )
    v.err(
      "on-update-type",
      `\`on update now()\` needs a timestamp column, but \`${t.name}.${c.name}\` is \`${typeText(c.type)}\``,
      locOf(c.src, "on update"),
      "make it `timestamp` or `timestamptz`",
    );
  // Every database refuses a default or an identity on a generated column: it has its value.
  if (c.generated) {
    if (!c.generated.expr)
      v.err(
        "empty-expression",
        `generated column \`${t.name}.${c.name}\` has no expression`,
        locOf(c.src, "generated"),
        "write it inside the parentheses: `as (price * qty) stored`",
      );
    if (c.default)
      v.err(
        "generated-default",
        `generated column \`${t.name}.${c.name}\` cannot have a default`,
        locOf(c.src, "default"),
        "remove the default: the expression gives the value",
      );
    if (c.identity)
      v.err(
        "generated-identity",
        `generated column \`${t.name}.${c.name}\` cannot be an identity`,
        locOf(c.src, "identity"),
        "remove `identity` or `as (...)`",
      );
  }
  // MySQL refuses `unsigned` on a type that is not a number.
  if (c.type.kind === "portable" && c.type.unsigned && !NUMERIC_TYPES.has(c.type.name))
    v.err(
      "unsigned-type",
      `\`unsigned\` needs a numeric type, but \`${t.name}.${c.name}\` is \`${c.type.name}\``,
      locOf(c.src, "type"),
      "remove `unsigned`",
    );
  if (c.identity) {
    if (!isIntegerType(c.type)) {
      v.err(
        "identity-type",
        `\`identity\` needs an integer column, but \`${t.name}.${c.name}\` is \`${typeText(c.type)}\``,
        locOf(c.src, "identity"),
        "use `bigint` (or `int`, `smallint`; on MySQL also `tinyint`, `mediumint`)",
      );
    }
    // A nullable identity is judged per database (`validateIdentity`): SQLite's rowid takes one.
    if (c.default)
      v.err(
        "identity-default",
        `identity column \`${t.name}.${c.name}\` cannot have a default`,
        locOf(c.src, "default"),
        "remove the default: the database generates the value",
      );
  }
  if (c.type.kind === "enum" && c.default) {
    const e = v.enums.get(c.type.name)!;
    const d = c.default;
    if (
      d.kind === "string" ? !e.values.some((x) => x.name === d.value) : d.kind !== "null" && d.kind !== "raw"
    ) {
      const shown =
        d.kind === "string"
          ? `'${d.value}'`
          : d.kind === "number"
            ? d.text
            : d.kind === "bool"
              ? String(d.value)
              : d.kind === "function"
                ? `${d.name}()`
                : "";
      v.err(
        "enum-default",
        `default ${shown} is not a value of enum \`${e.name}\``,
        locOf(c.src, "default"),
        d.kind === "string"
          ? (didYouMean(
              d.value,
              e.values.map((x) => x.name),
            ) ?? `the values are ${e.values.map((x) => `'${x.name}'`).join(", ")}`)
          : `write one of ${e.values.map((x) => `'${x.name}'`).join(", ")}`,
      );
    }
  }
}
