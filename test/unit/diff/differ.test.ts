/**
 * The differ: one case per kind of change, and the laws it must keep (diff(A, A) is empty,
 * applying diff(A, B) to A gives B, the inverse plan leads back to A).
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { applyChanges } from "../../../src/diff/apply.ts";
import { invertAll } from "../../../src/diff/invert.ts";
import { renamesFromHints } from "../../../src/diff/renames.ts";
import { canonical } from "../../../src/ir/canonical.ts";
import { stripSource } from "../../../src/ir/source.ts";
import type { Schema } from "../../../src/ir/model.ts";

function schema(text: string): Schema {
  const r = loadSources(new Map([["s.schema", text]]));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((d) => d.message).join("\n"));
  return stripSource(r.schema);
}
function plan(a: string, b: string) {
  const A = schema(a),
    B = schema(b);
  const changes = diffSchemas(A, B, renamesFromHints(A, B));
  // The laws, checked on every case.
  const strip = (s: Schema) =>
    canonical({
      ...s,
      tables: s.tables.map((t) => ({
        ...t,
        renamedFrom: undefined,
        columns: t.columns.map((c) => ({ ...c, renamedFrom: undefined })),
      })),
      enums: s.enums.map((e) => ({ ...e, renamedFrom: undefined })),
    });
  expect(strip(applyChanges(A, changes))).toEqual(strip(B));
  expect(strip(applyChanges(applyChanges(A, changes), invertAll(changes)))).toEqual(strip(A));
  return changes;
}
const kinds = (a: string, b: string) =>
  plan(a, b).map((c) => c.kind + ("table" in c && typeof c.table === "string" ? ` ${c.table}` : ""));

const USERS = "table users {\n  id bigint primary key identity\n  email varchar(255) unique\n}\n";

describe("differ", () => {
  test("no change gives no change", () => expect(plan(USERS, USERS)).toEqual([]));
  test("create a table", () => expect(kinds("", USERS)).toEqual(["create-table"]));
  test("drop a table", () => expect(kinds(USERS, "")).toEqual(["drop-table"]));
  test("rename a table with a hint", () =>
    expect(kinds(USERS, USERS.replace("table users {", "table people renamed from users {"))).toEqual([
      "rename-table",
      "rename-constraint people",
      "rename-constraint people",
    ]));
  test("add a column", () =>
    expect(kinds(USERS, USERS.replace("}", "  name text?\n}"))).toEqual(["add-column users"]));
  test("drop a column", () =>
    expect(kinds(USERS.replace("}", "  name text?\n}"), USERS)).toEqual(["drop-column users"]));
  test("rename a column with a hint keeps it (no drop + add)", () => {
    const a = USERS.replace("}", "  body text?\n}"),
      b = USERS.replace("}", "  content text? renamed from body\n}");
    expect(kinds(a, b)).toEqual(["rename-column users"]);
  });
  test("a hint whose old name is gone is ignored", () => {
    const b = USERS.replace("}", "  content text? renamed from body\n}");
    expect(plan(b, b)).toEqual([]);
  });
  test("change a column's type", () =>
    expect(kinds(USERS, USERS.replace("varchar(255)", "varchar(300)"))).toEqual(["alter-column users"]));
  test("change nullability", () =>
    expect(kinds(USERS, USERS.replace("varchar(255)", "varchar(255)?"))).toEqual(["alter-column users"]));
  test("change a default", () =>
    expect(kinds(USERS, USERS.replace("unique", "unique default 'x'"))).toEqual(["alter-column users"]));
  test("raw SQL compares whitespace-normalised", () => {
    const a = "table t { a int default (1 +  2) }",
      b = "table t { a int default (1 + 2) }";
    expect(plan(a, b)).toEqual([]);
  });
  test("change a column comment", () =>
    expect(kinds(USERS, USERS.replace("  email", "  /// Login.\n  email"))).toEqual(["alter-column users"]));
  test("change a table comment", () =>
    expect(kinds(USERS, `/// People.\n${USERS}`)).toEqual(["set-table-comment users"]));
  test("identity on and off", () =>
    expect(kinds(USERS, USERS.replace(" identity", ""))).toEqual(["alter-column users"]));
  test("change the primary key", () => {
    expect(
      kinds("table t { a int primary key\n b int }", "table t { a int\n b int\n primary key (a, b) }"),
    ).toEqual(["drop-primary-key t", "add-primary-key t"]);
  });
  test("add and drop a unique constraint", () => {
    expect(kinds(USERS, USERS.replace(" unique", ""))).toEqual(["drop-unique users"]);
    expect(kinds(USERS.replace(" unique", ""), USERS)).toEqual(["add-unique users"]);
  });
  test("an index, partial and expression ones", () => {
    const base = "table t {\n  a text\n  b int\n}";
    expect(kinds(base, base.replace("}", "  index (b) where (b > 0)\n}"))).toEqual(["create-index t"]);
    expect(kinds(base, base.replace("}", "  index ((lower(a)))\n}"))).toEqual(["create-index t"]);
    expect(
      kinds(
        base.replace("}", "  index i (b) where (b > 0)\n}"),
        base.replace("}", "  index i (b) where (b > 1)\n}"),
      ),
    ).toEqual(["drop-index t", "create-index t"]);
  });
  test("a foreign key and its actions", () => {
    const a = `${USERS}table posts {\n  id bigint primary key\n  author bigint references users(id)\n}`;
    expect(kinds(a, a.replace("references users(id)", "references users(id) on delete cascade"))).toEqual([
      "drop-foreign-key posts",
      "add-foreign-key posts",
    ]);
    expect(kinds(a, a.replace(" references users(id)", ""))).toEqual(["drop-foreign-key posts"]);
  });
  test("a check", () => {
    expect(kinds("table t { a int }", "table t { a int check (a > 0) }")).toEqual(["add-check t"]);
    expect(kinds("table t { a int check (a > 0) }", "table t { a int check (a > 1) }")).toEqual([
      "drop-check t",
      "add-check t",
    ]);
  });
  test("enums: add a value at the end, remove one, rename, drop", () => {
    expect(kinds("enum e { a, b }", "enum e { a, b, c }")).toEqual(["add-enum-values"]);
    expect(kinds("enum e { a, b }", "enum e { a }")).toEqual(["alter-enum-values"]);
    expect(kinds("enum e { a, b }", "enum e { b, a }")).toEqual(["alter-enum-values"]);
    expect(kinds("enum e { a }", "enum f renamed from e { a }")).toEqual(["rename-enum"]);
    expect(kinds("enum e { a }", "")).toEqual(["drop-enum"]);
  });
  test("a column of a renamed enum is unchanged", () => {
    expect(kinds("enum e { a }\ntable t { s e }", "enum f renamed from e { a }\ntable t { s f }")).toEqual([
      "rename-enum",
    ]);
  });
  test("a foreign key to a renamed table is unchanged", () => {
    const a = `${USERS}table posts {\n  id bigint primary key\n  author bigint references users(id)\n}`;
    const b = a
      .replace("table users {", "table people renamed from users {")
      .replace("references users(id)", "references people(id)");
    expect(plan(a, b).filter((c) => c.kind.includes("foreign-key"))).toEqual([]);
  });
  test("referenced tables are created first, and dropped last", () => {
    const both = `table posts {\n  id bigint primary key\n  author bigint references users(id)\n}\n${USERS}`;
    expect(
      plan("", both)
        .filter((c) => c.kind === "create-table")
        .map((c) => (c as { table: { name: string } }).table.name),
    ).toEqual(["users", "posts"]);
    expect(
      plan(both, "")
        .filter((c) => c.kind === "drop-table")
        .map((c) => (c as { table: { name: string } }).table.name),
    ).toEqual(["posts", "users"]);
  });
  test("a cycle between new tables goes through a separate foreign key", () => {
    const cyc =
      "table a {\n  id int primary key\n  b_id int? references b(id)\n}\ntable b {\n  id int primary key\n  a_id int references a(id)\n}";
    expect(kinds("", cyc)).toEqual(["create-table", "create-table", "add-foreign-key a"]);
  });
  test("a retyped column drops and re-adds the foreign keys on it", () => {
    const a = "table p { id int primary key }\ntable c { p int references p(id) }";
    const b = "table p { id bigint primary key }\ntable c { p bigint references p(id) }";
    expect(kinds(a, b)).toEqual([
      "drop-foreign-key c",
      "alter-column p",
      "alter-column c",
      "add-foreign-key c",
    ]);
  });
  test("a renamed column renames its generated constraint names", () => {
    const a = "table t { a int unique check (a > 0) }",
      b = "table t { b int unique check (b > 0) renamed from a }";
    const cs = plan(a, b);
    expect(cs.map((c) => c.kind)).toEqual(["drop-check", "rename-column", "rename-constraint", "add-check"]);
  });
});

describe("names at the moment a change runs", () => {
  test("a drop before a rename names the table and columns as they are then", () => {
    const a =
      "table p { id int primary key }\ntable users {\n  id int primary key\n  p_id int references p(id)\n}";
    const b =
      "table p { id int primary key }\ntable people renamed from users {\n  id int primary key\n  p_ref int renamed from p_id\n}";
    const cs = plan(a, b);
    const drop = cs.find((c) => c.kind === "drop-foreign-key")!;
    expect(drop).toMatchObject({ table: "users", foreignKey: { columns: ["p_id"], refTable: "p" } });
    expect(cs.indexOf(drop)).toBeLessThan(cs.findIndex((c) => c.kind === "rename-table"));
  });
  test("a foreign key to a dropped key is dropped before it and added back after the new key", () => {
    const a =
      "table users {\n  id bigint primary key\n  email text\n}\ntable posts {\n  id bigint primary key\n  user_id bigint references users(id)\n}\n";
    // The key moves to email; id stays unique, so the foreign key stays, on the new unique.
    const b = a.replace(
      "  id bigint primary key\n  email text",
      "  id bigint unique\n  email text primary key",
    );
    expect(kinds(a, b)).toEqual([
      "drop-foreign-key posts",
      "drop-primary-key users",
      "add-primary-key users",
      "add-unique users",
      "add-foreign-key posts",
    ]);
    // Dropped with its table: the key goes first all the same.
    const c = "table users {\n  id bigint\n  email text primary key\n}\n";
    expect(kinds(a, c)).toEqual([
      "drop-foreign-key posts",
      "drop-primary-key users",
      "add-primary-key users",
      "drop-table",
    ]);
  });
});
