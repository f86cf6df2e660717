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
