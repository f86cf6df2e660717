/**
 * Functions, procedures and triggers as SQL: the parts of their statements the renderers share
 * (`common/render.ts` writes PostgreSQL's by default; MySQL/MariaDB and SQLite override).
 */
import type { Routine, Trigger } from "../../ir/model.ts";

/**
 * The items of an argument list or of any comma-separated SQL, split at the commas outside
 * parentheses, quotes and dollar quotes, each trimmed.
 */
export function splitTopLevel(sql: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === "`") {
      const j = sql.indexOf(ch, i + 1);
      i = j === -1 ? sql.length : j;
    } else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "," && depth === 0) {
      out.push(sql.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = sql.slice(start).trim();
  if (last || out.length) out.push(last);
  return out;
}

/**
 * The argument list as DROP FUNCTION and ALTER FUNCTION take it (PostgreSQL): each argument
 * without its default (`b text default 'x'` → `b text`), which they refuse.
 */
export function argumentsWithoutDefaults(args: string): string {
  return splitTopLevel(args)
    .map((a) => a.replace(/\s+(?:default\b|=)[\s\S]*$/i, ""))
    .join(", ");
}

/** `insert or update of a, b` as SQL: the keywords upper-cased, column names as written. */
export function eventsSql(events: string): string {
  return events.replace(/\b(insert|update|delete|truncate|or|of)\b/g, (w) => w.toUpperCase());
}

/** `BEFORE INSERT OR UPDATE ON t`: timing, events and table of a trigger. */
export function triggerHead(t: Trigger, q: (name: string) => string): string {
  return `${t.timing.toUpperCase()} ${eventsSql(t.events)} ON ${q(t.table)}`;
}

/** The words of a function's header after its arguments: RETURNS, LANGUAGE and the options. */
export function routineClauses(f: Routine): string[] {
  return [
    ...(f.returns !== undefined ? [`RETURNS ${f.returns}`] : []),
    ...(f.language !== undefined ? [`LANGUAGE ${f.language}`] : []),
    ...(f.options !== undefined ? [f.options] : []),
  ];
}
