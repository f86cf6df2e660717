/**
 * Test databases: each test file gets databases of its own on the loopback servers that
 * scripts/test-dbs.sh starts, so files can run side by side. URLs come from the environment:
 * SCHEMAVC_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) and
 * SCHEMAVC_TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/). SQLite uses a temp file.
 *
 * When a server cannot be reached: under CI=true the suite fails (a green run must have run
 * every database); elsewhere the suite is skipped with a visible message.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "../../src/dialects/registry.ts";
import type { Connection, DialectName } from "../../src/dialects/dialect.ts";

export const PG_URL = process.env["SCHEMAVC_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const MYSQL_URL = process.env["SCHEMAVC_TEST_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/";
export const IN_CI = process.env["CI"] === "true";

export interface TestDb {
  readonly dialect: DialectName;
  readonly url: string;
  connect(): Promise<Connection>;
  drop(): Promise<void>;
}

const withDatabase = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

let counter = 0;

/**
 * A fresh, empty database for `dialect`, or the reason it cannot be had. `tag` names it after
 * the test file, so a leftover database says where it came from.
 */
export async function freshDatabase(
  dialect: DialectName,
  tag: string,
): Promise<TestDb | { unavailable: string }> {
  const name =
    `schemavc_t_${tag.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${++counter}`.slice(0, 60);
  if (dialect === "sqlite") {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), "schemavc-test-")), "test.db")}`;
    return { dialect, url, connect: () => connect(url), drop: async () => {} };
  }
  const admin = dialect === "postgres" ? PG_URL : MYSQL_URL;
  let c: Connection;
  try {
    c = await connect(admin, { connectTimeoutMs: 3000 });
  } catch (e) {
    return {
      unavailable: `${dialect} at ${admin} is unreachable (${(e as Error).message.split("\n")[0]}); run scripts/test-dbs.sh`,
    };
  }
  const q = dialect === "postgres" ? `"${name}"` : `\`${name}\``;
  try {
    await c.exec(`DROP DATABASE IF EXISTS ${q}`);
    await c.exec(`CREATE DATABASE ${q}`);
  } finally {
    await c.close();
  }
  const url = withDatabase(admin, name);
  return {
    dialect,
    url,
    connect: () => connect(url),
    drop: async () => {
      const a = await connect(admin);
      try {
        // PostgreSQL refuses to drop a database with sessions on it; WITH (FORCE) ends them.
        await a.exec(
          dialect === "postgres"
            ? `DROP DATABASE IF EXISTS ${q} WITH (FORCE)`
            : `DROP DATABASE IF EXISTS ${q}`,
        );
      } finally {
        await a.close();
      }
    },
  };
}

/**
 * Makes a database for each dialect for one test file. Unavailable servers: under CI the
 * returned list keeps them with `unavailable` set (the caller's test fails on it), elsewhere
 * they are left out with a console message.
 */
export async function databasesFor(
  tag: string,
  dialects: readonly DialectName[] = ["sqlite", "postgres", "mysql"],
) {
  const out: { dialect: DialectName; db?: TestDb; unavailable?: string }[] = [];
  for (const d of dialects) {
    const r = await freshDatabase(d, tag);
    if ("unavailable" in r) {
      if (IN_CI) out.push({ dialect: d, unavailable: r.unavailable });
      else console.warn(`SKIPPED ${tag} on ${d}: ${r.unavailable}`);
    } else out.push({ dialect: d, db: r });
  }
  return out;
}
