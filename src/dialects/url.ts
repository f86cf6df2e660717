/**
 * Database URLs: which dialect a URL names, and its form with the password hidden. A password
 * never appears in any output: every message that shows a URL shows `redactUrl(url)`.
 */
import type { DialectName } from "./dialect.ts";

export function dialectOfUrl(url: string): DialectName | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
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
