/** Fleet targets (file, glob) and the pool (concurrency, fail-fast, canary, order). */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { globTargets, parseTargets, TargetsError } from "../../../src/fleet/targets.ts";
import { runPool } from "../../../src/fleet/pool.ts";

describe("targets", () => {
  test("one URL per line; blank lines and # comments ignored; ${VAR} from the environment", () => {
    expect(
      parseTargets(
        "# tenants\npostgres://u:${PW}@h/a  # first\n\n  mysql://h/b\n",
        { PW: "s3cret" },
        "t.txt",
      ),
    ).toEqual(["postgres://u:s3cret@h/a", "mysql://h/b"]);
  });
  test("an unset variable is an error naming the line; so is a duplicate and an empty list", () => {
    expect(() => parseTargets("\npostgres://${HOST}/a", {}, "t.txt")).toThrow("t.txt:2: ${HOST} is not set");
    expect(() => parseTargets("sqlite:a.db\nsqlite:a.db", {}, "t.txt")).toThrow("listed twice");
    expect(() => parseTargets("# nothing\n", {}, "t.txt")).toThrow(TargetsError);
  });
  test("a glob lists the matching SQLite files, sorted, relative to the working folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "targets-"));
    mkdirSync(join(dir, "tenants"));
    for (const n of ["b.db", "a.db", "c.txt"]) writeFileSync(join(dir, "tenants", n), "");
    expect(globTargets("sqlite:tenants/*.db", dir)).toEqual(["sqlite:tenants/a.db", "sqlite:tenants/b.db"]);
    expect(() => globTargets("sqlite:none/*.db", dir)).toThrow("no file matches");
    expect(() => globTargets("postgres://h/*", dir)).toThrow("takes a SQLite pattern");
  });
});

describe("pool", () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  test("results keep the targets' order; at most `concurrency` run at once; a failure does not stop the others", async () => {
    let running = 0,
      peak = 0;
    const rs = await runPool(["a", "b", "c", "d", "e", "f"], { concurrency: 3 }, async (t) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(t === "a" ? 30 : 5);
      running--;
      if (t === "c") throw new Error("boom");
      return t.toUpperCase();
    });
    expect(peak).toBe(3);
    expect(rs.map((r) => [r.target, r.status])).toEqual([
      ["a", "ok"],
      ["b", "ok"],
      ["c", "failed"],
      ["d", "ok"],
      ["e", "ok"],
      ["f", "ok"],
    ]);
  });
  test("fail-fast: no new target starts after a failure", async () => {
    const rs = await runPool(["a", "b", "c"], { concurrency: 1, failFast: true }, async (t) => {
      if (t === "a") throw new Error("x");
      return t;
    });
    expect(rs.map((r) => r.status)).toEqual(["failed", "skipped", "skipped"]);
  });
  test("canary: the first N run first; a failure among them stops the rest", async () => {
    const started: string[] = [];
    const rs = await runPool(["a", "b", "c", "d"], { concurrency: 4, canary: 2 }, async (t) => {
      started.push(t);
      if (t === "b") throw new Error("x");
      return t;
    });
    expect(started).toEqual(["a", "b"]);
    expect(rs.map((r) => r.status)).toEqual(["ok", "failed", "skipped", "skipped"]);
    const ok = await runPool(["a", "b", "c"], { concurrency: 2, canary: 1 }, async (t) => t);
    expect(ok.every((r) => r.status === "ok")).toBe(true);
  });
});
