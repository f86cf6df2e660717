/** The statement splitter: semicolons only end statements where the database would end them. */
import { describe, expect, test } from "bun:test";
import { splitSql } from "../../../src/migrate/split.ts";

const sqls = (t: string) => splitSql(t).statements.map((s) => s.sql);

describe("splitSql", () => {
  test("plain statements, with their lines", () => {
    expect(splitSql("CREATE TABLE a (x int);\n\nCREATE TABLE b (y int);\n").statements).toEqual([
      { sql: "CREATE TABLE a (x int)", line: 1, allow: [] },
      { sql: "CREATE TABLE b (y int)", line: 3, allow: [] },
    ]);
  });
  test("semicolons in strings, quoted names and comments", () => {
    expect(sqls(`INSERT INTO t VALUES ('a;b', "c;d", \`e;f\`); -- x;y\n/* p;q */ SELECT 1;`)).toEqual([
      `INSERT INTO t VALUES ('a;b', "c;d", \`e;f\`)`,
      "/* p;q */ SELECT 1".replace("/* p;q */ ", ""),
    ]);
  });
  test("backslashes: an escape on MySQL, a plain character elsewhere", () => {
    expect(splitSql("SELECT 'a\\'; SELECT 2;").statements.length).toBe(2);
    expect(splitSql("SELECT 'a\\';' ; SELECT 2;", true).statements.map((s) => s.sql)).toEqual(
      ["SELECT 'a\\';' ", "SELECT 2"].map((x) => x.trimEnd()),
    );
  });
  test("doubled quotes inside strings", () =>
    expect(sqls("SELECT 'it''s; fine'; SELECT 2;")).toEqual(["SELECT 'it''s; fine'", "SELECT 2"]));
  test("PostgreSQL dollar quoting", () => {
    expect(
      sqls("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT $tag$;$tag$;"),
    ).toEqual(["CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT $tag$;$tag$"]);
  });
  test("a trigger body is one statement", () => {
    expect(
      sqls("CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END; SELECT 1;"),
    ).toEqual([
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET x = 1; DELETE FROM c; END",
      "SELECT 1",
    ]);
  });
  test("comment-only pieces are dropped; header comments are not part of the statement", () => {
    expect(splitSql("-- header\n-- more\n\nCREATE TABLE a (x int);\n-- trailing\n").statements).toEqual([
      { sql: "CREATE TABLE a (x int)", line: 4, allow: [] },
    ]);
  });
  test("`-- schemavc:allow` lines belong to the statement below them, not to the file", () => {
    const r = splitSql(
      "-- schemavc:allow drop-table\nDROP TABLE a;\n\n-- why: unused since 2024\n-- schemavc:allow drop-column, rename-column\n-- schemavc:allow narrow-type\nALTER TABLE b DROP COLUMN c;\nDROP TABLE d;\n",
    );
    expect(r.statements.map((s) => s.allow)).toEqual([
      ["drop-table"],
      ["drop-column", "rename-column", "narrow-type"],
      [],
    ]);
    expect([...r.directives]).toEqual([]);
  });
  test("directives before the first statement", () => {
    const r = splitSql(
      "-- schemavc:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- schemavc:later\n",
    );
    expect([...r.directives]).toEqual(["no-transaction"]);
    expect(r.statements.length).toBe(1);
  });
  test("a last statement without a semicolon", () =>
    expect(sqls("SELECT 1;\nSELECT 2")).toEqual(["SELECT 1", "SELECT 2"]));
});
