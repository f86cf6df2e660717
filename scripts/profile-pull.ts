/**
 * Where `schemavc pull` spends its time on one database: its phases as `cli/pull.ts` runs them
 * (introspection, printing the files, reading them back, the dialect's checks, planning the
 * CREATE script, the replay on the scratch database with its read-back, the comparison),
 * each timed, in milliseconds. Keep the steps in step with pull.ts. Build a database with
 * `bench-pull.ts` first (it leaves `schemavc_bench_pull` behind), then e.g.
 * `bun scripts/profile-pull.ts postgres://postgres:postgres@127.0.0.1:5432/schemavc_bench_pull`
 * (`bun --cpu-prof-md scripts/profile-pull.ts URL` for a CPU profile of the client's part).
 */
import { connect, getDialect } from "../src/dialects/registry.ts";
import { plan } from "../src/diff/plan.ts";
import { noRenames } from "../src/diff/renames.ts";
import { loadSources } from "../src/dsl/load.ts";
import { printDeclarations } from "../src/dsl/printer.ts";
import { replayDifferences } from "../src/dialects/compare.ts";
import { inScratch } from "../src/dialects/scratch.ts";
import { OWN_TABLES } from "../src/migrate/history.ts";

const url = process.argv[2];
if (!url) throw new Error("usage: bun scripts/profile-pull.ts URL");
const conn = await connect(url);
const d = await getDialect(conn.dialect);
const timed = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const out = await fn();
  console.log(`${label.padEnd(28)} ${(performance.now() - t).toFixed(0).padStart(7)} ms`);
  return out;
};
try {
  const total = performance.now();
  const live = await timed("introspect (live)", () => d.introspect(conn, { exclude: OWN_TABLES }));
  const s = live.schema;
  const others = { sequences: s.sequences ?? [], domains: s.domains ?? [] };
  const text = await timed("print the files", () =>
    printDeclarations(s.tables, s.enums, undefined, [], others),
  );
  const reread = await timed("read them back", () => loadSources(new Map([["schema.schema", text]])));
  await timed("dialect checks", () => d.validate(reread.schema));
  const script = await timed(
    "plan the CREATE script",
    () => plan({ tables: [], enums: [] }, reread.schema, noRenames(), d).upSql,
  );
  let scriptMs = 0;
  const replayed = await timed("replay + read back", () =>
    inScratch(conn, script, async (ex) => {
      scriptMs = performance.now();
      const r = await d.introspect(ex, { exclude: OWN_TABLES });
      scriptMs = performance.now() - scriptMs;
      return r;
    }),
  );
  console.log(`${"  of which the read back".padEnd(28)} ${scriptMs.toFixed(0).padStart(7)} ms`);
  const diff = await timed("compare", () => replayDifferences(d, s, replayed.schema));
  console.log(
    `${"total".padEnd(28)} ${(performance.now() - total).toFixed(0).padStart(7)} ms (${script.length} statements, ${diff.length} differences)`,
  );
} finally {
  await conn.close();
}
