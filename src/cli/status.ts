/**
 * `schemavc status`: the current version, pending and failed migrations, and the history
 * problems `up` would refuse, and drift: the live database read back and compared with the
 * snapshot of its current version (in the dialect's normal form, so only real differences
 * show). Exit 3 when something is pending or failed, or the database drifted.
 */
import type { Context } from "./context.ts";
import { withRunner } from "./runner-command.ts";
import { fleetTargets, runFleet } from "./fleet.ts";
import { OWN_TABLES } from "../migrate/history.ts";
import { failureText } from "../migrate/runner.ts";
import { drift as driftOf } from "../dialects/compare.ts";
import { describe, changeTarget } from "../diff/summary.ts";
import { emptySchema, type Schema } from "../ir/model.ts";
import type { Connection, Dialect } from "../dialects/dialect.ts";
import { withSpinner } from "./spinner.ts";
import type { Migration } from "../migrate/dir.ts";
import type { State } from "../migrate/runner.ts";
import { changesOf, outOfOrderCheck } from "../lint/commute.ts";
import { applyChanges } from "../diff/apply.ts";
import type { StatusResult } from "./results.ts";

export async function run(ctx: Context): Promise<number> {
  const fleet = fleetTargets(ctx);
  if (fleet) {
    // One row per target: its version, how many migrations it still lacks, failed ones.
    const { rows, exit } = await runFleet(ctx, fleet, "status", { kind: "status" });
    return (
      exit ||
      (rows.some((o) => o.status === "ok" && (o.value.pending?.length || o.value.failed?.length)) ? 3 : 0)
    );
  }
  return withRunner(
    ctx,
    async ({ runner, migrations, project, conn }) => {
      const st = await runner.state(undefined, { readOnly: true });
      // Drift is measured against the snapshot of the version the database says it is at; a
      // version whose folder is gone cannot be compared (it is reported as missing instead).
      const at = st.current === null ? undefined : migrations.find((m) => m.version === st.current);
      // With unapplied migrations older than the current one (a branch merged late), the current
      // snapshot has their changes too: the database is compared with what it applied.
      const made = st.outOfOrder.length ? appliedSchema(project.dialect, migrations, st) : undefined;
      const commutes = outOfOrderCheck(project.dialect, migrations);
      const late = new Map(
        st.outOfOrder.map((m) => {
          const after = migrations.filter(
            (x) => x.version > m.version && st.applied.some((h) => h.version === x.version),
          );
          return [m.version, commutes(m, after)] as const;
        }),
      );
      const drift =
        st.current !== null && !at
          ? null
          : await driftWithViews(
              project.dialect,
              conn,
              made ?? (at ? at.snapshot.schema : emptySchema()),
              (
                await withSpinner(ctx, "reading the database schema for drift", () =>
                  project.dialect.introspect(conn, {
                    exclude: OWN_TABLES,
                    ...(project.config.schemas ? { schemas: project.config.schemas } : {}),
                  }),
                )
              ).schema,
            );
      ctx.report.json({
        current: st.current,
        pending: st.pending.map((m) => m.version),
        failed: st.failed.map((h) => ({ version: h.version, statement: h.failed_statement, error: h.error })),
        drift:
          drift === null
            ? null
            : drift.map((c) => ({ ...changeTarget(c), kind: c.kind, description: describe(c) })),
        problems: [
          ...st.edited.map((h) => ({ version: h.version, problem: "edited after it was applied" })),
          ...st.missing.map((h) => ({ version: h.version, problem: "applied but missing from the folder" })),
          ...st.outOfOrder.map((m) => ({
            version: m.version,
            problem: "older than the newest applied migration",
            commutes: !late.get(m.version)?.length,
          })),
        ],
      } satisfies StatusResult);
      ctx.report.line(`current: ${st.current ?? "base (nothing applied)"}`);
      ctx.report.line(st.pending.length ? `pending: ${st.pending.length}` : "pending: none");
      for (const m of st.pending) ctx.report.line(`  ${m.version}`);
      if (st.failed.length) {
        ctx.report.line(`failed: ${st.failed.length}`);
        for (const h of st.failed)
          ctx.report.line(
            `  ${failureText(h)} (settle with \`schemavc resolve ${h.version} --applied|--rolled-back\`)`,
          );
      }
      for (const h of st.edited) ctx.report.line(`edited after it was applied: ${h.version}`);
      for (const h of st.missing) ctx.report.line(`applied but missing from the folder: ${h.version}`);
      for (const m of st.outOfOrder) {
        const clash = late.get(m.version) ?? [];
        ctx.report.line(
          `out of order (older than the newest applied): ${m.version} (${clash.length ? `it changes what those applied after it change: ${clash.join(", ")}; \`up\` refuses it` : "it commutes with those applied after it: `up` applies it"})`,
        );
      }
      if (drift === null)
        ctx.report.line("drift: not checked (the current version's migration folder is missing)");
      else if (!drift.length)
        ctx.report.line(
          `drift: none (the database matches ${made ? "what its applied migrations make" : "the snapshot of its current version"})`,
        );
      else {
        ctx.report.line(
          `drift: the database differs from ${made ? "what its applied migrations make" : `the snapshot of ${st.current ?? "base"}`} in ${drift.length} place${drift.length === 1 ? "" : "s"}:`,
        );
        for (const c of drift) ctx.report.line(`  ${describe(c)}`);
      }
      // An applied migration edited since, or gone from the folder, is history that no longer
      // matches the database: not a clean status.
      return st.pending.length || st.failed.length || st.edited.length || st.missing.length || drift?.length
        ? 3
        : 0;
    },
    { readOnly: true },
  );
}

/**
 * The schema the applied migrations make, in version order, each one's changes (over the
 * migration before it in the folder) applied to the schema before: the snapshot of the current
 * version leaves out nothing only when nothing older is unapplied. Undefined when a change does
 * not fit (the migrations do not commute): drift is then measured against the snapshot.
 */
function appliedSchema(dialect: Dialect, migrations: readonly Migration[], st: State): Schema | undefined {
  const applied = new Set(st.applied.map((h) => h.version));
  let schema = emptySchema();
  try {
    for (const [i, m] of migrations.entries())
      if (applied.has(m.version))
        schema = applyChanges(
          schema,
          changesOf(dialect, i ? migrations[i - 1]!.snapshot.schema : undefined, m),
        );
  } catch {
    return undefined;
  }
  return schema;
}

/**
 * Drift, with the snapshot's views, functions and triggers in the database's words where it can
 * print them (`Dialect.viewsAsStored`, `routinesAsStored`: PostgreSQL): then their queries and
 * definitions are compared too.
 */
async function driftWithViews(dialect: Dialect, conn: Connection, expected: Schema, live: Schema) {
  if (!dialect.viewsAsStored || !dialect.routinesAsStored) return driftOf(dialect, expected, live);
  const views = expected.views?.length ? await dialect.viewsAsStored(conn, expected.views) : expected.views;
  const routines = await dialect.routinesAsStored(conn, expected);
  return driftOf(dialect, { ...expected, ...(views ? { views } : {}), ...routines }, live, {
    viewQueries: true,
  });
}
