/**
 * Dialects by name and by URL scheme, loaded lazily so a command pays only for the dialect it
 * uses, and `--version` for none.
 */
import type { Connection, Dialect, DialectName } from "./dialect.ts";
import { dialectOfUrl, redactUrl, withoutDriver } from "./url.ts";
import { SchemavcError } from "../core/errors.ts";

export async function getDialect(name: DialectName): Promise<Dialect> {
  switch (name) {
    case "sqlite":
      return (await import("./sqlite/index.ts")).sqlite;
    case "postgres":
      return (await import("./postgres/index.ts")).postgres;
    case "mysql":
      return (await import("./mysql/index.ts")).mysql;
  }
}

export function dialectFromUrl(url: string): DialectName {
  const d = dialectOfUrl(url);
  if (!d)
    throw new SchemavcError(
      `unknown database URL scheme in ${redactUrl(url)}`,
      2,
      "use sqlite:PATH, sqlite:///PATH (SQLAlchemy), file:PATH, libsql://, http(s)://, postgres://, postgresql://, mysql:// or mariadb:// (a SQLAlchemy +driver part is ignored)",
    );
  return d;
}

/** Opens a connection with the driver of the URL's dialect (a SQLAlchemy `+driver` part is ignored). */
export async function connect(
  given: string,
  opts: {
    connectTimeoutMs?: number;
    /** Never create the database (SQLite creates a missing file on open): fail with `NoDatabaseError`. */
    mustExist?: boolean;
  } = {},
): Promise<Connection> {
  const url = withoutDriver(given);
  switch (dialectFromUrl(url)) {
    case "sqlite":
      return (await import("./sqlite/driver.ts")).connectSqlite(url, opts);
    case "postgres":
      return (await import("./postgres/driver.ts")).connectPostgres(url, opts);
    case "mysql":
      return (await import("./mysql/driver.ts")).connectMysql(url, opts);
  }
}
