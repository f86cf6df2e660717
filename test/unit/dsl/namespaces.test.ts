/**
 * PostgreSQL schemas (`schema sales`, qualified names `sales.orders`, issue 17.4) through the
 * stages that need no database: parsed, printed by fmt, validated per dialect, diffed (created
 * first, dropped last, a move is a rename) and rendered. The databases are in the golden cases
 * namespace_*_postgres and test/integration/pg-pull-objects.test.ts; AdventureWorks in the corpus.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { renamesFromHints } from "../../../src/diff/renames.ts";
import { describe as describeChange } from "../../../src/diff/summary.ts";
import { plan } from "../../../src/diff/plan.ts";
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
const errors = async (text: string, dialect: "postgres" | "mysql" | "sqlite") => {
  const r = load(text);
  const d = await getDialect(dialect);
  return [...r.diagnostics, ...d.validate(r.schema)]
    .filter((x) => x.severity === "error")
    .map((x) => x.message);
};

const SALES = `/// Orders.
schema sales

enum sales.status { open, shipped }

table customers {
  id  bigint  primary key
}

table sales."Order Items" {
  id           bigint        primary key
  customer_id  bigint        references customers(id)
  status       sales.status  default 'open'
}

view sales.open_items as (select id from sales."Order Items" where status = 'open')
`;

describe("schema declarations and qualified names", () => {
  test("are read into the IR: the schema with its doc, objects and references named schema.name", () => {
    const s = schema(SALES);
    expect(s.namespaces?.map(({ src: _, ...n }) => n)).toEqual([{ name: "sales", doc: "Orders." }]);
    expect(s.tables.map((t) => t.name)).toEqual(["customers", "sales.Order Items"]);
    expect(s.enums.map((e) => e.name)).toEqual(["sales.status"]);
    expect(s.tables[1]!.columns[2]!.type).toEqual({ kind: "enum", name: "sales.status" });
    expect(s.views?.[0]?.name).toBe("sales.open_items");
  });

  test("fmt prints them back as written, and reads back the same", () => {
    expect(format(SALES)).toBe(SALES);
    expect(format(format(SALES))).toBe(format(SALES));
  });

  test("`schema` stays a name elsewhere, and `owned by` takes schema.table.column", () => {
    const s = schema(
      "schema sales\n\ntable sales.t {\n  schema  text\n  id      int primary key\n}\n\nsequence sales.s (owned by = sales.t.id)\n",
    );
    expect(s.tables[0]!.columns[0]!.name).toBe("schema");
    expect(s.sequences?.[0]?.ownedBy).toEqual({ table: "sales.t", column: "id" });
  });

  test("a column, constraint or index name cannot be qualified: a syntax error", () => {
    expect(load("table t {\n  a.b int\n}\n").diagnostics.some((d) => d.severity === "error")).toBe(true);
  });
});

describe("an extension in a schema", () => {
  test("`extension citext (schema = ext)` is read and printed back; its schema must be declared; it has no other option", async () => {
    const text = "schema ext\n\nextension citext (schema = ext)\n";
    expect(schema(text).extensions?.map(({ src: _, ...x }) => x)).toEqual([
      { name: "citext", schema: "ext" },
    ]);
    expect(format(text)).toBe(text);
    expect(await errors("extension citext (schema = ext)\n", "postgres")).toEqual([
      "extension `ext.citext` is in schema `ext`, which is not declared",
    ]);
    expect(await errors("extension citext (version = 1)\n", "postgres")).toEqual([
      "`version` is not an extension option",
    ]);
  });

  test("a new schema of an extension drops it and creates it there; CREATE EXTENSION ... SCHEMA", async () => {
    const a = schema("schema ext\n\nextension citext\n");
    const b = schema("schema ext\n\nextension citext (schema = ext)\n");
    expect(plan(a, b, renamesFromHints(a, b), await getDialect("postgres")).upSql).toEqual([
      'DROP EXTENSION "citext"',
      'CREATE EXTENSION "citext" SCHEMA "ext"',
    ]);
  });
});

describe("validating schemas", () => {
  test("an object in an undeclared schema, `schema public`, `public.x` and a schema declared twice are errors", async () => {
    expect(await errors("table sales.t {\n  id int primary key\n}\n", "postgres")).toEqual([
      "table `sales.t` is in schema `sales`, which is not declared",
    ]);
    expect(await errors("schema public\n", "postgres")).toEqual([
      "`schema public` declares the current schema, where bare names already are",
    ]);
    expect(await errors("table public.t {\n  id int primary key\n}\n", "postgres")).toEqual([
      "table `public.t`: bare names are in the current schema, public",
    ]);
    expect(await errors("schema a\n\nschema a\n", "postgres")).toEqual(["schema `a` is declared twice"]);
  });

  test("MySQL/MariaDB and SQLite have no schemas inside a database", async () => {
    expect(await errors("schema sales\n", "mysql")).toEqual([
      "MySQL/MariaDB has no schemas inside a database (`schema sales`)",
    ]);
    expect(await errors("schema sales\n", "sqlite")).toEqual([
      "SQLite has no schemas inside a database (`schema sales`)",
    ]);
  });
});

describe("schemas in a plan", () => {
  const lines = (from: Schema, to: Schema) =>
    diffSchemas(from, to, renamesFromHints(from, to)).map(describeChange);

  test("a new schema comes before everything in it, a dropped one after everything in it is gone", () => {
    const none = schema("table customers {\n  id  bigint  primary key\n}\n");
    const all = schema(SALES);
    const up = lines(none, all);
    expect(up[0]).toBe("+ schema sales");
    expect(lines(all, none).at(-1)).toBe("- schema sales");
  });

  test("a table moved to another schema is one rename: RENAME TO, then SET SCHEMA; back to the current one through current_schema()", async () => {
    const a = schema("schema sales\n\ntable sales.orders {\n  id  bigint  primary key\n}\n");
    const b = schema(
      "schema sales\n\ntable orders2 renamed from sales.orders {\n  id  bigint  primary key\n}\n",
    );
    const p = plan(a, b, renamesFromHints(a, b), await getDialect("postgres"));
    expect(p.changes.map(describeChange)).toEqual([
      expect.stringContaining("table sales.orders renamed to orders2"),
      expect.stringContaining("orders_pkey"),
    ]);
    expect(p.upSql.slice(0, 2)).toEqual([
      'ALTER TABLE "sales"."orders" RENAME TO "orders2"',
      `DO $$ BEGIN EXECUTE format('ALTER TABLE "sales"."orders2" SET SCHEMA %I', current_schema()); END $$`,
    ]);
    expect(p.downSql).toContain('ALTER TABLE "orders" SET SCHEMA "sales"');
  });

  test("PostgreSQL quotes a qualified name part by part; generated names come from the table's own name", async () => {
    const p = plan(
      schema("table customers {\n  id  bigint  primary key\n}\n"),
      schema(SALES),
      renamesFromHints(schema(SALES), schema(SALES)),
      await getDialect("postgres"),
    );
    expect(p.upSql).toContain("CREATE TYPE \"sales\".\"status\" AS ENUM ('open', 'shipped')");
    expect(p.upSql.find((x) => x.startsWith('CREATE TABLE "sales"."Order Items"'))).toContain(
      'CONSTRAINT "Order Items_pkey" PRIMARY KEY ("id")',
    );
  });
});

describe("schemas in the language server", () => {
  test("a schema is a symbol with a hover saying what it holds", async () => {
    const { occurrences } = await import("../../../src/lsp/symbols.ts");
    const { hoverText } = await import("../../../src/lsp/hover.ts");
    const s = schema(SALES);
    expect(
      occurrences(s)
        .filter((o) => o.key === "schema:sales")
        .map((o) => o.definition),
    ).toEqual([true]);
    expect(await hoverText(s, "schema:sales")).toBe(
      "```schemavc\nschema sales\n```\n\nOrders.\n\nholds 1 table, 1 view, 1 enum",
    );
  });
});
