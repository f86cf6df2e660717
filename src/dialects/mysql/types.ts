/** Portable types → MySQL/MariaDB types (grammar/types.md is the table users read). */
import { type ColumnType, NATIVE_INTEGER_TYPES } from "../../ir/model.ts";
import { quoteStringMysql } from "../common/sql.ts";

/** `enumValues` resolves an enum name to its values: MySQL writes enums inline. */
export function mysqlType(t: ColumnType, enumValues: (name: string) => readonly string[]): string {
  return t.kind !== "enum" && t.unsigned ? `${baseType(t, enumValues)} UNSIGNED` : baseType(t, enumValues);
}

function baseType(t: ColumnType, enumValues: (name: string) => readonly string[]): string {
  switch (t.kind) {
    case "enum":
      return `ENUM(${enumValues(t.name).map(quoteStringMysql).join(", ")})`;
    // TINYINT, MEDIUMINT: the native integers the language knows, written as the portable ones.
    case "native":
      return `${NATIVE_INTEGER_TYPES.has(t.name.toLowerCase()) ? t.name.toUpperCase() : t.name}${t.args?.length ? `(${t.args.join(", ")})` : ""}`;
    case "portable":
      switch (t.name) {
        case "smallint":
          return "SMALLINT";
        case "int":
          return "INT";
        case "bigint":
          return "BIGINT";
        case "real":
          return "FLOAT";
        case "double":
          return "DOUBLE";
        case "decimal":
          return `DECIMAL(${(t.args ?? []).join(",")})`;
        // TINYINT(1) is MySQL's boolean: BOOLEAN is an alias that reads back as tinyint(1).
        case "bool":
          return "TINYINT(1)";
        // LONGTEXT/LONGBLOB: TEXT/BLOB stop at 64 KB, which would refuse what PostgreSQL keeps.
        case "text":
          return "LONGTEXT";
        case "varchar":
          return `VARCHAR(${t.args?.[0]})`;
        case "char":
          return `CHAR(${t.args?.[0]})`;
        case "date":
          return "DATE";
        case "time":
          return "TIME(6)";
        case "timestamp":
          return "DATETIME(6)";
        // TIMESTAMP stores an instant (converted through the session time zone); ends in 2038.
        case "timestamptz":
          return "TIMESTAMP(6)";
        case "uuid":
          return "CHAR(36)";
        case "json":
        case "jsonb":
          return "JSON";
        case "bytes":
          return "LONGBLOB";
      }
  }
}

/** Types MySQL cannot index without a prefix length, nor give a plain literal default. */
export function isBlobLike(t: ColumnType): boolean {
  return t.kind === "portable" && ["text", "bytes", "json", "jsonb"].includes(t.name);
}

/**
 * The prefix length of a text column in a non-unique MySQL index: MySQL indexes TEXT/BLOB only
 * by a prefix; 255 characters (1020 bytes in utf8mb4) stay under InnoDB's 3072-byte key limit.
 * A unique key on a prefix would be stricter than declared, so unique ones are refused instead.
 */
export const TEXT_PREFIX = 255;
