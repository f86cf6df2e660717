/**
 * PostgreSQL's constraint constructs of issue 15 through the stages that need no database (the
 * databases: golden cases constraint_not_valid, ...; pulled: test/integration/pull-pg-constraints):
 * parsed, printed back by `fmt`, refused where the database refuses them, diffed.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { invertAll } from "../../../src/diff/invert.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const errors = async (d: "postgres" | "mysql" | "sqlite", s: Schema) =>
  (await getDialect(d))
    .validate(s)
    .filter((x) => x.severity === "error")
    .map((x) => x.code);
const fmt = (text: string) => {
  const out = formatFile(text, "s.schema").text!;
  expect(formatFile(out, "s.schema").text).toBe(out);
  return out;
};

const PARENT = "table a {\n  id bigint primary key\n}\n";
const child = (items: string) => `${PARENT}table b {\n  id bigint primary key\n  a_id bigint\n${items}\n}\n`;

describe("not valid", () => {
  test("after a foreign key's clauses and after a check's `no inherit`", () => {
    const t = schema(
      child(
        "  foreign key (a_id) references a(id) on delete cascade not valid\n  check c (id > 0) no inherit not valid",
      ),
    ).tables[1]!;
    expect(t.foreignKeys[0]).toMatchObject({ onDelete: "cascade", notValid: true });
    expect(t.checks[0]).toMatchObject({ noInherit: true, notValid: true });
    const inline = schema(`${PARENT}table b {\n  a_id bigint references a(id) not valid\n}\n`).tables[1]!;
    expect(inline.foreignKeys[0]!.notValid).toBe(true);
  });
  test("`not` on the next line is a column", () => {
    const t = schema(child("  check c (id > 0)\n  not int")).tables[1]!;
    expect(t.checks[0]!.notValid).toBeUndefined();
    expect(t.columns.map((c) => c.name)).toContain("not");
  });
  test("fmt prints it back (a not valid check on one column stays a table item)", () => {
    const out = fmt(
      `${PARENT}table b {\n  id bigint primary key\n  a_id bigint references a(id) not valid\n  check b_id_check (id > 0) not valid\n}\n`,
    );
    expect(out).toContain("references a(id) not valid");
    expect(out).toContain("  check (id > 0) not valid");
  });
  test("valid to not valid and back is one change, its own inverse", () => {
    const a = schema(child("  foreign key (a_id) references a(id)\n  check c (id > 0) not valid"));
    const b = schema(child("  foreign key (a_id) references a(id) not valid\n  check c (id > 0)"));
    const up = diffSchemas(a, b, noRenames());
    expect(up).toEqual([
      { kind: "set-constraint-valid", table: "b", constraint: "check", name: "c", valid: true },
      {
        kind: "set-constraint-valid",
        table: "b",
        constraint: "foreign-key",
        name: "b_a_id_fkey",
        valid: false,
      },
    ]);
    expect(invertAll(up)).toEqual(diffSchemas(b, a, noRenames()).reverse());
  });
  test("PostgreSQL takes it; MySQL and SQLite refuse it (they check every row)", async () => {
    const s = schema(child("  foreign key (a_id) references a(id) not valid\n  check c (id > 0) not valid"));
    expect(await errors("postgres", s)).toEqual([]);
    for (const d of ["mysql", "sqlite"] as const)
      expect(await errors(d, s)).toEqual(["not-valid-dialect", "not-valid-dialect"]);
  });
});

describe("include and with on a primary key or unique constraint", () => {
  const text = (pk: string, unique: string) =>
    `table t {\n  id bigint\n  code varchar(20)\n  note varchar(20)?\n\n  primary key (id)${pk}\n  unique (code)${unique}\n}\n`;
  test("are read after the columns, on the key's line", () => {
    const t = schema(text(" include (note) with (fillfactor = 70)", " include (note, id)")).tables[0]!;
    expect(t.primaryKey).toMatchObject({ include: ["note"], storage: { fillfactor: "70" } });
    expect(t.uniques[0]).toMatchObject({ include: ["note", "id"] });
    const next = schema("table t {\n  id bigint\n  primary key (id)\n  include int\n}\n").tables[0]!;
    expect(next.primaryKey!.include).toBeUndefined();
    expect(next.columns.map((c) => c.name)).toEqual(["id", "include"]);
  });
  test("fmt prints such a key as a table item", () => {
    const out = fmt(
      "table t {\n  id bigint\n  code text\n  primary key (id) with (fillfactor = 70)\n  unique (code) include (id)\n}\n",
    );
    expect(out).toContain("  primary key (id) with (fillfactor = 70)\n  unique (code) include (id)\n");
  });
  test("a change of them is a new key; the order of parameters is not", () => {
    const a = schema(text(" with (fillfactor = 70, deduplicate_items = off)", ""));
    expect(
      diffSchemas(a, schema(text(" with (deduplicate_items = off, fillfactor = 70)", "")), noRenames()),
    ).toEqual([]);
    expect(diffSchemas(a, schema(text("", " include (note)")), noRenames()).map((c) => c.kind)).toEqual([
      "drop-unique",
      "drop-primary-key",
      "add-primary-key",
      "add-unique",
    ]);
  });
  test("MySQL and SQLite refuse them", async () => {
    const s = schema(text(" include (note)", " with (fillfactor = 70)"));
    expect(await errors("postgres", s)).toEqual([]);
    for (const d of ["mysql", "sqlite"] as const)
      expect(await errors(d, s)).toEqual(["index-clause-dialect", "index-clause-dialect"]);
  });
});

describe("deferrable keys and a unique constraint's nulls not distinct", () => {
  const keys = (pk: string, u: string, x: string) =>
    `table t {\n  id bigint\n  code text?\n  during tstzrange?\n\n  primary key (id)${pk}\n  unique (code)${u}\n  exclude using gist (during with &&)${x}\n}\n`;
  test("parsed on the key's line, after its other clauses (an exclusion's after its where)", () => {
    const t = schema(
      keys(
        " deferrable initially deferred",
        " nulls not distinct include (id) deferrable",
        " where (id > 0) deferrable",
      ),
    ).tables[0]!;
    expect(t.primaryKey).toMatchObject({ deferrable: "deferred" });
    expect(t.uniques[0]).toMatchObject({ nullsNotDistinct: true, include: ["id"], deferrable: "immediate" });
    expect(t.exclusions![0]).toMatchObject({ where: "id > 0", deferrable: "immediate" });
  });
  test("fmt prints them back as table items", () => {
    const out = fmt(
      "table t {\n  id bigint\n  code text? \n\n  primary key (id) deferrable initially deferred\n  unique (code) nulls not distinct\n}\n",
    );
    expect(out).toContain("  primary key (id) deferrable initially deferred\n");
    expect(out).toContain("  unique (code) nulls not distinct\n");
  });
  test("`nulls not distinct` on a primary key and a misspelt mode are errors", () => {
    const r = load(
      "table t {\n  id bigint\n\n  primary key (id) nulls not distinct deferrable initially later\n}\n",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      "`nulls not distinct` is for unique constraints, not a primary key",
      "write `deferrable`, `deferrable initially deferred` or `deferrable initially immediate`",
    ]);
  });
  test("a change of either is a new key", () => {
    const a = schema(keys("", "", ""));
    expect(
      diffSchemas(a, schema(keys("", " nulls not distinct", "")), noRenames()).map((c) => c.kind),
    ).toEqual(["drop-unique", "add-unique"]);
    expect(diffSchemas(a, schema(keys("", "", " deferrable")), noRenames()).map((c) => c.kind)).toEqual([
      "drop-exclusion",
      "add-exclusion",
    ]);
  });
  test("a foreign key to a deferrable key is an error, as PostgreSQL refuses it", () => {
    const r = load(
      "table a {\n  id bigint\n\n  primary key (id) deferrable\n}\ntable b {\n  id bigint primary key\n  a_id bigint references a(id)\n}\n",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([
      "foreign key `b_a_id_fkey` references `a(id)`, which is not a primary key or unique that is not deferrable",
    ]);
  });
  test("MySQL and SQLite refuse them", async () => {
    const s = schema(
      "table t {\n  id bigint\n  code varchar(20)?\n\n  primary key (id) deferrable\n  unique (code) nulls not distinct\n}\n",
    );
    expect(await errors("postgres", s)).toEqual([]);
    for (const d of ["mysql", "sqlite"] as const)
      expect((await errors(d, s)).sort()).toEqual(["deferrable-dialect", "index-clause-dialect"]);
  });
});

describe("a table without columns", () => {
  test("is parsed and printed back; PostgreSQL takes it (a warning), MySQL and SQLite refuse it", async () => {
    const s = schema("table marker {\n}\n");
    expect(s.tables[0]!.columns).toEqual([]);
    expect(fmt("table marker { }\n")).toBe("table marker {\n}\n");
    const pg = (await getDialect("postgres")).validate(s);
    expect(pg.map((d) => [d.code, d.severity])).toEqual([["empty-table", "warning"]]);
    for (const d of ["mysql", "sqlite"] as const) expect(await errors(d, s)).toEqual(["empty-table"]);
  });
  test("is created as `CREATE TABLE t ()`", async () => {
    const r = (await getDialect("postgres")).render(
      [{ kind: "create-table", table: schema("table marker {\n}\n").tables[0]! }],
      { from: { tables: [], enums: [] }, to: schema("table marker {\n}\n") },
    );
    expect(r.map((x) => x.sql)).toEqual(['CREATE TABLE "marker" ()']);
  });
});

describe("comments on constraints and indexes", () => {
  const text = (doc: (what: string) => string) =>
    `${PARENT}table b {\n  id bigint\n  a_id bigint\n\n${doc("key")}  primary key (id)\n${doc("unique")}  unique (a_id)\n${doc("index")}  index (a_id, id)\n${doc("fk")}  foreign key (a_id) references a(id)\n${doc("check")}  check (id > 0)\n}\n`;
  const documented = text((w) => `  /// The ${w}.\n`);
  test("a `///` doc before one is its comment, and fmt keeps it there", () => {
    const t = schema(documented).tables[1]!;
    expect(
      [t.primaryKey, t.uniques[0], t.indexes[0], t.foreignKeys[0], t.checks[0]].map((x) => x!.comment),
    ).toEqual(["The key.", "The unique.", "The index.", "The fk.", "The check."]);
    expect(fmt(documented)).toContain(
      "  /// The key.\n  primary key (id)\n  /// The unique.\n  unique (a_id)\n",
    );
  });
  test("a changed comment is one change each, its own inverse", () => {
    const up = diffSchemas(schema(text(() => "")), schema(documented), noRenames());
    expect(up.map((c) => (c.kind === "set-item-comment" ? [c.item, c.name, c.to] : c.kind))).toEqual([
      ["primary-key", "b_pkey", "The key."],
      ["unique", "b_a_id_key", "The unique."],
      ["check", "b_id_check", "The check."],
      ["index", "b_a_id_id_idx", "The index."],
      ["foreign-key", "b_a_id_fkey", "The fk."],
    ]);
    expect(invertAll(up)).toEqual(
      diffSchemas(schema(documented), schema(text(() => "")), noRenames()).reverse(),
    );
  });
  test("every dialect takes them (MySQL and SQLite keep no constraint comments)", async () => {
    for (const d of ["postgres", "mysql", "sqlite"] as const)
      expect(await errors(d, schema(documented))).toEqual([]);
  });
});

describe("exclusion constraints", () => {
  const table = (items: string) =>
    `table rooms {\n  id bigint primary key\n  room int\n  during tstzrange\n  note text?\n${items}\n}\n`;
  test("`exclude` starts one before `using` or `(`; elsewhere it names a column", () => {
    const x = schema(
      table(
        "  exclude using gist (room with =, during with &&) include (note) with (fillfactor = 70) where (note is not null)\n  exclude ((lower(note)) desc with =)",
      ),
    ).tables[0]!.exclusions!;
    expect(x).toMatchObject([
      {
        name: "rooms_room_during_excl",
        using: "gist",
        parts: [
          { kind: "column", column: "room", operator: "=" },
          { kind: "column", column: "during", operator: "&&" },
        ],
        include: ["note"],
        storage: { fillfactor: "70" },
        where: "note is not null",
      },
      {
        name: "rooms_lower_note_excl",
        using: "btree",
        parts: [{ kind: "expression", desc: true, operator: "=" }],
      },
    ]);
    const col = schema("table t {\n  id int primary key\n  exclude text\n}\n").tables[0]!;
    expect(col.columns.map((c) => c.name)).toEqual(["id", "exclude"]);
    expect(col.exclusions).toBeUndefined();
  });
  test("fmt prints it back with its method, its name only when not the generated one", () => {
    const out = fmt(
      table("  /// No overlap.\n  exclude no_overlap using gist (during with &&)\n  exclude (id with =)"),
    );
    expect(out).toContain(
      "  /// No overlap.\n  exclude no_overlap using gist (during with &&)\n  exclude using btree (id with =)\n",
    );
  });
  test("an unknown column is an error; MySQL and SQLite refuse exclusions", async () => {
    expect(load(table("  exclude using gist (durin with &&)")).diagnostics.map((d) => d.code)).toContain(
      "unknown-column",
    );
    const s = schema(table("  exclude using gist (during with &&)"));
    expect(await errors("postgres", s)).toEqual([]);
    for (const d of ["mysql", "sqlite"] as const) expect(await errors(d, s)).toContain("exclusion-dialect");
  });
  test("a change of it is a drop and an add; a new name is a rename", () => {
    const a = schema(table("  exclude using gist (during with &&)"));
    const b = schema(table("  exclude using gist (during with &&) where (room > 0)"));
    expect(diffSchemas(a, b, noRenames()).map((c) => c.kind)).toEqual(["drop-exclusion", "add-exclusion"]);
    const c = schema(table("  exclude no_overlap using gist (during with &&)"));
    expect(diffSchemas(a, c, noRenames())).toEqual([
      {
        kind: "rename-constraint",
        table: "rooms",
        constraint: "exclusion",
        from: "rooms_during_excl",
        to: "no_overlap",
      },
    ]);
  });
});
