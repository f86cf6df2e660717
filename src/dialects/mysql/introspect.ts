/**
 * Reads a MySQL/MariaDB schema (the connection's current database) into the IR through
 * information_schema: eight queries for the whole database, never one per table, and SHOW
 * CREATE TABLE of the tables with indexes in one round trip (`explicitMethods`).
 *
 * What the server rewrites is mapped back: `tinyint(1)` is bool, `longtext` text, `datetime(6)`
 * timestamp, `timestamp(6)` timestamptz, an inline `enum(...)` becomes an enum type (named after
 * its first column; columns with the same values share it), MariaDB's JSON (a longtext with a
 * `json_valid` check named after the column) is json again. A unique index on columns is a
 * unique constraint (MySQL does not tell them apart); the index InnoDB adds for a foreign key
 * is left out.
 */
import { partitionClauseOf } from "./partitions.ts";
import { quoteBacktick } from "../common/sql.ts";
import type {
  Check,
  Column,
  ColumnType,
  DatabaseDefaults,
  DefaultValue,
  FkAction,
  ForeignKey,
  Index,
  PrimaryKey,
  Table,
  TableOptions,
  UniqueConstraint,
} from "../../ir/model.ts";
import { TEXT_TYPES } from "../../ir/model.ts";
import type { Executor, IntrospectOptions, Introspected, Unsupported } from "../dialect.ts";
import { normExpr } from "../common/expr.ts";
import { InlineEnums } from "../common/inline-enums.ts";
import { isBlobLike, TEXT_PREFIX } from "./types.ts";
import { readMysqlViews } from "../common/views.ts";
import { readMysqlRoutines, readMysqlTriggers } from "./routines-introspect.ts";

const SIMPLE: Readonly<Record<string, ColumnType>> = {
  "tinyint(1)": { kind: "portable", name: "bool" },
  smallint: { kind: "portable", name: "smallint" },
  int: { kind: "portable", name: "int" },
  bigint: { kind: "portable", name: "bigint" },
  float: { kind: "portable", name: "real" },
  double: { kind: "portable", name: "double" },
  longtext: { kind: "portable", name: "text" },
  date: { kind: "portable", name: "date" },
  "time(6)": { kind: "portable", name: "time" },
  "datetime(6)": { kind: "portable", name: "timestamp" },
  "timestamp(6)": { kind: "portable", name: "timestamptz" },
  json: { kind: "portable", name: "json" },
  longblob: { kind: "portable", name: "bytes" },
};

/** The display width MariaDB prints for an integer type with none written: [signed, unsigned]. */
const DEFAULT_WIDTHS: Readonly<Record<string, readonly [number, number]>> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  int: [11, 10],
  bigint: [20, 20],
};

/** MySQL string literal body → value (`''` and backslash escapes). */
function unquoteMysql(body: string): string {
  return body
    .replace(/''/g, "'")
    .replace(
      /\\(.)/g,
      (_, c: string) => (({ n: "\n", t: "\t", r: "\r", "0": "\0" }) as Record<string, string>)[c] ?? c,
    );
}

/** The values of `enum('a','b')`. */
function enumValues(columnType: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  for (const m of columnType.slice(5).matchAll(re)) out.push(unquoteMysql(m[1]!));
  return out;
}

/**
 * `COLUMN_TYPE` → IR type. Display widths of integer types are ignored (MariaDB prints them,
 * `int(11)`), except `tinyint(1)`, MySQL's bool; a trailing `unsigned` is the type's.
 */
