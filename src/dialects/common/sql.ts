/** Small SQL text helpers shared by the dialect renderers. */

/** `"name"` with `"` doubled: the SQL-standard quoting of PostgreSQL and SQLite. */
export const quoteDouble = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** `` `name` `` with `` ` `` doubled: MySQL's quoting. */
export const quoteBacktick = (name: string) => `\`${name.replace(/`/g, "``")}\``;

/** A string literal with `'` doubled (standard SQL). */
export const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A MySQL string literal: `'` doubled and `\` doubled too, because MySQL reads backslash as an
 * escape character unless the server runs with NO_BACKSLASH_ESCAPES.
 */
export const quoteStringMysql = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
