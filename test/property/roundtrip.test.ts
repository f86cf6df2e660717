/**
 * Properties of the language (fast-check, seeded: a failure prints its seed and the shrunk
 * schema, and `fc.assert(..., { seed })` replays it):
 * - for random valid IRs, parsing the printed text gives the same IR, with no error;
 * - fmt is idempotent: formatting formatted text changes nothing, comments included.
 */
import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { schemaArb } from "../support/arbitrary-schema.ts";
import { printDeclarations, printSchema } from "../../src/dsl/printer.ts";
import { knownNativeType, validateTypeNames } from "../../src/dialects/common/type-names.ts";
import { POSTGRES_TYPES } from "../../src/dialects/postgres/native-types.ts";
import { MYSQL_TYPES } from "../../src/dialects/mysql/native-types.ts";
import { SQLITE_TYPES } from "../../src/dialects/sqlite/native-types.ts";
import { CAPABILITIES } from "../../src/dialects/postgres/capabilities.ts";
import { loadSources } from "../../src/dsl/load.ts";
import { parseFile } from "../../src/dsl/parse.ts";
import { format } from "../../src/dsl/format.ts";
import { canonical } from "../../src/ir/canonical.ts";
import { validateSchema } from "../../src/ir/validate.ts";

const RUNS = 300;

describe("language properties", () => {
  test("the generator makes valid schemas", () => {
    fc.assert(
      fc.property(schemaArb(), (ir) => {
        expect(validateSchema(ir).filter((d) => d.severity === "error")).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  test("parse(print(ir)) equals ir", () => {
    fc.assert(
      fc.property(schemaArb(), (ir) => {
        const text = printSchema(ir);
        const back = loadSources(new Map([["a.schema", text]]));
        expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(canonical(back.schema)).toEqual(canonical(ir));
      }),
      { numRuns: RUNS },
    );
  });

  test("printed as pull prints it, every schema passes each dialect's type check, and fmt keeps the quotes", () => {
    const catalogues = [POSTGRES_TYPES, MYSQL_TYPES, SQLITE_TYPES].map((types) => ({
      ...CAPABILITIES,
      types,
    }));
    fc.assert(
      fc.property(schemaArb(), (ir) => {
        for (const caps of catalogues) {
          const unknownType = (name: string) => !knownNativeType(caps.types, name);
          const text = printDeclarations(ir.tables, ir.enums, undefined, [], ir, { unknownType });
          const back = loadSources(new Map([["a.schema", text]]));
          expect(validateTypeNames(back.schema, caps, "db")).toEqual([]);
          expect(canonical(back.schema)).toEqual(canonical(ir));
          expect(format(parseFile(text, "a.schema"))).toBe(text);
        }
      }),
      { numRuns: RUNS / 3 },
    );
  });

  test("fmt is idempotent", () => {
    fc.assert(
      fc.property(schemaArb(), (ir) => {
        const once = format(parseFile(printSchema(ir), "a.schema"));
        expect(format(parseFile(once, "a.schema"))).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });

  test("fmt keeps comments placed anywhere between lines and at line ends, and is then a fixpoint", () => {
    const withComments = fc.tuple(
      schemaArb(),
      fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.stringMatching(/^[a-z ]{0,10}$/)), { maxLength: 6 }),
    );
    fc.assert(
      fc.property(withComments, ([ir, inserts]) => {
        const lines = printSchema(ir).split("\n");
        let added = 0;
        for (const [at, own, text] of inserts) {
          const i = at % lines.length;
          // At a line end only where the line does not end inside a doc comment or raw text.
          if (own) {
            lines.splice(i, 0, `// ${text}`.trimEnd());
            added++;
          } else if (lines[i]!.trim() && !lines[i]!.includes("//")) {
            lines[i] = `${lines[i]} // ${text}`.trimEnd();
            added++;
          }
        }
        const src = lines.join("\n");
        const parsed = parseFile(src, "a.schema");
        expect(parsed.diagnostics.filter((d) => d.code === "syntax")).toEqual([]);
        const once = format(parsed);
        const again = parseFile(once, "a.schema");
        expect(canonical({ tables: again.tables, enums: again.enums })).toEqual(
          canonical({ tables: parsed.tables, enums: parsed.enums }),
        );
        expect((once.match(/\/\/(?!\/)/g) ?? []).length).toBe((src.match(/\/\/(?!\/)/g) ?? []).length);
        expect(format(again)).toBe(once);
        return added >= 0;
      }),
      { numRuns: 200 },
    );
  });
});
