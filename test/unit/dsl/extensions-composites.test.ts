/**
 * Extensions (`extension NAME`) and composite types (`type NAME { attr TYPE, ... }`) through the
 * stages that need no database (the databases are in the golden cases extension_*_postgres and
 * composite_*_postgres, and test/integration/pg-pull-extensions.test.ts): parsed, printed by fmt,
 * validated per dialect, diffed in order and inverted.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES } from "../../../src/dialects/dialect.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { invertAll } from "../../../src/diff/invert.ts";
import { applyChanges } from "../../../src/diff/apply.ts";
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

const TEXT = `extension citext

enum status { open, closed }

/// A postal address.
type address {
  street text
  city   text collate "C",
  state  status
}

type stop { at address, note citext }

table people {
  id    int  primary key
  type  text
  home  address?
  email citext
}
`;

describe("extensions and composite types in the language", () => {
  test("read into the IR: an attribute of an enum's name is of the enum; a column may still be called `type`", () => {
    const s = schema(TEXT);
    expect(s.extensions?.map((x) => x.name)).toEqual(["citext"]);
    expect(canonical(s).composites).toEqual([
      {
        name: "address",
        doc: "A postal address.",
        attributes: [
          { name: "street", type: { kind: "portable", name: "text" } },
          { name: "city", type: { kind: "portable", name: "text" }, collation: "C" },
          { name: "state", type: { kind: "enum", name: "status" } },
        ],
      },
      {
        name: "stop",
        attributes: [
          { name: "at", type: { kind: "native", name: "address" } },
          { name: "note", type: { kind: "native", name: "citext" } },
        ],
      },
    ]);
    expect(s.tables[0]!.columns.map((c) => c.name)).toEqual(["id", "type", "home", "email"]);
  });

  test("fmt prints them back, and again the same", () => {
    const once = format(TEXT);
    expect(once).toContain("extension citext\n");
    expect(once).toContain(
      "/// A postal address.\ntype address { street text, city text collate C, state status }",
    );
    expect(format(once)).toBe(once);
  });

  test("an attribute listed twice and an extension declared twice are errors", () => {
    const codes = (t: string) => load(t).diagnostics.map((d) => d.code);
    expect(codes("type t { a int, a text }\n")).toContain("duplicate-attribute");
    expect(codes("extension citext\nextension citext\n")).toContain("duplicate-name");
    // A composite type is a type as a table's row type is: one name for both is an error.
    expect(codes("type t { a int }\ntable t {\n  id int\n}\n")).toContain("duplicate-name");
  });

  test("PostgreSQL has them; the other dialects refuse them", async () => {
    for (const d of DIALECT_NAMES) {
      const got = (await getDialect(d)).validate(schema("extension citext\n\ntype pair { a int, b int }\n"));
      const codes = got.filter((x) => x.severity === "error").map((x) => x.code);
      if (d === "postgres") expect(codes).toEqual([]);
      else expect(codes).toEqual(["extension-dialect", "composite-type-dialect"]);
    }
  });
});

describe("extensions and composite types in the differ", () => {
  const from = schema("table other {\n  id int primary key\n}\n");
  const to = schema(TEXT);

  test("extensions come first and go last; composite types after enums, those used first", () => {
    const up = diffSchemas(from, to, noRenames());
    const kinds = up.map((c) => c.kind);
    expect(kinds.slice(0, 4)).toEqual([
      "create-extension",
      "create-enum",
      "create-composite",
      "create-composite",
    ]);
    expect(up.filter((c) => c.kind === "create-composite").map((c) => c.composite.name)).toEqual([
      "address",
      "stop",
    ]);
    const down = invertAll(up);
    expect(down.at(-1)?.kind).toBe("drop-extension");
    expect(canonical(applyChanges(to, down))).toEqual(canonical(from));
    const back = diffSchemas(to, from, noRenames()).map((c) => c.kind);
    expect(back.at(-1)).toBe("drop-extension");
    expect(back.filter((c) => c === "drop-composite")).toHaveLength(2);
    expect(back.indexOf("drop-composite")).toBeLessThan(back.indexOf("drop-enum"));
  });

  test("attributes added, dropped and retyped are one alter; a rename renames the columns' type", () => {
    const a = schema("type address { street text, city text }\ntable p {\n  home address?\n}\n");
    const b = schema(
      "type place renamed from address { street varchar(80), zip text }\ntable p {\n  home place?\n}\n",
    );
    const up = diffSchemas(a, b, renamesFromHints(a, b));
    expect(up.map((c) => c.kind)).toEqual(["rename-composite", "alter-composite"]);
    expect(canonical(applyChanges(a, up))).toEqual(
      canonical({ ...b, composites: b.composites!.map(({ renamedFrom: _, ...t }) => t) }),
    );
  });
});

describe("composite types in the language server", () => {
  test("a composite type is a symbol, defined once and referenced by its columns, with a hover", async () => {
    const { occurrences } = await import("../../../src/lsp/symbols.ts");
    const { hoverText } = await import("../../../src/lsp/hover.ts");
    const s = schema(TEXT);
    expect(
      occurrences(s)
        .filter((o) => o.key === "type:address")
        .map((o) => o.definition),
    ).toEqual([true, false]);
    expect(await hoverText(s, "type:address")).toBe(
      "```schemavc\ntype address { street text, city text collate C, state status }\n```\n\nA postal address.\n\nthe type of people.home",
    );
  });
});
