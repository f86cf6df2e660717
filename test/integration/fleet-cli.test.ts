/**
 * Fleets through the compiled binary: 60 SQLite files, 5 PostgreSQL and 5 MariaDB databases
 * (one project per dialect: migrations hold dialect-specific SQL), one target per dialect made to
 * fail: every other target reaches the newest version, the failure is reported with its URL
 * (password hidden) and statement, exit 1; after the fix a re-run applies only that target.
 * `--canary 2` with a failing canary changes no other target.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor, freshDatabase, type TestDb } from "../support/db.ts";
import { Project } from "../support/project.ts";
import { connect } from "../../src/dialects/registry.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("fleet_cli");
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c().catch(() => {});
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const SIZE: Record<DialectName, number> = { sqlite: 60, postgres: 5, mysql: 5 };

/** A project with three migrations (tables t1, t2, t3) and `n` empty databases of its dialect. */
async function fleet(d: DialectName, n: number, tag: string) {
  const p = new Project(d, "sqlite:./unused.db");
  cleanup.push(async () => rmSync(p.dir, { recursive: true, force: true }));
  let text = "";
  for (let i = 1; i <= 3; i++) {
    text += `table t${i} {\n  id int primary key\n}\n`;
    p.schema(text);
    p.generate(`m${i}`);
  }
  const urls: string[] = [];
  if (d === "sqlite") {
    mkdirSync(join(p.dir, "tenants"));
    for (let i = 0; i < n; i++) {
      const name = `tenants/t${String(i).padStart(3, "0")}.db`;
      writeFileSync(join(p.dir, name), ""); // an empty file is an empty SQLite database
      urls.push(`sqlite:${name}`);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const db = await freshDatabase(d, `${tag}${i}`);
      if ("unavailable" in db) throw new Error(db.unavailable);
      cleanup.push(() => (db as TestDb).drop());
      urls.push(db.url);
    }
  }
  return { p, urls };
}

const abs = (p: Project, url: string) =>
  url.startsWith("sqlite:") ? `sqlite:${join(p.dir, url.slice(7))}` : url;

async function exec(url: string, sql: string) {
  const c = await connect(url);
  try {
    await c.exec(sql);
  } finally {
    await c.close();
  }
}

interface Row {
  url: string;
  status: string;
  before: string | null;
  after: string | null;
  applied: string[];
  error: string | null;
}
const rowsOf = (out: string) => (JSON.parse(out) as { targets: Row[] }).targets;

for (const target of targets) {
  const d = target.dialect;
  describe(`fleet on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test(`${SIZE[d]} databases, one failing: the others reach the newest version, the failure names its URL and statement, exit 1; a re-run applies only that one`, async () => {
      const { p, urls } = await fleet(d, SIZE[d], "fl");
      const head = p.versions().at(-1)!;
      const bad = urls[Math.floor(urls.length / 2)]!;
      // The bad target already has a table t2, so the second migration's CREATE TABLE fails there.
      await exec(abs(p, bad), "CREATE TABLE t2 (x int)");
      // A targets file with comments and ${VAR} from the environment (sqlite: a glob instead).
      const list = urls
        .map((u) => (u.startsWith("sqlite:") ? u : u.replace(/^(\w+:\/\/)/, "${FLEET_SCHEME}")))
        .join("\n");
      writeFileSync(join(p.dir, "targets.txt"), `# tenants\n${list}\n\n# end\n`);
      const env = { FLEET_SCHEME: d === "postgres" ? "postgres://" : "mysql://" };
      const args = d === "sqlite" ? ["--targets-glob", "sqlite:tenants/*.db"] : ["--targets", "targets.txt"];
      const r = p.runWith(env, "up", ...args, "--concurrency", "4", "--json");
      expect(r.code).toBe(1);
      const rows = rowsOf(r.out);
      expect(rows.length).toBe(urls.length);
      for (const row of rows) {
        if (row.url === bad.replace(/:\/\/([^:/@]*):[^@/]*@/, "://$1:***@")) {
          expect(row.status).toBe("failed");
          expect(row.error).toMatch(/migration \d+_m2 failed at statement 1 of 1 \(up\.sql line \d+\)/);
        } else {
          expect({ url: row.url, status: row.status, after: row.after, applied: row.applied.length }).toEqual(
            { url: row.url, status: "ok", after: head, applied: 3 },
          );
        }
      }
      // Human output: the summary groups by version and names the failed target.
      const again = p.runWith(env, "up", ...args);
      expect(again.code).toBe(1);
      expect(again.out).toContain(`${urls.length} targets`);
      expect(again.out).toContain(`${urls.length - 1} at ${head}`);
      expect(again.out).toMatch(/1 failed: /);
      expect(again.out).toMatch(/FAIL {2}\S+: migration \d+_m2 failed at statement 1/);
      // The fix, then a re-run: only the bad target changes.
      await exec(abs(p, bad), "DROP TABLE t2");
      // MySQL's DDL is not transactional: the failed migration is recorded and must be settled.
      if (d === "mysql")
        expect(p.run("resolve", p.versions()[1]!, "--rolled-back", "--url", bad).code).toBe(0);
      const fixed = p.runWith(env, "up", ...args, "--json");
      expect(fixed.code).toBe(0);
      const changed = rowsOf(fixed.out).filter((x) => x.applied.length);
      expect(changed.length).toBe(1);
      expect(changed[0]!.applied.length).toBe(2);
      const st = p.runWith(env, "status", ...args, "--json");
      expect(st.code).toBe(0);
      expect(new Set(rowsOf(st.out).map((x) => x.after))).toEqual(new Set([head]));
    }, 120_000);

    test("--canary 2 with a failing canary changes no other target", async () => {
      const { p, urls } = await fleet(d, d === "sqlite" ? 8 : 4, "fc");
      await exec(abs(p, urls[0]!), "CREATE TABLE t3 (x int)");
      writeFileSync(join(p.dir, "targets.txt"), urls.join("\n"));
      const r = p.run("up", "--targets", "targets.txt", "--canary", "2", "--json");
      expect(r.code).toBe(1);
      const rows = rowsOf(r.out);
      expect(rows[0]!.status).toBe("failed");
      expect(rows[1]!.status).toBe("ok");
      for (const row of rows.slice(2)) expect(row).toMatchObject({ status: "skipped", applied: [] });
      for (const u of urls.slice(2)) {
        const c = p.run("current", "--url", abs(p, u));
        expect(c.out.trim()).toBe("base");
      }
    }, 120_000);
  });
}

describe("check over a fleet", () => {
  test("lints the migrations pending on any target: exit 3 while a tenant lacks a data-loss migration, 0 once all have it", async () => {
    const { p } = await fleet("sqlite", 4, "ck");
    const glob = ["--targets-glob", "sqlite:tenants/*.db"];
    expect(p.run("up", ...glob).code).toBe(0);
    p.schema("table t1 {\n  id int primary key\n}\ntable t2 {\n  id int primary key\n}\n");
    const v = p.generate("drop t3");
    const r = p.run("check", ...glob);
    expect(r.code).toBe(3);
    expect(r.out).toContain(`migrations/${v}/up.sql`);
    expect(r.err).toContain("pending on any of 4 targets");
    expect(p.run("lint", ...glob).code).toBe(3);
    expect(p.run("up", ...glob, "--allow-data-loss").code).toBe(0);
    const ok = p.run("check", ...glob);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("the 0 pending on any of 4 targets");
  }, 60_000);
});
