/**
 * `on update now()` (MySQL's ON UPDATE CURRENT_TIMESTAMP) through the stages that need no
 * database (the database is in the golden case on_update_mysql, test/integration/mysql-exact
 * and the round-trip oracle): parsed, printed by fmt, checked per dialect, diffed as its own facet.
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
const table = (cols: string) => `table films {\n  id bigint primary key\n  ${cols}\n}\n`;

describe("on update now()", () => {
  test("is parsed into the column; a column named `on` on the next line stays a column", () => {
    const s = schema(table("at timestamp default now() on update now()\n  on int"));
    expect(s.tables[0]!.columns.map((c) => [c.name, c.onUpdate])).toEqual([
      ["id", undefined],
      ["at", "now"],
      ["on", undefined],
    ]);
  });
  test("fmt prints it after the default whatever the source order (and keeps a collate before a default), a fixpoint", () => {
    expect(formatFile(table("t text default 'x' collate C"), "s.schema").text).toContain(
      "collate C default 'x'",
    );
    const r = formatFile(table("at timestamp on update now() default now()"), "s.schema");
    expect(r.text).toContain("at  timestamp  default now() on update now()\n");
    expect(formatFile(r.text!, "s.schema").text).toBe(r.text);
  });
  test("another function, twice, or a column that is no timestamp is an error", () => {
    const codes = (t: string) => load(table(t)).diagnostics.map((d) => d.code);
    expect(codes("at timestamp on update today()")).toEqual(["bad-on-update"]);
    expect(codes("at timestamp on update now() on update now()")).toEqual(["duplicate-attribute"]);
    expect(codes("n int on update now()")).toEqual(["on-update-type"]);
  });
  test("PostgreSQL and SQLite refuse it; MySQL takes it", async () => {
    const s = schema(table("at timestamp default now() on update now()"));
    for (const d of ["postgres", "sqlite"] as const)
      expect((await getDialect(d)).validate(s).map((x) => x.code)).toEqual(["on-update"]);
    expect((await getDialect("mysql")).validate(s)).toEqual([]);
  });
  test("setting it alone is an alter-column with the onUpdate facet", () => {
    const a = schema(table("at timestamp default now()"));
    const b = schema(table("at timestamp default now() on update now()"));
    expect(
      diffSchemas(a, b, noRenames()).map((c) => (c.kind === "alter-column" ? c.facets : c.kind)),
    ).toEqual([["onUpdate"]]);
  });
});
