/**
 * `collate NAME` through the stages that need no database (the databases are in the golden
 * cases collate_* and the round-trip oracle): parsed, printed by fmt, checked per dialect,
 * diffed as its own facet, rendered per dialect, shown in hover.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES, type DialectName } from "../../../src/dialects/dialect.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import { hoverText } from "../../../src/lsp/hover.ts";
import { columnKey } from "../../../src/lsp/symbols.ts";
import type { Schema } from "../../../src/ir/model.ts";

/** The formatted text, which must be given. */
const formatSchemaText = (text: string, name: string): string => {
  const r = formatFile(text, name);
  if (r.text === undefined) throw new Error(r.problem);
  return r.text;
};
const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (col: string) => `table users {\n  id bigint primary key\n  ${col}\n}\n`;

/** A collation each database has. */
const NAME: Record<DialectName, string> = { postgres: "C", mysql: "utf8mb4_bin", sqlite: "NOCASE" };
/** The column's definition each renderer writes. */
const DEF: Record<DialectName, string> = {
  postgres: `"name" text COLLATE "C" NOT NULL`,
  mysql: "`name` LONGTEXT COLLATE utf8mb4_bin NOT NULL",
  sqlite: `"name" TEXT COLLATE NOCASE NOT NULL`,
};

describe("collate", () => {
  test("is parsed into the column, a quoted name verbatim", () => {
    const s = schema(table(`name text collate "und-x-icu"`));
    expect(s.tables[0]!.columns[1]!.collation).toBe("und-x-icu");
  });
  test("fmt prints it after the type, quoting only what needs it, and is a fixpoint", () => {
    const out = formatSchemaText(table(`name text? unique collate NOCASE`), "s.schema");
    expect(out).toContain("name  text?   collate NOCASE unique");
    expect(formatSchemaText(out, "s.schema")).toBe(out);
    expect(formatSchemaText(table(`name text collate "a b"`), "s.schema")).toContain(`collate "a b"`);
  });
  test("twice on a column is an error", () => {
    const codes = load(table("name text collate C collate C")).diagnostics.map((d) => d.code);
    expect(codes).toContain("duplicate-attribute");
  });
  test("a change of collation alone is an alter-column with the collation facet", () => {
    const a = schema(table("name text"));
    const b = schema(table("name text collate C"));
    const changes = diffSchemas(a, b, noRenames());
    expect(changes.map((c) => (c.kind === "alter-column" ? c.facets : c.kind))).toEqual([["collation"]]);
    expect(diffSchemas(b, b, noRenames())).toEqual([]);
  });
  for (const d of DIALECT_NAMES) {
    test(`${d}: renders COLLATE in the column definition`, async () => {
      const dialect = await getDialect(d);
      const s = schema(table(`name text collate ${NAME[d]}`));
      expect(dialect.validate(s).filter((x) => x.severity === "error")).toEqual([]);
      const sql = dialect.render([{ kind: "create-table", table: s.tables[0]! }], {
        from: { tables: [], enums: [] },
        to: s,
      });
      expect(sql.map((x) => x.sql).join("\n")).toContain(DEF[d]);
    });
  }
  test("validation refuses what each database refuses, and warns where it drops the clause", async () => {
    const errors = async (d: DialectName, col: string) =>
      (await getDialect(d))
        .validate(schema(table(col)))
        .filter((x) => x.severity === "error")
        .map((x) => x.message);
    expect(await errors("sqlite", "name text collate C")).toEqual([
      "SQLite has no collation `C` (on `users.name`)",
    ]);
    expect(await errors("sqlite", "name text collate nocase")).toEqual([]);
    expect(await errors("postgres", "n int collate C")).toEqual([
      "PostgreSQL has no collations on int columns (`collate C` on `users.n`)",
    ]);
    // MariaDB accepts the clause on an int column and drops it: a warning, not an error.
    expect(await errors("mysql", "n int collate utf8mb4_bin")).toEqual([]);
    expect(
      (await getDialect("mysql")).validate(schema(table("n int collate utf8mb4_bin"))).map((x) => x.message),
    ).toEqual([
      "MySQL/MariaDB has no collations on int columns (`collate utf8mb4_bin` on `users.n`): it accepts the clause and drops it",
    ]);
    expect(await errors("postgres", `name citext collate "C"`)).toEqual([]);
  });
  test("hover names the collation and each dialect's COLLATE", async () => {
    const s = schema(table("name text collate NOCASE"));
    const text = await hoverText(s, columnKey("users", "name"));
    expect(text).toContain("collate NOCASE");
    expect(text).toContain(`"name" TEXT COLLATE NOCASE NOT NULL`);
  });
});