export function mysqlTypeFromCatalog(columnType: string): ColumnType {
  const u = /^(.*?) unsigned$/i.exec(columnType);
  const w = /^(tinyint|smallint|mediumint|int|bigint)\((\d+)\)$/i.exec(u ? u[1]! : columnType);
  if (w && !(!u && w[1]!.toLowerCase() === "tinyint" && w[2] === "1")) {
    // A display width the server prints for every column of the type (MariaDB: `int(11)`,
    // `int(10) unsigned`) is the type's; another one (`int(4) unsigned`, Petclinic) was written
    // and is kept, as a native type.
    const name = w[1]!.toLowerCase();
    const unsigned = u ? ({ unsigned: true } as const) : {};
    if (Number(w[2]) !== DEFAULT_WIDTHS[name]![u ? 1 : 0])
      return { kind: "native", name, args: [w[2]!], ...unsigned };
    return name === "tinyint" || name === "mediumint"
      ? { kind: "native", name, ...unsigned }
      : { kind: "portable", name: name as "smallint" | "int" | "bigint", ...unsigned };
  }
  if (u) {
    const base = mysqlTypeFromCatalog(u[1]!);
    return base.kind === "enum" ? base : { ...base, unsigned: true };
  }
  const t =
    columnType.toLowerCase() === "tinyint(1)"
      ? "tinyint(1)"
      : columnType.toLowerCase().replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, "$1");
  if (t === "tinyint" || t === "mediumint") return { kind: "native", name: t };
  const known = SIMPLE[t];
  if (known) return known;
  let m = /^decimal\((\d+),(\d+)\)$/.exec(t);
  if (m) return { kind: "portable", name: "decimal", args: [Number(m[1]), Number(m[2])] };
  m = /^(varchar|char)\((\d+)\)$/.exec(t);
  if (m) return { kind: "portable", name: m[1] as "varchar" | "char", args: [Number(m[2])] };
  m = /^(\w+)\((.*)\)$/.exec(columnType);
  // Arguments split on the commas outside quotes (`set('a,b','c')`).
  return m
    ? {
        kind: "native",
        name: m[1]!,
        args: (m[2]!.match(/'(?:[^'\\]|''|\\.)*'|[^,]+/g) ?? []).map((a) => a.trim()),
      }
    : { kind: "native", name: columnType };
}

/** `COLUMN_DEFAULT` (MariaDB: an expression; literals quoted) → IR. */
export function decodeMysqlDefault(text: string, type: ColumnType): DefaultValue {
  const s = text.trim();
  if (/^NULL$/i.test(s)) return { kind: "null" };
  if (/^current_timestamp(\(\d*\))?$/i.test(s)) return { kind: "function", name: "now" };
  if (/^(curdate\(\)|current_date(\(\))?)$/i.test(s)) return { kind: "function", name: "current_date" };
  if (/^uuid\(\)$/i.test(s)) return { kind: "function", name: "gen_uuid" };
  if (/^-?\d+(\.\d+)?$/.test(s)) {
    if (type.kind === "portable" && type.name === "bool" && (s === "0" || s === "1"))
      return { kind: "bool", value: s === "1" };
    return { kind: "number", text: s };
  }
  const str = /^'((?:[^'\\]|''|\\.)*)'$/s.exec(s);
  if (str) return { kind: "string", value: unquoteMysql(str[1]!) };
  return { kind: "raw", sql: s };
}

/**
 * A table's options where they differ from a table created without them: ENGINE from the
 * server's default, DEFAULT CHARSET from the database's, COLLATE from the default collation of
 * the table's charset (of the database's, without a charset), ROW_FORMAT and KEY_BLOCK_SIZE when
 * written (CREATE_OPTIONS holds them then; ROW_FORMAT itself always names one).
 */
function tableOptionsOf(
  r: Record<string, unknown>,
  defaults: Record<string, unknown> | undefined,
): TableOptions | undefined {
  const out: Record<string, string> = {};
  const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  const engine = str(r["engine"]),
    cs = str(r["cs"]),
    coll = str(r["coll"]);
  if (engine && engine.toLowerCase() !== String(defaults?.["engine"] ?? "InnoDB").toLowerCase())
    out["engine"] = engine;
  if (cs && cs !== str(defaults?.["cs"])) out["charset"] = cs;
  const expected = out["charset"] !== undefined ? str(r["cs_coll"]) : str(defaults?.["coll"]);
  if (coll && coll !== expected) out["collate"] = coll;
  for (const m of String(r["opts"] ?? "").matchAll(/\b(row_format|key_block_size)=(\w+)/gi))
    out[m[1]!.toLowerCase()] = m[2]!;
  return Object.keys(out).length ? out : undefined;
}

const ACTIONS: Readonly<Record<string, FkAction>> = {
  "NO ACTION": "no action",
  RESTRICT: "restrict",
  CASCADE: "cascade",
  "SET NULL": "set null",
  "SET DEFAULT": "set default",
};

