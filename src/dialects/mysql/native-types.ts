/**
 * MySQL's and MariaDB's native type names (the type check's catalogue,
 * `dialects/common/type-names.ts`): the data types of MySQL 8 and MariaDB 10.11 and later
 * (mariadb.com/kb/en/data-types, dev.mysql.com/doc/refman/8.0/en/data-types.html), with the
 * synonyms both parsers take (`int1`..`int8`, `middleint`, `float4`, `fixed`, `long`, ...),
 * MariaDB's `inet4`, `inet6` and `uuid`, and `vector` (MySQL 9, MariaDB 11.7). The server refuses
 * any other name ("Unknown data type"); a quoted name (`"my_type"`) is passed as written.
 */
import type { TypeCatalogue } from "../common/type-names.ts";

const NAMES = [
  "tinyint smallint mediumint int integer bigint int1 int2 int3 int4 int8 middleint serial",
  "decimal dec fixed numeric float double real float4 float8 bit bool boolean",
  "date datetime timestamp time year",
  "char nchar varchar nvarchar binary varbinary tinytext text mediumtext longtext long",
  "tinyblob blob mediumblob longblob enum set json",
  "geometry point linestring polygon multipoint multilinestring multipolygon geometrycollection geomcollection",
  "inet4 inet6 uuid vector",
];

/** Names that MariaDB 10.11 does not have yet: MySQL 8's `geomcollection`, the `vector` of MySQL 9 and MariaDB 11.7. */
export const MYSQL_LATER_TYPES: readonly string[] = ["geomcollection", "vector"];

export const MYSQL_TYPES: TypeCatalogue = {
  names: [...new Set(NAMES.flatMap((l) => l.split(" ")))],
  unknown: "refused",
  advice: {
    string: "text",
    str: "text",
    bytea: "bytes",
    clob: "text",
    varchar2: "varchar",
    number: "decimal",
    datetime2: "datetime",
    citext: "text",
    // MySQL searches text with a fulltext index (`index (body) using fulltext`).
    tsvector: "text",
    serial4: "int",
    serial8: "bigint",
    bigserial: "bigint",
    smallserial: "smallint",
    int16: "bigint",
  },
};
