/**
 * A real three-node MariaDB Galera cluster (scripts/galera.sh, 127.0.0.1:3311-3313), where
 * GET_LOCK is node-local: three `up` processes started at once, one against each node, with
 * three pending migrations apply each migration exactly once, all exit 0, and the history is
 * identical on the three nodes; a runner killed (SIGKILL) while it holds the cluster lock blocks
 * the next run no longer than the lease.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { connect } from "../../src/dialects/registry.ts";
import { IN_CI } from "../support/db.ts";
import { Project } from "../support/project.ts";

const NODES = [3311, 3312, 3313].map((port) => `mysql://root@127.0.0.1:${port}/`);

async function reachable(): Promise<string | undefined> {
  try {
    const c = await connect(NODES[0]!, { connectTimeoutMs: 2000 });
    try {
      const [row] = await c.query<{ size: string }>(
        "SELECT VARIABLE_VALUE AS size FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'",
      );
      return row?.size === "3" ? undefined : `the Galera cluster has ${row?.size ?? "no"} nodes, not 3`;
    } finally {
      await c.close();
    }
  } catch (e) {
    return `no Galera cluster on 127.0.0.1:3311 (start it with \`bash scripts/galera.sh start\`): ${(e as Error).message}`;
  }
}

const unavailable = await reachable();
const created: string[] = [];
afterAll(async () => {
  if (unavailable) return;
  const c = await connect(NODES[0]!);
  for (const db of created) await c.exec(`DROP DATABASE IF EXISTS \`${db}\``).catch(() => {});
  await c.close();
});

/** A database on the cluster (created on node 1, replicated) and its URL on each node. */
async function clusterDatabase(tag: string): Promise<string[]> {
  const name = `schemavc_galera_${tag}_${Math.random().toString(36).slice(2, 8)}`;
  const c = await connect(NODES[0]!);
  await c.exec(`CREATE DATABASE \`${name}\``);
  await c.close();
  created.push(name);
  return NODES.map((u) => `${u}${name}`);
}

async function historyOn(url: string): Promise<string[]> {
  const c = await connect(url);
  try {
    return (
      await c.query<{ version: string; checksum: string; status: string }>(
        "SELECT version, checksum, status FROM schemavc_migrations ORDER BY version",
      )
    ).map((r) => `${r.version} ${r.checksum} ${r.status}`);
  } finally {
    await c.close();
  }
}

describe("Galera cluster", () => {
  if (unavailable) {
    if (IN_CI)
      test("the Galera cluster is running", () => {
        throw new Error(unavailable);
      });
    else test.skip(`SKIPPED: ${unavailable}`, () => {});
    return;
  }

  test("three up processes, one per node, three pending migrations: each applied once, all exit 0, the same history on every node", async () => {
    const urls = await clusterDatabase("race");
    const p = new Project("mysql", urls[0]!);
    let text = "";
    for (let i = 1; i <= 3; i++) {
      text += `table t${i} {\n  id int primary key\n}\n`;
      p.schema(text);
      const v = p.generate(`m${i}`);
      // A second of work per migration: without a cluster-wide lock the three runners overlap.
      p.write(v, "up.sql", `${p.read(v, "up.sql")}\nDO SLEEP(1);\n`);
      expect(p.run("rehash").code).toBe(0);
    }
    const procs = urls.map((u) =>
      Bun.spawn([p.bin, "up", "--url", u, "--json", "--lock-timeout", "60"], {
        cwd: p.dir,
        env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1" },
        stdout: "pipe",
        stderr: "pipe",
      }),
    );
    const results = await Promise.all(
      procs.map(async (proc) => ({
        code: await proc.exited,
        out: await new Response(proc.stdout).text(),
        err: await new Response(proc.stderr).text(),
      })),
    );
    for (const r of results) expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: "" });
    const applied = results.flatMap((r) =>
      (JSON.parse(r.out) as { applied: { version: string }[] }).applied.map((a) => a.version),
    );
    expect(applied.sort()).toEqual(p.versions());
    const histories = await Promise.all(urls.map(historyOn));
    expect(histories[0]!.length).toBe(3);
    expect(histories[1]).toEqual(histories[0]!);
    expect(histories[2]).toEqual(histories[0]!);
  }, 120_000);

  test("a statement Galera cannot replicate safely is refused before anything runs, naming the migration and line", async () => {
    const urls = await clusterDatabase("refuse");
    const p = new Project("mysql", urls[0]!);
    p.schema("table a {\n  id int primary key\n}\n");
    p.generate("fine");
    p.schema("table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n}\n");
    const v = p.generate("myisam");
    p.write(v, "up.sql", p.read(v, "up.sql").replace(/\)\s*;\s*$/, ") ENGINE=MyISAM;\n"));
    expect(p.run("rehash").code).toBe(0);
    const r = p.run("up", "--url", urls[1]!);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`migration ${v} \\(up\\.sql line \\d+\\) uses a non-InnoDB engine`));
    expect(r.err).toContain("nothing was applied");
    // Nothing ran: not even the first, harmless migration.
    expect(p.run("current", "--url", urls[2]!).out.trim()).toBe("base");
  }, 60_000);

  test("a runner killed while it holds the cluster lock blocks the next run no longer than the lease", async () => {
    const urls = await clusterDatabase("kill");
    const p = new Project("mysql", urls[0]!);
    p.schema("table t {\n  id int primary key\n}\n");
    const v = p.generate("slow");
    p.write(v, "up.sql", `DO SLEEP(30);\n${p.read(v, "up.sql")}`);
    expect(p.run("rehash").code).toBe(0);
    const env = { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1", SCHEMAVC_GALERA_LEASE: "3" };
    const first = Bun.spawn([p.bin, "up", "--url", urls[0]!], {
      cwd: p.dir,
      env,
      stdout: "pipe",
      stderr: "pipe",
    });
    // Wait until it holds the lock and is inside the migration (its history row says it is at
    // statement 1, the 30 s sleep), seen from another node; then kill it.
    const c = await connect(urls[1]!);
    for (let i = 0; i < 150; i++) {
      const rows = await c.query("SELECT version FROM schemavc_migrations").catch(() => []);
      if (rows.length) break;
      await Bun.sleep(100);
    }
    expect((await c.query("SELECT owner FROM schemavc_lock WHERE id = 1")).length).toBe(1);
    expect((await c.query("SELECT status FROM schemavc_migrations")).length).toBe(1);
    await c.close();
    first.kill("SIGKILL");
    await first.exited;
    // The next run, on another node: it takes the lock over once the 3 s lease has expired (not
    // after its own 30 s lock timeout), then finds the killed run's migration recorded as failed.
    const t0 = performance.now();
    const next = Bun.spawnSync([p.bin, "up", "--url", urls[2]!, "--lock-timeout", "30"], {
      cwd: p.dir,
      env,
      stdout: "pipe",
      stderr: "pipe",
    });
    const seconds = (performance.now() - t0) / 1000;
    expect(next.exitCode).toBe(1);
    expect(next.stderr.toString()).toContain(`migration ${v} failed at statement 1`);
    expect(next.stderr.toString()).not.toContain("held the migration lock");
    expect(seconds).toBeLessThan(15);
  }, 120_000);
});
