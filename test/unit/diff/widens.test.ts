/** Which type changes keep every value: pulled SQLite types (native names) compare as the portable ones. */
import { describe, expect, test } from "bun:test";
import { widens } from "../../../src/diff/data-loss.ts";
import type { ColumnType } from "../../../src/ir/model.ts";

const native = (name: string, args?: string[]): ColumnType => ({
  kind: "native",
  name,
  ...(args ? { args } : {}),
});
const portable = (name: "int" | "bigint" | "varchar", args?: number[]): ColumnType => ({
  kind: "portable",
  name,
  ...(args ? { args } : {}),
});

describe("widens", () => {
  test("a declared SQLite type kept as written widens like its portable type", () => {
    expect(widens(native("INT"), portable("bigint"))).toBe(true);
    expect(widens(native("VARCHAR(30)"), native("VARCHAR(40)"))).toBe(true);
  });
  test("arguments apart from the name, as lint reads them from SQL, count too", () => {
    expect(widens(native("VARCHAR(30)"), native("VARCHAR", ["40"]))).toBe(true);
    expect(widens(native("VARCHAR(40)"), native("VARCHAR", ["30"]))).toBe(false);
    expect(widens(portable("varchar", [30]), native("varchar", ["40"]))).toBe(true);
  });
  test("a narrowing is not a widening", () => {
    expect(widens(portable("bigint"), native("INT"))).toBe(false);
  });
});
