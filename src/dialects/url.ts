/**
 * Database URLs: which dialect a URL names, the URL as the drivers take it, and its form with
 * the password hidden. A password never appears in any output: every message that shows a URL
 * shows `redactUrl(url)`.
 *
 * SQLAlchemy's spellings mean what they mean there (Flask apps keep them in `.env`): a scheme's
 * `+driver` part (`postgresql+psycopg2://`, `mysql+pymysql://`, `mariadb+mariadbconnector://`,
 * `sqlite+pysqlite:///`) names a Python driver and is ignored; `sqlite:` paths are the SQLite
 * dialect's (`sqlite/driver.ts`, `sqlitePath`).
 */
import { relative, resolve } from "node:path";
import type { DialectName } from "./dialect.ts";

export function dialectOfUrl(url: string): DialectName | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase().split("+")[0];
  switch (scheme) {
    case "sqlite":
    case "file":
    case "libsql":
    case "http":
    case "https":
      return "sqlite";
    case "postgres":
    case "postgresql":
      return "postgres";
    case "mysql":
    case "mariadb":
      return "mysql";
    default:
      return undefined;
  }
}

/** The URL without SQLAlchemy's `+driver` part of its scheme: `postgresql+asyncpg://h/db` → `postgresql://h/db`. */
export function withoutDriver(url: string): string {
  return url.replace(/^([a-z][a-z0-9.-]*)\+[a-z0-9_.-]*:/i, "$1:");
}

/** `postgres://u:secret@h/db` → `postgres://u:***@h/db`; also hides `password=` and `authToken=` parameters. */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@?#]*):[^@/?#]*@/i, "$1:***@")
    .replace(/([?&](?:password|authToken|auth_token|sslpassword)=)[^&#]*/gi, "$1***");
}

/** Replaces every occurrence of a URL's password in a text (driver errors may echo it). */
export function redactText(text: string, url: string | undefined): string {
  if (!url) return text;
  let out = text.split(url).join(redactUrl(url));
  const pw = /^[a-z][a-z0-9+.-]*:\/\/[^:/@?#]*:([^@/?#]*)@/i.exec(url)?.[1];
  if (pw) {
    out = out.split(pw).join("***");
    try {
      const dec = decodeURIComponent(pw);
      if (dec) out = out.split(dec).join("***");
    } catch {
      /* keep */
    }
  }
  return out;
}

/**
 * A SQLite URL with a relative path (`sqlite:./dev.db`, `file:dev.db`) written relative to
 * `fromDir` (the config's folder), rewritten relative to `toDir` (the working folder, where the
 * driver opens it): a command run from a subfolder opens the project's database, never a new
 * empty file beside it. Absolute paths, `:memory:` and server URLs are returned as they are.
 */
export function rebaseFileUrl(url: string, fromDir: string, toDir: string): string {
  if (fromDir === toDir) return url;
  // `sqlite:PATH` / `file:PATH`, or SQLAlchemy's `sqlite:///PATH` (three slashes: relative;
  // four are an absolute path and stay as they are).
  const m = /^(sqlite:\/\/\/|sqlite\+[a-z0-9_]+:\/\/\/|sqlite:|file:)(?!\/)(.*)$/i.exec(url);
  if (!m || m[2] === "" || m[2]!.startsWith(":memory:")) return url;
  const [path, query] = splitQuery(m[2]!);
  const moved = relative(toDir, resolve(fromDir, path));
  return `${m[1]}${moved.startsWith(".") ? moved : `./${moved}`}${query}`;
}

function splitQuery(s: string): [string, string] {
  const i = s.indexOf("?");
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i)];
}

/**
 * Whether a URL names a database on this machine: a SQLite file (`sqlite:`, `file:`), or a
 * server at localhost, 127.0.0.0/8, ::1 or a Unix socket (no host, or `host=/path`). A libSQL
 * server (`libsql://`, `http(s)://`) is local only at such a host. `reset` reads it.
 */
export function isLocalUrl(url: string): boolean {
  if (/^(sqlite|file):/i.test(url)) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const socket = u.searchParams.get("host") ?? u.searchParams.get("socket");
  if (!host) return true;
  if (socket?.startsWith("/")) return true;
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
