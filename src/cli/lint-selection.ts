/**
 * Which migrations `lint` and `check` look at: the ones not yet applied to the database; every
 * migration with `--all` or when there is no database to ask (no URL, a SQLite file that does not
 * exist yet, a server that cannot be reached: CI often has none); those after VERSION with
 * `--since`.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { flag, str, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import type { Project } from "./project.ts";
import { databaseUrl, openDatabase } from "./database.ts";
import { versionArg } from "./runner-command.ts";
import { Runner } from "../migrate/runner.ts";
import type { Migration } from "../migrate/dir.ts";
import { fleetTargets } from "./fleet.ts";
import { runPool } from "../fleet/pool.ts";
import { runTarget } from "../fleet/target.ts";
import { redactUrl, withoutDriver } from "../dialects/url.ts";
import { sqlitePath } from "../dialects/sqlite/path.ts";
import { msOption } from "./database.ts";

export interface Selection {
  readonly which: Migration[];
  /** What was selected, in words (`2 pending on sqlite:./dev.db`, `all 5: no database`). */
  readonly basis: string;
  /** Applied migrations whose up.sql differs from what the database ran (when one was asked). */
  readonly edited?: string[];
}

export async function selectForLint(
  ctx: Context,
  project: Project,
  migrations: Migration[],
): Promise<Selection> {
  if (flag(ctx, "all")) return { which: migrations, basis: "every migration (--all)" };
  const fleet = fleetTargets(ctx);
  if (fleet) return pendingOnFleet(ctx, project, migrations, fleet);
  const since = str(ctx, "since");
  if (since !== undefined) {
    const v = versionArg(since, migrations);
    return {
      which: migrations.filter((m) => v === null || m.version > v),
      basis: `the migrations after ${v ?? "base"} (--since)`,
    };
  }
  let url: string;
  try {
    url = await databaseUrl(ctx, project);
  } catch {
    return { which: migrations, basis: "every migration (no database URL to ask which are pending)" };
  }
  const file = /^sqlite(?:\+[^:]*)?:/i.test(url)
    ? sqlitePath(withoutDriver(url))
    : /^file:(?:\/\/)?(.*)$/i.exec(url)?.[1];
  if (file !== undefined && file !== ":memory:" && !existsSync(resolve(ctx.cwd, file))) {
    return { which: migrations, basis: `every migration (${file} does not exist yet: all are pending)` };
  }
  let conn: Awaited<ReturnType<typeof openDatabase>>;
  try {
    conn = await openDatabase(ctx, project, undefined, { readOnly: true });
  } catch (e) {
    if (!(e instanceof SchemavcError)) throw e;
    ctx.report.info(`note: ${e.message}; linting every migration`);
    return { which: migrations, basis: "every migration (the database could not be reached)" };
  }
  try {
    const st = await new Runner(conn, project.dialect, migrations).state(conn, { readOnly: true });
    return {
      which: st.pending,
      basis: `the ${st.pending.length} pending on the database`,
      edited: st.edited.map((h) => h.version),
    };
  } finally {
    await conn.close().catch(() => {});
  }
}

/** Over a fleet: the migrations pending on any target; a target that cannot be asked is an error. */
async function pendingOnFleet(
  ctx: Context,
  project: Project,
  migrations: Migration[],
  fleet: string[],
): Promise<Selection> {
  const timeout = msOption(ctx, "connect-timeout", 10);
  const opts = { lockTimeoutMs: msOption(ctx, "lock-timeout", 60) };
  const rows = await runPool(fleet, { concurrency: 8 }, (url) =>
    runTarget(url, project.dialect, migrations, opts, { kind: "status" }, timeout),
  );
  const failed = rows.flatMap((r) =>
    r.status === "failed" ? [`${redactUrl(r.target)} (${r.error.message})`] : [],
  );
  if (failed.length)
    throw new SchemavcError(
      `could not read the history of ${failed.length} target${failed.length === 1 ? "" : "s"}: ${failed.join("; ")}`,
      1,
      "check that every target is reachable, or leave it out of the list",
    );
  const pending = new Set(rows.flatMap((r) => (r.status === "ok" ? (r.value.pending ?? []) : [])));
  return {
    which: migrations.filter((m) => pending.has(m.version)),
    basis: `the ${pending.size} pending on any of ${fleet.length} targets`,
  };
}
