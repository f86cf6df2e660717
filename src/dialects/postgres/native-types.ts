/**
 * PostgreSQL's native type names (the type check's catalogue, `dialects/common/type-names.ts`):
 * the base, range and multirange types of `pg_catalog` (PostgreSQL 15: `SELECT typname FROM
 * pg_type WHERE typnamespace = 'pg_catalog'::regnamespace AND typtype IN ('b','r','m')`, less
 * the arrays), the SQL spellings the parser maps to them (`integer`, `character`, `float`,
 * `serial`, ...), and the types of the common extensions. PostgreSQL refuses any other name,
 * unless an extension or a user type provides it: that one is written quoted (`"my_type"`).
 */
import type { TypeCatalogue } from "../common/type-names.ts";

const BUILT_IN = [
  // pg_catalog's base, range and multirange types.
  "aclitem bit bool box bpchar bytea char cid cidr circle date datemultirange daterange float4 float8",
  "gtsvector inet int2 int2vector int4 int4multirange int4range int8 int8multirange int8range interval",
  "json jsonb jsonpath line lseg macaddr macaddr8 money name numeric nummultirange numrange oid oidvector",
  "path pg_lsn pg_snapshot point polygon refcursor regclass regcollation regconfig regdictionary",
  "regnamespace regoper regoperator regproc regprocedure regrole regtype text tid time timestamp",
  "timestamptz timetz tsmultirange tsquery tsrange tstzmultirange tstzrange tsvector txid_snapshot uuid",
  "varbit varchar xid xid8 xml",
  // The SQL spellings the parser maps to those (`dec` is numeric, `float` is float8, `nchar` bpchar).
  "integer int smallint bigint real decimal dec boolean character nchar float",
  "serial serial2 serial4 serial8 smallserial bigserial",
];

/** The extensions' types (a server without the extension refuses them). */
const EXTENSIONS = [
  // contrib: citext, hstore, ltree, cube, seg, isn, lo.
  "citext hstore ltree lquery ltxtquery cube seg lo ean13 isbn isbn13 ismn ismn13 issn issn13 upc",
  // pgvector.
  "vector halfvec sparsevec bit",
  // PostGIS, postgis_raster, postgis_topology.
  "geometry geography box2d box3d raster topogeometry",
  // pg_trgm's and btree_gist's index key types are not column types; earthdistance's `earth`.
  "earth",
];

const words = (lines: readonly string[]) => lines.flatMap((l) => l.split(" "));
const builtIn = words(BUILT_IN);
const extensions = words(EXTENSIONS);

/** The names only an extension provides (`test/integration/type-catalogue.test.ts` knows them apart). */
export const POSTGRES_EXTENSION_TYPES: readonly string[] = extensions.filter((n) => !builtIn.includes(n));

export const POSTGRES_TYPES: TypeCatalogue = {
  names: [...new Set([...builtIn, ...extensions])],
  unknown: "refused",
  advice: {
    datetime: "timestamp",
    datetime2: "timestamp",
    smalldatetime: "timestamp",
    tinyint: "smallint",
    mediumint: "int",
    string: "text",
    str: "text",
    tinytext: "text",
    mediumtext: "text",
    longtext: "text",
    clob: "text",
    nvarchar: "varchar",
    varchar2: "varchar",
    nvarchar2: "varchar",
    blob: "bytes",
    tinyblob: "bytes",
    mediumblob: "bytes",
    longblob: "bytes",
    binary: "bytes",
    varbinary: "bytes",
    number: "decimal",
    year: "smallint",
    long: "bigint",
  },
};
