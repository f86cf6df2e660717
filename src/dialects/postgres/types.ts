/** Portable types → PostgreSQL types (grammar/types.md is the table users read). */
import type { ColumnType } from "../../ir/model.ts";
import { quoteQualified } from "../common/sql.ts";

export function postgresType(t: ColumnType): string {
  switch (t.kind) {
    case "enum":
      return quoteQualified(t.name);
    case "native":
      return `${t.name}${t.args?.length ? `(${t.args.join(", ")})` : ""}${t.array ? "[]" : ""}`;
    case "portable":
      switch (t.name) {
        case "smallint":
          return "smallint";
        case "int":
          return "integer";
        case "bigint":
          return "bigint";
        case "real":
          return "real";
        case "double":
          return "double precision";
        case "decimal":
          return `numeric(${(t.args ?? []).join(", ")})`;
        case "bool":
          return "boolean";
        case "text":
          return "text";
        case "varchar":
          return `varchar(${t.args?.[0]})`;
        case "char":
          return `char(${t.args?.[0]})`;
        case "date":
          return "date";
        case "time":
          return "time";
        case "timestamp":
          return "timestamp";
        case "timestamptz":
          return "timestamptz";
        case "uuid":
          return "uuid";
        case "json":
          return "json";
        case "jsonb":
          return "jsonb";
        case "bytes":
          return "bytea";
      }
  }
}
