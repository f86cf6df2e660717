/**
 * Every corpus schema through the whole loop of harness.ts, one test per schema and dialect.
 *
 * The ratchet is `known-gaps.json`, written by hand (never by this test or a script): it maps
 * `dialect/name` to the step a schema fails at today and a piece of that failure's text. A
 * listed schema must fail exactly there with that text, so a fix elsewhere fails this test until
 * its line is removed, and a new, different failure fails it too; a schema not listed must pass
 * the whole loop. Schemas run three at a time ahead of the tests that wait for them.
 * `CORPUS_ONLY=postgres/pagila,sqlite/zotero` runs only those (the others are skipped).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { connect } from "../../src/dialects/registry.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";
import { IN_CI, MYSQL_URL, PG_URL } from "../support/db.ts";
import { CORPUS_DIR, closeAll, corpusCases, type Outcome, runCase, STEPS } from "./harness.ts";

interface Gap {
  readonly step: string;
  readonly failure: string;
}
const gaps = JSON.parse(readFileSync(join(CORPUS_DIR, "known-gaps.json"), "utf8")) as Record<string, Gap>;
const cases = corpusCases();
const only = process.env["CORPUS_ONLY"]?.split(",").map((x) => x.trim());
const wanted = (c: { dialect: string; name: string }) => !only || only.includes(`${c.dialect}/${c.name}`);
const JOBS = 3;

/** Which servers answer; unreachable ones are skipped with a message, except under CI. */
const reachable = new Map<DialectName, boolean>([["sqlite", true]]);
for (const [d, url] of [
  ["postgres", PG_URL],
  ["mysql", MYSQL_URL],
] as const) {
  try {
    await (await connect(url, { connectTimeoutMs: 3000 })).close();
    reachable.set(d, true);
  } catch {
    reachable.set(d, IN_CI);
    if (!IN_CI) console.warn(`SKIPPED corpus on ${d}: ${url} is unreachable; run scripts/test-dbs.sh`);
  }
}
const built = existsSync(join(import.meta.dir, "../../dist/schemavc"));

// The loop runs ahead of the tests, JOBS schemas at a time, in the order the tests wait.
const outcomes = new Map<string, Promise<Outcome>>();
{
  const queue = cases.filter((c) => reachable.get(c.dialect) && built && wanted(c));
  const resolvers = new Map<string, (o: Outcome) => void>();
  const rejecters = new Map<string, (e: unknown) => void>();
  for (const c of queue)
    outcomes.set(
      `${c.dialect}/${c.name}`,
      new Promise<Outcome>((res, rej) => {
        resolvers.set(`${c.dialect}/${c.name}`, res);
        rejecters.set(`${c.dialect}/${c.name}`, rej);
      }),
    );
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const c = queue[next++]!;
      const key = `${c.dialect}/${c.name}`;
      await runCase(c.dialect, c.name).then(resolvers.get(key), rejecters.get(key));
    }
  };
  const pool = Promise.all(Array.from({ length: JOBS }, worker));
  afterAll(async () => {
    await pool;
    await closeAll();
  });
}

test("known-gaps.json names only corpus schemas, each with a step of the loop and a failure text", () => {
  const names = new Set(cases.map((c) => `${c.dialect}/${c.name}`));
  for (const [key, gap] of Object.entries(gaps)) {
    expect({ key, known: names.has(key) }).toEqual({ key, known: true });
    expect({ key, step: (STEPS as readonly string[]).includes(gap.step) }).toEqual({ key, step: true });
    expect({ key, failure: gap.failure.length > 0 }).toEqual({ key, failure: true });
  }
});

test("dist/schemavc is built (bun run build)", () => {
  expect(built).toBe(true);
});

for (const dialect of ["postgres", "mysql", "sqlite"] as const) {
  describe(`corpus on ${dialect}`, () => {
    for (const c of cases.filter((x) => x.dialect === dialect)) {
      const key = `${c.dialect}/${c.name}`;
      const gap = gaps[key];
      const run = reachable.get(dialect) && built && wanted(c) ? test : test.skip;
      run(
        gap ? `${c.name} fails at ${gap.step} (known gap)` : `${c.name}: the whole loop`,
        async () => {
          const o = await outcomes.get(key)!;
          // On a mismatch the diff shows the failure of today (or none: remove the gap).
          if (gap) {
            const failure = o.failure?.includes(gap.failure) ? gap.failure : (o.failure ?? "(none)");
            expect({ key, step: o.step, failure }).toEqual({
              key,
              step: gap.step as Outcome["step"],
              failure: gap.failure,
            });
          } else
            expect({ key, step: o.step, failure: o.failure }).toEqual({
              key,
              step: "done",
              failure: undefined,
            });
        },
        180_000,
      );
    }
  });
}
