/**
 * Functions, procedures and triggers through the stages that need no database (the databases
 * are in the golden cases function_*, trigger_*, routines_* and
 * test/integration/pull-routines.test.ts): parsed, printed by fmt, validated per dialect,
 * diffed in dependency order.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { renamesFromHints } from "../../../src/diff/renames.ts";
import { describe as describeChange } from "../../../src/diff/summary.ts";
import { argumentsWithoutDefaults } from "../../../src/dialects/common/routines.ts";
import { sqliteTrigger } from "../../../src/dialects/common/views.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const codes = (text: string) => load(text).diagnostics.map((d) => d.code);
const T = "table users {\n  id   int primary key\n  name text\n}\n";
const lines = (from: Schema, to: Schema) =>
  diffSchemas(from, to, renamesFromHints(from, to)).map(describeChange);

describe("function and trigger declarations", () => {
  test("parts are read: arguments and body verbatim, the return type up to language, the options after", () => {
    const s = schema(
      `${T}function f(a int, b text default ')') returns setof integer language SQL stable strict as $x$ select $$;'{'$$ $x$\n` +
        "procedure p() language plpgsql as $$ begin end $$\n" +
        "trigger t before insert or update of name, id on users for each row when (new.id > 0) execute function f('a')\n",
    );
    expect(s.functions!.map(({ src: _, ...f }) => f)).toEqual([
      {
        name: "f",
        args: "a int, b text default ')'",
        returns: "setof integer",
        language: "sql",
        options: "stable strict",
        body: " select $$;'{'$$ ",
      },
      { name: "p", procedure: true, args: "", language: "plpgsql", body: " begin end " },
    ]);
    const { src: _, ...t } = s.triggers![0]!;
    expect(t).toEqual({
      name: "t",
      table: "users",
      timing: "before",
      events: "insert or update of name, id",
      forEach: "row",
      when: "new.id > 0",
      execute: { function: "f", args: "'a'" },
    });
  });
  test("fmt prints them back (a body holding $$ gets another tag) and is stable", () => {
    const text = `${T}\n/// Adds.\nfunction   f(x int)   returns int   language sql as $t$ select '$$' $t$\n\ntrigger t after delete on users as $$BEGIN SELECT 1; END$$\n`;
    const once = formatFile(text, "s.schema").text!;
    expect(once).toContain(
      "/// Adds.\nfunction f(x int) returns int language sql as $body$ select '$$' $body$",
    );
    expect(once).toContain("trigger t after delete on users as $$BEGIN SELECT 1; END$$");
    expect(formatFile(once, "s.schema").text).toBe(once);
  });
  test("errors: a name declared twice, a trigger on nothing, a procedure with a return type, no timing", () => {
    expect(
      codes(
        `${T}function f() returns int language sql as $$ select 1 $$\nfunction f(a int) returns int language sql as $$ select a $$\n`,
      ),
    ).toContain("duplicate-name");
    expect(codes(`${T}trigger t before insert on nobody as $$ x $$\n`)).toContain("unknown-table");
    expect(codes(`${T}procedure p() returns int as $$ x $$\n`)).toContain("routine-syntax");
    expect(codes(`${T}trigger t insert on users as $$ x $$\n`)).toContain("trigger-syntax");
  });
  test("per dialect: SQLite has no functions; a PostgreSQL trigger runs a function, the others a body; one event on MySQL and SQLite", async () => {
    const pg = await getDialect("postgres");
    const my = await getDialect("mysql");
    const lite = await getDialect("sqlite");
    const fn = schema(`${T}function f() returns int language sql as $$ select 1 $$\n`);
    expect(lite.validate(fn).map((d) => d.code)).toContain("function-dialect");
    expect(pg.validate(fn).map((d) => d.code)).not.toContain("function-dialect");
    const body = schema(`${T}trigger t before insert or delete on users as $$BEGIN SELECT 1; END$$\n`);
    expect(pg.validate(body).map((d) => d.code)).toContain("trigger-dialect");
    expect(my.validate(body).map((d) => d.code)).toContain("trigger-dialect");
    expect(lite.validate(body).map((d) => d.code)).toContain("trigger-dialect");
    const one = schema(`${T}trigger t before insert on users for each row as $$SET NEW.id = NEW.id$$\n`);
    expect(my.validate(one).map((d) => d.code)).not.toContain("trigger-dialect");
  });
});

describe("function and trigger plans", () => {
  const F = "function touch() returns trigger language plpgsql as $$ begin return new; end $$\n";
  const TR = "trigger t before insert on users for each row execute function touch()\n";
  test("a function before the table whose default uses it; triggers last", () => {
    const to = schema(
      `${F}function code() returns int language sql as $$ select 1 $$\ntable users {\n  id int primary key\n  c int default (code())\n}\n${TR}`,
    );
    expect(lines({ tables: [], enums: [] }, to)).toEqual([
      "+ function touch()",
      "+ function code()",
      "+ table users (2 columns)",
      "+ trigger t on users",
    ]);
  });
  test("the same signature is a replace; another is a drop and a create, its triggers remade around it", () => {
    const from = schema(`${T}${F}${TR}`);
    expect(lines(from, schema(`${T}${F.replace("return new", "return null")}${TR}`))).toEqual([
      "~ function touch: new definition",
    ]);
    expect(lines(from, schema(`${T}${F.replace("touch()", "touch(a int default 1)")}${TR}`))).toEqual([
      "- trigger t on users",
      "- function touch()",
      "+ function touch(a int default 1)",
      "+ trigger t on users",
    ]);
  });
  test("renames: a function's and a trigger's; a table rename carries its trigger", () => {
    const from = schema(`${T}${F}${TR}`);
    const to = schema(
      `table people renamed from users {\n  id   int primary key\n  name text\n}\n${F.replace("touch()", "stamp renamed from touch()")}${TR.replace("trigger t", "trigger t2 renamed from t").replace("on users", "on people").replace("touch()", "stamp()")}`,
    );
    expect(lines(from, to)).toEqual([
      "~ trigger t renamed to t2",
      "~ function touch renamed to stamp",
      "~ table users renamed to people",
      "~ primary key users_pkey renamed to people_pkey on people",
    ]);
  });
  test("DROP FUNCTION names the argument types only; SQLite's trigger text reads back", () => {
    expect(argumentsWithoutDefaults("a int, b text default 'x, y', c int = 3")).toBe("a int, b text, c int");
    expect(
      sqliteTrigger(
        "t",
        "users",
        'CREATE TRIGGER "t" AFTER UPDATE OF name ON "users" FOR EACH ROW WHEN new.id > 0 BEGIN SELECT 1; END',
      ),
    ).toEqual({
      name: "t",
      table: "users",
      timing: "after",
      events: "update of name",
      forEach: "row",
      when: "new.id > 0",
      body: "BEGIN SELECT 1; END",
    });
  });
});

describe("functions and triggers in the language server", () => {
  test("symbols (a trigger names its table and function), hover, completion", async () => {
    const { occurrences } = await import("../../../src/lsp/symbols.ts");
    const { hoverText } = await import("../../../src/lsp/hover.ts");
    const { complete } = await import("../../../src/lsp/completion.ts");
    const s = schema(
      `${T}/// Stamps.\nfunction touch() returns trigger language plpgsql as $$ begin return new; end $$\ntrigger t before insert on users execute function touch()\n`,
    );
    const keys = occurrences(s).map((o) => `${o.key}${o.definition ? "" : " (ref)"}`);
    expect(keys).toEqual(
      expect.arrayContaining(["function:touch", "trigger:t", "table:users (ref)", "function:touch (ref)"]),
    );
    expect(await hoverText(s, "function:touch")).toBe(
      "```schemavc\nfunction touch() returns trigger language plpgsql as $$ begin return new; end $$\n```\n\nStamps.\n\nused by trigger t: dropped and created again when its signature changes",
    );
    expect(await hoverText(s, "trigger:t")).toBe(
      "```schemavc\ntrigger t before insert on users execute function touch()\n```",
    );
    expect(complete(s, "").map((x) => x.label)).toEqual(
      expect.arrayContaining(["function", "procedure", "trigger"]),
    );
  });
});
