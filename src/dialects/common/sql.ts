/** Small SQL text helpers shared by the dialect renderers. */
import { splitQualified } from "../../ir/qualified.ts";

/** `"name"` with `"` doubled: the SQL-standard quoting of PostgreSQL and SQLite. */
export const quoteDouble = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A schema-qualified name double-quoted part by part: `sales.orders` → `"sales"."orders"`, a
 * bare name as `quoteDouble` quotes it (PostgreSQL; src/ir/qualified.ts splits at the first dot).
 */
export const quoteQualified = (name: string): string => {
  const q = splitQualified(name);
  return q.schema === undefined ? quoteDouble(name) : `${quoteDouble(q.schema)}.${quoteDouble(q.name)}`;
};

/** `` `name` `` with `` ` `` doubled: MySQL's quoting. */
export const quoteBacktick = (name: string) => `\`${name.replace(/`/g, "``")}\``;

/** A string literal with `'` doubled (standard SQL). */
export const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A MySQL string literal: `'` doubled and `\` doubled too, because MySQL reads backslash as an
 * escape character unless the server runs with NO_BACKSLASH_ESCAPES.
 */
export const quoteStringMysql = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * Raw SQL from a schema file, for MySQL: names in double quotes (the language's quoting) become
 * backtick-quoted, since MySQL without ANSI_QUOTES reads `"key"` as a string literal, which
 * would turn `check ("key" <> '')` into a check that is always true. String literals are left
 * alone (with MySQL's backslash escapes).
 */
export function backtickNames(sql: string): string {
  let out = "";
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (ch === "'") {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === "'" && sql[j + 1] !== "'"))
        j += sql[j] === "\\" || (sql[j] === "'" && sql[j + 1] === "'") ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j;
    } else if (ch === '"') {
      let j = i + 1,
        name = "";
      while (j < sql.length) {
        if (sql[j] === '"' && sql[j + 1] === '"') {
          name += '"';
          j += 2;
          continue;
        }
        if (sql[j] === '"') break;
        name += sql[j++];
      }
      out += quoteBacktick(name);
      i = j;
    } else out += ch;
  }
  return out;
}
