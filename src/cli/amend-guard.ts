/**
 * `generate --amend` rewrites the newest migration, which is safe only where nobody applied it:
 * a database that ran the old up.sql would never run the new one (its version is recorded), and
 * would drift without a word. So before amending, every database schemavc can tell about is
 * asked: the URLs of `--url`, `DATABASE_URL` (the environment, then `.env`) and the config's
 * `url` (the chosen `[env.NAME]`'s, with `--env`), each distinct one. A version recorded there (applied, failed or stamped) refuses the
 * amend; a database that cannot be reached refuses it too (schemavc cannot tell), with a hint.
 * Nothing is created: a SQLite file that does not exist has applied nothing, and a database
 * without the history table is read as having none.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { str, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import type { Project } from "./project.ts";
import { dotenvUrl, openDatabase } from "./database.ts";
import { dialectFromUrl } from "../dialects/registry.ts";
import { redactUrl } from "../dialects/url.ts";
import { DatabaseHistory } from "../migrate/history.ts";
import type { Migration } from "../migrate/dir.ts";

/** The distinct database URLs the project names, in the order `databaseUrl` prefers them. */
async function knownUrls(ctx: Context, project: Project): Promise<string[]> {
  const { config } = project;
  const dotenv = await dotenvUrl(ctx.cwd, config.file ? dirname(config.file) : undefined);
  const urls = [str(ctx, "url"), process.env["DATABASE_URL"], dotenv, config.url];
  return [...new Set(urls.filter((u): u is string => Boolean(u)))];
}

/** A local SQLite file's path (`sqlite:./dev.db`, `file:dev.db`); undefined for a remote URL. */
function sqliteFile(url: string, cwd: string): string | undefined {
  const m = /^(?:sqlite|file):(?:\/\/)?([^?]*)/i.exec(url);
  if (!m || m[1] === ":memory:") return undefined;
  return resolve(cwd, m[1]!);
}

/** Throws when `m` is recorded in any database the project names, or one cannot be asked (`generate --amend`, `edit`). */
export async function refuseIfApplied(
  ctx: Context,
  project: Project,
  m: Migration,
  verb: "amend" | "edit" = "amend",
): Promise<void> {
  for (const url of await knownUrls(ctx, project)) {
    // Another dialect's URL (a DATABASE_URL meant for another project) cannot hold these migrations.
    if (dialectFromUrl(url) !== project.dialect.name) continue;
    const file = sqliteFile(url, ctx.cwd);
    if (file !== undefined && !existsSync(file)) continue;
    let rows: Awaited<ReturnType<DatabaseHistory["readIfPresent"]>>;
    try {
      const conn = await openDatabase(ctx, project, url);
      try {
        rows = await new DatabaseHistory(project.dialect).readIfPresent(conn);
      } finally {
        await conn.close().catch(() => {});
      }
    } catch (e) {
      throw new SchemavcError(
        `cannot tell whether ${m.version} is applied on ${redactUrl(url)}: ${(e as Error).message}`,
        1,
        `${verb} only a migration that no database has run: make the database reachable, or pass --url naming the one you use`,
      );
    }
    const row = rows?.find((r) => r.version === m.version);
    if (row)
      throw new SchemavcError(
        `cannot ${verb} ${m.version}: it is ${row.status === "applied" ? "applied" : "recorded as failed"} on ${redactUrl(url)}`,
        1,
        `a database that ran it would never run the ${verb === "amend" ? "amended" : "edited"} one; roll it back there first (\`schemavc down\`), or write the change as a new migration (\`schemavc generate -m ...\`)`,
      );
  }
}
