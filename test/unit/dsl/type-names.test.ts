/**
 * Bare type names are checked (schema-language.md 1.1, grammar/README.md "Type names"): a
 * portable type, a type the schema declares, or a native type of the project's dialect. Any
 * other bare name is an error with did-you-mean where the database refuses it (PostgreSQL,
 * MySQL/MariaDB), a warning naming the affinity on SQLite (which accepts any name). A quoted
 * name is a deliberate pass-through, never judged.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES, type DialectName } from "../../../src/dialects/dialect.ts";
import { printDeclarations } from "../../../src/dsl/printer.ts";
import type { Diagnostic } from "../../../src/ir/diagnostics.ts";

async function diagnose(d: DialectName, columns: string, before = ""): Promise<Diagnostic[]> {
  const loaded = loadSources(
    new Map([["s.schema", `${before}table t {\n  id int primary key\n${columns}\n}\n`]]),
  );
  const dialect = await getDialect(d);
  return [...loaded.diagnostics, ...dialect.validate(loaded.schema)].filter((x) => x.code === "unknown-type");
}

const shown = (ds: Diagnostic[]) =>
  ds.map((x) => `${x.severity} ${x.loc?.line}:${x.loc?.col} ${x.hint?.split("?")[0]}?`);

/** The database's verdict on an unknown name: PostgreSQL and MySQL refuse it, SQLite accepts it. */
const SEVERITY: Record<DialectName, string> = { postgres: "error", mysql: "error", sqlite: "warning" };

describe("a bare type name that is no type", () => {
  for (const d of DIALECT_NAMES) {
    test(`a typo of a portable type, with its did-you-mean (${d})`, async () => {
      expect(shown(await diagnose(d, "  a varchr(255)\n  b bigitn\n  c tmestamptz"))).toEqual([
        `${SEVERITY[d]} 3:5 did you mean \`varchar\`?`,
        `${SEVERITY[d]} 4:5 did you mean \`bigint\`?`,
        `${SEVERITY[d]} 5:5 did you mean \`timestamptz\`?`,
      ]);
    });
    test(`a name from another language: \`strng\` is near \`string\`, which is \`text\` (${d})`, async () => {
      expect(shown(await diagnose(d, "  a strng\n  b string"))).toEqual([
        `${SEVERITY[d]} 3:5 did you mean \`text\`?`,
        `${SEVERITY[d]} 4:5 did you mean \`text\`?`,
      ]);
    });
    test(`a misspelt enum name suggests the enum (${d})`, async () => {
      expect(shown(await diagnose(d, "  s post_statsu", "enum post_status { draft, published }\n"))).toEqual([
        `${SEVERITY[d]} 4:5 did you mean \`post_status\`?`,
      ]);
    });
    test(`a quoted name is passed through unchecked, and fmt keeps it quoted (${d})`, async () => {
      expect(await diagnose(d, '  a "my_type"\n  b "strng"(3)')).toEqual([]);
      const loaded = loadSources(new Map([["s.schema", 'table t {\n  a "my_type"\n}\n']]));
      expect(printDeclarations(loaded.schema.tables, [])).toContain('a  "my_type"');
    });
    test(`portable types, enums and their case variants are types (${d})`, async () => {
      expect(
        await diagnose(
          d,
          "  a TEXT\n  b Varchar(3)\n  c st\n  d decimal(10,2)\n  e jsonb",
          "enum st { a }\n",
        ),
      ).toEqual([]);
    });
  }
});

describe("each dialect's native types", () => {
  test("PostgreSQL: built-in and extension types are known; MySQL's names are errors with PostgreSQL's", async () => {
    expect(
      await diagnose(
        "postgres",
        "  a citext\n  b vector(3)\n  c geometry\n  d hstore\n  e ltree\n  f tsvector\n  g inet\n  h INTEGER\n  i interval(second)\n  j int4range\n  k geography\n  l text[]\n  m float8",
      ),
    ).toEqual([]);
    expect(
      shown(await diagnose("postgres", "  a datetime\n  b tinytext\n  c longblob\n  d tinyint")),
    ).toEqual([
      "error 3:5 did you mean `timestamp`?",
      "error 4:5 did you mean `text`?",
      "error 5:5 did you mean `bytes`?",
      "error 6:5 did you mean `smallint`?",
    ]);
  });
  test("MySQL/MariaDB: its own types are known; PostgreSQL's are errors with MySQL's", async () => {
    expect(
      await diagnose(
        "mysql",
        "  a tinytext\n  b mediumtext\n  c longtext\n  d tinyblob\n  e year\n  f bit(1)\n  g datetime(6)\n  h tinyint\n  i geometry\n  j inet6\n  k MEDIUMBLOB",
      ),
    ).toEqual([]);
    expect(shown(await diagnose("mysql", "  a citext\n  b bytea\n  c tsvector"))).toEqual([
      "error 3:5 did you mean `text`?",
      "error 4:5 did you mean `bytes`?",
      "error 5:5 did you mean `text`?",
    ]);
  });
  test("SQLite: an unknown name is a warning that names the affinity it gets, never an error", async () => {
    const [w, ...rest] = await diagnose("sqlite", "  a strng\n  b datetime\n  c nvarchar(40)\n  d blob");
    expect(rest).toEqual([]);
    expect(w!.severity).toBe("warning");
    expect(w!.message).toContain("NUMERIC affinity");
    expect(w!.hint).toStartWith("did you mean `text`?");
  });
  test("SQLite: a near-miss name warns at the type with its did-you-mean", async () => {
    const ds = await diagnose("sqlite", "  c bigitn");
    expect(
      ds.map((d) => `${d.severity} ${d.code} ${d.loc?.line}:${d.loc?.col} ${d.hint?.split("?")[0]}?`),
    ).toEqual(["warning unknown-type 3:5 did you mean `bigint`?"]);
  });
  test("an unknown name without a near one says what a type may be and how to pass one through", async () => {
    const [e] = await diagnose("postgres", "  a qqqqqq");
    expect(e!.message).toBe("unknown type `qqqqqq` (`t.a`): PostgreSQL has no such type");
    expect(e!.hint).toContain('`"qqqqqq"`');
  });
});

describe("a type named like a property every object has", () => {
  // `serial` is looked up by name: `constructor` and `toString` must not be found on the
  // lookup table's prototype (they were read as a serial type of a function's text).
  test("is a native type like any other", () => {
    const loaded = loadSources(
      new Map([["s.schema", "table t {\n  id int primary key\n  a constructor\n  b toString\n}\n"]]),
    );
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const [, a, b] = loaded.schema.tables[0]!.columns;
    expect([a!.type, a!.identity, b!.type]).toEqual([
      { kind: "native", name: "constructor" },
      false,
      { kind: "native", name: "toString" },
    ]);
  });
});
