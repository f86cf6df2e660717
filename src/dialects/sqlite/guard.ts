/**
 * What a SQLite migration needs around its transaction (see `rebuild.ts` for the rebuild).
 *
 * - Foreign keys off BEFORE the transaction: inside one `PRAGMA foreign_keys` is a no-op, and
 *   with enforcement on, the rebuild's `DROP TABLE` of a parent cascade-deletes its children.
 *   On again after, committed or not.
 * - Triggers: `DROP TABLE` drops the table's triggers with it, and the language has no
 *   triggers, so the generated rebuild cannot recreate them. Their SQL is read before the
 *   statements; one that is gone afterwards while its table exists is created again, unless the
 *   migration dropped it on purpose (`DROP TRIGGER name`). (SQLite resolves a trigger's body
 *   only when it fires, so one that names a dropped column fails then, with SQLite's error.)
 * - Views: each one is queried (`LIMIT 0`) before commit, so a view that names a dropped column
 *   fails the migration now instead of every query later.
 * - `PRAGMA foreign_key_check` before commit: rows that break a foreign key roll it back.
 */
import { MigrationCheckError, type Executor, type MigrationGuard } from "../dialect.ts";
import { quoteDouble } from "../common/sql.ts";

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string;
}

export const sqliteGuard: MigrationGuard = {
  async before(conn) {
    await conn.exec("PRAGMA foreign_keys = OFF");
  },
  async after(conn) {
    await conn.exec("PRAGMA foreign_keys = ON");
  },
  async enter(tx, statements) {
    const triggers = await objects(tx, ["trigger"]);
    const dropped = droppedTriggers(statements);
    return async () => {
      // One read of the schema after the statements: the triggers and tables only when there
      // were triggers before (else there is nothing to restore), the views always (a query per
      // kind was a round trip each, in every migration).
      const after = await objects(tx, triggers.length ? ["trigger", "table", "view"] : ["view"]);
      const now = after.filter((x) => x.type === "trigger");
      const tables = new Set(after.filter((x) => x.type === "table").map((t) => t.name));
      for (const t of triggers) {
        if (
          now.some((x) => x.name === t.name) ||
          dropped.has(t.name.toLowerCase()) ||
          !tables.has(t.tbl_name)
        )
          continue;
        try {
          await tx.exec(t.sql);
        } catch (e) {
          throw new MigrationCheckError(
            `trigger ${t.name} on ${t.tbl_name} was dropped by the table's rebuild and no longer fits it: ${message(e)}`,
            `add \`DROP TRIGGER ${quoteDouble(t.name)}\` (and a new CREATE TRIGGER if you want one) to the migration`,
          );
        }
      }
      // Read before any trigger above was created again: that changes no view.
      for (const v of after.filter((x) => x.type === "view")) {
        try {
          await tx.query(`SELECT * FROM ${quoteDouble(v.name)} LIMIT 0`);
        } catch (e) {
          throw new MigrationCheckError(
            `view ${v.name} no longer works after this migration: ${message(e)}`,
            `drop and recreate the view in the migration (DROP VIEW ${quoteDouble(v.name)}; CREATE VIEW ...)`,
          );
        }
      }
      const bad = await tx.query<Record<string, unknown>>("PRAGMA foreign_key_check");
      if (bad.length)
        throw new MigrationCheckError(
          `this migration leaves ${bad.length} row(s) breaking foreign keys (first: table ${String(bad[0]!["table"])})`,
          "fix the data or the migration, then run it again",
        );
    };
  },
};

/** The schema's objects of these types, in the order sqlite_schema lists them. */
const objects = (ex: Executor, types: readonly string[]) =>
  ex.query<SchemaObject>(
    `SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN (${types.map(() => "?").join(", ")}) AND name NOT LIKE 'sqlite_%'`,
    types,
  );

/** Names (lower-cased) of the triggers the migration drops itself. */
function droppedTriggers(statements: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const s of statements) {
    const m =
      /^\s*DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*))/i.exec(
        s,
      );
    if (m) out.add((m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4]!).toLowerCase());
  }
  return out;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^\w*Error: /, "");
