/** `schemavc history` (alias `log`): every migration, applied or not, with its applied time. */
import type { Context } from "./context.ts";
import { withRunner } from "./runner-command.ts";
import { isStamped } from "../migrate/history.ts";

export async function run(ctx: Context): Promise<number> {
  return withRunner(ctx, async ({ runner, migrations }) => {
    const st = await runner.state();
    const rows = new Map(st.history.map((h) => [h.version, h]));
    const versions = [...new Set([...migrations.map((m) => m.version), ...rows.keys()])].sort();
    const list = versions.map((v) => {
      const h = rows.get(v);
      return {
        version: v,
        status: h ? (h.status === "applied" && isStamped(h) ? "stamped" : h.status) : "pending",
        appliedAt: h?.applied_at ?? null,
        // A stamped migration never ran: it has no duration.
        ms: h && !isStamped(h) ? h.duration_ms : null,
        inFolder: migrations.some((m) => m.version === v),
      };
    });
    ctx.report.json({ migrations: list, current: st.current });
    for (const r of list) {
      const when = r.appliedAt ? ` ${r.appliedAt}${r.ms !== null ? ` (${r.ms} ms)` : ""}` : "";
      ctx.report.line(
        `${r.version}  ${r.status.padEnd(7)}${when}${r.inFolder ? "" : "  (not in the migrations folder)"}${r.version === st.current ? "  <- current" : ""}`,
      );
    }
    if (!list.length) ctx.report.line("no migrations yet");
    return 0;
  });
}
