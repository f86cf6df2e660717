/**
 * The database a command works on: the URL (`--url`, then the `url` of the environment chosen
 * with `--env`/SCHEMAVC_ENV, then DATABASE_URL from the environment or `.env`, then the config's
 * `url`), checked against the project's dialect, opened with a
 * connect timeout; failures become one line naming the URL (password hidden) and what to check.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { str, type Context } from "./context.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import type { Project } from "./project.ts";
import { connect, dialectFromUrl } from "../dialects/registry.ts";
import { connectionMessage } from "../dialects/errors.ts";
import { rebaseFileUrl, redactUrl } from "../dialects/url.ts";
import type { Connection } from "../dialects/dialect.ts";
import { withSpinner } from "./spinner.ts";

/**
 * DATABASE_URL from a `.env` file (KEY=VALUE lines, optional quotes): the working folder's,
 * else the one beside the project's schemavc.toml (a command run from a subfolder). A relative
 * SQLite path in it is relative to the `.env` file's folder.
 */
export async function dotenvUrl(cwd: string, projectDir: string | undefined): Promise<string | undefined> {
  for (const dir of projectDir && projectDir !== cwd ? [cwd, projectDir] : [cwd]) {
    const url = await dotenvUrlIn(dir);
    if (url !== undefined) return rebaseFileUrl(url, dir, cwd);
  }
  return undefined;
}

async function dotenvUrlIn(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = readFileSync(join(dir, ".env"), "utf8");
  } catch {
    return undefined;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?DATABASE_URL\s*=\s*(.*?)\s*$/.exec(line);
    if (m) return m[1]!.replace(/^(['"])(.*)\1$/, "$2");
  }
  return undefined;
}

export async function databaseUrl(ctx: Context, project: Project): Promise<string> {
  const { config } = project;
  const url =
    str(ctx, "url") ??
    // An environment chosen by name is explicit: its url outranks DATABASE_URL (a `.env` left
    // pointing at the development database must not win over `--env production`).
    (config.urlFromEnv ? config.url : undefined) ??
    process.env["DATABASE_URL"] ??
    (await dotenvUrl(ctx.cwd, config.file ? dirname(config.file) : undefined)) ??
    config.url;
  if (!url)
    throw new UsageError(
      config.env ? `no database URL for environment \`${config.env}\`` : "no database URL",
      config.env
        ? `set \`url\` under [env.${config.env}] in schemavc.toml, or pass --url`
        : "pass --url, set DATABASE_URL (or put it in .env), or set `url` in schemavc.toml",
    );
  const d = dialectFromUrl(url);
  if (d !== project.dialect.name)
    throw new SchemavcError(
      `${redactUrl(url)} is a ${d} database, but this project's dialect is ${project.dialect.name}`,
      1,
      "set `dialect` in schemavc.toml to match, or use another URL",
    );
  return url;
}

export function msOption(ctx: Context, name: string, fallbackSeconds: number): number {
  const v = str(ctx, name);
  if (v === undefined) return fallbackSeconds * 1000;
  const n = Number(v.replace(/s$/, ""));
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes seconds, not \`${v}\``);
  return n * 1000;
}

/**
 * Opens the project's database (or `explicitUrl`). `readOnly`: the command only reads, so it
 * never creates anything: a SQLite file that does not exist is an error saying so (followed by
 * `missing`, what that means for the command: "nothing applied yet").
 */
export async function openDatabase(
  ctx: Context,
  project: Project,
  explicitUrl?: string,
  opts: { readOnly?: boolean; missing?: string } = {},
): Promise<Connection> {
  const given = explicitUrl ?? (await databaseUrl(ctx, project));
  if (explicitUrl !== undefined && dialectFromUrl(explicitUrl) !== project.dialect.name) {
    throw new SchemavcError(
      `${redactUrl(explicitUrl)} is a ${dialectFromUrl(explicitUrl)} database, but this project's dialect is ${project.dialect.name}`,
      1,
      "pass --dialect to match, or use another URL",
    );
  }
  // A relative SQLite path is relative to the command's folder; the driver opens it relative to
  // the process's. They differ only for the library (src/lib/: `cwd` given by the application).
  const url = rebaseFileUrl(given, ctx.cwd, process.cwd());
  const timeout = msOption(ctx, "connect-timeout", 10);
  // `--connect-timeout 3` means giving up about 3 s after the command was started: the time
  // the process took to start and read the project counts (performance.now() is the time since
  // the process started; for the library, since the call: `ctx.startedAt`), but the database
  // always gets at least half of what was asked.
  const budget = Math.max(timeout / 2, Math.round(timeout - (performance.now() - (ctx.startedAt ?? 0))));
  try {
    return await withSpinner(ctx, `connecting to ${redactUrl(url)}`, () =>
      withTimeout(
        connect(url, { connectTimeoutMs: budget, ...(opts.readOnly ? { mustExist: true } : {}) }),
        budget + 500,
      ),
    );
  } catch (e) {
    const { message, hint } = connectionMessage(url, e, timeout);
    const missing =
      (e as { code?: string })?.code === "NO_DATABASE" && opts.missing ? `: ${opts.missing}` : "";
    throw new SchemavcError(`${message}${missing}`, 1, hint);
  }
}

/**
 * A connection attempt that rejects with a timeout error when it takes longer than `ms`. A
 * connection that still arrives after that is closed at once, so it cannot keep the process alive.
 */
function withTimeout(p: Promise<Connection>, ms: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    let late = false;
    const t = setTimeout(() => {
      late = true;
      reject(Object.assign(new Error("timed out"), { code: "CONNECT_TIMEOUT" }));
    }, ms);
    p.then(
      (c) => {
        clearTimeout(t);
        if (late) void c.close().catch(() => {});
        else resolve(c);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
