/**
 * `no inherit` checks, `match full` and `deferrable` foreign keys, and `primary key NAME`
 * through the stages that need no database (the databases: golden cases check_no_inherit,
 * foreign_key_deferrable_match, primary_key_name): parsed, printed, refused where the dialect
 * has none, diffed.
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
const PARENT = "table a {\n  id bigint primary key\n}\n";
const child = (items: string) => `${PARENT}table b {\n  id bigint primary key\n  a_id bigint?\n${items}\n}\n`;

describe("constraint clauses", () => {
  test("foreign key clauses are read in any order after the actions", () => {
    const fk = schema(
      child(
        "  foreign key (a_id) references a(id) deferrable initially deferred match full on delete cascade",
      ),
    ).tables[1]!.foreignKeys[0]!;
    expect(fk).toMatchObject({ onDelete: "cascade", matchFull: true, deferrable: "deferred" });
    const inline = schema(`${PARENT}table b {\n  a_id bigint references a(id) deferrable\n}\n`).tables[1]!;
    expect(inline.foreignKeys[0]!.deferrable).toBe("immediate");
  });
  test("`match` and `deferrable` on the next line are columns", () => {
    const t = schema(child("  foreign key (a_id) references a(id)\n  match int\n  deferrable text"))
      .tables[1]!;
    expect(t.columns.map((c) => c.name)).toEqual(["id", "a_id", "match", "deferrable"]);
    expect(t.foreignKeys[0]!.deferrable).toBeUndefined();
  });
  test("`no inherit` after a check; a column `no` on the next line stays a column", () => {
    const t = schema(child("  check c1 (id > 0) no inherit\n  no int")).tables[1]!;
    expect(t.checks[0]).toMatchObject({ name: "c1", noInherit: true });
    expect(t.columns.map((c) => c.name)).toContain("no");
  });
  test("malformed clauses are errors", () => {
    const codes = (items: string) => load(child(items)).diagnostics.map((d) => d.code);
    expect(codes("  foreign key (a_id) references a(id) match partial")).toContain("bad-clause");
    expect(codes("  foreign key (a_id) references a(id) deferrable initially")).toContain("bad-clause");
    expect(codes("  foreign key (a_id) references a(id) deferrable deferrable")).toContain(
      "duplicate-attribute",
    );
  });
  test("fmt prints them back, and is a fixpoint", () => {
    const text = child(
      "  c_id bigint?\n  foreign key (c_id) references a(id) match full deferrable initially deferred\n  check x (id > 0) no inherit",
    );
    const out = formatFile(text, "s.schema").text!;
    expect(out).toContain("references a(id) match full deferrable initially deferred");
    expect(out).toContain("check x (id > 0) no inherit");
    expect(formatFile(out, "s.schema").text).toBe(out);
  });
  test("a change of a clause is a drop and an add of the constraint", () => {
    const a = schema(child("  foreign key (a_id) references a(id)\n  check x (id > 0)"));
    const b = schema(
      child("  foreign key (a_id) references a(id) deferrable\n  check x (id > 0) no inherit"),
    );
    expect(diffSchemas(a, b, noRenames()).map((c) => c.kind)).toEqual([
      "drop-foreign-key",
      "drop-check",
      "add-check",
      "add-foreign-key",
    ]);
  });
  for (const d of ["mysql", "sqlite"] as const)
    test(`${d} refuses them`, async () => {
      const s = schema(
        child("  foreign key (a_id) references a(id) match full deferrable\n  check x (id > 0) no inherit"),
      );
      const codes = (await getDialect(d))
        .validate(s)
        .filter((x) => x.severity === "error")
        .map((x) => x.code);
      expect(codes).toEqual(
        expect.arrayContaining(["no-inherit-dialect", "match-full-dialect", "deferrable-dialect"]),
      );
    });
});

describe("primary key NAME", () => {
  test("names the key; fmt prints a name only when it is not the generated one", () => {
    const s = schema("table t {\n  id int\n\n  primary key pk_t (id)\n}\n");
    expect(s.tables[0]!.primaryKey!.name).toBe("pk_t");
    expect(formatFile("table t {\n  id int\n  primary key pk_t (id)\n}\n", "s.schema").text).toContain(
      "primary key pk_t (id)",
    );
    expect(formatFile("table t {\n  id int\n  primary key t_pkey (id)\n}\n", "s.schema").text).toContain(
      "id  int  primary key",
    );
  });
  test("a new name is a rename of the constraint", () => {
    const a = schema("table t {\n  id int primary key\n}\n");
    const b = schema("table t {\n  id int\n  primary key pk_t (id)\n}\n");
    expect(diffSchemas(a, b, noRenames())).toMatchObject([
      { kind: "rename-constraint", constraint: "primary-key", from: "t_pkey", to: "pk_t" },
    ]);
  });
});
