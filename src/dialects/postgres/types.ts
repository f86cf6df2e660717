/** Portable types → PostgreSQL types (grammar/types.md is the table users read). */
import type { ColumnType } from "../../ir/model.ts";
import { quoteQualified } from "../common/sql.ts";
import { knownNativeType } from "../common/type-names.ts";
import { POSTGRES_TYPES } from "./native-types.ts";

export function postgresType(t: ColumnType): string {
  switch (t.kind) {
    case "enum":
      return quoteQualified(t.name);
    case "native":
      return `${nativeName(t.name)}${t.args?.length ? `(${t.args.join(", ")})` : ""}${t.array ? "[]" : ""}`;
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

/**
 * A native type's name as SQL: in lower case as written (`double precision`, `citext`,
 * `timestamp(6) without time zone`), and a built-in one written in capitals (`TSVECTOR`);
 * another name, a domain or composite type of the schema in mixed case or in another schema
 * (`"NameStyle"`, `"Name"`, which is not the built-in `name`, `sales.money`), quoted part by part,
 * or PostgreSQL would fold it to lower case.
 */
function nativeName(name: string): string {
  if (/^[a-z_][a-z0-9_ (),]*$/.test(name)) return name;
  if (name === name.toUpperCase() && knownNativeType(POSTGRES_TYPES, name)) return name;
  return quoteQualified(name);
}
