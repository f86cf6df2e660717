/**
 * `schemavc status`: the current version, pending and failed migrations, and the history
 * problems `up` would refuse. Exit 3 when something is pending or failed. Drift (the live
 * database against the snapshot) comes with introspection.
 */
import type { Context } from "./context.ts";
import { withRunner } from "./runner-command.ts";

export async function run(ctx: Context): Promise<number> {
  return withRunner(ctx, async ({ runner }) => {
    const st = await runner.state();
    ctx.report.json({
      current: st.current,
      pending: st.pending.map((m) => m.version),
      failed: st.failed.map((h) => ({ version: h.version, statement: h.failed_statement, error: h.error })),
      drift: null,
      problems: [
        ...st.edited.map((h) => ({ version: h.version, problem: "edited after it was applied" })),
        ...st.missing.map((h) => ({ version: h.version, problem: "applied but missing from the folder" })),
        ...st.outOfOrder.map((m) => ({ version: m.version, problem: "older than the newest applied migration" })),
      ],
    });
    ctx.report.line(`current: ${st.current ?? "base (nothing applied)"}`);
    ctx.report.line(st.pending.length ? `pending: ${st.pending.length}` : "pending: none");
    for (const m of st.pending) ctx.report.line(`  ${m.version}`);
    if (st.failed.length) {
      ctx.report.line(`failed: ${st.failed.length}`);
      for (const h of st.failed) ctx.report.line(`  ${h.version} at statement ${h.failed_statement ?? "?"}: ${h.error ?? ""} (settle with \`schemavc resolve ${h.version} --applied|--rolled-back\`)`);
    }
    for (const h of st.edited) ctx.report.line(`edited after it was applied: ${h.version}`);
    for (const h of st.missing) ctx.report.line(`applied but missing from the folder: ${h.version}`);
    for (const m of st.outOfOrder) ctx.report.line(`out of order (older than the newest applied): ${m.version}`);
    ctx.report.line("drift: not checked yet (needs introspection)");
    return st.pending.length || st.failed.length ? 3 : 0;
  });
}
