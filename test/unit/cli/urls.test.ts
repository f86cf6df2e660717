/**
 * Database URLs in every spelling the contract promises (its "URLs" line): the dialect each one
 * names, the URL the driver gets, and the SQLite file it points at. The binary and the real
 * servers are in test/integration/sqlalchemy-urls.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { dialectOfUrl, isLocalUrl, withoutDriver } from "../../../src/dialects/url.ts";
import { sqlitePath } from "../../../src/dialects/sqlite/path.ts";

describe("database URLs", () => {
  test("a SQLAlchemy +driver part names the dialect of its scheme, and is dropped for the driver", () => {
    for (const [url, dialect, plain] of [
      ["postgresql+psycopg2://u:p@h/db", "postgres", "postgresql://u:p@h/db"],
      ["postgresql+asyncpg://h/db?ssl=require", "postgres", "postgresql://h/db?ssl=require"],
      ["mysql+pymysql://root@h:3306/db?charset=utf8mb4", "mysql", "mysql://root@h:3306/db?charset=utf8mb4"],
      ["mysql+mysqldb://root@h/db", "mysql", "mysql://root@h/db"],
      ["mariadb+mariadbconnector://root@h/db", "mysql", "mariadb://root@h/db"],
      ["sqlite+pysqlite:///dev.db", "sqlite", "sqlite:///dev.db"],
      ["postgres://h/db", "postgres", "postgres://h/db"],
      ["sqlite:./dev.db", "sqlite", "sqlite:./dev.db"],
    ] as const) {
      expect({ url, dialect: dialectOfUrl(url), plain: withoutDriver(url) }).toEqual({ url, dialect, plain });
    }
    expect(dialectOfUrl("oracle+cx_oracle://h/db")).toBeUndefined();
  });
  test("the file of a sqlite: URL, as SQLAlchemy reads its three and four slashes", () => {
    for (const [url, path] of [
      ["sqlite:./dev.db", "./dev.db"],
      ["sqlite:dev.db", "dev.db"],
      ["sqlite:/srv/app.db", "/srv/app.db"],
      ["sqlite://dev.db", "dev.db"],
      ["sqlite:///dev.db", "dev.db"],
      ["sqlite:///data/dev.db", "data/dev.db"],
      ["sqlite:////srv/app.db", "/srv/app.db"],
      ["sqlite:///dev.db?check_same_thread=false", "dev.db"],
      ["sqlite://", ":memory:"],
      ["sqlite:///:memory:", ":memory:"],
      ["sqlite::memory:", ":memory:"],
    ] as const) {
      expect({ url, path: sqlitePath(url) }).toEqual({ url, path });
    }
  });
});

describe("isLocalUrl: the databases `reset` may empty without a question", () => {
  test("SQLite files, localhost, 127.0.0.0/8, ::1 and sockets are local; other hosts are not", () => {
    for (const url of [
      "sqlite:./dev.db",
      "sqlite:///dev.db",
      "file:dev.db",
      "postgres://app@localhost/app",
      "postgresql://app:pw@127.0.0.1:5432/app",
      "mysql://root@[::1]:3306/shop",
      "postgres:///app?host=/var/run/postgresql",
      "libsql://127.0.0.1:8080",
    ])
      expect({ url, local: isLocalUrl(url) }).toEqual({ url, local: true });
    for (const url of [
      "postgres://app@db.internal/app",
      "mysql://root@10.0.0.5/shop",
      "libsql://my-db.turso.io",
      "https://my-db.turso.io",
      "not a url",
    ])
      expect({ url, local: isLocalUrl(url) }).toEqual({ url, local: false });
  });
});
