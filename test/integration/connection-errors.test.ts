/**
 * Connection failures are errors a person can act on: one `error:` line naming the URL with
 * its password hidden, a hint of what to check, exit 1, within the connect timeout, and never
 * a stack trace.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createServer, type AddressInfo } from "node:net";
import { Project } from "../support/project.ts";
import { MYSQL_URL, PG_URL } from "../support/db.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const SECRET = "s3cr3t-pw";
const withPassword = (url: string, user: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = SECRET;
  return u.toString();
};
const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

// A server that accepts connections and never says a word (the kernel completes the handshake
// from the listen backlog): the client must give up within --connect-timeout and the process end.
const silent = createServer(() => {}).listen(0, "127.0.0.1");
await new Promise((r) => silent.once("listening", r));
const silentPort = (silent.address() as AddressInfo).port;
afterAll(() => {
  silent.close();
});

const cases: [string, DialectName, string, RegExp][] = [
  [
    "a server that never answers (PostgreSQL)",
    "postgres",
    `postgres://u:${SECRET}@127.0.0.1:${silentPort}/db`,
    /no answer within 3 s/,
  ],
  [
    "a server that never answers (MySQL)",
    "mysql",
    `mysql://u:${SECRET}@127.0.0.1:${silentPort}/db`,
    /no answer within 3 s/,
  ],
  // A routed address nobody answers (SYNs dropped): the PostgreSQL driver's own connect_timeout
  // never fired under Bun here and the process hung after printing the error.
  [
    "a host that drops the connection attempt (PostgreSQL)",
    "postgres",
    `postgres://u:${SECRET}@10.255.255.1:5432/db`,
    /cannot connect to postgres:\/\/u:\*+@10\.255\.255\.1:5432\/db/,
  ],
  [
    "a refused connection (PostgreSQL)",
    "postgres",
    `postgres://postgres:${SECRET}@127.0.0.1:1/postgres`,
    /connection refused[\s\S]*hint: is the database server running and listening on 127\.0\.0\.1:1\?/,
  ],
  ["a refused connection (MySQL)", "mysql", `mysql://root:${SECRET}@127.0.0.1:1/x`, /connection refused/],
  [
    "a wrong password (MySQL)",
    "mysql",
    withDb(withPassword(MYSQL_URL, "root"), "mysql"),
    /authentication failed for user root[\s\S]*hint: check the user name and password/,
  ],
  [
    "a missing database (PostgreSQL)",
    "postgres",
    withDb(PG_URL, "schemavc_no_such_db"),
    /database "schemavc_no_such_db" does not exist[\s\S]*createdb/,
  ],
  [
    "a missing database (MySQL)",
    "mysql",
    withDb(MYSQL_URL, "schemavc_no_such_db"),
    /database "schemavc_no_such_db" does not exist/,
  ],
  [
    "an unknown host",
    "postgres",
    `postgres://u:${SECRET}@no-such-host.invalid:5432/db`,
    /host no-such-host\.invalid:5432 not found|no answer within/,
  ],
  [
    "a folder that does not exist (SQLite)",
    "sqlite",
    "sqlite:/no/such/folder/x.db",
    /cannot open sqlite:\/no\/such\/folder\/x\.db/,
  ],
];

describe("connection failures", () => {
  for (const [name, dialect, url, expected] of cases) {
    test(name, () => {
      const p = new Project(dialect, url);
      p.schema("table t {\n  id int primary key\n}\n");
      p.generate("one");
      const t0 = performance.now();
      const r = p.run("up", "--connect-timeout", "3");
      expect(performance.now() - t0).toBeLessThan(8000);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^error: /);
      expect(r.err).toMatch(expected);
      expect(r.err).not.toContain(SECRET);
      expect(r.out).not.toContain(SECRET);
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
      expect(r.err.trim().split("\n").length).toBeLessThanOrEqual(2);
    }, 20_000);
  }
});
