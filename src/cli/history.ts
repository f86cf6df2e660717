/**
 * `schemavc history` (alias `log`): every migration, applied, stamped, failed or pending, with
 * its applied time, duration and message, in aligned columns (history-table.ts).
 */
import type { Context } from "./context.ts";
import { withRunner } from "./runner-command.ts";
import { isStamped } from "../migrate/history.ts";
import { messageOfSqlFile } from "../migrate/message.ts";
import { historyLines } from "./history-table.ts";

export async function run(ctx: Context): Promise<number> {
  return withRunner(
    ctx,
    async ({ runner, migrations }) => {
      const st = await runner.state(undefined, { readOnly: true });
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
          // The message it was written with: from its up.sql, else from the SQL the history keeps.
          message: messageOfSqlFile(migrations.find((m) => m.version === v)?.up ?? h?.up_sql ?? "") ?? "",
        };
      });
      ctx.report.json({ migrations: list, current: st.current });
      for (const line of historyLines(list.map((r) => ({ ...r, current: r.version === st.current }))))
        ctx.report.line(line);
      return 0;
    },
    { readOnly: true, tolerateTamper: true },
  );
}
