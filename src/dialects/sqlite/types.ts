/**
 * Portable types → SQLite declared types. SQLite stores the declared type verbatim (so
 * introspection can read it back) and derives a storage affinity from it; every name below has
 * the right affinity. json/jsonb are TEXT: NUMERIC affinity would rewrite a JSON scalar such as
 * '1.50' into the number 1.5.
 */
import type { Column, ColumnType, Table } from "../../ir/model.ts";

export function sqliteType(t: ColumnType): string {
  switch (t.kind) {
    case "enum":
      return "TEXT";
    case "native":
      return `${t.name}${t.args?.length ? `(${t.args.join(", ")})` : ""}${t.array ? "[]" : ""}`;
    case "portable":
      switch (t.name) {
        case "smallint":
          return "SMALLINT";
        case "int":
          return "INTEGER";
        case "bigint":
          return "BIGINT";
        case "real":
          return "REAL";
        case "double":
          return "DOUBLE";
        case "decimal":
          return `DECIMAL(${(t.args ?? []).join(",")})`;
        case "bool":
          return "BOOLEAN";
        case "text":
          return "TEXT";
        case "varchar":
          return `VARCHAR(${t.args?.[0]})`;
        case "char":
          return `CHAR(${t.args?.[0]})`;
        case "date":
          return "DATE";
        case "time":
          return "TIME";
        case "timestamp":
          return "TIMESTAMP";
        case "timestamptz":
          return "TIMESTAMPTZ";
        case "uuid":
          return "UUID";
        case "json":
        case "jsonb":
          return "TEXT";
        case "bytes":
          return "BLOB";
      }
  }
}

/**
 * Whether `c` is the table's rowid under another name (sqlite.org/lang_createtable.html#rowid):
 * the one column of a rowid table's primary key, declared exactly INTEGER (any case; an
 * identity is always written so). It never holds NULL: an inserted NULL becomes a new rowid.
 */
export function isRowidAlias(t: Table, c: Column): boolean {
  if (t.virtual || t.options?.["without rowid"] === true) return false;
  if (t.primaryKey?.columns.length !== 1 || t.primaryKey.columns[0] !== c.name) return false;
  return c.identity || sqliteType(c.type).toUpperCase() === "INTEGER";
}
