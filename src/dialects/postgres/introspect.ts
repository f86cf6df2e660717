/**
 * Reads a PostgreSQL schema (the connection's current schema, `public` by default) into the IR
 * through pg_catalog: six catalog queries for the whole database, never one per table.
 *
 * Types come back as portable types where one maps to them (`integer` → int, `character
 * varying(20)` → varchar(20)), enum types as enums, anything else verbatim. Defaults are decoded
 * back into literals and portable functions where the catalog's text says so
 * (`'draft'::post_status` → 'draft', `now()`, `gen_random_uuid()`); the rest stays raw SQL, as
 * do checks and index expressions (compared through `common/expr.ts`). Sequences that are no
 * serial's or identity's and domains are read as declarations of their own
 * (`objects-introspect.ts`). What the language cannot express (views, triggers, functions,
 * operators, casts, other types) is listed, not read.
 */
import { readFunctions, readTriggers } from "./routines-introspect.ts";
import type {
  Check,
  Column,
  ColumnType,
  DefaultValue,
  EnumType,
  FkAction,
  Exclusion,
  ForeignKey,
  IdentityOptions,
  Index,
  IndexPart,
  KeyIndexClauses,
  PrimaryKey,
  Table,
  TableOptions,
  UniqueConstraint,
} from "../../ir/model.ts";
import { nameValue } from "../../ir/inheritance.ts";
import { localName, sibling } from "../../ir/qualified.ts";
import { qualified, readNamespaces, readSchemas, scope } from "./namespaces.ts";

/** A node being filled in (the IR is readonly once built). */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
import type { Executor } from "../dialect.ts";
import { effectiveIdentityOptions, integerTypeMax } from "../../ir/identity.ts";
import type { IntrospectOptions, Introspected, Unsupported } from "../dialect.ts";
import {
  readComposites,
  readDomains,
  readExtensions,
  readSequences,
  readViews,
} from "./objects-introspect.ts";

const SEP = "\u0001";
const list = (v: unknown): string[] =>
  v === null || v === undefined || v === "" ? [] : String(v).split(SEP);
const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

const PORTABLE: Readonly<Record<string, ColumnType>> = {
  smallint: { kind: "portable", name: "smallint" },
  integer: { kind: "portable", name: "int" },
  bigint: { kind: "portable", name: "bigint" },
  real: { kind: "portable", name: "real" },
  "double precision": { kind: "portable", name: "double" },
  boolean: { kind: "portable", name: "bool" },
  text: { kind: "portable", name: "text" },
  date: { kind: "portable", name: "date" },
  "time without time zone": { kind: "portable", name: "time" },
  "timestamp without time zone": { kind: "portable", name: "timestamp" },
  "timestamp with time zone": { kind: "portable", name: "timestamptz" },
  uuid: { kind: "portable", name: "uuid" },
  json: { kind: "portable", name: "json" },
  jsonb: { kind: "portable", name: "jsonb" },
  bytea: { kind: "portable", name: "bytes" },
};

const FK_ACTIONS: Readonly<Record<string, FkAction>> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

/**
 * A default as `pg_get_expr` prints it → the IR: literals lose their casts where the cast is
 * the column's own type (`'x'::text` on a text column, `'-1'::integer`, `'{}'::text[]`), the
 * portable functions are recognised, anything else stays raw, as the catalog has it: a literal
 * cast to another type (`''::character varying` on a text column, `'0001-01-01'::timestamp
 * without time zone` on a timestamptz one) keeps its cast, since a default written without it
 * is stored as another expression. `CURRENT_TIMESTAMP` stays itself (PostgreSQL keeps it apart
 * from `now()`; drift compares the two as one, `normalize`'s synonyms).
 * `columnType` is the column's `format_type()`; without it every literal loses its cast.
 */
export function decodePostgresDefault(sql: string, columnType?: string): DefaultValue {
  const s = sql.trim();
  // NULL cast to another type than the column's (`NULL::character varying` on a text column,
  // Kanboard's) is another expression to PostgreSQL (pg_dump prints it): kept raw.
  const nullCast = /^NULL::(.*)$/i.exec(s)?.[1];
  if (nullCast && columnType !== undefined && bareType(nullCast) !== bareType(columnType))
    return { kind: "raw", sql: s };
  if (/^NULL(::.*)?$/i.test(s)) return { kind: "null" };
  if (s === "true" || s === "false") return { kind: "bool", value: s === "true" };
  if (s === "now()") return { kind: "function", name: "now" };
  if (/^CURRENT_DATE$/i.test(s)) return { kind: "function", name: "current_date" };
  if (s === "gen_random_uuid()") return { kind: "function", name: "gen_uuid" };
  if (/^-?\d+(\.\d+)?$/.test(s)) return { kind: "number", text: s };
  const lit = /^'((?:[^']|'')*)'(?:::([\w ."]+(?:\(\d+(?:,\d+)?\))?(?:\[\])?))?$/.exec(s);
  if (lit) {
    const value = lit[1]!.replace(/''/g, "'");
    const cast = lit[2] ?? "";
    // The catalog casts a literal to the column's type without its modifiers (varchar(20)).
    // `bpchar` is how a cast names `character(n)`.
    const bare = (t: string) =>
      t
        .replace(/\(\d+(?:,\d+)?\)/, "")
        .replace(/"/g, "")
        .replace(/^bpchar/, "character");
    const lastPart = (t: string) => bare(t).split(".").pop()!;
    // A negative number is stored so on every numeric column (`default -1` on a bigint is
    // `'-1'::integer`): a number whatever the column.
    const numeric = /^(smallint|integer|bigint|numeric|real|double precision)/.test(cast);
    if (numeric && /^-?\d+(\.\d+)?$/.test(value)) return { kind: "number", text: value };
    if (cast && columnType !== undefined && lastPart(cast) !== lastPart(columnType))
      return { kind: "raw", sql: s };
    return { kind: "string", value };
  }
  // A raw default was written in parentheses; PostgreSQL keeps them only where they group.
  return { kind: "raw", sql: s };
}

