/**
 * The MySQL replay over several connections (`dialects/mysql/parallel-script.ts`): which tables
 * a statement names, the order it gives, and that the result and the failure reported are the
 * ones the script run in order gives (fake connections: no database).
 */
import { describe, expect, test } from "bun:test";
import { runParallel, scriptOrder, statementTables } from "../../../src/dialects/mysql/parallel-script.ts";
import type { Connection } from "../../../src/dialects/dialect.ts";

describe("statementTables", () => {
  test("the table a statement creates or alters, and every table it references", () => {
    expect(
      statementTables("CREATE TABLE `a` (\n  `id` int, FOREIGN KEY (`x`) REFERENCES `b` (`id`)\n)"),
    ).toEqual(new Set(["a", "b"]));
    expect(statementTables("CREATE UNIQUE INDEX `i` ON `t` (`c` DESC)")).toEqual(new Set(["t"]));
    expect(
      statementTables("ALTER TABLE `we``ird` ADD CONSTRAINT `f` FOREIGN KEY (`p`) REFERENCES `a` (`id`)"),
    ).toEqual(new Set(["we`ird", "a"]));
  });
  test("other forms, other databases, renames and copies are not read (the script runs in order)", () => {
    for (const sql of [
      "SET FOREIGN_KEY_CHECKS = 0",
      "CREATE TABLE `a` LIKE `b`",
      "CREATE TABLE `a` (`id` int REFERENCES `other`.`b` (`id`))",
      "ALTER TABLE `a` RENAME TO `b`",
      "DROP TABLE `a`",
    ])
      expect(statementTables(sql)).toBeUndefined();
    expect(scriptOrder(["CREATE TABLE `a` (`id` int)", "DROP TABLE `a`"])).toBeUndefined();
    // A word inside a string is no statement form.
    expect(statementTables("CREATE TABLE `a` (`id` int) COMMENT = 'SELECT me LIKE that'")).toEqual(
      new Set(["a"]),
    );
  });
  test("a statement waits for the last earlier one naming each of its tables", () => {
    expect(
      scriptOrder([
        "CREATE TABLE `a` (`id` int)",
        "CREATE TABLE `b` (`id` int, FOREIGN KEY (`id`) REFERENCES `a` (`id`))",
        "CREATE TABLE `c` (`id` int)",
        "CREATE INDEX `i` ON `a` (`id`)",
        "CREATE INDEX `j` ON `c` (`id`)",
        // References a table the script creates later: the later one waits for it.
        "CREATE TABLE `d` (`id` int, FOREIGN KEY (`id`) REFERENCES `e` (`id`))",
        "CREATE TABLE `e` (`id` int)",
      ]),
    ).toEqual([[], [0], [], [1], [2], [], [5]]);
  });
});

/** Connections that log what they run and fail the statements `fails` names (after `ms`). */
function fakes(fails: Record<string, number> = {}) {
  const log: string[] = [];
  let open = 0,
    most = 0;
  const make = (): Connection => ({
    dialect: "mysql",
    async exec(sql) {
      if (sql.startsWith("USE ")) return;
      open++;
      most = Math.max(most, open);
      await Bun.sleep(sql in fails ? fails[sql]! : 5);
      open--;
      if (sql in fails) throw new Error(`refused: ${sql}`);
      log.push(sql);
    },
    async query() {
      return [];
    },
    transaction: (fn) => fn(make()),
    open: async () => make(),
    async close() {},
  });
  return { conn: make(), log, most: () => most };
}

describe("runParallel", () => {
  const script = [
    "CREATE TABLE `a` (`id` int)",
    "CREATE TABLE `b` (`id` int, FOREIGN KEY (`id`) REFERENCES `a` (`id`))",
    "CREATE TABLE `c` (`id` int)",
    "CREATE TABLE `d` (`id` int)",
    "CREATE INDEX `i` ON `a` (`id`)",
    "CREATE INDEX `j` ON `c` (`id`)",
    "CREATE INDEX `k` ON `d` (`id`)",
  ];
  test("every statement once, each after the ones it waits for, several at a time", async () => {
    const f = fakes();
    await runParallel(f.conn, "scratch", script, scriptOrder(script)!);
    expect([...f.log].sort()).toEqual([...script].sort());
    const at = (s: string) => f.log.indexOf(s);
    expect(at(script[0]!)).toBeLessThan(at(script[1]!));
    expect(at(script[1]!)).toBeLessThan(at(script[4]!));
    expect(at(script[2]!)).toBeLessThan(at(script[5]!));
    expect(f.most()).toBeGreaterThan(1);
  });
  test("the failure reported is the first in script order, and nothing after it starts", async () => {
    // `c` fails at once and `d` later: `c` is reported (the script in order stops there), and
    // `j` and `k`, after them, never start.
    const f = fakes({ [script[2]!]: 1, [script[3]!]: 30 });
    const err = await runParallel(f.conn, "scratch", script, scriptOrder(script)!).catch((e: Error) => e);
    expect((err as Error).message).toBe(`refused: ${script[2]}`);
    expect(f.log).not.toContain(script[5]);
    expect(f.log).not.toContain(script[6]);
  });
});
