/**
 * SQLite's virtual tables, `virtual table NAME using MODULE (ARGS)`, through the stages that need
 * no database (the database is in the golden case virtual_tables_sqlite, the SQLite pull tests
 * and the corpus case sqlite/synapse): parsed, printed by fmt, checked per dialect, diffed
 * (a changed definition is a drop and a create, which loses the rows), rendered.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { plan } from "../../../src/diff/plan.ts";
import { describe as describeChange } from "../../../src/diff/summary.ts";
import { noRenames, renamesFromHints } from "../../../src/diff/renames.ts";
import { liveDifferences } from "../../../src/dialects/compare.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const format = (text: string) => {
  const r = formatFile(text, "s.schema");
  if (r.text === undefined) throw new Error(r.problem);
  return r.text;
};
const SEARCH = "virtual table event_search using fts4 (event_id, room_id, sender, key, value)\n";

describe("virtual tables", () => {
  test("are tables with a module and its arguments, verbatim, and nothing else", () => {
    const t = schema(`/// Search.\n${SEARCH}`).tables[0]!;
    expect(t).toMatchObject({
      name: "event_search",
      doc: "Search.",
      virtual: { module: "fts4", args: "event_id, room_id, sender, key, value" },
      columns: [],
      uniques: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
    });
    expect(schema("virtual table t using mymodule\n").tables[0]!.virtual).toEqual({ module: "mymodule" });
    expect(schema("virtual table t using fts5 (a, tokenize = 'porter (x)')\n").tables[0]!.virtual).toEqual({
      module: "fts5",
      args: "a, tokenize = 'porter (x)'",
    });
  });
  test("fmt prints them as one line, arguments as written, and is a fixpoint", () => {
    const text = format(`table t {\n  id int primary key\n}\nvirtual   table  s using fts5(a,  b) // why\n`);
    expect(text).toBe("table t {\n  id  int  primary key\n}\n\nvirtual table s using fts5 (a,  b) // why\n");
    expect(format(text)).toBe(text);
  });
  test("a name used by a table and a virtual table is an error", () => {
    expect(
      load(`table event_search {\n  id int primary key\n}\n${SEARCH}`).diagnostics.map((d) => d.code),
    ).toContain("duplicate-name");
  });
  test("PostgreSQL and MySQL have none: an error at the module", async () => {
    for (const d of ["postgres", "mysql"] as const) {
      const found = (await getDialect(d)).validate(schema(SEARCH));
      expect(found.map((x) => `${x.severity} ${x.code} ${x.loc?.line}:${x.loc?.col}`)).toEqual([
        "error virtual-table-dialect 1:34",
      ]);
      expect(found[0]!.message).toContain("has no virtual tables (`event_search` using fts4)");
    }
    expect((await getDialect("sqlite")).validate(schema(SEARCH))).toEqual([]);
  });
  test("on SQLite, a table named as a shadow table of a virtual table is an error", async () => {
    const found = (await getDialect("sqlite")).validate(
      schema(`${SEARCH}table event_search_segdir {\n  id int primary key\n}\n`),
    );
    expect(found.map((x) => `${x.severity} ${x.code} ${x.loc?.line}:${x.loc?.col}`)).toEqual([
      "error shadow-table-name 2:7",
    ]);
  });
  test("the same definition with other whitespace or module case is no change", () => {
    const a = schema(SEARCH);
    // Whitespace is normalised as in raw SQL: runs become one space, none inside parentheses' edges.
    const b = schema(
      "virtual table event_search using FTS4 (  event_id, room_id,   sender,\n  key, value )\n",
    );
    expect(diffSchemas(a, b, noRenames())).toEqual([]);
    const c = schema("virtual table event_search using fts4 (event_id, room_id, sender, key)\n");
    expect(diffSchemas(a, c, noRenames()).map(describeChange)).toEqual([
      "- virtual table event_search",
      "+ virtual table event_search using fts4",
    ]);
  });
  test("a new definition is a drop before the create, and loses the rows", async () => {
    const a = schema(SEARCH);
    const b = schema("virtual table event_search using fts5 (event_id, value)\n");
    const p = plan(a, b, noRenames(), await getDialect("sqlite"));
    expect(p.upSql).toEqual([
      'DROP TABLE "event_search"',
      'CREATE VIRTUAL TABLE "event_search" USING fts5(event_id, value)',
    ]);
    expect(p.upLosses.map((l) => l.message)).toEqual(["drops table `event_search` and every row in it"]);
    expect(p.downSql).toEqual([
      'DROP TABLE "event_search"',
      'CREATE VIRTUAL TABLE "event_search" USING fts4(event_id, room_id, sender, key, value)',
    ]);
  });
  test("a plain table made virtual is a drop and a create too", () => {
    const a = schema("table s {\n  id int primary key\n}\n");
    const b = schema("virtual table s using fts5 (body)\n");
    expect(diffSchemas(a, b, noRenames()).map((c) => c.kind)).toEqual(["drop-table", "create-table"]);
  });
  test("drift: another module or other arguments in the database are a difference, whitespace is not", async () => {
    const sqlite = await getDialect("sqlite");
    const expected = schema(SEARCH);
    const same = schema("virtual table event_search using FTS4 (event_id, room_id,  sender, key, value)\n");
    expect(liveDifferences(sqlite, expected, same)).toEqual([]);
    for (const other of [
      "virtual table event_search using fts4 (event_id, room_id, sender, key)\n",
      "virtual table event_search using fts5 (event_id, room_id, sender, key, value)\n",
      "table event_search {\n  event_id text\n}\n",
    ])
      expect(liveDifferences(sqlite, expected, schema(other)).map(describeChange)[0]).toContain(
        "- virtual table event_search",
      );
  });
  test("renamed from renames it in place", async () => {
    const a = schema(SEARCH);
    const b = schema(SEARCH.replace("event_search", "search renamed from event_search"));
    const p = plan(a, b, renamesFromHints(a, b), await getDialect("sqlite"));
    expect(p.upSql).toEqual(['ALTER TABLE "event_search" RENAME TO "search"']);
  });
});