export async function introspectMysql(ex: Executor, opts: IntrospectOptions = {}): Promise<Introspected> {
  const exclude = new Set(opts.exclude ?? []);
  type T = {
    name: string;
    doc?: string;
    options?: TableOptions;
    columns: Column[];
    primaryKey?: PrimaryKey;
    uniques: UniqueConstraint[];
    indexes: Index[];
    foreignKeys: ForeignKey[];
    checks: Check[];
  };
  const tables = new Map<string, T>();
  /** Each table's default collation: a column's own collation is one that differs from it. */
  const tableCollation = new Map<string, string>();
  // Table options are read where they differ from what a table created with none gets here: the
  // database's character set and collation, the server's default engine.
  const [defaults] = await ex.query(
    `SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS coll, @@default_storage_engine AS engine FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()`,
  );
  const tableRows = await ex.query(
    `SELECT t.TABLE_NAME AS t, t.TABLE_COMMENT AS doc, t.TABLE_COLLATION AS coll, t.ENGINE AS engine, t.CREATE_OPTIONS AS opts,
      c.CHARACTER_SET_NAME AS cs, s.DEFAULT_COLLATE_NAME AS cs_coll
    FROM information_schema.TABLES t
    LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
    LEFT JOIN information_schema.CHARACTER_SETS s ON s.CHARACTER_SET_NAME = c.CHARACTER_SET_NAME
    WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY t.TABLE_NAME`,
  );
  for (const r of tableRows) {
    const name = String(r["t"]);
    if (exclude.has(name)) continue;
    const doc = String(r["doc"] ?? "");
    if (r["coll"]) tableCollation.set(name, String(r["coll"]));
    // A partitioned table's clause, as SHOW CREATE TABLE prints it (one query per such table:
    // information_schema.PARTITIONS does not tell a LIST's DEFAULT partition apart).
    const partitioned = /\bpartitioned\b/i.test(String(r["opts"] ?? ""))
      ? partitionClauseOf(
          String(
            Object.values((await ex.query(`SHOW CREATE TABLE ${quoteBacktick(name)}`))[0] ?? {})[1] ?? "",
          ),
        )
      : undefined;
    const plain = tableOptionsOf(r, defaults);
    const options = partitioned !== undefined ? { ...plain, "partition by": `(${partitioned})` } : plain;
    tables.set(name, {
      name,
      ...(doc ? { doc } : {}),
      ...(options ? { options } : {}),
      columns: [],
      uniques: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
    });
  }

  // Checks first: MariaDB's JSON columns are known by theirs.
  let checkRows: Record<string, unknown>[];
  try {
    checkRows = await ex.query(
      `SELECT TABLE_NAME AS t, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS expr FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME`,
    );
  } catch {
    // MySQL 8 has no TABLE_NAME there: join through TABLE_CONSTRAINTS.
    checkRows =
      await ex.query(`SELECT tc.TABLE_NAME AS t, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS expr FROM information_schema.CHECK_CONSTRAINTS cc
      JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK'
      WHERE cc.CONSTRAINT_SCHEMA = DATABASE() ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME`);
  }
  const jsonColumns = new Set<string>();
  for (const r of checkRows) {
    const t = tables.get(String(r["t"]));
    if (!t) continue;
    const name = String(r["name"]),
      expr = String(r["expr"]);
    // MariaDB's JSON is LONGTEXT plus `CHECK (json_valid(col))`, named after the column when it
    // was created (the name stays when the column is renamed): either way, that column is json.
    const json = /^json_valid \( ("(?:[^"]|"")+"|[a-z_][a-z0-9_]*) \)$/.exec(
      normExpr(expr, { backslashEscapes: true }),
    );
    if (json) {
      jsonColumns.add(`${t.name}\u0000${json[1]!.replace(/^"(.*)"$/, "$1").replace(/""/g, '"')}`);
      continue;
    }
    t.checks.push({ name, expr });
  }

  const inline = new InlineEnums(() => tables.keys());
  const enums = inline.enums;
  const enumFor = (table: string, column: string, values: string[]) => inline.nameFor(table, column, values);
  const colRows =
    await ex.query(`SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def, EXTRA AS extra, COLUMN_COMMENT AS doc, COLLATION_NAME AS coll, GENERATION_EXPRESSION AS gen
    FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`);
  const skipped: string[] = [];
  for (const r of colRows) {
    const t = tables.get(String(r["t"]));
    if (!t) continue;
    const name = String(r["c"]),
      columnType = String(r["type"]),
      extra = String(r["extra"] ?? "").toLowerCase();
    let type = mysqlTypeFromCatalog(columnType);
    if (/^enum\(/i.test(columnType))
      type = { kind: "enum", name: enumFor(t.name, name, enumValues(columnType)) };
    if (jsonColumns.has(`${t.name}\u0000${name}`)) type = { kind: "portable", name: "json" };
    const def = r["def"] === null || r["def"] === undefined ? undefined : String(r["def"]);
    const doc = String(r["doc"] ?? "");
    const nullable = r["nullable"] === "YES";
    const d = def === undefined ? undefined : decodeMysqlDefault(def, type);
    const coll = r["coll"] ? String(r["coll"]) : undefined;
    // A JSON column's utf8mb4_bin belongs to the type (MariaDB's JSON is LONGTEXT with it), not
    // to the user; numbers and dates have none.
    const collation =
      coll !== undefined &&
      coll !== tableCollation.get(t.name) &&
      (type.kind === "portable"
        ? TEXT_TYPES.has(type.name)
        : type.kind === "enum" || /char|text/i.test(type.name))
        ? coll
        : undefined;
    // EXTRA says `STORED GENERATED` or `VIRTUAL GENERATED` (MySQL's `DEFAULT_GENERATED` is a
    // default expression); the expression is printed with backticks (compared in normal form).
    const kind = /\b(stored|virtual) generated\b/.exec(extra)?.[1];
    const generated =
      kind && r["gen"] !== null && r["gen"] !== undefined
        ? { expr: String(r["gen"]), stored: kind === "stored" }
        : undefined;
    t.columns.push({
      name,
      type,
      nullable,
      identity: extra.includes("auto_increment"),
      // MariaDB: `on update current_timestamp()`; MySQL: `DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)`.
      ...(/on update current_timestamp/.test(extra) ? { onUpdate: "now" as const } : {}),
      ...(generated ? { generated } : {}),
      ...(collation !== undefined ? { collation } : {}),
      // MariaDB reports `NULL` as the default of a nullable column that has none.
      ...(d && !(d.kind === "null" && nullable) && !generated ? { default: d } : {}),
      ...(doc ? { doc } : {}),
    });
  }

  // Both tables filtered by the database itself: MariaDB opens only that database's tables for
  // an information_schema table with a constant schema condition of its own; joined on the
  // other's column alone, REFERENTIAL_CONSTRAINTS opened every table of every database
  // (EXPLAIN: "Scanned all databases").
  const keyRows = await ex.query(`
    SELECT k.TABLE_NAME AS t, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.REFERENCED_TABLE_NAME AS ref, k.REFERENCED_COLUMN_NAME AS refcol,
      rc.UPDATE_RULE AS upd, rc.DELETE_RULE AS del
    FROM information_schema.REFERENTIAL_CONSTRAINTS rc
    JOIN information_schema.KEY_COLUMN_USAGE k ON rc.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = k.TABLE_NAME AND rc.CONSTRAINT_NAME = k.CONSTRAINT_NAME
    WHERE rc.CONSTRAINT_SCHEMA = DATABASE() AND k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
    ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`);
  const fkNames = new Set<string>();
  for (const r of keyRows) {
    const t = tables.get(String(r["t"]));
    if (!t) continue;
    const name = String(r["name"]);
    let fk = t.foreignKeys.find((f) => f.name === name) as
      | { columns: string[]; refColumns: string[] }
      | undefined;
    if (!fk) {
      const created = {
        name,
        columns: [] as string[],
        refTable: String(r["ref"]),
        refColumns: [] as string[],
        onDelete: ACTIONS[String(r["del"])] ?? "no action",
        onUpdate: ACTIONS[String(r["upd"])] ?? "no action",
      };
      t.foreignKeys.push(created);
      fkNames.add(`${t.name}\u0000${name}`);
      fk = created;
    }
    fk.columns.push(String(r["col"]));
    fk.refColumns.push(String(r["refcol"]));
  }

  const statRows =
    await ex.query(`SELECT TABLE_NAME AS t, INDEX_NAME AS name, NON_UNIQUE AS nu, COLUMN_NAME AS col, COLLATION AS coll, INDEX_TYPE AS method, SUB_PART AS sub, SEQ_IN_INDEX AS seq, INDEX_COMMENT AS comment
    FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()`);
  // No ORDER BY: the rows come in each table's index order (SHOW CREATE TABLE's, the order the
  // indexes were created in), which pull keeps so a replay creates them in that order too; the
  // columns of an index are put in order by SEQ_IN_INDEX below.
  statRows.sort((a, b) =>
    String(a["t"]) === String(b["t"]) && String(a["name"]) === String(b["name"])
      ? Number(a["seq"]) - Number(b["seq"])
      : 0,
  );
  const indexCols = new Map<
    string,
    {
      t: string;
      name: string;
      unique: boolean;
      method: string;
      /** INDEX_COMMENT: `COMMENT '...'` on the index or key ('' when none: MySQL keeps no empty one). */
      comment: string;
      cols: { col: string; desc: boolean; length?: number }[];
    }
  >();
  for (const r of statRows) {
    if (!tables.has(String(r["t"]))) continue;
    const key = `${String(r["t"])}\u0000${String(r["name"])}`;
    let i = indexCols.get(key);
    if (!i)
      indexCols.set(
        key,
        (i = {
          t: String(r["t"]),
          name: String(r["name"]),
          unique: Number(r["nu"]) === 0,
          method: String(r["method"]).toLowerCase(),
          comment: String(r["comment"] ?? ""),
          cols: [],
        }),
      );
    // A prefix length, but not the one the renderer gives a text or bytes column of its own in
    // a plain index (a key's, unique or primary, is always written).
    const table = tables.get(i.t)!;
    const column = table.columns.find((c) => c.name === String(r["col"]));
    const sub = r["sub"] === null || r["sub"] === undefined ? undefined : Number(r["sub"]);
    const length =
      sub !== undefined &&
      !(sub === TEXT_PREFIX && column && isBlobLike(column.type) && !i.unique) &&
      !["fulltext", "spatial"].includes(i.method)
        ? sub
        : undefined;
    i.cols[Number(r["seq"]) - 1] = {
      col: String(r["col"]),
      desc: r["coll"] === "D",
      ...(length !== undefined ? { length } : {}),
    };
  }
  const explicit = await explicitMethods(ex, [
    ...new Set([...indexCols.values()].filter((i) => ["btree", "hash"].includes(i.method)).map((i) => i.t)),
  ]);
  for (const [key, i] of indexCols) {
    const t = tables.get(i.t)!;
    // `USING BTREE` written (or HASH, which InnoDB keeps as BTREE): the index says so again.
    const method = explicit.get(key) ?? i.method;
    const columns = i.cols.map((c) => c.col);
    const comment = i.comment !== "" ? { comment: i.comment } : {};
    if (i.name === "PRIMARY") {
      const lengths = Object.fromEntries(
        i.cols.flatMap((c) => (c.length !== undefined ? [[c.col, c.length]] : [])),
      );
      t.primaryKey = {
        name: `${t.name}_pkey`,
        columns,
        ...(Object.keys(lengths).length ? { prefixLengths: lengths } : {}),
        ...(explicit.has(key) ? { using: method } : {}),
        ...comment,
      };
      continue;
    }
    // InnoDB's own index for a foreign key carries the key's name: not part of the schema.
    if (fkNames.has(key) && !i.unique) continue;
    if (i.unique && !explicit.has(key) && i.cols.every((c) => !c.desc && c.length === undefined)) {
      t.uniques.push({ name: i.name, columns, ...comment });
      continue;
    }
    t.indexes.push({
      name: i.name,
      unique: i.unique,
      parts: i.cols.map((c) => ({
        kind: "column",
        column: c.col,
        desc: c.desc,
        ...(c.length !== undefined ? { length: c.length } : {}),
      })),
      ...(method !== "btree" || explicit.has(key) ? { using: method } : {}),
      ...comment,
    });
  }

  const others = await ex.query(`
    -- Triggers, functions and procedures are read (routines-introspect.ts), not named.
    SELECT 'event' AS kind, EVENT_NAME AS name FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
    UNION ALL SELECT 'sequence', TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SEQUENCE'
    ORDER BY 1, 2`);
  for (const r of others) skipped.push(`${String(r["kind"])} ${String(r["name"])}`);
  const views = await readMysqlViews(ex, skipped);
  const skippedWhy: Record<string, string> = {};
  const functions = await readMysqlRoutines(ex, skipped, skippedWhy);
  const triggers = await readMysqlTriggers(ex, skipped);

  // The defaults, for the normal form: a table restating them is the same as one without.
  const charsets = await ex.query(
    "SELECT CHARACTER_SET_NAME AS cs, DEFAULT_COLLATE_NAME AS coll FROM information_schema.CHARACTER_SETS",
  );
  const databaseDefaults: DatabaseDefaults = {
    tableOptions: {
      ...(defaults?.["engine"] ? { engine: String(defaults["engine"]) } : {}),
      ...(defaults?.["cs"] ? { charset: String(defaults["cs"]) } : {}),
      ...(defaults?.["coll"] ? { collate: String(defaults["coll"]) } : {}),
    },
    collations: Object.fromEntries(
      charsets.map((r) => [String(r["cs"]).toLowerCase(), String(r["coll"]).toLowerCase()]),
    ),
  };
  return {
    schema: {
      enums,
      tables: [...tables.values()].map((t): Table => t),
      ...(views.length ? { views } : {}),
      ...(functions.length ? { functions } : {}),
      ...(triggers.length ? { triggers } : {}),
      databaseDefaults,
    },
    skipped,
    ...(Object.keys(skippedWhy).length ? { skippedWhy } : {}),
    unsupported: await unsupportedMysql(ex, exclude),
  };
}