/** A type's name without modifiers, quotes or schema (`bpchar` is how a cast names `character(n)`). */
const bareType = (t: string) =>
  t
    .replace(/\(\d+(?:,\d+)?\)/, "")
    .replace(/"/g, "")
    .replace(/^bpchar/, "character")
    .split(".")
    .pop()!;

/** `format_type()` text → IR type. */
export function postgresTypeFromCatalog(formatted: string, isEnum: boolean, enumName: string): ColumnType {
  if (isEnum) return { kind: "enum", name: enumName };
  const known = PORTABLE[formatted];
  if (known) return known;
  let m = /^numeric\((\d+),(\d+)\)$/.exec(formatted);
  if (m) return { kind: "portable", name: "decimal", args: [Number(m[1]), Number(m[2])] };
  m = /^character varying\((\d+)\)$/.exec(formatted);
  if (m) return { kind: "portable", name: "varchar", args: [Number(m[1])] };
  m = /^character\((\d+)\)$/.exec(formatted);
  if (m) return { kind: "portable", name: "char", args: [Number(m[1])] };
  const array = formatted.endsWith("[]");
  const base = array ? formatted.slice(0, -2) : formatted;
  m = /^(.*?)\((.*)\)$/.exec(base);
  // format_type() qualifies a type off the search path (`sales.money`, `"Sales"."Money"`): its
  // IR name is `schema.name`, each part unquoted (src/ir/qualified.ts).
  const raw = m ? m[1]! : base;
  const q = /^("(?:[^"]|"")*"|[^."]+)\.("(?:[^"]|"")*"|[^."]+)$/.exec(raw);
  const unq = (x: string) => (x.startsWith('"') ? x.slice(1, -1).replace(/""/g, '"') : x);
  const name = q ? `${unq(q[1]!)}.${unq(q[2]!)}` : raw.replace(/^"(.*)"$/, "$1");
  const args = m ? m[2]!.split(",").map((a) => a.trim()) : undefined;
  return { kind: "native", name, ...(args ? { args } : {}), ...(array ? { array: true } : {}) };
}

type Row = Record<string, unknown>;

/** A sequence's options as the IR writes them (`effectiveIdentityOptions` drops the defaults). */
function seqOptions(seq: Row, always: boolean): IdentityOptions {
  return {
    ...(always ? { always: true } : {}),
    start: String(seq["start"]),
    increment: String(seq["increment"]),
    min: String(seq["min"]),
    max: String(seq["max"]),
    cache: String(seq["cache"]),
    ...(seq["cycle"] === true ? { cycle: true } : {}),
  };
}

/**
 * The name PostgreSQL gives a serial's sequence: `<table>_<column>_seq`, the longer of the two
 * names cut (a character at a time) until the whole fits in 63 bytes (`makeObjectName`).
 */
export function serialSequenceName(table: string, column: string): string {
  const bytes = (x: string) => new TextEncoder().encode(x).length;
  // In the table's schema, named from the table's own name (`sales.orders_id_seq`).
  let t = localName(table),
    c = column;
  while (bytes(t) + bytes(c) + "__seq".length > 63) {
    if (bytes(t) >= bytes(c)) t = [...t].slice(0, -1).join("");
    else c = [...c].slice(0, -1).join("");
  }
  return sibling(table, `${t}_${c}_seq`);
}

/**
 * Whether a column's nextval() default is exactly what `serial` creates, so that writing
 * `serial` recreates it: an integer column whose default is `nextval('seq'::regclass)` on a
 * sequence owned by this column (OWNED BY), used by no other column, named as `serial` names it
 * (`<table>_<column>_seq`), of the column's own type, with the default options. Any other
 * sequence (created apart and not owned, as Pagila's and Sakila's are; of another type, as
 * `CREATE SEQUENCE` without `AS` is bigint; another name, a table renamed since, as Kanboard's)
 * is declared on its own (`sequence ...`) and the column keeps its raw nextval() default: both
 * replay exactly.
 */
