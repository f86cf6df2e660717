/**
 * SQLite's common declared type names (the type check's catalogue,
 * `dialects/common/type-names.ts`): the names of sqlite.org/datatype3.html's affinity table,
 * `ANY` (STRICT tables), and those Rails, Django, SQLAlchemy and Prisma write. SQLite refuses
 * no declared type name: it derives an affinity from any text, so a name outside this list is
 * a warning that says which affinity it gets (`strng` is NUMERIC), never an error.
 */
import type { TypeCatalogue } from "../common/type-names.ts";

const NAMES = [
  // The affinity table's examples.
  "int integer tinyint smallint mediumint bigint int2 int8 character varchar nchar nvarchar",
  "text clob blob real double float numeric decimal boolean date datetime",
  // STRICT tables' ANY; names ORMs and tools write.
  "any bool timestamp timestamptz time uuid json jsonb bytea bytes binary varbinary",
  "tinytext mediumtext longtext tinyblob mediumblob longblob char smallserial serial bigserial",
  "year",
];

export const SQLITE_TYPES: TypeCatalogue = {
  names: [...new Set(NAMES.flatMap((l) => l.split(" ")))],
  unknown: "accepted",
  // STRING has NUMERIC affinity: '007' would be stored as the number 7.
  advice: { string: "text" },
};
