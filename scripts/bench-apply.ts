/**
 * Benchmark: small generated migrations (a table and an index each) applied by `schemavc up`,
 * side by side with the database's own client running the same SQL with one transaction per
 * migration (psql, the mariadb client, sqlite3), for each count of migrations (default 5 and
 * 200: issue 19, target 3, asks each within 1.3 × the client). Each count is run RUNS times,
 * each run on fresh databases, and the medians are compared.
 *
 * Then the runner's own cost per migration, measured in-process on the same migrations (the
 * library, not the binary: the connection is wrapped to time each call by what it is for):
 * the history row (and SQLite's re-check inside the transaction), the lock, the dialect's
 * guard and other checks (SQLite: foreign keys off and on, the trigger/view/foreign-key checks;
 * MySQL: the Galera preflight), BEGIN and COMMIT (its fsync), the up.sql checksums, the
 * data-loss lint of the pending migrations, and reading and verifying the folder (the sum file).
 *
 * Run: `bun run build && bun scripts/bench-apply.ts [RUNS=3] [--counts 5,200] [--dialects postgres,mysql,sqlite]`.
 * `--baseline BIN` also runs another build's `up` in each round (on a database of its own), so
 * two builds compare side by side.
 * (The databases: `bash scripts/test-dbs.sh`, or the servers named by SCHEMAVC_TEST_PG_URL and
 * SCHEMAVC_TEST_MYSQL_URL.)
 */
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeMigration, type Migration } from "../src/migrate/dir.ts";
import { getDialect, connect } from "../src/dialects/registry.ts";
import { plan, sqlFile } from "../src/diff/plan.ts";
import { noRenames } from "../src/diff/renames.ts";
import { loadSources } from "../src/dsl/load.ts";
import type { DialectName } from "../src/dialects/dialect.ts";
import type { Schema } from "../src/ir/model.ts";
import type { Connection, Executor } from "../src/dialects/dialect.ts";
import { readMigrations } from "../src/migrate/dir.ts";
import { checksumOf, HISTORY_TABLE } from "../src/migrate/history.ts";
import { Runner } from "../src/migrate/runner.ts";
import { dataLossGuard } from "../src/lint/migrations.ts";

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const COUNTS = (option("--counts") ?? "5,200").split(",").map(Number);
const DIALECTS = (option("--dialects") ?? "postgres,mysql,sqlite").split(",") as DialectName[];
const baselineArg = option("--baseline");
const baseline = baselineArg ? resolve(baselineArg) : undefined;
const RUNS = Number(args[0] ?? 3);
const bin = resolve("dist/schemavc");
const PG = process.env["SCHEMAVC_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MY = process.env["SCHEMAVC_TEST_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/";

const toml = (dialect: DialectName, url: string) =>
  `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\nurl = "${url}"\n`;

async function project(dialect: DialectName, url: string, N: number) {
  const dir = mkdtempSync(join(tmpdir(), `schemavc-bench-apply-${dialect}-`));
  mkdirSync(join(dir, "schema"));
  writeFileSync(join(dir, "schemavc.toml"), toml(dialect, url));
  const d = await getDialect(dialect);
  let prev: Schema = { tables: [], enums: [] };
  let text = "";
  const scripts: string[] = [];
  const existing: Migration[] = [];
  for (let i = 0; i < N; i++) {
    text += `table t${i} {\n  id bigint primary key\n  name varchar(100)?\n  n int default 0\n\n  index (name)\n}\n`;
    const next = loadSources(new Map([["s.schema", text]])).schema;
    const p = plan(prev, next, noRenames(), d);
    const version = `2026${String(1010000000 + i).padStart(10, "0")}_m${i}`;
    const up = sqlFile({
      version,
      message: `m${i}`,
      direction: "up",
      dialect,
      statements: p.upSql,
      losses: [],
    });
    const down = sqlFile({
      version,
      message: "",
      direction: "down",
      dialect,
      statements: p.downSql,
      losses: [],
    });
    await writeMigration(join(dir, "migrations"), existing, { version, up, down, schema: next, dialect });
    existing.push({
      version,
      timestamp: version.slice(0, 14),
      name: `m${i}`,
      dir: join(dir, "migrations", version),
      up,
      down,
      dialect,
      snapshot: { format: 1, id: version, prevId: null, dialect, schema: next },
    });
    scripts.push(p.upSql.map((s) => `${s};`).join("\n"));
    prev = next;
  }
  return { dir, scripts };
}

async function freshDb(dialect: DialectName): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const f = join(mkdtempSync(join(tmpdir(), "bench-")), "b.db");
    return { url: `sqlite:${f}`, drop: async () => {} };
  }
  const admin = dialect === "postgres" ? PG : MY;
  const name = `schemavc_bench_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const c = await connect(admin);
  await c.exec(`CREATE DATABASE ${name}`);
  await c.close();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = await connect(admin);
      await a.exec(dialect === "postgres" ? `DROP DATABASE ${name} WITH (FORCE)` : `DROP DATABASE ${name}`);
      await a.close();
    },
  };
}

function time(cmd: string[], opts: { cwd?: string; stdin?: string } = {}): number {
  const t0 = performance.now();
  const p = Bun.spawnSync(cmd, {
    cwd: opts.cwd,
    stdin: opts.stdin ? Buffer.from(opts.stdin) : "ignore",
    stdout: "ignore",
    stderr: "pipe",
  });
  const ms = performance.now() - t0;
  if (p.exitCode !== 0) throw new Error(`${cmd[0]} failed: ${p.stderr.toString().slice(0, 400)}`);
  return ms;
}

/** What each call of the runner is for, from its SQL. */
function kindOf(sql: string, statements: ReadonlySet<string>): string {
  if (statements.has(sql.trim())) return "migration SQL";
  if (sql.includes(HISTORY_TABLE)) return "history row";
  if (/advisory|GET_LOCK|RELEASE_LOCK|IS_USED_LOCK|busy_timeout|^BEGIN IMMEDIATE$|^ROLLBACK$/i.test(sql))
    return "lock";
  return "guard and other checks";
}

/** A connection that adds each call's time to `spent` under its kind. */
function timed(conn: Connection, statements: ReadonlySet<string>, spent: Map<string, number>): Connection {
  const add = (k: string, ms: number) => spent.set(k, (spent.get(k) ?? 0) + ms);
  let inner = 0;
  const wrap = (ex: Executor): Executor => ({
    async exec(sql) {
      const t0 = performance.now();
      try {
        return await ex.exec(sql);
      } finally {
        const ms = performance.now() - t0;
        inner += ms;
        add(kindOf(sql, statements), ms);
      }
    },
    async query(sql, params) {
      const t0 = performance.now();
      try {
        return await ex.query(sql, params);
      } finally {
        const ms = performance.now() - t0;
        inner += ms;
        add(kindOf(sql, statements), ms);
      }
    },
  });
  return {
    ...conn,
    ...wrap(conn),
    // MySQL sends each progress write with its statement (`execAfter`, one round trip); here
    // each goes on a round trip of its own, so the history's share is timed apart from the SQL's.
    execAfter: undefined,
    async transaction(fn) {
      const t0 = performance.now();
      const before = inner;
      try {
        return await conn.transaction((tx) => fn(wrap(tx)));
      } finally {
        // BEGIN and COMMIT: the transaction's time less the calls made inside it.
        add("BEGIN + COMMIT", performance.now() - t0 - (inner - before));
      }
    },
    close: () => conn.close(),
  };
}

/** The runner's cost per migration, by kind, applying the project's migrations to `url`. */
async function breakdown(dialect: DialectName, dir: string, url: string): Promise<Map<string, number>> {
  const spent = new Map<string, number>();
  let t0 = performance.now();
  const migrations = await readMigrations(join(dir, "migrations"));
  spent.set("read + verify folder", performance.now() - t0);
  const d = await getDialect(dialect);
  const statements = new Set(
    migrations.flatMap((m) =>
      m.up
        .split(";\n")
        .map((x) =>
          x
            .replace(/^(--[^\n]*\n)+/, "")
            .replace(/;$/, "")
            .trim(),
        )
        .filter(Boolean),
    ),
  );
  t0 = performance.now();
  for (const m of migrations) checksumOf(m.up);
  spent.set("checksums (once)", performance.now() - t0);
  const guard = dataLossGuard(d);
  const lint: typeof guard = (all, todo) => {
    const t = performance.now();
    try {
      return guard(all, todo);
    } finally {
      spent.set("data-loss lint", performance.now() - t);
    }
  };
  const conn = timed(await connect(url), statements, spent);
  try {
    t0 = performance.now();
    await new Runner(conn, d, migrations, { guard: lint }).up({ lockTimeoutMs: 60_000 });
    spent.set("up, in all", performance.now() - t0);
  } finally {
    await conn.close();
  }
  return spent;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

console.log(
  `one table + one index a migration, one transaction per migration where the database has them; medians of ${RUNS} runs\n`,
);
const summary: string[] = [];
for (const N of COUNTS)
  for (const dialect of DIALECTS) {
    const clientMs: number[] = [],
      toolMs: number[] = [],
      baseMs: number[] = [],
      fixedMs: number[] = [];
    let spent: Map<string, number> | undefined;
    for (let run = 0; run <= RUNS; run++) {
      const a = await freshDb(dialect),
        b = await freshDb(dialect);
      try {
        const { dir, scripts } = await project(dialect, b.url, N);
        if (run === RUNS) {
          // The last round: the breakdown, in-process, on a fresh database of its own.
          spent = await breakdown(dialect, dir, a.url);
          rmSync(dir, { recursive: true, force: true });
          continue;
        }
        let client: number;
        if (dialect === "postgres") {
          const sql = scripts.map((s) => `BEGIN;\n${s}\nCOMMIT;`).join("\n");
          client = time(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", a.url], { stdin: sql });
        } else if (dialect === "mysql") {
          const u = new URL(a.url);
          client = time(
            [
              "mariadb",
              "-h",
              u.hostname,
              "-P",
              u.port || "3306",
              "-u",
              decodeURIComponent(u.username),
              u.pathname.slice(1),
            ],
            { stdin: scripts.join("\n") },
          );
        } else {
          const sql = scripts.map((s) => `BEGIN;\n${s}\nCOMMIT;`).join("\n");
          client = time(["sqlite3", a.url.slice("sqlite:".length)], { stdin: sql });
        }
        toolMs.push(time([bin, "up"], { cwd: dir }));
        if (baseline) {
          const c = await freshDb(dialect);
          try {
            writeFileSync(join(dir, "schemavc.toml"), toml(dialect, c.url));
            baseMs.push(time([baseline, "up"], { cwd: dir }));
            writeFileSync(join(dir, "schemavc.toml"), toml(dialect, b.url));
          } finally {
            await c.drop();
          }
        }
        clientMs.push(client);
        // What every command pays before it applies anything: start, read and verify the folder, read the history.
        fixedMs.push(time([bin, "current"], { cwd: dir }));
        if (process.env["KEEP"]) console.log(`kept ${dir}`);
        else rmSync(dir, { recursive: true, force: true });
      } finally {
        await a.drop();
        await b.drop();
      }
    }
    const client = median(clientMs),
      tool = median(toolMs),
      fixed = median(fixedMs);
    const line = `${String(N).padStart(4)}  ${dialect.padEnd(9)} ${client.toFixed(0).padStart(11)}   ${tool.toFixed(0).padStart(16)}   ${(tool / client).toFixed(2).padStart(5)}×   ${((tool - client) / N).toFixed(2).padStart(6)} ms   ${fixed.toFixed(0).padStart(5)} ms`;
    const base = baseMs.length ? median(baseMs) : undefined;
    const full =
      base === undefined
        ? line
        : `${line}   baseline up ${base.toFixed(0)} ms (${(base / client).toFixed(2)}×)`;
    console.log(full);
    summary.push(full);
    const per = (k: string) => ((spent!.get(k) ?? 0) / N).toFixed(2).padStart(7);
    console.log(
      `      in-process, per migration (ms): migration SQL ${per("migration SQL")}, BEGIN + COMMIT ${per("BEGIN + COMMIT")}, history row ${per("history row")}, guard and other checks ${per("guard and other checks")}, lock ${per("lock")}, checksums ${per("checksums (once)")}, data-loss lint ${per("data-loss lint")}, read + verify folder ${per("read + verify folder")}; up in all ${per("up, in all")}`,
    );
  }
console.log(
  "\nmigrations  dialect  client (ms)   schemavc up (ms)   ratio   (up − client) / N   `current` (start-up, folder, history)",
);
for (const l of summary) console.log(l);
console.log("target: within 1.3 × the client, for 5 and for 200 migrations");
