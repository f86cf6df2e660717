/** `schemavc current`: the current version alone, one line (`base` when nothing is applied). */
import type { Context } from "./context.ts";
import { withRunner } from "./runner-command.ts";
import type { CurrentResult } from "./results.ts";

export async function run(ctx: Context): Promise<number> {
  return withRunner(
    ctx,
    async ({ runner }) => {
      const st = await runner.state(undefined, { readOnly: true });
      ctx.report.json({ current: st.current } satisfies CurrentResult);
      ctx.report.line(st.current ?? "base");
      return 0;
    },
    { readOnly: true, tolerateTamper: true },
  );
}
