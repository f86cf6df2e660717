/** A table's identity through a plan: renames followed, a reused name is another table. */
import { describe, expect, test } from "bun:test";
import type { Change } from "../../../src/diff/changes.ts";
import { tableLineage } from "../../../src/diff/steps.ts";
import type { Table } from "../../../src/ir/model.ts";

const table = (name: string): Table =>
  ({ name, columns: [], indexes: [], uniques: [], foreignKeys: [], checks: [] }) as unknown as Table;

describe("table lineage", () => {
  test("a renamed table keeps its identity, under each name at its time", () => {
    const changes: Change[] = [{ kind: "rename-table", from: "a", to: "b" } as Change];
    const l = tableLineage(changes);
    expect(l.id(0, "a")).toBe(l.id(1, "b"));
    expect(l.name(0, l.id(0, "a"))).toBe("a");
    expect(l.name(1, l.id(0, "a"))).toBe("b");
    expect(l.name(1, l.id(1, "a"))).toBeUndefined(); // the old name names no table then
  });
  test("a table dropped and a table renamed into its name are two tables", () => {
    const changes = [
      { kind: "drop-table", table: table("b") },
      { kind: "rename-table", from: "a", to: "b" },
    ] as Change[];
    const l = tableLineage(changes);
    expect(l.id(0, "b")).not.toBe(l.id(2, "b"));
    expect(l.id(2, "b")).toBe(l.id(0, "a"));
    expect(l.name(1, l.id(0, "b"))).toBeUndefined();
  });
  test("a created table is itself in its create-table, and a new table under an old name", () => {
    const changes = [
      { kind: "rename-table", from: "a", to: "old_a" },
      { kind: "create-table", table: table("a") },
    ] as Change[];
    const l = tableLineage(changes);
    expect(l.id(1, "a")).not.toBe(l.id(0, "a"));
    expect(l.id(2, "old_a")).toBe(l.id(0, "a"));
    expect(l.name(2, l.id(1, "a"))).toBe("a");
  });
});
