/**
 * SQLite's table rebuild (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
 * Changes"): create the new table under a temporary name, copy every row, drop the old table,
 * rename the new one, recreate its indexes.
 *
 * Foreign keys: with enforcement on, `DROP TABLE` of a parent runs an implicit DELETE that fires
 * ON DELETE CASCADE and deletes child rows. `PRAGMA foreign_keys=OFF` is a no-op inside a
 * transaction, so the schemavc runner turns enforcement off BEFORE it begins a SQLite migration,
 * runs `PRAGMA foreign_key_check` before COMMIT (rolling back on any violation) and turns it on
 * again after. The statements here rely on that; so does every test that applies them.
 *
 * Views and triggers: `DROP TABLE` drops the table's triggers, and since SQLite 3.26 `ALTER
 * TABLE ... RENAME` re-checks every view and fails on one that names the dropped table ("error
 * in view v: no such table"). The rename therefore runs with `PRAGMA legacy_alter_table = ON`
 * (a per-connection flag that does work inside a transaction): the view then simply finds the
 * table again under its old name. The schema's triggers on the table (`triggers`) are created
 * again after the indexes; the runner's migration guard (`guard.ts`) recreates those written by
 * hand and checks the views.
 */
import type { Index, Table, Trigger } from "../../ir/model.ts";

export interface RebuildHooks {
  q(name: string): string;
  createTable(t: Table): string[];
  createIndex(table: string, i: Index): string[];
  createTrigger(t: Trigger): string[];
  /** The schema's triggers on the table when it is rebuilt. */
  readonly triggers: readonly Trigger[];
}

/**
 * @param current the columns the table has right before the rebuild (names as they are then);
 *   new columns not among them take their defaults.
 */
export function rebuildTable(target: Table, current: ReadonlySet<string>, h: RebuildHooks): string[] {
  const temp = `${target.name}__schemavc_new`;
  const [create] = h.createTable({ ...target, name: temp });
  // A generated column is computed, never written: it is not copied.
  const copied = target.columns.filter((c) => current.has(c.name) && !c.generated).map((c) => h.q(c.name));
  return [
    create!,
    ...(copied.length
      ? [
          `INSERT INTO ${h.q(temp)} (${copied.join(", ")}) SELECT ${copied.join(", ")} FROM ${h.q(target.name)}`,
        ]
      : []),
    `DROP TABLE ${h.q(target.name)}`,
    "PRAGMA legacy_alter_table = ON",
    `ALTER TABLE ${h.q(temp)} RENAME TO ${h.q(target.name)}`,
    "PRAGMA legacy_alter_table = OFF",
    ...target.indexes.flatMap((i) => h.createIndex(target.name, i)),
    ...h.triggers.flatMap((t) => h.createTrigger(t)),
  ];
}
