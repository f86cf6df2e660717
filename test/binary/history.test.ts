/**
 * `history` tells the truth, through the binary on every database: a stamped migration shows as
 * `stamped` with no duration (not "applied (0 ms)"), re-stamping keeps the real apply times of
 * migrations already recorded, the columns line up under a header, and each migration's message
 * (`generate -m`) is shown. Run `bun run build` first.
 */
import { describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { Project } from "../support/project.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

interface Row {
  version: string;
  status: string;
  appliedAt: string | null;
  ms: number | null;
  message: string;
}

describe("history tells the truth", () => {
  for (const dialect of ["sqlite", "postgres", "mysql"] as DialectName[]) {
    test(`${dialect}: applied, stamped and pending rows; re-stamping keeps the real times; aligned, with messages`, async () => {
      const { p, drop } = await projectOnFreshDatabase(dialect, `history_${dialect}`);
      try {
        p.schema("table a {\n  id int primary key\n}\n");
        const v1 = p.generate("create a");
        p.schema("table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n}\n");
        const v2 = p.generate("add table b");
        p.schema(
          "table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n}\ntable c {\n  id int primary key\n}\n",
        );
        const v3 = p.generate("and c, for the reports");
        ok(p.run("up", "1", "-q"));
        ok(p.run("stamp", v2, "-q"));
        const json = () => JSON.parse(ok(p.run("history", "--json")).out).migrations as Row[];
        const before = json();
        expect(before.map((r) => [r.version, r.status, r.message])).toEqual([
          [v1, "applied", "create a"],
          [v2, "stamped", "add table b"],
          [v3, "pending", "and c, for the reports"],
        ]);
        expect(typeof before[0]!.ms).toBe("number");
        expect(before[1]!.ms).toBeNull();

        const lines = ok(p.run("history")).out.trimEnd().split("\n");
        expect(lines[0]).toMatch(/^VERSION\s+STATUS\s+APPLIED \(UTC\)\s+TIME\s+MESSAGE$/);
        const [, applied, stamped, pending] = lines;
        expect(applied).toMatch(
          new RegExp(`^${v1}\\s+applied\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\d+ ms  create a$`),
        );
        expect(stamped).toMatch(
          new RegExp(
            `^${v2}\\s+stamped\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+add table b  <- current$`,
          ),
        );
        expect(stamped).not.toContain(" ms");
        expect(pending).toMatch(new RegExp(`^${v3}\\s+pending\\s+and c, for the reports$`));
        // Aligned: every column starts at the same offset on every line.
        for (const word of ["STATUS", "MESSAGE"]) {
          const at = lines[0]!.indexOf(word);
          const cells =
            word === "STATUS" ? ["applied", "stamped", "pending"] : ["create a", "add table b", "and c"];
          cells.forEach((c, i) => {
            expect({ line: i, at: lines[i + 1]!.indexOf(c) }).toEqual({ line: i, at });
          });
        }

        // Re-stamped at head: what was recorded keeps its time and status; only v3 is new.
        ok(p.run("stamp", "head", "-q"));
        const after = json();
        expect(after.map((r) => r.status)).toEqual(["applied", "stamped", "stamped"]);
        expect(after.slice(0, 2).map((r) => [r.appliedAt, r.ms])).toEqual(
          before.slice(0, 2).map((r) => [r.appliedAt, r.ms]),
        );
      } finally {
        await drop();
      }
    }, 60_000);
  }
});

test("sqlite: stamping past a failed migration records it as stamped, and up no longer refuses", () => {
  const p = new Project("sqlite", "sqlite:./dev.db");
  try {
    p.schema("table a {\n  id int primary key\n}\n");
    const v = p.generate("one");
    // Outside a transaction a failure leaves a `failed` row (as on MySQL).
    p.write(v, "up.sql", "-- schemavc:no-transaction\nINSERT INTO no_such_table VALUES (1);\n");
    ok(p.run("rehash"));
    expect(p.run("up").code).toBe(1);
    expect(p.run("up").err).toContain("not resolved");
    ok(p.run("stamp", "head", "-q"));
    const rows = JSON.parse(ok(p.run("history", "--json")).out).migrations as Row[];
    expect(rows.map((r) => [r.version, r.status, r.ms])).toEqual([[v, "stamped", null]]);
    expect(ok(p.run("up")).out).not.toContain("applying");
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
}, 60_000);