function isSerial(table: string, c: Column, rel: string, num: number, def: string, seq: Row): boolean {
  if (!(c.type.kind === "portable" && ["smallint", "int", "bigint"].includes(c.type.name))) return false;
  if (!/^nextval\('[^']+'::regclass\)$/.test(def)) return false;
  if (seq["owner_kind"] !== "a" || String(seq["owner_rel"]) !== rel || Number(seq["owner_col"]) !== num)
    return false;
  if (String(seq["name"]) !== serialSequenceName(table, c.name)) return false;
  if (Number(seq["uses"]) !== 1) return false;
  const sqlType: Record<string, string> = { smallint: "smallint", int: "integer", bigint: "bigint" };
  if (String(seq["type"]) !== sqlType[c.type.name]) return false;
  return (
    String(seq["start"]) === "1" &&
    String(seq["increment"]) === "1" &&
    String(seq["min"]) === "1" &&
    String(seq["cache"]) === "1" &&
    seq["cycle"] !== true &&
    String(seq["max"]) === String(integerTypeMax(c))
  );
}

export async function introspectPostgres(ex: Executor, opts: IntrospectOptions = {}): Promise<Introspected> {
  const exclude = new Set(opts.exclude ?? []);
  /** The schemas read (`namespaces.ts`), as a condition on the pg_namespace row `n`. */
  const S = scope("n", opts.schemas);
  const enumRows = await ex.query(`
    select ${qualified("n", "t.typname")} as name, obj_description(t.oid, 'pg_type') as doc,
      (select string_agg(e.enumlabel, chr(1) order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid) as labels
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where ${S} and t.typtype = 'e' order by 1`);
  const enums: EnumType[] = enumRows.map((r) => {
    const doc = text(r["doc"]);
    return {
      name: String(r["name"]),
      values: list(r["labels"]).map((v) => ({ name: v })),
      ...(doc !== undefined ? { doc } : {}),
    };
  });

  const tableRows = await ex.query(`
    select c.oid::bigint as oid, ${qualified("n", "c.relname")} as name, obj_description(c.oid, 'pg_class') as doc,
      case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partkey,
      case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as bound,
      -- The one parent a partition or inheritance child has here (more are "cannot express").
      (select h.inhparent::bigint from pg_inherits h where h.inhrelid = c.oid order by h.inhseqno limit 1) as parent
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${S} and c.relkind in ('r', 'p') order by 2`);
  const byOid = new Map<
    string,
    {
      name: string;
      doc?: string;
      options?: TableOptions;
      columns: Column[];
      attnames: Map<number, string>;
      primaryKey?: PrimaryKey;
      uniques: UniqueConstraint[];
      indexes: Index[];
      foreignKeys: ForeignKey[];
      checks: Check[];
      exclusions?: Exclusion[];
    }
  >();
  const relName = new Map(tableRows.map((r) => [String(r["oid"]), String(r["name"])]));
  /** Each partition's and inheritance child's parent, by oid. */
  const parentOf = new Map(
    tableRows.filter((r) => r["parent"] !== null).map((r) => [String(r["oid"]), String(r["parent"])]),
  );
  for (const r of tableRows) {
    if (exclude.has(String(r["name"]))) continue;
    const doc = text(r["doc"]);
    const options = partitionOptions(r, relName);
    byOid.set(String(r["oid"]), {
      name: String(r["name"]),
      ...(doc !== undefined ? { doc } : {}),
      ...(options ? { options } : {}),
      columns: [],
      attnames: new Map(),
      uniques: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
    });
  }

  const colRows = await ex.query(`
    select a.attrelid::bigint as rel, a.attnum as num, a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
      t.typtype = 'e' as is_enum, ${qualified("tn", "t.typname")} as typname, a.attnotnull as notnull, a.attidentity as identity,
      pg_get_expr(d.adbin, d.adrelid) as def, ds.description as doc, a.attgenerated as generated,
      a.attislocal as local, a.attinhcount as inherited,
      -- A collation is the column's own only when it differs from its type's (the database default).
      case when a.attcollation <> t.typcollation then co.collname end as collation,
      -- The sequence the default's nextval() names (its dependency, not its text): a serial's.
      (select dep.refobjid::bigint from pg_depend dep join pg_class sc on sc.oid = dep.refobjid
        where dep.classid = 'pg_attrdef'::regclass and dep.objid = d.oid and dep.refclassid = 'pg_class'::regclass
          and sc.relkind = 'S' limit 1) as default_seq
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid join pg_namespace tn on tn.oid = t.typnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    left join pg_collation co on co.oid = a.attcollation
    -- Comments by a join, not col_description() per row (a lookup each: 6,000 columns, a third
    -- of this query's time).
    left join pg_description ds on ds.objoid = a.attrelid and ds.classoid = 'pg_class'::regclass and ds.objsubid = a.attnum
    where ${S} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by a.attrelid, a.attnum`);
  // Every sequence of the schema with its options and the column owning it, if any (identity:
  // deptype 'i'; serial or OWNED BY: 'a'); one query, matched to columns below.
  const seqRows = await ex.query(`
    select s.seqrelid::bigint as oid, ${qualified("n", "sc.relname")} as name, format_type(s.seqtypid, null) as type,
      s.seqstart::text as start, s.seqincrement::text as increment, s.seqmin::text as min, s.seqmax::text as max,
      s.seqcache::text as cache, s.seqcycle as cycle,
      o.refobjid::bigint as owner_rel, o.refobjsubid as owner_col, o.deptype as owner_kind,
      obj_description(s.seqrelid, 'pg_class') as doc,
      -- The defaults using it, of columns that are not a partition's or child's copy of their
      -- parent's (a serial of a partitioned table is one column, whatever its partitions).
      (select count(*) from pg_depend u join pg_attrdef ad on ad.oid = u.objid
        join pg_attribute at on at.attrelid = ad.adrelid and at.attnum = ad.adnum
        where u.refclassid = 'pg_class'::regclass and u.refobjid = s.seqrelid
        and u.classid = 'pg_attrdef'::regclass and at.attislocal)::int as uses
    from pg_sequence s join pg_class sc on sc.oid = s.seqrelid join pg_namespace n on n.oid = sc.relnamespace
    left join pg_depend o on o.classid = 'pg_class'::regclass and o.objid = s.seqrelid
      and o.refclassid = 'pg_class'::regclass and o.refobjsubid > 0 and o.deptype in ('a', 'i')
    where ${S}`);
  const sequences = new Map(seqRows.map((r) => [String(r["oid"]), r]));
  // An identity's own sequence (deptype 'i'); another may be OWNED BY the same column.
  const ownedSequence = new Map(
    seqRows.filter((r) => r["owner_kind"] === "i").map((r) => [`${r["owner_rel"]}:${r["owner_col"]}`, r]),
  );
  /** The sequences read as a column's `serial` (not declared on their own). */
  const serialSequences = new Set<string>();
  const skipped: string[] = [];
  const colRow = new Map(colRows.map((r) => [`${r["rel"]}:${r["name"]}`, r]));
  /** Inherited columns that are not their parent's exactly (`unsupported`). */
  const ownInherited: Unsupported[] = [];
  for (const r of colRows) {
    const t = byOid.get(String(r["rel"]));
    if (!t) continue;
    const name = String(r["name"]);
    t.attnames.set(Number(r["num"]), name);
    // A column a partition or child has from its parent is the parent's (not written in the
    // child); one that differs from it there is named, not read. A child's column declared in it
    // too (attislocal: CREATE TABLE ... (note text) INHERITS, or added to the child first) is
    // written in the child, as its own declaration is: the language merges the two as PostgreSQL
    // does. A partition declares no columns, so there it is named.
    const partition = t.options?.["partition of"] !== undefined;
    if (Number(r["inherited"]) > 0 && (r["local"] !== true || partition)) {
      const why = inheritedDifference(r, colRow.get(`${parentOf.get(String(r["rel"]))}:${name}`));
      if (why) ownInherited.push({ what: why, object: `${t.name}.${name}`, table: t.name });
      continue;
    }
    const type = postgresTypeFromCatalog(String(r["type"]), r["is_enum"] === true, String(r["typname"]));
    const def = text(r["def"]);
    const doc = text(r["doc"]);
    const collation = text(r["collation"]);
    const identityKind = text(r["identity"]);
    const identity = identityKind === "a" || identityKind === "d";
    const base: Column = { name, type, nullable: r["notnull"] !== true, identity: false };
    const seq = identity
      ? ownedSequence.get(`${r["rel"]}:${r["num"]}`)
      : def !== undefined
        ? sequences.get(String(r["default_seq"]))
        : undefined;
    const identityOptions =
      identity && seq
        ? effectiveIdentityOptions({
            ...base,
            identity,
            identityOptions: seqOptions(seq, identityKind === "a"),
          })
        : undefined;
    const serial =
      !identity &&
      seq &&
      def !== undefined &&
      isSerial(t.name, base, String(r["rel"]), Number(r["num"]), def, seq);
    if (serial) serialSequences.add(String(seq["name"]));
    const col: Column = {
      ...base,
      identity: identity || Boolean(serial),
      ...(identityOptions ? { identityOptions } : {}),
      ...(serial ? { serial: true } : {}),
      ...(collation !== undefined ? { collation } : {}),
      ...(def !== undefined && !text(r["generated"]) && !serial
        ? { default: decodePostgresDefault(def, String(r["type"])) }
        : {}),
      // attgenerated 's': a stored generated column, whose expression is the "default" (PG 15
      // has no virtual ones); pg_get_expr deparses it (compared in the normal form).
      ...(text(r["generated"]) === "s" && def !== undefined
        ? { generated: { expr: def, stored: true } }
        : {}),
      ...(doc !== undefined ? { doc } : {}),
    };
    t.columns.push(col);
  }

  const standalone = readSequences(seqRows, serialSequences, (rel, num) => {
    const t = byOid.get(rel);
    const column = t?.attnames.get(num);
    return t && column !== undefined ? { table: t.name, column } : undefined;
  });

  const conRows = await ex.query(`
    select k.conrelid::bigint as rel, k.conname as name, k.contype as type, pg_get_constraintdef(k.oid) as def,
      -- The copy of a parent's constraint on its partition (conparentid) or child (not local).
      k.conparentid <> 0 or not k.conislocal as from_parent,
      array_to_string(k.conkey, ',') as cols, ${qualified("rn", "r.relname")} as ref, array_to_string(k.confkey, ',') as refcols, k.confrelid::bigint as refrel,
      k.confdeltype as del, k.confupdtype as upd, k.conindid::bigint as index,
      k.condeferrable as deferrable, k.condeferred as deferred, k.confmatchtype as match, k.connoinherit as noinherit,
      k.convalidated as validated, ds.description as doc,
      (select string_agg(o.oprname, chr(1) order by u.k) from unnest(k.conexclop) with ordinality as u(op, k)
        join pg_operator o on o.oid = u.op) as operators
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    left join pg_class r on r.oid = k.confrelid left join pg_namespace rn on rn.oid = r.relnamespace
    left join pg_description ds on ds.objoid = k.oid and ds.classoid = 'pg_constraint'::regclass
    where ${S} and k.contype in ('p', 'u', 'f', 'c', 'x')
    order by k.conrelid, k.conname`);
  /** The index each primary key or unique constraint owns, by its oid: where its INCLUDE and WITH are. */
  const constraintIndexes = new Map<string, Mutable<KeyIndexClauses>>();
  /** The index each exclusion constraint owns, by its oid: its elements, method and clauses are there. */
  const exclusionIndexes = new Map<string, { x: Mutable<Exclusion>; operators: string[] }>();
  const nums = (v: unknown) =>
    String(v ?? "")
      .split(",")
      .filter(Boolean)
      .map(Number);
  for (const r of conRows) {
    const t = byOid.get(String(r["rel"]));
    if (!t || r["from_parent"] === true) continue;
    const name = String(r["name"]);
    const cols = nums(r["cols"]).map((n) => t.attnames.get(n) ?? `?${n}`);
    const doc = text(r["doc"]);
    const comment = doc !== undefined ? { comment: doc } : {};
    const deferrable =
      r["deferrable"] === true
        ? { deferrable: r["deferred"] === true ? ("deferred" as const) : ("immediate" as const) }
        : {};
    switch (r["type"]) {
      case "p": {
        const pk: Mutable<PrimaryKey> = { name, columns: cols, ...deferrable, ...comment };
        t.primaryKey = pk;
        constraintIndexes.set(String(r["index"]), pk);
        break;
      }
      case "u": {
        const u: Mutable<UniqueConstraint> = { name, columns: cols, ...deferrable, ...comment };
        t.uniques.push(u);
        constraintIndexes.set(String(r["index"]), u);
        break;
      }
      case "f": {
        const ref = byOid.get(String(r["refrel"]));
        t.foreignKeys.push({
          name,
          columns: cols,
          refTable: String(r["ref"]),
          refColumns: nums(r["refcols"]).map((n) => ref?.attnames.get(n) ?? `?${n}`),
          onDelete: FK_ACTIONS[String(r["del"])] ?? "no action",
          onUpdate: FK_ACTIONS[String(r["upd"])] ?? "no action",
          ...(r["match"] === "f" ? { matchFull: true } : {}),
          ...deferrable,
          ...(r["validated"] === false ? { notValid: true } : {}),
          ...comment,
        });
        break;
      }
      case "x": {
        const x: Mutable<Exclusion> = { name, using: "btree", parts: [], ...deferrable, ...comment };
        (t.exclusions ??= []).push(x);
        exclusionIndexes.set(String(r["index"]), { x, operators: list(r["operators"]) });
        break;
      }
      case "c": {
        // pg_get_constraintdef: `CHECK ((expr)) [NO INHERIT] [NOT VALID]`.
        const m = /^CHECK \((.*)\)( NO INHERIT)?( NOT VALID)?$/s.exec(String(r["def"]));
        t.checks.push({
          name,
          expr: m ? m[1]! : String(r["def"]),
          ...(r["noinherit"] === true ? { noInherit: true } : {}),
          ...(r["validated"] === false ? { notValid: true } : {}),
          ...comment,
        });
        break;
      }
    }
  }

  const idxRows = await ex.query(`
    select i.indrelid::bigint as rel, i.indexrelid::bigint as oid, ic.relname as name, i.indisunique as uniq, am.amname as method,
      pg_get_expr(i.indpred, i.indrelid, true) as pred,
      (select string_agg(pg_get_indexdef(i.indexrelid, k, true), chr(1) order by k) from generate_series(1, i.indnkeyatts) k) as keys,
      array_to_string(i.indkey, ',') as attnums, array_to_string(i.indoption, ',') as options,
      -- Per key, '' unless written: an operator class that is not its type's default, and a
      -- collation that is not the column's. An expression's key takes the collation of what it
      -- reads (lower(c) of a "C" column is "C"), which the catalog does not tell apart from a
      -- written one: not read for expressions.
      (select string_agg(case when o.opcdefault then '' else o.opcname end, chr(1) order by u.k)
        from unnest(i.indclass::oid[]) with ordinality as u(opc, k) join pg_opclass o on o.oid = u.opc
        where u.k <= i.indnkeyatts) as opclasses,
      (select string_agg(case when u.coll = 0 or u.att = 0 or u.coll = a.attcollation then '' else co.collname end, chr(1) order by u.k)
        from unnest(i.indcollation::oid[], i.indkey::int2[]) with ordinality as u(coll, att, k)
        left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.att and u.att > 0
        left join pg_collation co on co.oid = u.coll
        where u.k <= i.indnkeyatts) as collations,
      (select string_agg(pg_get_indexdef(i.indexrelid, k, true), chr(1) order by k)
        from generate_series(i.indnkeyatts + 1, i.indnatts) k) as include,
      i.indnullsnotdistinct as nulls_not_distinct, array_to_string(ic.reloptions, chr(1)) as storage,
      -- A partition's copy of its parent's index (or of the index of its key).
      ic.relispartition as from_parent,
      ds.description as doc
    from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace join pg_am am on am.oid = ic.relam
    left join pg_description ds on ds.objoid = i.indexrelid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
    where ${S} order by i.indrelid, ic.relname`);
  for (const r of idxRows) {
    const t = byOid.get(String(r["rel"]));
    if (!t) continue;
    const key = constraintIndexes.get(String(r["oid"]));
    if (key) {
      // Only a unique constraint can be NULLS NOT DISTINCT (a primary key's columns are NOT NULL).
      Object.assign(
        key,
        indexClausesOf(r),
        r["nulls_not_distinct"] === true ? { nullsNotDistinct: true } : {},
      );
      continue;
    }
    if (r["from_parent"] === true) continue;
    const keys = list(r["keys"]);
    const attnums = String(r["attnums"]).split(/[ ,]/).map(Number);
    const options = String(r["options"]).split(/[ ,]/).map(Number);
    const opclasses = String(r["opclasses"] ?? "").split(SEP);
    const collations = String(r["collations"] ?? "").split(SEP);
    const parts: IndexPart[] = keys.map((k, i) => {
      // indoption: bit 1 DESC, bit 2 NULLS FIRST (the default exactly when DESC).
      const desc = ((options[i] ?? 0) & 1) === 1;
      const nullsFirst = ((options[i] ?? 0) & 2) === 2;
      const attnum = attnums[i] ?? 0;
      const opclass = opclasses[i] || undefined;
      const collation = collations[i] || undefined;
      return {
        ...(attnum > 0
          ? { kind: "column" as const, column: t.attnames.get(attnum) ?? k, desc }
          : { kind: "expression" as const, sql: k, desc }),
        ...(collation !== undefined ? { collation } : {}),
        ...(opclass !== undefined ? { opclass } : {}),
        ...(nullsFirst !== desc ? { nulls: nullsFirst ? ("first" as const) : ("last" as const) } : {}),
      };
    });
    const pred = text(r["pred"]);
    const method = String(r["method"]);
    const { include, storage } = indexClausesOf(r);
    const excl = exclusionIndexes.get(String(r["oid"]));
    if (excl) {
      Object.assign(excl.x, {
        using: method,
        parts: parts.map((p, i) => ({ ...p, operator: excl.operators[i] ?? "?" })),
        ...(pred !== undefined ? { where: pred } : {}),
        ...indexClausesOf(r),
      });
      continue;
    }
    t.indexes.push({
      name: String(r["name"]),
      unique: r["uniq"] === true,
      parts,
      ...(pred !== undefined ? { where: pred } : {}),
      ...(method !== "btree" ? { using: method } : {}),
      ...(include ? { include } : {}),
      ...(r["nulls_not_distinct"] === true ? { nullsNotDistinct: true } : {}),
      ...(storage ? { storage } : {}),
      ...(text(r["doc"]) !== undefined ? { comment: text(r["doc"])! } : {}),
    });
  }

  const others = await ex.query(`
    -- Views, functions and triggers are read (readViews, readFunctions, readTriggers), not named.
    -- A materialized view's indexes (Pagila's rental_category) go with it: named, not read.
    select 'index' as kind, ic.relname || ' on ' || ${qualified("n", "c.relname")} as name from pg_index i join pg_class ic on ic.oid = i.indexrelid
      join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where ${S} and c.relkind = 'm'
    -- The index a table is clustered on (ALTER TABLE ... CLUSTER ON, AdventureWorks' keys): the
    -- order a later bare CLUSTER gives the rows, not versioned.
    union all select 'clustered index', ic.relname || ' on ' || ${qualified("n", "c.relname")} from pg_index i
      join pg_class ic on ic.oid = i.indexrelid join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
      where ${S} and i.indisclustered
    -- The schema's own comment and privileges (Sakila comments it, Pagila re-grants it) are not
    -- versioned: named when they differ from what a new database's schema has (PostgreSQL 15+:
    -- 'standard public schema', owner UC and PUBLIC U; before 15: PUBLIC UC too).
    union all select 'schema comment', n.nspname from pg_namespace n
      where n.nspname = current_schema() and coalesce(obj_description(n.oid, 'pg_namespace'), 'standard public schema') <> 'standard public schema'
    union all select 'schema privileges', n.nspname from pg_namespace n
      where ${S} and n.nspacl is not null
        and n.nspacl::text not in (
          '{' || n.nspowner::regrole::text || '=UC/' || n.nspowner::regrole::text || ',=U/' || n.nspowner::regrole::text || '}',
          '{' || n.nspowner::regrole::text || '=UC/' || n.nspowner::regrole::text || ',=UC/' || n.nspowner::regrole::text || '}')
    -- A table's rules (Sakila routes inserts into its inheritance children by them); a view's
    -- _RETURN rule is the view itself.
    union all select 'rule', r.rulename || ' on ' || ${qualified("n", "c.relname")} from pg_rewrite r join pg_class c on c.oid = r.ev_class join pg_namespace n on n.oid = c.relnamespace
      where ${S} and c.relkind in ('r', 'p')
    -- Row-level security policies (the table's ENABLE ROW LEVEL SECURITY is "cannot express").
    union all select 'policy', p.polname || ' on ' || ${qualified("n", "c.relname")} from pg_policy p join pg_class c on c.oid = p.polrelid
      join pg_namespace n on n.oid = c.relnamespace where ${S}
    -- The schemas not read (left out by the project's \`schemas\`, or another role's), with how
    -- much they hold. The system's own, the temporary ones and those an extension made are not the user's.
    union all select 'schema', n.nspname || ' (' || (select count(*) from pg_class c where c.relnamespace = n.oid and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f'))
        || ' tables, views and sequences)'
      from pg_namespace n where not ${S} and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
        and not exists (select 1 from pg_depend x where x.classid = 'pg_namespace'::regclass and x.objid = n.oid and x.deptype = 'e')
    -- An extension in this schema is read (readExtensions); its functions, types, operators and
    -- operator classes and families are its own (CREATE EXTENSION makes them), never listed.
    -- Range and multirange types (composite types are read: readComposites).
    union all select 'type', ${qualified("n", "t.typname")} from pg_type t join pg_namespace n on n.oid = t.typnamespace
      where ${S} and t.typtype in ('r', 'm')
      and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
    -- Operators, operator classes and families, and casts (phpBB's on its domain): named, not read.
    union all select 'operator', o.oprname || '(' || coalesce(format_type(o.oprleft, null), 'NONE') || ', ' || coalesce(format_type(o.oprright, null), 'NONE') || ')'
      from pg_operator o join pg_namespace n on n.oid = o.oprnamespace where ${S}
      and not exists (select 1 from pg_depend x where x.classid = 'pg_operator'::regclass and x.objid = o.oid and x.deptype = 'e')
    union all select 'operator class', c.opcname || ' using ' || am.amname from pg_opclass c join pg_am am on am.oid = c.opcmethod
      join pg_namespace n on n.oid = c.opcnamespace where ${S}
      and not exists (select 1 from pg_depend x where x.classid = 'pg_opclass'::regclass and x.objid = c.oid and x.deptype = 'e')
    union all select 'operator family', f.opfname || ' using ' || am.amname from pg_opfamily f join pg_am am on am.oid = f.opfmethod
      join pg_namespace n on n.oid = f.opfnamespace where ${S}
      and not exists (select 1 from pg_depend x where x.classid = 'pg_opfamily'::regclass and x.objid = f.oid and x.deptype = 'e')
    -- A cast belongs to no schema: the ones from or to a type of this schema, or through one of its functions.
    union all select 'cast', '(' || format_type(c.castsource, null) || ' AS ' || format_type(c.casttarget, null) || ')' from pg_cast c
      where not exists (select 1 from pg_depend x where x.classid = 'pg_cast'::regclass and x.objid = c.oid and x.deptype = 'e')
      and (exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
          where t.oid in (c.castsource, c.casttarget) and ${S})
        or exists (select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where p.oid = c.castfunc and ${S}))
    order by 1, 2`);
  const skippedWhy: Record<string, string> = {};
  for (const r of others) {
    const entry = `${String(r["kind"])} ${String(r["name"])}`;
    skipped.push(entry);
    if (r["kind"] === "clustered index")
      skippedWhy[entry] = "CLUSTER ON says how a later CLUSTER orders the rows, which is not versioned";
  }

  const tables: Table[] = [...byOid.values()].map(({ attnames: _a, ...t }) => ({ ...t }));
  const namespaces = await readNamespaces(ex, opts.schemas);
  const domains = await readDomains(ex, opts.schemas);
  const extensions = await readExtensions(ex, opts.schemas);
  const composites = await readComposites(ex, opts.schemas);
  const functions = await readFunctions(ex, skipped, skippedWhy, readSchemas(opts.schemas));
  const triggers = await readTriggers(ex, skipped, skippedWhy, readSchemas(opts.schemas));
  const views = await readViews(ex, skipped, skippedWhy, new Set(functions.map((f) => f.name)), opts.schemas);
  const unsupported = [...(await unsupportedPostgres(ex, exclude, opts.schemas)), ...ownInherited];
  return {
    schema: {
      ...(namespaces.length ? { namespaces } : {}),
      tables,
      enums,
      ...(standalone.length ? { sequences: standalone } : {}),
      ...(domains.length ? { domains } : {}),
      ...(views.length ? { views } : {}),
      ...(extensions.length ? { extensions } : {}),
      ...(composites.length ? { composites } : {}),
      ...(functions.length ? { functions } : {}),
      ...(triggers.length ? { triggers } : {}),
    },
    skipped,
    ...(Object.keys(skippedWhy).length ? { skippedWhy } : {}),
    unsupported,
  };
}

/** An index row's INCLUDE columns and storage parameters (reloptions, `name=value` each), where it has them. */
function indexClausesOf(r: Record<string, unknown>): KeyIndexClauses {
  const include = list(r["include"]).map((k) => k.replace(/^"(.*)"$/, "$1").replace(/""/g, '"'));
  const storage = Object.fromEntries(
    list(r["storage"]).map((o) => [o.slice(0, o.indexOf("=")), o.slice(o.indexOf("=") + 1)]),
  );
  return {
    ...(include.length ? { include } : {}),
    ...(Object.keys(storage).length ? { storage } : {}),
  };
}

/**
 * What the tables hold that the language cannot express yet, each found by its catalog flag:
 * the queries above read such an object as something close to it (a SET NULL of some columns
 * as one of all) or not at all (an unlogged table's persistence). One branch per construct:
 * delete it when the language learns the construct. One query for the database.
 */
export async function unsupportedPostgres(
  ex: Executor,
  exclude: ReadonlySet<string>,
  schemas?: readonly string[],
): Promise<Unsupported[]> {
  /** The oids of the schemas read (`namespaces.ts`). */
  const read = `(select n.oid from pg_namespace n where ${scope("n", schemas)})`;
  const rows = await ex.query<{ what: string; object: string; tbl: string; leave_out: string | null }>(`
    with rel as (
      select c.oid, ${qualified("n", "c.relname")} as relname, c.relkind, c.relpersistence, c.reloptions, c.relispartition, c.relrowsecurity, c.relforcerowsecurity
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relnamespace in ${read} and c.relkind in ('r', 'p')
    ), con as (select k.*, r.relname from pg_constraint k join rel r on r.oid = k.conrelid),
    idx as (select i.*, ic.relname as iname, ic.reloptions as ioptions, ic.oid as ioid, r.relname from pg_index i
      join rel r on r.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid)
    -- Checks and foreign keys read their NOT VALID (convalidated); no other kind has one.
    select 'NOT VALID constraints' as what, relname || '.' || conname as object, relname as tbl, null as leave_out from con where not convalidated and contype not in ('c', 'f')
    -- A domain's check not validated (readDomains reads it as a valid one).
    union all select 'NOT VALID constraints', ${qualified("n", "t.typname")} || '.' || k.conname, ${qualified("n", "t.typname")}, null
      from pg_constraint k join pg_type t on t.oid = k.contypid join pg_namespace n on n.oid = t.typnamespace
      where not k.convalidated and t.typnamespace in ${read}
    union all select 'SET NULL or SET DEFAULT on some columns of a foreign key', relname || '.' || conname, relname, null
      from con where contype = 'f' and confdelsetcols is not null
    -- The referenced table is not read, so the files cannot create it (the project's \`schemas\`
    -- leave its schema out, or another role owns it).
    union all select 'foreign keys to a schema not read', k.relname || '.' || conname || ' (references ' || confrelid::regclass::text || ')', k.relname, conname
      from con k join pg_class f on f.oid = k.confrelid
      where contype = 'f' and f.relnamespace not in ${read}
    -- A key's comment is on its constraint; one on the index it owns is not read.
    union all select 'comments on the index of a key constraint', relname || '.' || iname, relname, null
      from idx join pg_description ds on ds.objoid = idx.ioid and ds.classoid = 'pg_class'::regclass and ds.objsubid = 0
      where exists (select 1 from pg_constraint k where k.conindid = idx.indexrelid)
    union all select 'inheritance from more than one table', rel.relname || ' (inherits ' || string_agg(h.inhparent::regclass::text, ', ' order by h.inhseqno) || ')', rel.relname, null
      from pg_inherits h join rel on rel.oid = h.inhrelid group by rel.relname having count(*) > 1
    union all select 'partitions or children of a table in a schema not read', rel.relname || ' (of ' || h.inhparent::regclass::text || ')', rel.relname, null
      from pg_inherits h join rel on rel.oid = h.inhrelid join pg_class pc on pc.oid = h.inhparent
      where pc.relnamespace not in ${read}
    -- An IR name splits at its first dot (src/ir/qualified.ts): a schema's name cannot hold one.
    union all select 'schemas whose name holds a dot', n.nspname, n.nspname, null from pg_namespace n
      where n.oid in ${read} and n.nspname like '%.%'
    union all select 'unlogged tables', relname, relname, null from rel where relpersistence = 'u'
    union all select 'row-level security (ENABLE ROW LEVEL SECURITY)', relname, relname, null from rel where relrowsecurity
    union all select 'row-level security forced on the owner (FORCE ROW LEVEL SECURITY)', relname, relname, null from rel where relforcerowsecurity
    union all select 'storage parameters of a table', relname || ' (' || array_to_string(reloptions, ', ') || ')', relname, null
      from rel where reloptions is not null
    order by 1, 2`);
  return rows
    .filter((r) => !exclude.has(r.tbl))
    .map((r) => ({
      what: r.what,
      object: r.object,
      table: r.tbl,
      ...(r.leave_out !== null ? { leaveOut: r.leave_out } : {}),
    }));
}

/**
 * A partitioned table's key and a partition's parent and bound as table options, from the
 * catalog's text: `RANGE (d)` is `partition by = (range (d))`, `FOR VALUES FROM ('a') TO ('b')`
 * is `values = (from ('a') to ('b'))` (the bound's keywords lower-cased outside its literals,
 * which the catalog prints in the column's type, a timestamptz in the session's time zone), and
 * an inheritance child's parent is `inherits = parent`.
 */
function partitionOptions(r: Row, relName: ReadonlyMap<string, string>): TableOptions | undefined {
  const out: Record<string, string> = {};
  const key = text(r["partkey"]);
  if (key !== undefined)
    out["partition by"] = `(${key.replace(/^(RANGE|LIST|HASH)\b/, (w) => w.toLowerCase())})`;
  const parent = r["parent"] === null ? undefined : relName.get(String(r["parent"]));
  const bound = text(r["bound"]);
  if (parent !== undefined && bound !== undefined) {
    out["partition of"] = nameValue(parent);
    out["values"] = `(${lowerBoundKeywords(bound.replace(/^FOR VALUES /, ""))})`;
  } else if (parent !== undefined) out["inherits"] = nameValue(parent);
  return Object.keys(out).length ? out : undefined;
}

/** The bound's keywords (FROM, TO, IN, WITH, MINVALUE, MAXVALUE, DEFAULT) lower-cased, its strings and names kept. */
function lowerBoundKeywords(s: string): string {
  return s.replace(
    /'(?:[^']|'')*'|"(?:[^"]|"")*"|\b(FROM|TO|IN|WITH|MINVALUE|MAXVALUE|DEFAULT)\b/g,
    (m, w) => (w ? m.toLowerCase() : m),
  );
}

/**
 * Why an inherited column is not its parent's exactly, or undefined when it is: PostgreSQL
 * copies a column's type, NOT NULL and default to a partition or child (an identity's
 * generation stays with the partitioned table: its partitions have no default), but the child
 * may have a default, a NOT NULL or a comment of its own, or declare the column itself too.
 */
function inheritedDifference(r: Row, parent: Row | undefined): string | undefined {
  if (r["local"] === true) return "columns both inherited and declared in a partition";
  if (!parent) return undefined;
  const parentDefault = text(parent["identity"]) ? undefined : text(parent["def"]);
  if (text(r["def"]) !== parentDefault || r["notnull"] !== parent["notnull"])
    return "defaults or NOT NULL of their own on a partition's or child's inherited columns";
  if (text(r["doc"]) !== undefined) return "comments on a partition's or child's inherited columns";
  return undefined;
}
