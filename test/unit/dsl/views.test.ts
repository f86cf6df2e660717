/**
 * Views (`[materialized] view NAME [renamed from OLD] as (query)`) through the stages that need
 * no database (the databases are in the golden cases view_* and
 * test/integration/pull-views.test.ts): parsed, printed by fmt, validated per dialect, diffed
 * in dependency order and inverted.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { invertAll } from "../../../src/diff/invert.ts";
import { applyChanges } from "../../../src/diff/apply.ts";
import { noRenames, renamesFromHints } from "../../../src/diff/renames.ts";
import { describe as describeChange } from "../../../src/diff/summary.ts";
import { mentionedNames } from "../../../src/diff/views.ts";
import { sqliteViewQuery } from "../../../src/dialects/common/views.ts";
import type { Schema } from "../../../src/ir/model.ts";
import { canonical } from "../../../src/ir/canonical.ts";

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
const T = "table users {\n  id   int primary key\n  name text\n}\n";
const lines = (from: Schema, to: Schema, pin?: "drop" | "drop-and-type") =>
  diffSchemas(from, to, renamesFromHints(from, to), { viewsPinColumns: pin }).map(describeChange);

describe("view declarations", () => {
  test("the query is kept verbatim, over several lines; materialized and renamed from are read", () => {
    const s = schema(
      `${T}\n/// Who is there.\nview v renamed from old as (\n  select id,  name\n  from users where name <> ')'\n)\n\nmaterialized view m as (select count(*) from users)\n`,
    );
    expect(s.views?.map(({ src: _, ...v }) => v)).toEqual([
      {
        name: "v",
        renamedFrom: "old",
        doc: "Who is there.",
        query: "select id,  name\n  from users where name <> ')'",
      },
      { name: "m", materialized: true, query: "select count(*) from users" },
    ]);
  });

  test("fmt prints views back as written, and reads back the same", () => {
    const table = "table users {\n  id    int   primary key\n  name  text\n}\n";
    const text = `${table}\n/// Who is there.\nview v renamed from old as (select id,\n    name\n  from users)\n\nmaterialized view "m v" as (select 1)\n`;
    expect(format(text)).toBe(text);
    expect(format(format(text))).toBe(format(text));
  });

  test("`view` and `materialized` stay names elsewhere: a column may be called view", () => {
    const s = schema("table t {\n  view        int\n  materialized text\n}\n");
    expect(s.tables[0]!.columns.map((c) => c.name)).toEqual(["view", "materialized"]);
    expect(s.views).toBeUndefined();
  });

  test("a view named like a table is an error naming both; an empty query is one", () => {
    const r = load(`${T}\nview users as (select 1)\n`);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toContainEqual([
      "duplicate-name",
      "`users` is defined twice",
    ]);
    expect(load("view v as ()\n").diagnostics.map((d) => d.code)).toContain("empty-view");
  });

  test("materialized views are PostgreSQL's: an error on MySQL and SQLite", async () => {
    const s = schema(`${T}\nmaterialized view m as (select 1)\nview v as (select 1)\n`);
    expect((await getDialect("postgres")).validate(s).filter((d) => d.severity === "error")).toEqual([]);
    for (const d of ["mysql", "sqlite"] as const)
      expect((await getDialect(d)).validate(s).map((x) => x.code)).toEqual(["materialized-view-dialect"]);
  });
});

describe("what a view reads", () => {
  test("bare words ignoring case, quoted names exactly, nothing in strings", () => {
    const names = ["users", "Orders", "t"];
    expect([...mentionedNames(`select * from USERS join "Orders" o on 't' = o.x`, names)].sort()).toEqual([
      "Orders",
      "users",
    ]);
    expect([...mentionedNames("select `t`.id from `t`", names)]).toEqual(["t"]);
    expect([...mentionedNames(`select 1 from "users"`, ["Users"])]).toEqual([]);
  });

  test("a qualified name is the IR's schema.name, bare or quoted part by part, and each part a name too", () => {
    const names = ["sales.orders", "sales.Order Items", "users", "archive.orders"];
    expect(
      [
        ...mentionedNames(
          `select * from Sales.Orders join "sales"."Order Items" i on true join public.users u on true`,
          names,
        ),
      ].sort(),
    ).toEqual(["sales.Order Items", "sales.orders", "users"]);
  });

  test("a SQLite view's CREATE text less its head; one naming its columns is not read", () => {
    expect(sqliteViewQuery('CREATE VIEW "v" AS select 1;')).toBe("select 1");
    expect(sqliteViewQuery("create  temp view if not exists v\nas\n  select a from t")).toBe(
      "select a from t",
    );
    expect(sqliteViewQuery("CREATE VIEW v(a) AS select 1")).toBeUndefined();
  });
});

describe("views in a plan", () => {
  const base = `${T}\nview b as (select name from a)\n\nview a as (select id, name from users)\n`;

  test("created after the views they read, dropped before them, and the inverse undoes it", () => {
    const empty = schema(T);
    const full = schema(base);
    expect(lines(empty, full)).toEqual(["+ view a", "+ view b"]);
    expect(lines(full, empty)).toEqual(["- view b", "- view a"]);
    const up = diffSchemas(empty, full, noRenames());
    expect(canonical(applyChanges(empty, up))).toEqual(canonical(full));
    expect(canonical(applyChanges(full, invertAll(up)))).toEqual(canonical(empty));
  });

  test("a new query is a drop and a create, its readers' too; whitespace is no change", () => {
    const full = schema(base);
    expect(lines(full, schema(base.replace("select id, name", "select  id,\n name")))).toEqual([]);
    const changed = schema(
      base.replace("select id, name from users", "select id, name from users where id > 0"),
    );
    expect(lines(full, changed)).toEqual(["- view b", "- view a", "+ view a", "+ view b"]);
    // Every change runs first or last: views drop before and come back after the tables' changes.
    const moreCols = schema(
      base
        .replace("select id, name from users", "select id, name, 1 as x from users")
        .replace("name text", "name text\n  age int?"),
    );
    expect(lines(full, moreCols)).toEqual([
      "- view b",
      "- view a",
      "+ column users.age int?",
      "+ view a",
      "+ view b",
    ]);
  });

  test("a rename is one change; renamed and changed is a drop and a create", () => {
    const full = schema(base);
    expect(lines(full, schema(base.replace("view b as", "view c renamed from b as")))).toEqual([
      "~ view b renamed to c",
    ]);
    expect(
      lines(full, schema(base.replace("view b as (select name", "view c renamed from b as (select id"))),
    ).toEqual(["- view b", "+ view c"]);
  });

  test("views reading a table whose column is retyped or dropped are dropped and created again where the dialect needs it", () => {
    const from = schema(`${T}\nview a as (select id from users)\n\nview other as (select 1 as one)\n`);
    const to = schema(
      `table users {\n  id   bigint primary key\n}\n\nview a as (select id from users)\n\nview other as (select 1 as one)\n`,
    );
    expect(lines(from, to, "drop-and-type")).toEqual([
      "- view a",
      expect.stringContaining("~ column users.id"),
      "- column users.name",
      "+ view a",
    ]);
    expect(lines(from, to, "drop")).toEqual([
      "- view a",
      expect.stringContaining("~ column users.id"),
      "- column users.name",
      "+ view a",
    ]);
    expect(lines(from, to)).toEqual([expect.stringContaining("~ column users.id"), "- column users.name"]);
    const retypeOnly = schema(
      `table users {\n  id   bigint primary key\n  name text\n}\n\nview a as (select id from users)\n\nview other as (select 1 as one)\n`,
    );
    expect(lines(from, retypeOnly, "drop")).toEqual([expect.stringContaining("~ column users.id")]);
  });

  test("an enum gaining values moves its columns' views out of the way where retypes pin them: down remakes the type", () => {
    const from = schema(
      "enum mood { happy, sad }\n\ntable users {\n  id   int primary key\n  mood mood?\n}\n\nview a as (select mood from users)\n",
    );
    const to = schema(
      "enum mood { happy, sad, v2 }\n\ntable users {\n  id   int primary key\n  mood mood?\n}\n\nview a as (select mood from users)\n",
    );
    const up = diffSchemas(from, to, noRenames(), { viewsPinColumns: "drop-and-type" });
    expect(up.map(describeChange)).toEqual(["- view a", expect.stringContaining("enum mood"), "+ view a"]);
    expect(invertAll(up).map(describeChange)).toEqual([
      "- view a",
      expect.stringContaining("enum mood: (happy, sad, v2) → (happy, sad)"),
      "+ view a",
    ]);
    expect(lines(from, to, "drop")).toEqual([expect.stringContaining("enum mood")]);
  });

  test("a materialized view says its rows are computed when created", () => {
    expect(lines(schema(T), schema(`${T}\nmaterialized view m as (select 1)\n`))).toEqual([
      "+ materialized view m (its rows computed now)",
    ]);
  });
});

describe("views in the language server", () => {
  test("a view is a symbol with a hover saying its query and what it reads; completion offers it", async () => {
    const { occurrences } = await import("../../../src/lsp/symbols.ts");
    const { hoverText } = await import("../../../src/lsp/hover.ts");
    const { complete } = await import("../../../src/lsp/completion.ts");
    const s = schema(`${T}\n/// Names.\nview v as (select name from users)\n`);
    expect(
      occurrences(s)
        .filter((o) => o.key === "view:v")
        .map((o) => o.definition),
    ).toEqual([true]);
    expect(await hoverText(s, "view:v")).toBe(
      "```schemavc\nview v as (select name from users)\n```\n\nNames.\n\nreads users: dropped and created again around changes that need it",
    );
    expect(complete(s, "").map((x) => x.label)).toContain("materialized view");
  });
});
