/**
 * Which PostgreSQL schemas `pull` and drift read, and how their objects are named (issue 17.4):
 * the connection's current schema (its objects bare), and every other schema the user owns
 * (`pg_has_role` on its owner) that is not the system's (`pg_*`, `information_schema`) nor an
 * extension's, its objects named `schema.name` (src/ir/qualified.ts). A project may read only
 * some of them (`schemas = [...]` in schemavc.toml): the current schema is read always.
 *
 * Both are SQL text put into the introspection queries: `scope("n")` is a condition on the
 * pg_namespace row `n`, `qualified("n", "c.relname")` the IR name of an object of it.
 */
import type { Namespace } from "../../ir/model.ts";
import type { Executor } from "../dialect.ts";
import { quoteString } from "../common/sql.ts";

/** The condition that `ns` (a pg_namespace alias) is a schema read; `schemas` limits the others. */
export function scope(ns: string, schemas?: readonly string[]): string {
  // An empty list reads the current schema only (`false`: `in (null)` would be NULL, which a
  // `not scope(...)` turns into NULL again, not true).
  const listed = schemas
    ? ` and ${schemas.length ? `${ns}.nspname in (${schemas.map(quoteString).join(", ")})` : "false"}`
    : "";
  // `pg\_%` with the underscore escaped: pg_catalog, pg_toast and the temporary schemas, not a
  // user's schema called `pgadmin`.
  return `(${ns}.nspname = current_schema() or (${ns}.nspname not like 'pg\\_%' and ${ns}.nspname <> 'information_schema'${listed}
    and pg_has_role(${ns}.nspowner, 'USAGE')
    and not exists (select 1 from pg_depend x where x.classid = 'pg_namespace'::regclass and x.objid = ${ns}.oid and x.deptype = 'e')))`;
}

/**
 * The IR name of the object `name` (an SQL expression) of schema `ns`: bare in the current one
 * (`current`: an SQL expression naming it, by default the session's), or in schema `bare`.
 */
export function qualified(ns: string, name: string, current = "current_schema()", bare?: string): string {
  const here = `${ns}.nspname = ${current}${bare !== undefined ? ` or ${ns}.nspname = ${bare}` : ""}`;
  return `(case when ${here} then ${name} else ${ns}.nspname || '.' || ${name} end)`;
}

/**
 * Which schemas a reader reads (`cond`, a condition on a pg_namespace alias) and which one's
 * objects are bare (`current`, an SQL expression; `bare`: another such schema, a scratch one).
 */
export interface SchemaFilter {
  readonly cond: (ns: string) => string;
  readonly current: string;
  readonly bare?: string;
}

/** The schemas `pull` reads (`scope`), the session's current one bare. */
export const readSchemas = (schemas?: readonly string[]): SchemaFilter => ({
  cond: (ns) => scope(ns, schemas),
  current: "current_schema()",
});

/** One schema only (`schema`: an SQL expression), its objects bare. */
export const oneSchema = (schema: string): SchemaFilter => ({
  cond: (ns) => `${ns}.nspname = ${schema}`,
  current: schema,
});

/** The schemas read besides the current one, with their comments (`schema sales`). */
export async function readNamespaces(ex: Executor, schemas?: readonly string[]): Promise<Namespace[]> {
  const rows = await ex.query<{ name: string; doc: string | null }>(`
    select n.nspname as name, obj_description(n.oid, 'pg_namespace') as doc from pg_namespace n
    where ${scope("n", schemas)} and n.nspname <> current_schema() order by n.nspname`);
  return rows.map((r) => ({ name: r.name, ...(r.doc !== null ? { doc: r.doc } : {}) }));
}
