/** The checked-in CST types (src/dsl/cst.ts) are what the grammar generates today. */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { CST_TYPES_PATH, cstTypesSource } from "../../../scripts/gen-cst-types.ts";

test("src/dsl/cst.ts is up to date with the grammar (regenerate with `bun run gen:cst`)", () => {
  expect(readFileSync(CST_TYPES_PATH, "utf8")).toBe(cstTypesSource());
});
