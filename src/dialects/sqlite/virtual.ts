/**
 * SQLite's virtual tables (sqlite.org/vtab.html): what `CREATE VIRTUAL TABLE` text says, and the
 * shadow tables the built-in modules create beside the table they implement (their storage,
 * `<name>_<suffix>`: sqlite.org/fts3.html, fts5.html, rtree.html). A shadow table is part of its
 * virtual table: never pulled or compared as a table of its own (`pragma_table_list` marks them
 * 'shadow'); a declared table with a shadow table's name is refused, as SQLite refuses it.
 */
import type { VirtualModule } from "../../ir/model.ts";

/** The shadow tables each built-in module creates, by suffix. */
export const SHADOW_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  fts3: ["content", "segments", "segdir"],
  fts4: ["content", "segments", "segdir", "docsize", "stat"],
  fts5: ["data", "idx", "config", "content", "docsize"],
  rtree: ["node", "rowid", "parent"],
  rtree_i32: ["node", "rowid", "parent"],
  geopoly: ["node", "rowid", "parent"],
};

/**
 * `CREATE VIRTUAL TABLE [IF NOT EXISTS] [schema.]name USING module [(args)]`, as sqlite_schema
 * keeps it → the module and the text between the outer parentheses, verbatim but trimmed.
 * Undefined when the text is not such a statement.
 */
export function parseCreateVirtual(sql: string): VirtualModule | undefined {
  const m =
    /^\s*CREATE\s+VIRTUAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s.(]+)(?:\s*\.\s*(?:"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[^\s.(]+))?\s+USING\s+("(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_$]*)\s*([\s\S]*)$/i.exec(
      sql,
    );
  if (!m) return undefined;
  const module = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!;
  const rest = m[2]!.trim().replace(/;$/, "").trim();
  if (!rest) return { module };
  // The arguments run to the matching close parenthesis, which ends the statement.
  if (!rest.startsWith("(") || !rest.endsWith(")")) return undefined;
  return { module, args: rest.slice(1, -1).trim() };
}
