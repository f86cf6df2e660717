/**
 * `schemavc heads` (Alembic's `heads`): the newest migration of each line of history. One line
 * is one head; two migrations that follow the same parent (two branches that each generated
 * one) are two heads, listed even though the folder then fails its check.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Context } from "./context.ts";
import { openProject } from "./project.ts";
import { snapshotHeader } from "../ir/snapshot.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const dir = project.config.migrations;
  let names: string[] = [];
  try {
    names = (await readdir(dir)).filter((n) => /^\d{14}_/.test(n)).sort();
  } catch {
    names = [];
  }
  const parents = new Map<string, string | null>();
  for (const n of names) {
    const file = join(dir, n, "snapshot.json");
    const head = await readFile(file, "utf8").catch(() => undefined);
    if (head === undefined) continue;
    parents.set(n, snapshotHeader(head, relative(ctx.cwd, file) || file).prevId);
  }
  const followed = new Set([...parents.values()].filter((p): p is string => p !== null));
  const heads = [...parents.keys()].filter((v) => !followed.has(v));
  ctx.report.json({ heads: heads.map((v) => ({ version: v, parent: parents.get(v) ?? null })) });
  if (!heads.length) ctx.report.line("no migrations yet");
  for (const v of heads)
    ctx.report.line(`${v} (head)${heads.length > 1 ? `  follows ${parents.get(v) ?? "base"}` : ""}`);
  if (heads.length > 1)
    ctx.report.warn(
      `${heads.length} heads: two lines of migrations (from two branches) must be put in one before \`up\`: run \`schemavc merge\``,
    );
  return 0;
}
