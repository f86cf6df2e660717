/**
 * `schemavc history` (alias `log`): every migration, applied, stamped, failed or pending, with
 * its applied time, duration and message, in aligned columns (history-table.ts).
 */
import { flag, str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { versionArg, withRunner } from "./runner-command.ts";
import { summarize } from "./migration-summary.ts";
import { isStamped } from "../migrate/history.ts";
import { messageOfSqlFile } from "../migrate/message.ts";
import { historyLines } from "./history-table.ts";

export async function run(ctx: Context): Promise<number> {
  return withRunner(
    ctx,
    async ({ runner, migrations, project }) => {
      const st = await runner.state(undefined, { readOnly: true });
      const rows = new Map(st.history.map((h) => [h.version, h]));
      const all = [...new Set([...migrations.map((m) => m.version), ...rows.keys()])].sort();
      const [lo, hi] = revRange(str(ctx, "rev-range"), migrations, st.current);
      const versions = all.filter(
        (v) => (lo === null || v >= lo) && (hi === undefined || (hi !== null && v <= hi)),
      );
      const verbose = flag(ctx, "verbose");
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
      const m = (v: string) => migrations.find((x) => x.version === v);
      const details = verbose
        ? new Map(
            list.flatMap((r) =>
              m(r.version) ? [[r.version, summarize(migrations, m(r.version)!, project.dialect)]] : [],
            ),
          )
        : undefined;
      ctx.report.json({
        migrations: list.map((r) => {
          const d = details?.get(r.version);
          return d ? { ...r, parent: d.parent, changes: d.changes } : r;
        }),
        current: st.current,
      });
      const lines = historyLines(list.map((r) => ({ ...r, current: r.version === st.current })));
      // The header, then each row with, in --verbose, its parent and changes under it.
      ctx.report.line(lines[0]!);
      list.forEach((r, i) => {
        ctx.report.line(lines[i + 1]!);
        const d = details?.get(r.version);
        if (!d) return;
        ctx.report.line(`    parent: ${d.parent ?? "base"}`);
        for (const c of d.changes.length ? d.changes : ["no schema change"]) ctx.report.line(`    ${c}`);
      });
      for (const extra of lines.slice(list.length + 1)) ctx.report.line(extra);
      return 0;
    },
    { readOnly: true, tolerateTamper: true },
  );
}

/**
 * `-r A:B` → the first and last versions kept (both included): `lo` null from the first, `hi`
 * undefined to the last, null when B is base (nothing). `current` is where the database is.
 */
function revRange(
  spec: string | undefined,
  migrations: Parameters<typeof versionArg>[1],
  current: string | null,
): [string | null, string | null | undefined] {
  if (spec === undefined) return [null, undefined];
  const at = spec.indexOf(":");
  if (at < 0)
    throw new UsageError(
      `-r takes A:B, not \`${spec}\``,
      "for example -r base:head, -r current:, -r 20261201:",
    );
  const side = (x: string) => (x === "" ? undefined : x === "current" ? current : versionArg(x, migrations));
  const a = side(spec.slice(0, at));
  const b = side(spec.slice(at + 1));
  return [a ?? null, b];
}
