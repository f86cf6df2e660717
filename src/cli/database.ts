/**
 * The database a command works on: the URL (`--url`, then DATABASE_URL from the environment or
 * `.env`, then the config's `url`), checked against the project's dialect, opened with a
 * connect timeout; failures become one line naming the URL (password hidden) and what to check.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { str, type Context } from "./context.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import type { Project } from "./project.ts";
import { connect, dialectFromUrl } from "../dialects/registry.ts";
import { connectionMessage } from "../dialects/errors.ts";
import { redactUrl } from "../dialects/url.ts";
import type { Connection } from "../dialects/dialect.ts";
import { withSpinner } from "./spinner.ts";

/** DATABASE_URL from a `.env` file in the working folder (KEY=VALUE lines, optional quotes). */
export async function dotenvUrl(cwd: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(cwd, ".env"), "utf8");
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
  const url =
    str(ctx, "url") ?? process.env["DATABASE_URL"] ?? (await dotenvUrl(ctx.cwd)) ?? project.config.url;
  if (!url)
    throw new UsageError(
      "no database URL",
      "pass --url, set DATABASE_URL (or put it in .env), or set `url` in schemavc.toml",
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

export async function openDatabase(
  ctx: Context,
  project: Project,
  explicitUrl?: string,
): Promise<Connection> {
  const url = explicitUrl ?? (await databaseUrl(ctx, project));
  if (explicitUrl !== undefined && dialectFromUrl(explicitUrl) !== project.dialect.name) {
    throw new SchemavcError(
      `${redactUrl(explicitUrl)} is a ${dialectFromUrl(explicitUrl)} database, but this project's dialect is ${project.dialect.name}`,
      1,
      "pass --dialect to match, or use another URL",
    );
  }
  const timeout = msOption(ctx, "connect-timeout", 10);
  try {
    return await withSpinner(ctx, `connecting to ${redactUrl(url)}`, () =>
      withTimeout(connect(url, { connectTimeoutMs: timeout }), timeout + 2000),
    );
  } catch (e) {
    const { message, hint } = connectionMessage(url, e, timeout);
    throw new SchemavcError(message, 1, hint);
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
