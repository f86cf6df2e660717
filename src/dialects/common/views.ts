/**
 * Views as the databases keep them. A database rewrites a view's query (PostgreSQL prints it
 * back from its parse tree, MySQL/MariaDB qualifies every name with the database's), so a
 * view read from a database compares with another one read from a database (pull's replay),
 * and with a schema's view once the database has printed that one too (see `dialects/compare.ts`).
 */
import type { Trigger, View } from "../../ir/model.ts";
import type { Executor } from "../dialect.ts";

/** A query as a database prints it, as a view's query: trimmed, without a final semicolon. */
export function viewQueryText(sql: string): string {
  return sql.trim().replace(/;\s*$/, "").trimEnd();
}

/**
 * MySQL/MariaDB's views (information_schema.VIEWS). VIEW_DEFINITION names every table and
 * column with the database's name (`` `shop`.`users`.`id` ``): that qualifier is removed, so
 * the query replays into another database (pull's scratch one) and compares with it. What the
 * language does not keep (a check option, SQL SECURITY INVOKER, an algorithm, a definer other
 * than the user connected) is named in `skipped`.
 */
export async function readMysqlViews(ex: Executor, skipped: string[]): Promise<View[]> {
  const rows = await ex.query<Record<string, unknown>>(`
    SELECT v.TABLE_NAME AS name, v.VIEW_DEFINITION AS query, v.CHECK_OPTION AS check_option,
      v.SECURITY_TYPE AS security, v.DEFINER AS definer, DATABASE() AS db, CURRENT_USER() AS me
    FROM information_schema.VIEWS v WHERE v.TABLE_SCHEMA = DATABASE() ORDER BY v.TABLE_NAME`);
  return rows.map((r) => {
    const name = String(r["name"]);
    const check = String(r["check_option"] ?? "NONE").toUpperCase();
    if (check !== "NONE") skipped.push(`view ${name}: WITH ${check} CHECK OPTION (not versioned)`);
    if (String(r["security"] ?? "DEFINER").toUpperCase() !== "DEFINER")
      skipped.push(`view ${name}: SQL SECURITY ${String(r["security"])} (not versioned)`);
    const definer = String(r["definer"] ?? "");
    if (definer && r["me"] !== undefined && definer !== String(r["me"]))
      skipped.push(`view ${name}: DEFINER ${definer} (not versioned)`);
    return { name, query: viewQueryText(withoutQualifier(String(r["query"] ?? ""), String(r["db"] ?? ""))) };
  });
}

/** The SQL without `` `db`. `` before names (outside string literals). */
function withoutQualifier(sql: string, db: string): string {
  if (!db) return sql;
  const prefix = `\`${db.replace(/`/g, "``")}\`.`;
  let out = "";
  for (let i = 0; i < sql.length; ) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      // A string literal: copied as it is (backslash and doubled-quote escapes).
      let j = i + 1;
      while (j < sql.length && sql[j] !== ch) j += sql[j] === "\\" ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (sql.startsWith(prefix, i)) i += prefix.length;
    else if (ch === "`") {
      const j = sql.indexOf("`", i + 1);
      const end = j === -1 ? sql.length : j + 1;
      out += sql.slice(i, end);
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * A SQLite view's query: its CREATE VIEW statement as written, less `CREATE VIEW name AS`.
 * Undefined when the statement names the view's columns (`CREATE VIEW v(a, b) AS`), which the
 * language does not express yet.
 */
export function sqliteViewQuery(sql: string): string | undefined {
  const m =
    /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|[^\s(]+)\s*(\()?/i.exec(
      sql,
    );
  if (!m || m[1]) return undefined;
  const rest = sql.slice(m[0].length);
  const as = /^AS\s/i.exec(rest);
  return as ? viewQueryText(rest.slice(as[0].length)) : undefined;
}

/**
 * A SQLite trigger from its CREATE TRIGGER statement as written (`sqlite_schema.sql`): timing
 * (BEFORE where none is written), events, FOR EACH ROW, WHEN and the `BEGIN ... END` body
 * verbatim. Undefined when the text is not of that form (a TEMP trigger, a qualified name).
 */
export function sqliteTrigger(name: string, table: string, sql: string): Trigger | undefined {
  const id = `(?:"(?:[^"]|"")*"|\`(?:[^\`]|\`\`)*\`|\\[[^\\]]*\\]|[^\\s(.]+)`;
  const m = new RegExp(
    `^\\s*CREATE\\s+TRIGGER\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${id}\\s+(?:(BEFORE|AFTER|INSTEAD\\s+OF)\\s+)?(DELETE|INSERT|UPDATE(?:\\s+OF\\s+[\\s\\S]+?)?)\\s+ON\\s+${id}\\s+(FOR\\s+EACH\\s+ROW\\s+)?(?:WHEN\\s+([\\s\\S]+?)\\s+)?(BEGIN\\b[\\s\\S]*)$`,
    "i",
  ).exec(sql);
  if (!m) return undefined;
  return {
    name,
    table,
    timing: (m[1] ?? "before").toLowerCase().replace(/\s+/g, " ") as Trigger["timing"],
    // `update of a,b` as the language reads it back: `update of a, b`.
    events: m[2]!
      .replace(/\s+/g, " ")
      .replace(/\s*,\s*/g, ", ")
      .replace(/^(\w+)(\s+of\b)?/i, (w) => w.toLowerCase()),
    ...(m[3] ? { forEach: "row" as const } : {}),
    ...(m[4] !== undefined ? { when: m[4] } : {}),
    body: viewQueryText(m[5]!),
  };
}
