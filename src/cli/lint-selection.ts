/**
 * Which migrations `lint` and `check` look at: the ones not yet applied to the database; every
 * migration with `--all` or when there is no database to ask (no URL, a SQLite file that does not
 * exist yet, a server that cannot be reached: CI often has none); those after VERSION with
 * `--since`.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { flag, str, type Context } from "./context.ts";
import { CliError } from "./errors.ts";
import type { Project } from "./project.ts";
import { databaseUrl, openDatabase } from "./database.ts";
import { versionArg } from "./runner-command.ts";
import { Runner } from "../migrate/runner.ts";
import type { Migration } from "../migrate/dir.ts";

export interface Selection {
  readonly which: Migration[];
  /** What was selected, in words (`2 pending on sqlite:./dev.db`, `all 5: no database`). */
  readonly basis: string;
}

export async function selectForLint(ctx: Context, project: Project, migrations: Migration[]): Promise<Selection> {
  if (flag(ctx, "all")) return { which: migrations, basis: "every migration (--all)" };
  const since = str(ctx, "since");
  if (since !== undefined) {
    const v = versionArg(since, migrations);
    return { which: migrations.filter((m) => v === null || m.version > v), basis: `the migrations after ${v ?? "base"} (--since)` };
  }
  let url: string;
  try { url = await databaseUrl(ctx, project); } catch { return { which: migrations, basis: "every migration (no database URL to ask which are pending)" }; }
  const file = /^(?:sqlite|file):(?:\/\/)?(.*)$/i.exec(url)?.[1];
  if (file !== undefined && file !== ":memory:" && !existsSync(resolve(ctx.cwd, file))) {
    return { which: migrations, basis: `every migration (${file} does not exist yet: all are pending)` };
  }
  let conn;
  try {
    conn = await openDatabase(ctx, project);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    ctx.report.info(`note: ${e.message}; linting every migration`);
    return { which: migrations, basis: "every migration (the database could not be reached)" };
  }
  try {
    const st = await new Runner(conn, project.dialect, migrations).state();
    return { which: st.pending, basis: `the ${st.pending.length} pending on the database` };
  } finally {
    await conn.close().catch(() => {});
  }
}
