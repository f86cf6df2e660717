/**
 * How a published script became a corpus `schema.sql`: its statements are kept byte for byte,
 * except the ones that carry rows (INSERT, REPLACE, COPY ... FROM stdin with its data block,
 * pg_dump's setval) or that pick the database the script runs in (CREATE/DROP DATABASE, USE,
 * psql's \c, the mysql client's `source`), since the harness loads every schema into a database
 * of its own. Used once per source when the corpus was built:
 *
 *   bun run test/corpus/strip.ts DIALECT < published.sql > test/corpus/DIALECT/NAME/schema.sql
 *
 * The scanner knows just enough SQL to find statement ends: quotes, comments, PostgreSQL
 * dollar quotes, psql backslash commands and the mysql client's DELIMITER.
 */

type Dialect = "postgres" | "mysql" | "sqlite";

/** Statements that carry data or choose the database, by their first words (upper case). */
const DROPPED = [
  /^INSERT\b/,
  /^REPLACE\s+INTO\b/,
  /^COPY\b[\s\S]*\bFROM\s+STDIN\b/,
  /^SELECT\s+(PG_CATALOG\.)?SETVAL\b/,
  /^CREATE\s+DATABASE\b/,
  /^DROP\s+DATABASE\b/,
  /^USE\s/,
];
/** In MySQL a schema is a database. */
const DROPPED_MYSQL = [/^CREATE\s+SCHEMA\b/, /^DROP\s+SCHEMA\b/];

export function stripData(sql: string, dialect: Dialect): string {
  let out = "";
  let delimiter = ";";
  let i = 0;
  const n = sql.length;
  while (i < n) {
    // Leading whitespace and comments are kept as they are.
    const lead = i;
    for (;;) {
      if (i < n && /\s/.test(sql[i]!)) i++;
      else if (sql.startsWith("--", i) || (dialect === "mysql" && sql[i] === "#")) {
        const e = sql.indexOf("\n", i);
        i = e < 0 ? n : e + 1;
      } else if (sql.startsWith("/*", i) && !(dialect === "mysql" && sql.startsWith("/*!", i))) {
        const e = sql.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else break;
    }
    out += sql.slice(lead, i);
    if (i >= n) break;
    // Client commands take the rest of their line.
    const lineEnd = sql.indexOf("\n", i) < 0 ? n : sql.indexOf("\n", i) + 1;
    const line = sql.slice(i, lineEnd);
    if (dialect === "postgres" && line.startsWith("\\")) {
      // \c / \connect chooses the database, \copy ... FROM carries rows (from a file, as
      // AdventureWorks loads its CSVs): dropped; other meta-commands stay.
      if (!/^\\(c|connect)\b/.test(line) && !/^\\copy\b[^\n]*\bfrom\b/i.test(line)) out += line;
      i = lineEnd;
      continue;
    }
    if (dialect === "mysql" && /^delimiter\s/i.test(line)) {
      delimiter = line.trim().split(/\s+/)[1]!;
      out += line;
      i = lineEnd;
      continue;
    }
    if (dialect === "mysql" && /^source\s/i.test(line)) {
      i = lineEnd;
      continue;
    }
    // One statement, up to its delimiter outside quotes and comments.
    const start = i;
    while (i < n) {
      const c = sql[i]!;
      if (sql.startsWith(delimiter, i)) {
        i += delimiter.length;
        break;
      }
      if (c === "'" || c === '"' || c === "`") {
        i++;
        while (i < n && sql[i] !== c) i += sql[i] === "\\" && dialect === "mysql" ? 2 : 1;
        i++;
      } else if (sql.startsWith("--", i)) {
        const e = sql.indexOf("\n", i);
        i = e < 0 ? n : e + 1;
      } else if (sql.startsWith("/*", i)) {
        const e = sql.indexOf("*/", i + 2);
        i = e < 0 ? n : e + 2;
      } else if (dialect === "postgres" && c === "$") {
        const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64))?.[0];
        if (tag) {
          const e = sql.indexOf(tag, i + tag.length);
          i = e < 0 ? n : e + tag.length;
        } else i++;
      } else i++;
    }
    let stmt = sql.slice(start, i);
    const head = stmt.replace(/\s+/g, " ").trimStart().toUpperCase();
    // A SQLite trigger's body holds statements of its own: the trigger runs to its END.
    if (dialect === "sqlite" && /^CREATE (TEMP |TEMPORARY )?TRIGGER\b/.test(head)) {
      while (i < n && !/\bEND\s*;$/i.test(stmt.trimEnd())) {
        const next = sql.indexOf(";", i);
        i = next < 0 ? n : next + 1;
        stmt = sql.slice(start, i);
      }
    }
    if (/^COPY\b.*\bFROM STDIN\b/.test(head)) {
      // The data block runs to a line holding only "\.".
      const e = sql.indexOf("\n\\.", i);
      i = e < 0 ? n : sql.indexOf("\n", e + 1) < 0 ? n : sql.indexOf("\n", e + 1) + 1;
      stmt = "";
    }
    const dropped = [...DROPPED, ...(dialect === "mysql" ? DROPPED_MYSQL : [])];
    if (stmt && !dropped.some((re) => re.test(head))) out += stmt;
  }
  // Runs of blank lines left where data was are squeezed to one.
  return `${out.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

if (import.meta.main) {
  const dialect = process.argv[2] as Dialect;
  if (!["postgres", "mysql", "sqlite"].includes(dialect)) {
    console.error("usage: bun run test/corpus/strip.ts postgres|mysql|sqlite < in.sql > out.sql");
    process.exit(2);
  }
  process.stdout.write(stripData(await Bun.stdin.text(), dialect));
}
