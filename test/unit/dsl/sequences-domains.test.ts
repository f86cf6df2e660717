/**
 * Sequences (`sequence NAME (options)`) and domains (`domain NAME TYPE ...`) through the stages
 * that need no database (the databases are in the golden cases sequence_*_postgres and
 * domain_*_postgres, and test/integration/pg-pull-objects.test.ts): parsed, printed by fmt,
 * validated per dialect, diffed and inverted.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES } from "../../../src/dialects/dialect.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { invertAll } from "../../../src/diff/invert.ts";
import { applyChanges } from "../../../src/diff/apply.ts";
import { plan } from "../../../src/diff/plan.ts";
import { noRenames, renamesFromHints } from "../../../src/diff/renames.ts";
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
const codes = (text: string) => load(text).diagnostics.map((d) => d.code);
const T = "table t {\n  id int primary key default (nextval('s'))\n}\n";

describe("sequence declarations", () => {
  test("options are read in one order, numbers as written, owner as table and column", () => {
    const s = schema(
      `sequence s (cycle, owned by = t.id, cache = 5, AS = Int, start = -1, increment = -2)\n${T}`,
    );
    expect(s.sequences).toEqual([
      expect.objectContaining({
        name: "s",
        options: { as: "int", start: "-1", increment: "-2", cache: "5", cycle: true },
        ownedBy: { table: "t", column: "id" },
      }),
    ]);
  });
  test("a sequence without options has none; `sequence` and `domain` stay column names", () => {
    const s = schema("sequence s\n\ntable t {\n  sequence int\n  domain   text\n}\n");
    expect(s.sequences![0]!.options).toEqual({});
    expect(s.tables[0]!.columns.map((c) => c.name)).toEqual(["sequence", "domain"]);
  });
  test("an unknown option, a bad value or an option given twice is an error", () => {
    expect(codes("sequence s (strat = 1)")).toContain("sequence-option");
    expect(codes("sequence s (start = x)")).toContain("sequence-option");
    expect(codes("sequence s (as = text)")).toContain("sequence-option");
    expect(codes("sequence s (cycle = 1)")).toContain("sequence-option");
    expect(codes("sequence s (cache = 1, cache = 2)")).toContain("duplicate-option");
  });
  test("`owned by` must name a column of the schema", () => {
    expect(codes(`sequence s (owned by = nope.id)\n${T}`)).toContain("unknown-table");
    expect(codes(`sequence s (owned by = t.nope)\n${T}`)).toContain("unknown-column");
  });
  test("a sequence shares the namespace of tables", () => {
    expect(codes(`sequence t\n${T}`)).toContain("duplicate-name");
  });
  test("fmt prints options in one order, keeps docs and renames, and is a fixpoint", () => {
    const src = `/// ids\nsequence s   renamed from old (owned by = t.id,start=5 , as = int)\n${T}`;
    const out = format(src);
    expect(out).toContain("/// ids\nsequence s renamed from old (as = int, start = 5, owned by = t.id)\n");
    expect(format(out)).toBe(out);
  });
  test("options equal to PostgreSQL's defaults are no change", () => {
    const a = schema(`sequence s\n${T}`);
    const b = schema(`sequence s (as = bigint, start = 1, increment = 1, min = 1, cache = 1)\n${T}`);
    expect(diffSchemas(a, b, noRenames())).toEqual([]);
    const down = schema(`sequence s (increment = -1, max = -1, start = -1)\n${T}`);
    expect(diffSchemas(schema(`sequence s (increment = -1)\n${T}`), down, noRenames())).toEqual([]);
  });
  test("a new owned sequence is created before the tables and owned after them; the inverse mirrors it", () => {
    const a = schema("");
    const b = schema(`sequence s (owned by = t.id)\n${T}`);
    const up = diffSchemas(a, b, noRenames());
    expect(up.map((c) => c.kind)).toEqual(["create-sequence", "create-table", "alter-sequence"]);
    expect(invertAll(up).map((c) => c.kind)).toEqual(["alter-sequence", "drop-table", "drop-sequence"]);
    expect(canonical(applyChanges(a, up))).toEqual(canonical(b));
  });
  test("a renamed sequence is a rename; its nextval defaults are no change", () => {
    const a = schema(`sequence s\n${T}`);
    const b = schema(
      "sequence n renamed from s\n\ntable t {\n  id int primary key default (nextval('n'))\n}\n",
    );
    const up = diffSchemas(a, b, renamesFromHints(a, b));
    expect(up).toEqual([{ kind: "rename-sequence", from: "s", to: "n" }]);
  });
  test("MySQL and SQLite refuse sequences", async () => {
    for (const d of DIALECT_NAMES) {
      const diags = (await getDialect(d)).validate(schema(`sequence s\n${T}`));
      expect(diags.some((x) => x.code === "sequence-dialect")).toBe(d !== "postgres");
    }
  });
  test("PostgreSQL refuses the option values CREATE SEQUENCE refuses", async () => {
    const pg = await getDialect("postgres");
    for (const o of [
      "increment = 0",
      "min = 10, max = 5",
      "start = 0",
      "as = smallint, max = 40000",
      "cache = 0",
    ])
      expect(pg.validate(schema(`sequence s (${o})`)).map((x) => x.code)).toContain("sequence-option-value");
  });
});

describe("domain declarations", () => {
  const D =
    "domain varchar_ci varchar(255) collate C default '' check (VALUE <> 'x') check short (length(VALUE) < 99)\n";
  test("are read as a column declared at top level: NOT NULL unless `?`, checks named as PostgreSQL names them", () => {
    const s = schema(`${D}domain posint int? check (VALUE > 0)\n`);
    expect(s.domains).toEqual([
      expect.objectContaining({
        name: "varchar_ci",
        type: { kind: "portable", name: "varchar", args: [255] },
        nullable: false,
        collation: "C",
        default: { kind: "string", value: "" },
        checks: [
          expect.objectContaining({ name: "varchar_ci_check", expr: "VALUE <> 'x'" }),
          expect.objectContaining({ name: "short", expr: "length(VALUE) < 99" }),
        ],
      }),
      expect.objectContaining({ name: "posint", nullable: true }),
    ]);
  });
  test("a column of the domain's name is of the domain: no unknown-type warning", () => {
    expect(codes(`${D}table t {\n  name varchar_ci\n}\n`)).not.toContain("unknown-type");
    expect(codes(`${D}table t {\n  name varchar_cj\n}\n`)).toContain("unknown-type");
  });
  test("a domain over an enum of the schema is over the enum", () => {
    const s = schema("enum mood { happy, sad }\ndomain feeling mood? default 'happy'\n");
    expect(s.domains![0]!.type).toEqual({ kind: "enum", name: "mood" });
  });
  test("a domain shares the namespace of tables and enums; its checks have distinct names", () => {
    expect(codes("enum d { a }\ndomain d text\n")).toContain("duplicate-name");
    expect(codes("domain d text check c (VALUE <> '') check c (VALUE <> 'x')\n")).toContain("duplicate-name");
  });
  test("fmt prints it on one line and is a fixpoint", () => {
    const out = format(D);
    expect(out).toBe(D);
    expect(format("domain  d  int?   check  n (VALUE>0)")).toBe("domain d int? check n (VALUE>0)\n");
  });
  test("default, NOT NULL and checks are an alter-domain; a new base type drops and creates the domain", () => {
    const a = schema("domain d text?\ndomain e text\n");
    const b = schema("domain d text default 'x' check (VALUE <> '')\ndomain e varchar(9)\n");
    expect(diffSchemas(a, b, noRenames()).map((c) => c.kind)).toEqual([
      "alter-domain",
      "drop-domain",
      "create-domain",
    ]);
  });
  test("a new base type for a domain that columns use is refused, naming them", async () => {
    const pg = await getDialect("postgres");
    const a = schema("domain e text\ntable t {\n  v e\n}\n");
    const b = schema("domain e varchar(9)\ntable t {\n  v e\n}\n");
    expect(() => plan(a, b, noRenames(), pg)).toThrow(/domain `e` while columns use it \(t\.v\)/);
  });
  test("a renamed domain renames its columns' type without altering them", () => {
    const a = schema("domain d text\ntable t {\n  v d\n}\n");
    const b = schema("domain n renamed from d text\ntable t {\n  v n\n}\n");
    expect(diffSchemas(a, b, renamesFromHints(a, b))).toEqual([
      { kind: "rename-domain", from: "d", to: "n" },
    ]);
  });
  test("MySQL and SQLite refuse domains", async () => {
    for (const d of DIALECT_NAMES) {
      const diags = (await getDialect(d)).validate(schema("domain d text\n"));
      expect(diags.some((x) => x.code === "domain-dialect")).toBe(d !== "postgres");
    }
  });
});
