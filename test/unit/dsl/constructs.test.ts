/**
 * Every construct of the language (../shared/schema-language.md) parses into the expected IR.
 * One case per construct; source positions are stripped before comparing.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { stripSource } from "../../../src/ir/source.ts";
import type { Schema, Table } from "../../../src/ir/model.ts";

function parse(text: string): Schema {
  const r = loadSources(new Map([["t.schema", text]]));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length)
    throw new Error(errors.map((d) => `${d.loc?.line}:${d.loc?.col} ${d.message}`).join("\n"));
  return stripSource(r.schema);
}
const table = (text: string, name?: string): Table => {
  const s = parse(text);
  return name ? s.tables.find((t) => t.name === name)! : s.tables[0]!;
};
const col = (text: string) => table(`table t {\n  id bigint primary key\n  ${text}\n}`).columns[1]!;

describe("declarations", () => {
  test("table with columns", () => {
    expect(table("table users { id bigint\n name text }")).toEqual({
      name: "users",
      columns: [
        { name: "id", type: { kind: "portable", name: "bigint" }, nullable: false, identity: false },
        { name: "name", type: { kind: "portable", name: "text" }, nullable: false, identity: false },
      ],
      uniques: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
    });
  });
  test("table renamed from", () =>
    expect(table("table people renamed from users { id int }").renamedFrom).toBe("users"));
  test("enum with names and quoted strings", () => {
    expect(parse("enum s { draft, published, 'on hold', \"x y\" }").enums).toEqual([
      { name: "s", values: [{ name: "draft" }, { name: "published" }, { name: "on hold" }, { name: "x y" }] },
    ]);
  });
  test("enum values without commas and with a trailing comma", () => {
    expect(parse("enum s {\n a\n b,\n c,\n}").enums[0]!.values.map((v) => v.name)).toEqual(["a", "b", "c"]);
  });
  test("enum renamed from", () =>
    expect(parse("enum s renamed from status { a }").enums[0]!.renamedFrom).toBe("status"));
  test("doc comments on table, enum and column", () => {
    const s = parse(
      "/// People.\n/// Second line.\ntable u {\n  /// The key.\n  id int\n}\n/// States.\nenum e { a }",
    );
    expect(s.tables[0]!.doc).toBe("People.\nSecond line.");
    expect(s.tables[0]!.columns[0]!.doc).toBe("The key.");
    expect(s.enums[0]!.doc).toBe("States.");
  });
  test("line comments are not docs", () =>
    expect(table("// note\ntable u { // x\n id int // y\n}").doc).toBeUndefined());
  test("quoted names for keywords and odd names", () => {
    const t = table('table "order" { "check" int\n "my col" text\n "a""b" int }');
    expect(t.name).toBe("order");
    expect(t.columns.map((c) => c.name)).toEqual(["check", "my col", 'a"b']);
  });
  test("contextual words are plain names", () => {
    expect(
      table("table on { from int\n desc text\n null bool\n action int }").columns.map((c) => c.name),
    ).toEqual(["from", "desc", "null", "action"]);
  });
  test("names are case-sensitive", () =>
    expect(parse("table Users { Id int }\ntable users { id int }").tables.map((t) => t.name)).toEqual([
      "Users",
      "users",
    ]));
});

describe("column types", () => {
  for (const name of [
    "smallint",
    "int",
    "bigint",
    "real",
    "double",
    "bool",
    "text",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "uuid",
    "json",
    "jsonb",
    "bytes",
  ]) {
    test(`portable ${name}`, () =>
      expect(col(`c ${name}`).type).toEqual({ kind: "portable", name } as never));
  }
  test("decimal(p,s)", () =>
    expect(col("c decimal(10,2)").type).toEqual({ kind: "portable", name: "decimal", args: [10, 2] }));
  test("varchar(n)", () =>
    expect(col("c varchar(255)").type).toEqual({ kind: "portable", name: "varchar", args: [255] }));
  test("char(n)", () => expect(col("c char(2)").type).toEqual({ kind: "portable", name: "char", args: [2] }));
  test("portable names are case-insensitive", () =>
    expect(col("c BIGINT").type).toEqual({ kind: "portable", name: "bigint" }));
  test("enum type", () =>
    expect(table("enum st { a }\ntable t { s st }").columns[0]!.type).toEqual({ kind: "enum", name: "st" }));
  test("enum declared in another file", () => {
    const r = loadSources(
      new Map([
        ["a.schema", "table t { s st }"],
        ["b.schema", "enum st { a }"],
      ]),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.schema.tables[0]!.columns[0]!.type).toEqual({ kind: "enum", name: "st" });
  });
  test("native passthrough", () =>
    expect(col("c tsvector").type).toEqual({ kind: "native", name: "tsvector" }));
  test("native with parameters", () =>
    expect(col("c numeric(12, 4)").type).toEqual({ kind: "native", name: "numeric", args: ["12", "4"] }));
  test("native array", () =>
    expect(col("c text[]").type).toEqual({ kind: "native", name: "text", array: true }));
  test("quoted native name", () =>
    expect(col('c "double precision"').type).toEqual({ kind: "native", name: "double precision" }));
  test("nullable with ?", () => expect(col("c text?").nullable).toBe(true));
  test("not null without ?", () => expect(col("c text").nullable).toBe(false));
});

describe("column attributes", () => {
  test("primary key", () =>
    expect(table("table t { id int primary key }").primaryKey).toEqual({ name: "t_pkey", columns: ["id"] }));
  test("identity", () =>
    expect(table("table t { id bigint primary key identity }").columns[0]!.identity).toBe(true));
  test("unique", () =>
    expect(table("table t { id int\n e text unique }").uniques).toEqual([
      { name: "t_e_key", columns: ["e"] },
    ]));
  test("default number", () =>
    expect(col("c int default 42").default).toEqual({ kind: "number", text: "42" }));
  test("default negative decimal", () =>
    expect(col("c decimal(5,2) default -1.50").default).toEqual({ kind: "number", text: "-1.50" }));
  test("default string with escaped quote", () =>
    expect(col("c text default 'it''s'").default).toEqual({ kind: "string", value: "it's" }));
  test("default true", () =>
    expect(col("c bool default true").default).toEqual({ kind: "bool", value: true }));
  test("default false", () =>
    expect(col("c bool default false").default).toEqual({ kind: "bool", value: false }));
  test("default null", () => expect(col("c text? default null").default).toEqual({ kind: "null" }));
  test("default now()", () =>
    expect(col("c timestamptz default now()").default).toEqual({ kind: "function", name: "now" }));
  test("default current_date()", () =>
    expect(col("c date default current_date()").default).toEqual({ kind: "function", name: "current_date" }));
  test("default gen_uuid()", () =>
    expect(col("c uuid default gen_uuid()").default).toEqual({ kind: "function", name: "gen_uuid" }));
  test("default raw SQL kept verbatim", () =>
    expect(col("c int default (1 + (2 * 3))").default).toEqual({ kind: "raw", sql: "1 + (2 * 3)" }));
  test("references with actions", () => {
    const t = table(
      "table p { id bigint primary key }\ntable c { p bigint? references p(id) on delete set null on update cascade }",
      "c",
    );
    expect(t.foreignKeys).toEqual([
      {
        name: "c_p_fkey",
        columns: ["p"],
        refTable: "p",
        refColumns: ["id"],
        onDelete: "set null",
        onUpdate: "cascade",
      },
    ]);
  });
  for (const action of ["cascade", "restrict", "set null", "set default", "no action"] as const) {
    test(`on delete ${action}`, () => {
      const t = table(
        `table p { id int primary key }\ntable c { p int? default 1 references p(id) on delete ${action} }`,
        "c",
      );
      expect(t.foreignKeys[0]!.onDelete).toBe(action);
      expect(t.foreignKeys[0]!.onUpdate).toBe("no action");
    });
  }
  test("check", () =>
    expect(table("table t { n int check (n >= 0) }").checks).toEqual([
      { name: "t_n_check", expr: "n >= 0" },
    ]));
  test("renamed from", () => expect(col("c text renamed from body").renamedFrom).toBe("body"));
  test("attributes in any order", () => {
    const c = col("c int check (c > 0) default 1 unique renamed from d");
    expect(c.default).toEqual({ kind: "number", text: "1" });
    expect(c.renamedFrom).toBe("d");
  });
  test("attributes may continue on the next line, except unique/check/primary", () => {
    const t = table(
      "table p { id int primary key }\ntable c { p int\n   references p(id)\n  check (p > 0) }",
      "c",
    );
    expect(t.foreignKeys.map((f) => f.name)).toEqual(["c_p_fkey"]);
    expect(t.checks).toEqual([{ name: "c_p_check", expr: "p > 0" }]);
  });
});

describe("table items", () => {
  test("composite primary key", () =>
    expect(table("table t { a int\n b int\n primary key (a, b) }").primaryKey).toEqual({
      name: "t_pkey",
      columns: ["a", "b"],
    }));
  test("unnamed unique", () =>
    expect(table("table t { a int\n b int\n unique (a, b) }").uniques).toEqual([
      { name: "t_a_b_key", columns: ["a", "b"] },
    ]));
  test("named unique", () =>
    expect(table("table t { a int\n unique t_a_uq (a) }").uniques).toEqual([
      { name: "t_a_uq", columns: ["a"] },
    ]));
  test("index", () =>
    expect(table("table t { a int\n index (a) }").indexes).toEqual([
      { name: "t_a_idx", unique: false, parts: [{ kind: "column", column: "a", desc: false }] },
    ]));
  test("named unique index with asc/desc, where and using", () => {
    expect(
      table("table t { a int\n b int\n unique index t_ab (a asc, b desc) where (a > 0) using btree }")
        .indexes,
    ).toEqual([
      {
        name: "t_ab",
        unique: true,
        parts: [
          { kind: "column", column: "a", desc: false },
          { kind: "column", column: "b", desc: true },
        ],
        where: "a > 0",
        using: "btree",
      },
    ]);
  });
  test("expression index entry", () => {
    expect(table("table t { email text\n index ((lower(email))) }").indexes).toEqual([
      {
        name: "t_lower_email_idx",
        unique: false,
        parts: [{ kind: "expression", sql: "lower(email)", desc: false }],
      },
    ]);
  });
  test("composite foreign key", () => {
    const t = table(
      "table p { a int\n b int\n primary key (a, b) }\ntable c { x int\n y int\n foreign key fk_c (x, y) references p(a, b) on delete restrict }",
      "c",
    );
    expect(t.foreignKeys).toEqual([
      {
        name: "fk_c",
        columns: ["x", "y"],
        refTable: "p",
        refColumns: ["a", "b"],
        onDelete: "restrict",
        onUpdate: "no action",
      },
    ]);
  });
  test("unnamed foreign key", () =>
    expect(
      table("table p { a int primary key }\ntable c { x int\n foreign key (x) references p(a) }", "c")
        .foreignKeys[0]!.name,
    ).toBe("c_x_fkey"));
  test("named check", () =>
    expect(table("table t { a text\n check a_ne (length(a) > 0) }").checks).toEqual([
      { name: "a_ne", expr: "length(a) > 0" },
    ]));
  test("unnamed check is named after the columns it mentions", () =>
    expect(table("table t { lo int\n hi int\n check (lo <= hi) }").checks[0]!.name).toBe("t_lo_hi_check"));
  test("unnamed check that mentions no column", () =>
    expect(table("table t { a int\n check (1 = 1) }").checks[0]!.name).toBe("t_check"));
  test("clashing generated names get a number", () =>
    expect(table("table t { a int check (a > 0)\n check (a < 9) }").checks.map((c) => c.name)).toEqual([
      "t_a_check",
      "t_a_check1",
    ]));
  test("a generated name never takes an explicit one", () =>
    expect(
      table("table t { a int check (a > 0)\n check t_a_check (a < 9) }")
        .checks.map((c) => c.name)
        .sort(),
    ).toEqual(["t_a_check", "t_a_check1"]));
  test("long generated names are capped at 63 characters", () => {
    const long = "x".repeat(60);
    const name = table(`table ${long} { ${long} int unique }`).uniques[0]!.name;
    expect(name.length).toBe(63);
    expect(name).toMatch(/_[0-9a-f]{6}$/);
  });
  test("raw SQL keeps strings, operators and nested parentheses verbatim", () => {
    expect(table("table t { a text\n check (a ~* '^[a-z]+$' and (a || ')') <> '') }").checks[0]!.expr).toBe(
      "a ~* '^[a-z]+$' and (a || ')') <> ''",
    );
  });
});

describe("files", () => {
  test("a folder of files merges in path order, references cross files", () => {
    const r = loadSources(
      new Map([
        ["a.schema", "table c { p int references p(id) }"],
        ["b.schema", "table p { id int primary key }"],
      ]),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["c", "p"]);
  });
  test("the contract's complete example parses with no diagnostic", async () => {
    const text = await Bun.file(new URL("../../fixtures/contract-example.schema", import.meta.url)).text();
    const r = loadSources(new Map([["x.schema", text]]));
    expect(r.diagnostics).toEqual([]);
    expect(r.schema.tables.map((t) => t.name)).toEqual(["users", "posts", "post_tags"]);
  });
});
