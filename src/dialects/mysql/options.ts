/**
 * MySQL/MariaDB table options in the normal form (`Dialect.normalize`): names of any case, the
 * default engine left out, and the character set and collation as the one collation the table
 * ends up with, left out when it is the database's. MySQL gives a table that says `charset = X`
 * X's default collation, one that says `collate = Y` Y's character set, and one that says
 * neither the database's; so with the database's defaults known (read when connected) a table
 * restating them is the same table as one without, and one with another charset differs.
 */
import { normalizePartitionClause } from "./partitions.ts";
import type { DatabaseDefaults, TableOptions } from "../../ir/model.ts";

/** `utf8` is MySQL's old name of `utf8mb3` (the server reports the new one). */
const charsetName = (cs: string) => (cs === "utf8" ? "utf8mb3" : cs);
const collationName = (c: string) => c.replace(/^utf8_/, "utf8mb3_");

/**
 * The collation a table with these options gets, lower-cased; undefined when it cannot be told
 * (no defaults known and no `collate`, or a charset whose default collation is unknown).
 */
export function effectiveCollation(
  o: TableOptions | undefined,
  db: DatabaseDefaults | undefined,
): string | undefined {
  const coll = typeof o?.["collate"] === "string" ? collationName(o["collate"].toLowerCase()) : undefined;
  if (coll !== undefined) return coll;
  const cs = typeof o?.["charset"] === "string" ? charsetName(o["charset"].toLowerCase()) : undefined;
  if (cs !== undefined) return db?.collations?.[cs];
  const own = db?.tableOptions["collate"];
  return own !== undefined ? collationName(own.toLowerCase()) : undefined;
}

/** The options in the normal form (see the file's comment); undefined when none is left. */
export function normalTableOptions(
  o: TableOptions,
  db: DatabaseDefaults | undefined,
): TableOptions | undefined {
  const out: Record<string, string | true> = Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k,
      // A partitioning clause is raw SQL, compared as such; other values are names.
      k === "partition by" && typeof v === "string"
        ? normalizePartitionClause(v)
        : typeof v === "string"
          ? v.toLowerCase()
          : v,
    ]),
  );
  // InnoDB is what a table gets without ENGINE (or the server's default engine, when known).
  if (out["engine"] === (db?.tableOptions["engine"]?.toLowerCase() ?? "innodb")) delete out["engine"];
  const effective = effectiveCollation(o, db);
  if (db && effective !== undefined) {
    delete out["charset"];
    delete out["collate"];
    if (effective !== effectiveCollation(undefined, db)) out["collate"] = effective;
  }
  return Object.keys(out).length ? out : undefined;
}
