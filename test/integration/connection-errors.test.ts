/**
 * Connection failures are errors a person can act on: one `error:` line naming the URL with
 * its password hidden, a hint of what to check, exit 1, within the connect timeout, and never
 * a stack trace.
 */
import { describe, expect, test } from "bun:test";
import { Project } from "../support/project.ts";
import { MYSQL_URL, PG_URL } from "../support/db.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const SECRET = "s3cr3t-pw";
const withPassword = (url: string, user: string) => { const u = new URL(url); u.username = user; u.password = SECRET; return u.toString(); };
const withDb = (url: string, db: string) => { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); };

const cases: [string, DialectName, string, RegExp][] = [
  ["a refused connection (PostgreSQL)", "postgres", `postgres://postgres:${SECRET}@127.0.0.1:1/postgres`, /connection refused[\s\S]*hint: is the database server running and listening on 127\.0\.0\.1:1\?/],
  ["a refused connection (MySQL)", "mysql", `mysql://root:${SECRET}@127.0.0.1:1/x`, /connection refused/],
  ["a wrong password (MySQL)", "mysql", withDb(withPassword(MYSQL_URL, "root"), "mysql"), /authentication failed for user root[\s\S]*hint: check the user name and password/],
  ["a missing database (PostgreSQL)", "postgres", withDb(PG_URL, "schemavc_no_such_db"), /database "schemavc_no_such_db" does not exist[\s\S]*createdb/],
  ["a missing database (MySQL)", "mysql", withDb(MYSQL_URL, "schemavc_no_such_db"), /database "schemavc_no_such_db" does not exist/],
  ["an unknown host", "postgres", `postgres://u:${SECRET}@no-such-host.invalid:5432/db`, /host no-such-host\.invalid:5432 not found|no answer within/],
  ["a folder that does not exist (SQLite)", "sqlite", "sqlite:/no/such/folder/x.db", /cannot open sqlite:\/no\/such\/folder\/x\.db/],
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
