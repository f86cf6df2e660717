/**
 * Nullable key columns, judged per database (grammar/README.md, "Errors and warnings"): a
 * nullable primary key column is a warning that says what the database does with it, except
 * SQLite's rowid alias (a rowid table's one INTEGER key column), which can never hold NULL and
 * is not warned about; a nullable `identity` is SQLite's AUTOINCREMENT key written without NOT
 * NULL (legal there), and an error elsewhere.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import type { DialectName } from "../../../src/dialects/dialect.ts";

const DIALECTS: readonly DialectName[] = ["postgres", "mysql", "sqlite"];

/** The dialect's diagnostics of one table, as `severity code line:col: message`. */
async function diagnose(d: DialectName, body: string, options = "") {
  const loaded = loadSources(new Map([["s.schema", `table t${options} {\n${body}\n}\n`]]));
  expect(loaded.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  return (await getDialect(d))
    .validate(loaded.schema)
    .filter((x) => x.code === "nullable-primary-key" || x.code === "identity-nullable")
    .map((x) => `${x.severity} ${x.code} ${x.loc?.line}:${x.loc?.col}: ${x.message}`);
}

describe("a nullable primary key column", () => {
  test("PostgreSQL and MySQL warn that they make it NOT NULL", async () => {
    expect(await diagnose("postgres", "  id int? primary key")).toEqual([
      "warning nullable-primary-key 2:6: primary key column `t.id` is nullable: PostgreSQL makes it NOT NULL",
    ]);
    expect(await diagnose("mysql", "  code varchar(10)? primary key")).toEqual([
      "warning nullable-primary-key 2:8: primary key column `t.code` is nullable: MySQL/MariaDB makes it NOT NULL",
    ]);
  });
  test("SQLite warns that a key other than the rowid lets NULLs in", async () => {
    const warning = (col: string, at: string) =>
      `warning nullable-primary-key ${at}: primary key column \`t.${col}\` is nullable: SQLite lets NULLs into this key (only an INTEGER primary key, the rowid, never holds one)`;
    expect(await diagnose("sqlite", "  code text? primary key")).toEqual([warning("code", "2:8")]);
    // bigint is written BIGINT: not the rowid.
    expect(await diagnose("sqlite", "  id bigint? primary key")).toEqual([warning("id", "2:6")]);
    // Two columns: no rowid alias.
    expect(await diagnose("sqlite", "  a int?\n  b int\n  primary key (a, b)")).toEqual([
      warning("a", "2:5"),
    ]);
  });
  test("SQLite's WITHOUT ROWID table refuses NULLs in its key", async () => {
    expect(await diagnose("sqlite", "  id int? primary key", " (without rowid)")).toEqual([
      "warning nullable-primary-key 2:6: primary key column `t.id` is nullable: SQLite makes it NOT NULL",
    ]);
  });
  test("SQLite says nothing of its rowid alias: an INTEGER key never holds NULL", async () => {
    expect(await diagnose("sqlite", "  id int? primary key")).toEqual([]);
    expect(await diagnose("sqlite", '  id "integer"? primary key')).toEqual([]);
    expect(await diagnose("sqlite", "  id bigint? primary key identity")).toEqual([]);
  });
});

describe("a nullable identity column", () => {
  test("is SQLite's AUTOINCREMENT key declared without NOT NULL, an error elsewhere", async () => {
    for (const d of DIALECTS) {
      const found = await diagnose(d, "  id bigint? primary key identity");
      if (d === "sqlite") expect({ d, found }).toEqual({ d, found: [] });
      else
        expect({ d, found: found.filter((x) => x.startsWith("error")) }).toEqual({
          d,
          found: [
            `error identity-nullable 2:6: identity column \`t.id\` cannot be nullable on ${d === "postgres" ? "PostgreSQL" : "MySQL/MariaDB"}`,
          ],
        });
    }
  });
});
