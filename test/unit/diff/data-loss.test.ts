/**
 * Which type changes keep every value (`widens`), for the types pull writes verbatim: SQLite's
 * declared types kept exactly are native names (`"INT"`, `"varchar(30)"`) that read as the
 * portable type they spell.
 */
import { describe, expect, test } from "bun:test";
import { widens } from "../../../src/diff/data-loss.ts";
import type { ColumnType } from "../../../src/ir/model.ts";

const native = (name: string): ColumnType => ({ kind: "native", name });
const portable = (name: "int" | "bigint" | "smallint" | "varchar", ...args: number[]): ColumnType =>
  args.length ? { kind: "portable", name, args } : { kind: "portable", name };

describe("widens", () => {
  test("a native name spelling a portable type is that type", () => {
    expect(widens(native("INT"), portable("bigint"))).toBe(true);
    expect(widens(native("varchar(30)"), portable("varchar", 40))).toBe(true);
    expect(widens(native("VARCHAR(40)"), native("varchar(30)"))).toBe(false);
    expect(widens(portable("bigint"), native("SMALLINT"))).toBe(false);
  });
  test("any other native type widens only to itself", () => {
    expect(widens(native("NVARCHAR(70)"), native("NVARCHAR(70)"))).toBe(true);
    expect(widens(native("NVARCHAR(70)"), native("NVARCHAR(80)"))).toBe(false);
  });
});
