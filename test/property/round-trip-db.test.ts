/**
 * The round-trip oracle on real databases, seeded and reproducible: for random schema pairs
 * (A, B), migrate empty → A and insert random rows; migrate A → B; the database read back
 * equals B and the rows of kept and renamed columns are intact; migrate back down to A; the
 * database read back equals A; then A → empty leaves nothing. It proves the planner, the
 * renderers, the runner's transaction and guard, and the introspectors right together.
 *
 * `ROUND_TRIP_RUNS` (default 100) pairs per dialect; `ROUND_TRIP_SEED` replays one run of
 * fast-check, `ROUND_TRIP_PAIR` one pair. A failure prints its pair's seed with A and B.
 */
import { afterAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { databasesFor } from "../support/db.ts";
import { applyStatements } from "../support/apply.ts";
import { expectRowsKept, insertRows } from "../support/rows.ts";
import { introspectionDiff } from "../support/introspect.ts";
import { mutate, randomSchema, Rng } from "../support/schema-pairs.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { emptySchema, type Schema } from "../../src/ir/model.ts";
import { validateSchema } from "../../src/ir/validate.ts";
import { noRenames, renamesFromHints } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { printSchema } from "../../src/dsl/printer.ts";

const RUNS = Number(process.env["ROUND_TRIP_RUNS"] ?? 100);
const SEED =
  process.env["ROUND_TRIP_SEED"] === undefined ? undefined : Number(process.env["ROUND_TRIP_SEED"]);
/** `ROUND_TRIP_PAIR=<seed printed as "seed N">` replays that one pair. */
const PAIR =
  process.env["ROUND_TRIP_PAIR"] === undefined ? undefined : Number(process.env["ROUND_TRIP_PAIR"]);
const targets = await databasesFor("round_trip");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

for (const target of targets) {
  describe(`round trip on ${target.dialect}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    test(`${RUNS} random schema pairs: up, read back, rows kept, down, read back`, async () => {
      const dialect = await getDialect(target.dialect);
      const conn = await target.db!.connect();
      const valid = (s: Schema) =>
        ![...validateSchema(s), ...dialect.validate(s)].some((x) => x.severity === "error");
      let checked = 0;
      try {
        await fc.assert(
          fc.asyncProperty(
            PAIR !== undefined ? fc.constant(PAIR) : fc.integer({ min: 0, max: 2 ** 31 - 1 }),
            async (seed) => {
              const r = new Rng(seed);
              const a = randomSchema(r, target.dialect);
              const b = mutate(a, r, target.dialect);
              // Both sides must be schemas the language and the dialect accept.
              if (!valid(a) || !valid(b)) return;
              const label = `seed ${seed}\n--- A\n${printSchema(a)}--- B\n${printSchema(b)}`;
              const renames = renamesFromHints(a, b);
              try {
                const create = plan(emptySchema(), a, noRenames(), dialect);
                const step = plan(a, b, renames, dialect);
                await applyStatements(conn, create.upSql);
                const rows = await insertRows(conn, a, () => r.next());
                await applyStatements(conn, step.upSql);
                expect({ after: "up", label, differences: await introspectionDiff(conn, b) }).toEqual({
                  after: "up",
                  label,
                  differences: [],
                });
                await expectRowsKept(conn, a, b, renames, rows);
                await applyStatements(conn, step.downSql);
                expect({ after: "down", label, differences: await introspectionDiff(conn, a) }).toEqual({
                  after: "down",
                  label,
                  differences: [],
                });
              } catch (e) {
                throw new Error(`${label}\n--- error\n${(e as Error).message}`);
              } finally {
                // Back to an empty database for the next pair, whatever happened.
                await dropEverything(conn, target.dialect);
              }
              checked++;
            },
          ),
          {
            numRuns: PAIR !== undefined ? 1 : RUNS,
            ...(SEED !== undefined ? { seed: SEED } : {}),
            endOnFailure: true,
          },
        );
      } finally {
        await conn.close();
      }
      if (PAIR === undefined) expect(checked).toBeGreaterThan(RUNS * 0.8); // most draws are valid pairs, not skipped
    }, 900_000);
  });
}

/** Drops every view and table (and PostgreSQL type) so the next pair starts from an empty database. */
async function dropEverything(conn: import("../../src/dialects/dialect.ts").Connection, d: string) {
  if (d === "postgres") {
    // The generator's schemas (`s1`) too.
    for (const { n } of await conn.query<{ n: string }>(
      "select nspname as n from pg_namespace where nspname not like 'pg\\_%' and nspname not in ('information_schema', 'public')",
    ))
      await conn.exec(`DROP SCHEMA "${n.replace(/"/g, '""')}" CASCADE`);
    await conn.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
    return;
  }
  if (d === "mysql") {
    for (const { n, k } of await conn.query<{ n: string; k: string }>(
      "SELECT ROUTINE_NAME AS n, ROUTINE_TYPE AS k FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()",
    ))
      await conn.exec(`DROP ${k} \`${n.replace(/`/g, "``")}\``);
    const tables = await conn.query<{ t: string; view: number }>(
      "SELECT TABLE_NAME AS t, TABLE_TYPE = 'VIEW' AS view FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()",
    );
    await conn.exec("SET FOREIGN_KEY_CHECKS = 0");
    for (const { t, view } of tables)
      await conn.exec(`DROP ${Number(view) ? "VIEW" : "TABLE"} \`${t.replace(/`/g, "``")}\``);
    await conn.exec("SET FOREIGN_KEY_CHECKS = 1");
    return;
  }
  // A virtual table's DROP drops its shadow tables: they are not dropped on their own.
  const tables = await conn.query<{ name: string; type: string }>(
    "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type <> 'shadow' AND name NOT LIKE 'sqlite_%'",
  );
  await conn.exec("PRAGMA foreign_keys = OFF");
  for (const { name, type } of tables)
    await conn.exec(`DROP ${type === "view" ? "VIEW" : "TABLE"} "${name.replace(/"/g, '""')}"`);
  await conn.exec("PRAGMA foreign_keys = ON");
}
