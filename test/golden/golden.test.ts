/**
 * The planner's output per dialect, pinned: for every golden case the rendered up and down SQL
 * equal the reviewed files. (Each case is also executed on real databases in
 * test/integration/golden-apply.test.ts.)
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN_DIR, goldenCases, loadCase, planCase, sqlText } from "../support/golden.ts";
import { DIALECT_NAMES } from "../../src/dialects/dialect.ts";

const UPDATE = process.env["UPDATE_GOLDEN"] === "1";

describe("golden plans", () => {
  for (const name of goldenCases()) {
    for (const dialect of DIALECT_NAMES) {
      test(`${name} on ${dialect}`, async () => {
        const p = await planCase(loadCase(name), dialect);
        for (const [dir, stmts] of [["up", p.upSql], ["down", p.downSql]] as const) {
          const file = join(GOLDEN_DIR, name, `${dialect}.${dir}.sql`);
          const text = sqlText(stmts);
          if (UPDATE || !existsSync(file)) writeFileSync(file, text);
          expect(text).toBe(readFileSync(file, "utf8"));
        }
      });
    }
  }
  test("there are at least 40 cases", () => expect(goldenCases().length).toBeGreaterThanOrEqual(40));
});