/**
 * The indexes whose method was written (`USING BTREE`, `USING HASH`), by `table\0index`: the
 * server keeps that it was (SHOW CREATE TABLE prints it again) but information_schema does not
 * tell (INDEX_TYPE is BTREE either way). So SHOW CREATE TABLE of each table with such an index,
 * all of them in one round trip (the connection takes several statements at once), in batches.
 */
async function explicitMethods(ex: Executor, tables: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const q = (n: string) => `\`${n.replace(/`/g, "``")}\``;
  for (let at = 0; at < tables.length; at += 200) {
    const batch = tables.slice(at, at + 200);
    // A second statement, so the answer is always a list of result sets (one each).
    const sets = await ex.query<Record<string, unknown>[]>(
      `${batch.map((t) => `SHOW CREATE TABLE ${q(t)}`).join("; ")}; SELECT 1`,
    );
    batch.forEach((t, k) => {
      const body = String(sets[k]?.[0]?.["Create Table"] ?? "");
      for (const line of body.split("\n")) {
        // `  [UNIQUE ]KEY `name` (cols) USING BTREE[ COMMENT '...'],` or `  PRIMARY KEY (cols)
        // USING BTREE...`: the method follows the columns.
        const m =
          /^\s*(?:PRIMARY KEY|(?:UNIQUE )?KEY `((?:[^`]|``)+)`) \(.*\) USING (BTREE|HASH)(?: COMMENT '(?:[^'\\]|''|\\.)*')?,?$/.exec(
            line,
          );
        if (m) out.set(`${t}\u0000${m[1]?.replace(/``/g, "`") ?? "PRIMARY"}`, m[2]!.toLowerCase());
      }
    });
  }
  return out;
}

/**
 * What the tables hold that the language cannot express yet, found in information_schema: the
 * queries above read such an object as something close to it (a primary key on column
 * prefixes as one on the whole columns, a generated column as a plain one) or not at all (a
 * system-versioned table). One branch per construct: delete it when the language learns the
 * construct. One query for the database.
 */
export async function unsupportedMysql(ex: Executor, exclude: ReadonlySet<string>): Promise<Unsupported[]> {
  const rows = await ex.query<{ what: string; object: string; tbl: string; leave_out: string | null }>(`
    SELECT 'invisible columns' AS what, CONCAT(TABLE_NAME, '.', COLUMN_NAME) AS object, TABLE_NAME AS tbl, NULL AS leave_out
      FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND EXTRA LIKE '%invisible%'
    -- The reference is read by the table's name alone, which is another table here (or none).
    UNION ALL SELECT 'foreign keys to another database', CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME, ' (references ', UNIQUE_CONSTRAINT_SCHEMA, '.', REFERENCED_TABLE_NAME, ')'), TABLE_NAME, CONSTRAINT_NAME
      FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND UNIQUE_CONSTRAINT_SCHEMA <> CONSTRAINT_SCHEMA
    -- Read as no table at all (introspection reads BASE TABLEs).
    UNION ALL SELECT 'system-versioned tables', TABLE_NAME, TABLE_NAME, NULL
      FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'SYSTEM VERSIONED'
    ORDER BY 1, 2`);
  return rows
    .filter((r) => !exclude.has(String(r.tbl)))
    .map((r) => ({
      what: String(r.what),
      object: String(r.object),
      table: String(r.tbl),
      ...(r.leave_out !== null ? { leaveOut: String(r.leave_out) } : {}),
    }));
}
