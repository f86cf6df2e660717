/**
 * `up --sql` and `down --sql` (issue 18, item 2), through the compiled binary: the offline
 * script, run by the database's own client (psql, the mariadb client, sqlite3) into an empty
 * database, from base and from a middle version, leaves the structure and the history rows
 * `schemavc up` leaves; `down --sql` takes it back.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freshDatabase, type TestDb } from "../support/db.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect, getDialect } from "../../src/dialects/registry.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const dbs: TestDb[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop().catch(() => {});
});

const V1 = "table users {\n  id    int          primary key\n  name  varchar(40)\n}\n";
const V2 = `${V1}table posts {\n  id       int  primary key\n  user_id  int  references users(id)\n  title    varchar(80)?\n}\n`;
const V3 = V2.replace("  title    varchar(80)?\n", "  title    varchar(80)?\n\n  index (title)\n");

/** Runs a script with the database's own client, stopping at the first error. */
function client(dialect: DialectName, url: string, file: string): void {
  const u = new URL(url.replace(/^sqlite:/, "file:"));
  const cmd =
    dialect === "postgres"
      ? ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, url]
      : dialect === "mysql"
        ? [
            "sh",
            "-c",
            `mariadb -h ${u.hostname} -P ${u.port || 3306} -u ${u.username} ${u.password ? `-p${u.password}` : ""} ${u.pathname.slice(1)} < "${file}"`,
          ]
        : ["sh", "-c", `sqlite3 -bail "${url.replace(/^sqlite:/, "")}" < "${file}"`];
  const r = Bun.spawnSync(cmd, { env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } });
  if (r.exitCode !== 0) throw new Error(`${cmd[0]} failed: ${r.stderr.toString()}`);
}

/** The structure (the normal form drift uses) and the history rows, times left out. */
async function state(dialect: DialectName, url: string) {
  const d = await getDialect(dialect);
  const c = await connect(url);
  try {
    const live = await d.introspect(c);
    const history = await c.query<Record<string, unknown>>(
      `SELECT ${["version", "name", "checksum", "up_sql", "down_sql", "status", "failed_statement", "error"].map((x) => d.quoteIdent(x)).join(", ")} FROM ${d.quoteIdent("schemavc_migrations")} ORDER BY ${d.quoteIdent("version")}`,
    );
    const times = await c.query<{ at: string }>(
      `SELECT ${d.quoteIdent("applied_at")} AS at FROM ${d.quoteIdent("schemavc_migrations")}`,
    );
    return {
      schema: JSON.stringify(d.normalize(live.schema)),
      history,
      times: times.map((t) => String(t.at)),
    };
  } finally {
    await c.close();
  }
}

for (const dialect of ["sqlite", "postgres", "mysql"] as DialectName[]) {
  describe(`offline SQL on ${dialect}`, () => {
    test("up --sql from base and from a middle version, run by the database's client, equals schemavc up; down --sql takes it back", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(dialect, "offline_ref");
      try {
        p.schema(V1);
        const v1 = p.generate("users");
        p.schema(V2);
        p.generate("posts");
        p.schema(V3);
        const v3 = p.generate("title index");
        ok(p.run("up"));
        const want = await state(dialect, db.url);

        // From base into an empty database.
        const empty = await freshDatabase(dialect, "offline_base");
        if ("unavailable" in empty) throw new Error(empty.unavailable);
        dbs.push(empty);
        const script = join(p.dir, "up.sql");
        writeFileSync(script, ok(p.run("up", "--sql")).out);
        client(dialect, empty.url, script);
        const got = await state(dialect, empty.url);
        expect(got.schema).toBe(want.schema);
        expect(got.history).toEqual(want.history);
        for (const t of got.times) expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        // schemavc reads what the script wrote: at v3, nothing pending.
        expect(ok(p.run("current", "--url", empty.url)).out).toContain(v3);

        // From a middle version: the database schemavc brought to v1 takes the rest offline.
        const middle = await freshDatabase(dialect, "offline_mid");
        if ("unavailable" in middle) throw new Error(middle.unavailable);
        dbs.push(middle);
        ok(p.run("up", "--to", v1, "--url", middle.url));
        const rest = join(p.dir, "rest.sql");
        writeFileSync(rest, ok(p.run("up", "--sql", "--from", v1)).out);
        expect(ok(p.run("up", "--sql", "--from", v1)).out).not.toContain("CREATE TABLE IF NOT EXISTS");
        client(dialect, middle.url, rest);
        const mid = await state(dialect, middle.url);
        expect(mid.schema).toBe(want.schema);
        expect(mid.history).toEqual(want.history);

        // down --sql from head to v1, run by the client: the database is at v1 again.
        const back = join(p.dir, "down.sql");
        writeFileSync(back, ok(p.run("down", "--sql", "--to", v1)).out);
        client(dialect, middle.url, back);
        expect(ok(p.run("current", "--url", middle.url)).out).toContain(v1);
        expect(ok(p.run("status", "--url", middle.url), 3).out).toContain("drift: none");
      } finally {
        await drop();
      }
    }, 180_000);
  });
}
