/**
 * Table options, `table NAME (option = value, flag) {`, through the stages that need no database
 * (the databases are in the golden case table_options_sqlite, the SQLite pull tests and the
 * round-trip oracle): parsed, printed by fmt, checked per dialect, diffed, rendered.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES, type Dialect } from "../../../src/dialects/dialect.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { invertAll } from "../../../src/diff/invert.ts";
import { applyChange } from "../../../src/diff/apply.ts";
import { describe as describeChange } from "../../../src/diff/summary.ts";
import { noRenames } from "../../../src/diff/renames.ts";
import type { Schema } from "../../../src/ir/model.ts";
import { stripSource } from "../../../src/ir/source.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const table = (options: string) => `table kv${options} {\n  k text primary key\n  v int?\n}\n`;
const format = (text: string) => {
  const r = formatFile(text, "s.schema");
  if (r.text === undefined) throw new Error(r.problem);
  return r.text;
};

describe("table options", () => {
  test("are parsed into Table.options: names lower-cased and spaced once, values verbatim", () => {
    const s = schema(table(" (WITHOUT   rowid, Strict, engine = InnoDB, comment = 'a b', n = -3)"));
    expect(s.tables[0]!.options).toEqual({
      "without rowid": true,
      strict: true,
      engine: "InnoDB",
      comment: "'a b'",
      n: "-3",
    });
  });
  test("a table without them, or with `()`, has no options field", () => {
    expect("options" in schema(table("")).tables[0]!).toBe(false);
    expect("options" in schema(table(" ()")).tables[0]!).toBe(false);
  });
  test("follow `renamed from`", () => {
    const s = schema("table b renamed from a (strict) {\n  id int primary key\n}\n");
    expect(s.tables[0]).toMatchObject({ renamedFrom: "a", options: { strict: true } });
  });
  test("an option given twice is an error", () => {
    expect(load(table(" (strict, STRICT)")).diagnostics.map((d) => d.code)).toContain("duplicate-option");
  });
  test("`=` inside raw SQL still reads as SQL", () => {
    const s = schema("table t {\n  a int check (a = 1 or a >= 2 or a <= 0)\n}\n");
    expect(s.tables[0]!.checks[0]!.expr).toBe("a = 1 or a >= 2 or a <= 0");
  });
  test("fmt prints them after the name, and is a fixpoint", () => {
    const out = format(table(" (WITHOUT rowid,strict , engine=InnoDB)"));
    expect(out).toContain("table kv (without rowid, strict, engine = InnoDB) {");
    expect(format(out)).toBe(out);
  });

  test("an option the dialect does not have is an error there; a flag given a value, or an option without one, too", () => {
    const s = schema(table(" (without rowid, strict)"));
    for (const d of DIALECT_NAMES) {
      const codes = dialect(d)
        .validate(s)
        .map((x) => x.code);
      if (d === "sqlite") expect(codes).not.toContain("unknown-table-option");
      else expect(codes).toContain("unknown-table-option");
    }
    const sqlite = dialect("sqlite");
    expect(sqlite.validate(schema(table(" (strict = 1)"))).map((x) => x.code)).toContain(
      "table-option-value",
    );
    expect(sqlite.validate(schema(table(" (engine = InnoDB)"))).map((x) => x.code)).toContain(
      "unknown-table-option",
    );
  });
  test("SQLite refuses `without rowid` without a primary key or with identity, and `strict` on other types", () => {
    const sqlite = dialect("sqlite");
    const codes = (text: string) => sqlite.validate(schema(text)).map((x) => x.code);
    expect(codes("table t (without rowid) {\n  a int\n}\n")).toContain("without-rowid-primary-key");
    expect(codes("table t (without rowid) {\n  id bigint primary key identity\n}\n")).toContain(
      "without-rowid-identity",
    );
    expect(codes("table t (strict) {\n  a varchar(10)\n}\n")).toContain("strict-type");
    expect(
      codes(
        `table t (strict) {\n  a int\n  b text\n  c real\n  d bytes\n  e json\n  f "ANY"\n  g "INT"\n}\n`,
      ),
    ).toEqual([]);
  });

  test("a change is one set-table-options change, inverted by swapping; order alone is none", () => {
    const a = schema(table(" (strict)"));
    const b = schema(table(" (without rowid, strict)"));
    const up = diffSchemas(a, b, noRenames());
    expect(up).toEqual([
      {
        kind: "set-table-options",
        table: "kv",
        from: { strict: true },
        to: { "without rowid": true, strict: true },
      },
    ]);
    expect(describeChange(up[0]!)).toBe("~ table kv: options (strict) → (without rowid, strict)");
    expect(stripSource(applyChange(a, up[0]!))).toEqual(stripSource(b));
    expect(invertAll(up)).toEqual([
      {
        kind: "set-table-options",
        table: "kv",
        from: { "without rowid": true, strict: true },
        to: { strict: true },
      },
    ]);
    expect(diffSchemas(b, schema(table(" (strict, without rowid)")), noRenames())).toEqual([]);
    expect(diffSchemas(schema(table("")), a, noRenames())).toEqual([
      { kind: "set-table-options", table: "kv", to: { strict: true } },
    ]);
  });
  test("SQLite writes them after the column list", () => {
    const s = schema(table(" (without rowid, strict)"));
    const sql = dialect("sqlite")
      .render([{ kind: "create-table", table: s.tables[0]! }], { from: { tables: [], enums: [] }, to: s })
      .map((x) => x.sql);
    expect(sql[0]).toEndWith(") WITHOUT ROWID, STRICT");
  });
});

const dialects = new Map<string, Dialect>(
  await Promise.all(DIALECT_NAMES.map(async (d) => [d, await getDialect(d)] as const)),
);
function dialect(d: string): Dialect {
  return dialects.get(d)!;
}
