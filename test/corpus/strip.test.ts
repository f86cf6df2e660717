/**
 * The reduction of a published script to its schema (strip.ts): rows and database choices go,
 * every other statement stays byte for byte; and every corpus file is schema only already.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CORPUS_DIR, corpusCases } from "./harness.ts";
import { stripData } from "./strip.ts";

describe("stripData", () => {
  test("drops INSERTs (also over several lines, with ; in strings) and keeps the DDL", () => {
    const sql =
      "CREATE TABLE a (x text);\nINSERT INTO a VALUES\n  ('x;y'),\n  ('z');\nCREATE INDEX i ON a (x);\n";
    // The line break after a dropped statement stays: whitespace between statements is kept.
    expect(stripData(sql, "sqlite")).toBe("CREATE TABLE a (x text);\n\nCREATE INDEX i ON a (x);\n");
  });

  test("PostgreSQL: COPY ... FROM stdin with its data block, setval and \\c go; dollar quotes stay whole", () => {
    const sql = [
      "\\c shop",
      "CREATE FUNCTION f() RETURNS int AS $$ INSERT INTO a VALUES (1); SELECT 1; $$ LANGUAGE sql;",
      "COPY public.a (x) FROM stdin;",
      "1\t2",
      "\\.",
      "SELECT pg_catalog.setval('a_id_seq', 3, true);",
      "CREATE TABLE b (y int);",
      "",
    ].join("\n");
    expect(stripData(sql, "postgres")).toBe(
      "CREATE FUNCTION f() RETURNS int AS $$ INSERT INTO a VALUES (1); SELECT 1; $$ LANGUAGE sql;\n\nCREATE TABLE b (y int);\n",
    );
  });

  test("MySQL: DELIMITER bodies stay whole; CREATE/DROP DATABASE, USE, CREATE SCHEMA and source go", () => {
    const sql = [
      "DROP DATABASE IF EXISTS shop;",
      "CREATE SCHEMA shop;",
      "USE shop;",
      "source load.dump ;",
      "DELIMITER ;;",
      "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN INSERT INTO b VALUES (1); END;;",
      "DELIMITER ;",
      "INSERT INTO a VALUES ('it''s', \"a\\\"b\");",
      "CREATE TABLE c (z int);",
      "",
    ].join("\n");
    expect(stripData(sql, "mysql")).toBe(
      "\n\nDELIMITER ;;\nCREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN INSERT INTO b VALUES (1); END;;\nDELIMITER ;\n\nCREATE TABLE c (z int);\n",
    );
  });

  test("SQLite: a trigger keeps every statement of its body, up to its END", () => {
    const sql =
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  INSERT INTO b VALUES (NEW.x);\nEND;\nINSERT INTO a VALUES (1);\n";
    expect(stripData(sql, "sqlite")).toBe(
      "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  INSERT INTO b VALUES (NEW.x);\nEND;\n",
    );
  });
});

describe("every corpus file is schema only", () => {
  for (const c of corpusCases())
    test(`${c.dialect}/${c.name}`, () => {
      const text = readFileSync(join(CORPUS_DIR, c.dialect, c.name, "schema.sql"), "utf8");
      expect(stripData(text, c.dialect)).toBe(text);
    });
});
