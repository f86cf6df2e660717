/**
 * MySQL's index constructs through the stages that need no database (the database is in the
 * golden cases index_prefix_mysql and fulltext_mysql, test/integration/mysql-exact and the
 * round-trip oracle): prefix lengths on index entries, `using fulltext` / `using spatial`.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (items: string) =>
  `table users {\n  id bigint primary key\n  name varchar(500)\n  bio text\n  n int\n  ${items}\n}\n`;
const mysqlCodes = async (s: Schema) => (await getDialect("mysql")).validate(s).map((d) => d.code);

describe("index prefix lengths", () => {
  test("are parsed into the entry, printed back by fmt (a fixpoint), named like the column", () => {
    const s = schema(table("index (name(20), n desc)"));
    expect(s.tables[0]!.indexes[0]).toMatchObject({
      name: "users_name_n_idx",
      parts: [
        { kind: "column", column: "name", desc: false, length: 20 },
        { kind: "column", column: "n", desc: true },
      ],
    });
    const r = formatFile(table("index (name(20), n desc)"), "s.schema");
    expect(r.text).toContain("index (name(20), n desc)\n");
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("a length of 0 is an error", () => {
    expect(load(table("index (name(0))")).diagnostics.map((d) => d.code)).toEqual(["bad-prefix-length"]);
  });
  test("a change of length is a new index", () => {
    const kinds = diffSchemas(
      schema(table("index (name(20))")),
      schema(table("index (name(30))")),
      noRenames(),
    ).map((c) => c.kind);
    expect(kinds).toEqual(["drop-index", "create-index"]);
  });
  test("PostgreSQL and SQLite refuse them; MySQL takes them on string columns, not on an int", async () => {
    const s = schema(table("unique index (bio(100))"));
    for (const d of ["postgres", "sqlite"] as const)
      expect((await getDialect(d)).validate(s).map((x) => x.code)).toEqual(["index-prefix"]);
    expect(await mysqlCodes(s)).toEqual([]);
    expect(await mysqlCodes(schema(table("index (n(4))")))).toEqual(["mysql-prefix-type"]);
  });
});

describe("fulltext and spatial indexes", () => {
  test("a fulltext index on string columns is valid on MySQL; unique, or on an int, is refused", async () => {
    expect(await mysqlCodes(schema(table("index (name, bio) using fulltext")))).toEqual([]);
    expect(await mysqlCodes(schema(table("unique index (name) using fulltext")))).toEqual([
      "mysql-index-kind",
    ]);
    expect(await mysqlCodes(schema(table("index (n) using fulltext")))).toEqual(["mysql-index-kind"]);
  });
  test("PostgreSQL warns about the method, as about any it does not have", async () => {
    const d = (await getDialect("postgres")).validate(schema(table("index (bio) using fulltext")));
    expect(d.map((x) => [x.severity, x.code])).toEqual([["warning", "index-method"]]);
  });
});

describe("prefix lengths on primary keys and unique constraints", () => {
  const keyed = (items: string) => `table rooms {\n  jid varchar(300)\n  node text\n\n  ${items}\n}\n`;
  test("are parsed into the key (only the columns that have one), printed back by fmt (a fixpoint)", () => {
    const s = schema(keyed("primary key (jid(75), node(100))\n  unique (node(20))"));
    expect(s.tables[0]!.primaryKey).toMatchObject({
      name: "rooms_pkey",
      columns: ["jid", "node"],
      prefixLengths: { jid: 75, node: 100 },
    });
    expect(s.tables[0]!.uniques[0]).toMatchObject({ name: "rooms_node_key", prefixLengths: { node: 20 } });
    const r = formatFile(keyed("primary key (jid(75), node)"), "s.schema");
    expect(r.text).toContain("primary key (jid(75), node)\n");
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("a one-column key with a prefix length stays a table item (a column's `primary key` has none)", () => {
    const r = formatFile("table t {\n  a text\n  primary key (a(10))\n}\n", "s.schema");
    expect(r.text).toContain("  primary key (a(10))\n");
  });
  test("`using btree` on a primary key is kept and printed; other dialects warn that they ignore it", async () => {
    const text = "table t {\n  a  int\n\n  primary key (a) using btree\n}\n";
    expect(schema(text).tables[0]!.primaryKey).toMatchObject({ columns: ["a"], using: "btree" });
    expect(formatFile(text, "s.schema").text).toBe(text);
    expect(await mysqlCodes(schema(text))).toEqual([]);
    const pg = (await getDialect("postgres")).validate(schema(text));
    expect(pg.map((x) => [x.severity, x.code])).toEqual([["warning", "index-method"]]);
  });
  test("a change of a key's prefix length drops and adds the key", () => {
    const kinds = diffSchemas(
      schema(keyed("primary key (jid(75), node(75))")),
      schema(keyed("primary key (jid(100), node(75))")),
      noRenames(),
    ).map((c) => c.kind);
    expect(kinds).toEqual(["drop-primary-key", "add-primary-key"]);
  });
  test("MySQL takes them; PostgreSQL and SQLite refuse them", async () => {
    const s = schema(keyed("primary key (jid(75), node(75))"));
    expect(await mysqlCodes(s)).toEqual([]);
    for (const d of ["postgres", "sqlite"] as const)
      expect((await getDialect(d)).validate(s).map((x) => x.code)).toContain("index-prefix");
  });
});

describe("comments on keys, indexes and constraints (`///` before them)", () => {
  const commented = (items: string) => `table users {\n  id bigint\n  email varchar(200)\n\n  ${items}\n}\n`;
  test("become the item's comment, printed back by fmt; a `//` comment stays a plain one", () => {
    const text = commented(
      "/// The key.\n  primary key (id)\n  /// By address.\n  unique (email)\n  // plain\n  index (email, id)",
    );
    const t = schema(text).tables[0]!;
    expect(t.primaryKey?.comment).toBe("The key.");
    expect(t.uniques[0]?.comment).toBe("By address.");
    expect(t.indexes[0]?.comment).toBeUndefined();
    const r = formatFile(text, "s.schema");
    expect(r.text).toContain(
      "  /// The key.\n  primary key (id)\n  /// By address.\n  unique (email)\n  // plain\n",
    );
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("a changed comment on a kept index is one `set-item-comment` (not a drop and a create)", () => {
    const changes = diffSchemas(
      schema(commented("index (email)")),
      schema(commented("/// By address.\n  index (email)")),
      noRenames(),
    );
    expect(changes).toEqual([
      { kind: "set-item-comment", table: "users", item: "index", name: "users_email_idx", to: "By address." },
    ]);
  });
  test("MySQL keeps none on a foreign key or a check: a warning", async () => {
    const s = schema(
      "table a {\n  id bigint primary key\n}\ntable b {\n  a_id bigint\n  /// To a.\n  foreign key (a_id) references a(id)\n  /// Positive.\n  check (a_id > 0)\n}\n",
    );
    const d = (await getDialect("mysql")).validate(s);
    expect(d.map((x) => [x.severity, x.code])).toEqual([
      ["warning", "item-comment"],
      ["warning", "item-comment"],
    ]);
  });
});
