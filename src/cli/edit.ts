/**
 * `schemavc edit VERSION [--down]` (Alembic's `edit`): opens `$VISUAL` or `$EDITOR` (else `vi`)
 * on a migration's up.sql (down.sql with `--down`), then rehashes, so the edit is recorded in
 * schemavc.sum. Refused, before the editor opens, when the migration is recorded in any database
 * the project names (as `generate --amend` is): a database that ran it would never run the edit.
 */
import { spawn } from "node:child_process";
import { join, relative } from "node:path";
import { flag, type Context } from "./context.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { loadMigrations, openProject } from "./project.ts";
import { versionArg } from "./runner-command.ts";
import { refuseIfApplied } from "./amend-guard.ts";
import { rehash } from "../migrate/dir.ts";

export async function run(ctx: Context): Promise<number> {
  const ref = ctx.positionals[0];
  if (!ref)
    throw new UsageError("which migration? `schemavc edit VERSION` (a version, a prefix of it, or head)");
  const project = await openProject(ctx);
  const migrations = await loadMigrations(project, ctx.cwd);
  const m = migrations.find((x) => x.version === versionArg(ref, migrations));
  if (!m) throw new UsageError(`\`${ref}\` is base, not a migration`);
  await refuseIfApplied(ctx, project, m, "edit");
  const file = join(m.dir, flag(ctx, "down") ? "down.sql" : "up.sql");
  const editor = process.env["VISUAL"] || process.env["EDITOR"] || "vi";
  // Through the shell, as git runs it: $EDITOR may carry its own arguments (`code --wait`).
  // node:child_process rather than Bun.spawn: the npm package's CLI runs on Node too.
  const child = spawn("/bin/sh", ["-c", `${editor} "$1"`, "sh", file], { stdio: "inherit" });
  const code = await new Promise<number>((done, failed) => {
    child.on("error", failed);
    child.on("exit", (status, signal) => done(status ?? (signal ? 128 : 1)));
  });
  if (code !== 0)
    throw new SchemavcError(
      `the editor (${editor}) exited with ${code}: schemavc.sum not rewritten`,
      1,
      "edit again, or run `schemavc rehash` once the file is as you want it",
    );
  const n = await rehash(project.config.migrations);
  const shown = relative(ctx.cwd, file) || file;
  ctx.report.json({ version: m.version, file: shown, rehashed: n });
  ctx.report.note(`edited ${shown}; rewrote schemavc.sum for ${n} migration${n === 1 ? "" : "s"}`);
  return 0;
}
