/**
 * The planner's output per dialect, pinned: for every golden case the rendered up and down SQL
 * equal the reviewed files. (Each case is also executed on real databases in
 * test/integration/golden-apply.test.ts.)
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  caseDialects,
  expectedGolden,
  GOLDEN_DIR,
  goldenCases,
  loadCase,
  planCase,
  sqlText,
} from "../support/golden.ts";

const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

describe("golden plans", () => {
  for (const name of goldenCases()) {
    for (const dialect of caseDialects(name)) {
      test(`${name} on ${dialect}`, async () => {
        const p = await planCase(loadCase(name), dialect);
        for (const [dir, stmts] of [
          ["up", p.upSql],
          ["down", p.downSql],
        ] as const) {
          const file = join(GOLDEN_DIR, name, `${dialect}.${dir}.sql`);
          const text = sqlText(stmts);
          expect(text).toBe(expectedGolden(file, text, UPDATE));
        }
      });
    }
  }
  test("a missing expected file fails and is not written, unless UPDATE_GOLDEN=1", () => {
    const dir = mkdtempSync(join(tmpdir(), "schemavc-golden-guard-"));
    try {
      const file = join(dir, "sqlite.up.sql");
      expect(() => expectedGolden(file, "SELECT 1;\n", false)).toThrow("is missing: run UPDATE_GOLDEN=1");
      expect(existsSync(file)).toBe(false);
      expect(expectedGolden(file, "SELECT 1;\n", true)).toBe("SELECT 1;\n");
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test("there are at least 40 cases", () => expect(goldenCases().length).toBeGreaterThanOrEqual(40));
});
