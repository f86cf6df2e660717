/**
 * PostgreSQL's sequences and domains read into the IR (`Schema.sequences`, `Schema.domains`),
 * beside the tables `introspect.ts` reads.
 */
import type {
  Check,
  CompositeAttribute,
  CompositeType,
  Domain,
  Extension,
  Sequence,
  SequenceOptions,
  View,
} from "../../ir/model.ts";
import { viewQueryText } from "../common/views.ts";
import { effectiveSequenceOptions } from "../../ir/sequence.ts";
import type { Connection, Executor } from "../dialect.ts";
import { decodePostgresDefault, postgresTypeFromCatalog } from "./introspect.ts";
import { qualified, scope } from "./namespaces.ts";

type Row = Record<string, unknown>;
const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : String(v));

const SEQUENCE_TYPES: Readonly<Record<string, SequenceOptions["as"]>> = {
  smallint: "smallint",
  integer: "int",
  bigint: "bigint",
};

/**
 * The sequences to declare: every one of the schema but an identity's (deptype `i`) and those
 * read as a column's `serial` (`serials`). `owner` names the column an OWNED BY points at (the
 * relation's oid and the column's number), undefined when its table is not read.
 */
export function readSequences(
  rows: readonly Row[],
  serials: ReadonlySet<string>,
  owner: (rel: string, num: number) => { table: string; column: string } | undefined,
): Sequence[] {
  const out: Sequence[] = [];
  for (const r of rows) {
    const name = String(r["name"]);
    if (r["owner_kind"] === "i" || serials.has(name)) continue;
    const ownedBy =
      r["owner_rel"] !== null ? owner(String(r["owner_rel"]), Number(r["owner_col"])) : undefined;
    // Owned by a table that is not read (schemavc's own): it goes with that table.
    if (r["owner_rel"] !== null && !ownedBy) continue;
    const options = effectiveSequenceOptions({
      as: SEQUENCE_TYPES[String(r["type"])] ?? "bigint",
      start: String(r["start"]),
      increment: String(r["increment"]),
      min: String(r["min"]),
      max: String(r["max"]),
      cache: String(r["cache"]),
      ...(r["cycle"] === true ? { cycle: true } : {}),
    });
    const doc = text(r["doc"]);
    out.push({
      name,
      options,
      ...(ownedBy ? { ownedBy } : {}),
      ...(doc !== undefined ? { doc } : {}),
    });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The domains of the schema with their base type, NOT NULL, default, collation and checks. */
export async function readDomains(ex: Executor, schemas?: readonly string[]): Promise<Domain[]> {
  const rows = await ex.query(`
    select ${qualified("n", "t.typname")} as name, format_type(t.typbasetype, t.typtypmod) as type, b.typtype = 'e' as is_enum,
      ${qualified("bn", "b.typname")} as base_name, t.typnotnull as notnull, pg_get_expr(t.typdefaultbin, 0) as def,
      obj_description(t.oid, 'pg_type') as doc,
      -- A collation is the domain's own only when it differs from its base type's.
      case when t.typcollation <> b.typcollation then co.collname end as collation,
      (select string_agg(k.conname || chr(2) || pg_get_constraintdef(k.oid), chr(1) order by k.conname)
        from pg_constraint k where k.contypid = t.oid and k.contype = 'c') as checks
    from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_type b on b.oid = t.typbasetype
    join pg_namespace bn on bn.oid = b.typnamespace
    left join pg_collation co on co.oid = t.typcollation
    where ${scope("n", schemas)} and t.typtype = 'd' order by 1`);
  return rows.map((r): Domain => {
    const type = String(r["type"]);
    const def = text(r["def"]);
    const doc = text(r["doc"]);
    const collation = text(r["collation"]);
    const checks: Check[] = (text(r["checks"]) ?? "")
      .split("\u0001")
      .filter(Boolean)
      .map((x) => {
        const [name, body] = x.split("\u0002") as [string, string];
        // pg_get_constraintdef: `CHECK (expr) [NOT VALID]`.
        const m = /^CHECK \((.*)\)( NOT VALID)?$/s.exec(body);
        return { name, expr: m ? m[1]! : body };
      });
    return {
      name: String(r["name"]),
      type: postgresTypeFromCatalog(type, r["is_enum"] === true, String(r["base_name"])),
      nullable: r["notnull"] !== true,
      ...(def !== undefined ? { default: decodePostgresDefault(def, type) } : {}),
      ...(collation !== undefined ? { collation } : {}),
      checks,
      ...(doc !== undefined ? { doc } : {}),
    };
  });
}

/**
 * The schema's views and materialized views, each query as PostgreSQL prints it
 * (`pg_get_viewdef(oid, true)`, without its final semicolon): the normal form views compare in.
 * A view that uses a function of the schema that is not pulled (not an extension's: see
 * `readFunctions`; `pulledFunctions` are), or a view that reads such a view, is not read either: it is named in `skipped`
 * with the reason in `why`.
 */
export async function readViews(
  ex: Executor,
  skipped: string[] = [],
  why: Record<string, string> = {},
  pulledFunctions: ReadonlySet<string> = new Set(),
  schemas?: readonly string[],
): Promise<View[]> {
  const rows = await ex.query(`
    with recursive uses as (
      select r.ev_class as view, ${qualified("pn", "p.proname::text")} as fn
      from pg_rewrite r
      join pg_depend d on d.classid = 'pg_rewrite'::regclass and d.objid = r.oid and d.refclassid = 'pg_proc'::regclass
      join pg_proc p on p.oid = d.refobjid join pg_namespace pn on pn.oid = p.pronamespace
      where ${scope("pn", schemas)}
        and not exists (select 1 from pg_depend x where x.classid = 'pg_proc'::regclass and x.objid = p.oid and x.deptype = 'e')
      union
      select r.ev_class, u.fn from uses u
      join pg_depend d on d.refclassid = 'pg_class'::regclass and d.refobjid = u.view and d.classid = 'pg_rewrite'::regclass
      join pg_rewrite r on r.oid = d.objid
      where r.ev_class <> u.view
    )
    select ${qualified("n", "c.relname")} as name, c.relkind = 'm' as materialized, pg_get_viewdef(c.oid, true) as query,
      (select string_agg(distinct u.fn, chr(1)) from uses u where u.view = c.oid) as fns, obj_description(c.oid, 'pg_class') as doc
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${scope("n", schemas)} and c.relkind in ('v', 'm') order by 1`);
  const out: View[] = [];
  for (const r of rows) {
    const name = String(r["name"]);
    const fn = (typeof r["fns"] === "string" ? r["fns"].split("\u0001") : []).find(
      (f) => !pulledFunctions.has(f),
    );
    if (fn !== undefined) {
      const entry = `${r["materialized"] === true ? "materialized view" : "view"} ${name}`;
      skipped.push(entry);
      why[entry] = `it uses function ${fn}, which is not pulled`;
      continue;
    }
    out.push({
      name,
      ...(r["materialized"] === true ? { materialized: true } : {}),
      query: viewQueryText(String(r["query"])),
      ...(typeof r["doc"] === "string" ? { doc: r["doc"] } : {}),
    });
  }
  return out;
}

/**
 * The views as PostgreSQL prints them once created (`Dialect.viewsAsStored`): each is created
 * as a temporary view (the names it reads resolve on the session's search path, as the live
 * ones did; a materialized one as a plain view, whose query prints the same) in a transaction
 * that is rolled back, and read with `pg_get_viewdef`. A view PostgreSQL refuses keeps its text.
 */
export async function postgresViewsAsStored(conn: Connection, views: readonly View[]): Promise<View[]> {
  if (!views.length) return [];
  const marker = new Error("rollback");
  let out: View[] = [...views];
  try {
    await conn.transaction(async (tx) => {
      out = [];
      for (const [i, v] of views.entries()) {
        const temp = `schemavc_view_${i}`;
        try {
          await tx.exec(`SAVEPOINT schemavc_view`);
          await tx.exec(`CREATE TEMPORARY VIEW ${temp} AS ${v.query}`);
          const [row] = await tx.query(`select pg_get_viewdef('pg_temp.${temp}'::regclass, true) as q`);
          await tx.exec(`RELEASE SAVEPOINT schemavc_view`);
          out.push({ ...v, query: viewQueryText(String(row?.["q"] ?? v.query)) });
        } catch {
          await tx.exec(`ROLLBACK TO SAVEPOINT schemavc_view`);
          out.push(v);
        }
      }
      throw marker;
    });
  } catch (e) {
    if (e !== marker) throw e;
  }
  return out;
}

/**
 * The extensions installed in the schemas read (`namespaces.ts`; one in another schema than the
 * current one says so: `extension citext (schema = ext)`; `plpgsql`, in `pg_catalog`, is the
 * database's, not the schema's). What each one made (its types,
 * functions, operators, operator classes: `pg_depend` rows of deptype `e`) is its own and never
 * read as the user's.
 */
export async function readExtensions(ex: Executor, schemas?: readonly string[]): Promise<Extension[]> {
  const rows = await ex.query(`
    select e.extname as name, case when n.nspname <> current_schema() then n.nspname end as schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where ${scope("n", schemas)} order by e.extname`);
  return rows.map((r) => ({
    name: String(r["name"]),
    ...(r["schema"] !== null ? { schema: String(r["schema"]) } : {}),
  }));
}

/**
 * The schema's composite types (CREATE TYPE ... AS: a pg_type of typtype `c` whose relation is
 * of relkind `c`, not a table's row type), not an extension's, each attribute with its type and
 * its collation where it is not its type's own.
 */
export async function readComposites(ex: Executor, schemas?: readonly string[]): Promise<CompositeType[]> {
  const rows = await ex.query(`
    select ${qualified("n", "t.typname")} as name, obj_description(t.oid, 'pg_type') as doc, a.attname as attr,
      format_type(a.atttypid, a.atttypmod) as type, at.typtype = 'e' as is_enum, ${qualified("atn", "at.typname")} as type_name,
      case when a.attcollation <> at.typcollation then co.collname end as collation
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    join pg_class c on c.oid = t.typrelid and c.relkind = 'c'
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type at on at.oid = a.atttypid join pg_namespace atn on atn.oid = at.typnamespace
    left join pg_collation co on co.oid = a.attcollation
    where ${scope("n", schemas)} and t.typtype = 'c'
      and not exists (select 1 from pg_depend x where x.classid = 'pg_type'::regclass and x.objid = t.oid and x.deptype = 'e')
    order by 1, a.attnum`);
  const out = new Map<string, { name: string; doc?: string; attributes: CompositeAttribute[] }>();
  for (const r of rows) {
    const name = String(r["name"]);
    let t = out.get(name);
    if (!t) {
      const doc = text(r["doc"]);
      t = { name, ...(doc !== undefined ? { doc } : {}), attributes: [] };
      out.set(name, t);
    }
    const collation = text(r["collation"]);
    t.attributes.push({
      name: String(r["attr"]),
      type: postgresTypeFromCatalog(String(r["type"]), r["is_enum"] === true, String(r["type_name"])),
      ...(collation !== undefined ? { collation } : {}),
    });
  }
  return [...out.values()];
}
