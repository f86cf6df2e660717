/**
 * Qualified names (PostgreSQL schemas, issue 17.4). An object in a schema other than the
 * connection's current one is named `schema.name` in the IR: the schema's name, a dot, then the
 * object's own name, both unquoted. A bare name is in the current schema. A name part holding a
 * dot cannot be expressed (the language and `pull` say so), so the first dot always splits.
 *
 * Which names are qualified: tables, views, enums, domains, composite types, sequences and
 * functions (schema-scoped in PostgreSQL), and every reference to them (a foreign key's table, a
 * column's enum, domain or composite type, a sequence's owner, a trigger's table and function).
 * Constraint, index and trigger names stay bare: they live in their table's schema.
 */

/** The schema part and the object's own name; `schema` absent: the current schema. */
export interface QualifiedName {
  readonly schema?: string;
  readonly name: string;
}

/** Splits `sales.orders` into `{ schema: "sales", name: "orders" }`; a bare name has no schema. */
export function splitQualified(name: string): QualifiedName {
  const dot = name.indexOf(".");
  return dot < 0 ? { name } : { schema: name.slice(0, dot), name: name.slice(dot + 1) };
}

/** `sales` + `orders` → `sales.orders`; no schema → the bare name. */
export function qualify(schema: string | undefined, name: string): string {
  return schema === undefined ? name : `${schema}.${name}`;
}

/** The schema a name is in (`undefined`: the current one). */
export const schemaOf = (name: string): string | undefined => {
  // Without the object `splitQualified` makes: validation asks this of every constraint name.
  const dot = name.indexOf(".");
  return dot < 0 ? undefined : name.slice(0, dot);
};

/** The object's own name, without its schema (`sales.orders` → `orders`). */
export const localName = (name: string): string => splitQualified(name).name;

/** A sibling in the same schema: `sibling("sales.orders", "orders_id_seq")` → `sales.orders_id_seq`. */
export const sibling = (of: string, name: string): string => qualify(schemaOf(of), name);
