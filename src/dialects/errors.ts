/**
 * Connection failures as one line a person can act on: what failed for which URL (password
 * hidden) and what to check. Driver errors differ; their codes are mapped here, the only place
 * that knows them.
 */
import { redactText, redactUrl } from "./url.ts";

export function connectionMessage(
  url: string,
  e: unknown,
  timeoutMs: number,
): { message: string; hint: string } {
  const err = e as { code?: string; errno?: number; message?: string; cause?: { code?: string } };
  const code = String(err.code ?? err.cause?.code ?? "");
  const text = redactText(String(err.message ?? e), url);
  const where = redactUrl(url);
  let host = "";
  try {
    const u = new URL(url);
    host = `${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    /* sqlite paths */
  }
  const user = (() => {
    try {
      return decodeURIComponent(new URL(url).username);
    } catch {
      return "";
    }
  })();
  const db = (() => {
    try {
      return decodeURIComponent(new URL(url).pathname.slice(1));
    } catch {
      return "";
    }
  })();
  if (code === "NO_DATABASE")
    return {
      message: text,
      hint: "check the URL (--url, DATABASE_URL, the config's url); `schemavc up` creates the database file",
    };
  if (code === "ECONNREFUSED" || /ECONNREFUSED|connection refused/i.test(text)) {
    return {
      message: `cannot connect to ${where}: connection refused`,
      hint: `is the database server running and listening on ${host || "that address"}?`,
    };
  }
  if (
    code === "28P01" ||
    code === "28000" ||
    code === "ER_ACCESS_DENIED_ERROR" ||
    /password authentication failed|Access denied/i.test(text)
  ) {
    return {
      message: `cannot connect to ${where}: authentication failed${user ? ` for user ${user}` : ""}`,
      hint: "check the user name and password in the URL (or DATABASE_URL)",
    };
  }
  if (
    code === "3D000" ||
    code === "ER_BAD_DB_ERROR" ||
    /database .* does not exist|Unknown database/i.test(text)
  ) {
    return {
      message: `cannot connect to ${where}: database ${db ? `"${db}" ` : ""}does not exist`,
      hint: `create it first (PostgreSQL: createdb ${db || "NAME"}; MySQL: CREATE DATABASE ${db || "NAME"})`,
    };
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || /getaddrinfo|ENOTFOUND/i.test(text)) {
    return {
      message: `cannot connect to ${where}: host ${host || "?"} not found`,
      hint: "check the host name in the URL",
    };
  }
  if (code === "CONNECT_TIMEOUT" || code === "ETIMEDOUT" || /timed? ?out|ETIMEDOUT/i.test(text)) {
    return {
      message: `cannot connect to ${where}: no answer within ${Math.round(timeoutMs / 1000)} s`,
      hint: "check the host, port and firewall, or raise --connect-timeout",
    };
  }
  if (/SQLITE_CANTOPEN|unable to open/i.test(text)) {
    return { message: `cannot open ${where}`, hint: "check that its folder exists and is writable" };
  }
  return { message: `cannot connect to ${where}: ${text.split("\n")[0]}`, hint: "check the URL" };
}

/**
 * Whether a query failed because its table does not exist (PostgreSQL 42P01, MySQL/MariaDB
 * ER_NO_SUCH_TABLE 1146, SQLite "no such table"): how a reader that must not create anything
 * learns that a database has no history yet.
 */
export function isMissingTable(e: unknown): boolean {
  const err = e as { code?: string; errno?: number; message?: string };
  return (
    err.code === "42P01" ||
    err.code === "ER_NO_SUCH_TABLE" ||
    err.errno === 1146 ||
    /no such table/i.test(String(err.message ?? ""))
  );
}
