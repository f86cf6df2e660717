/**
 * Benchmark: 200 small generated migrations applied by `schemavc up`, side by side with the
 * database's own client running the same SQL with one transaction per migration (psql, the
 * mariadb client, sqlite3). Target on PostgreSQL: at most 1.5 × psql. Also prints the tool's
 * own overhead per migration (lock, history row, checks) per dialect.
 * Run: `bun run build && bash scripts/test-dbs.sh && bun scripts/bench-apply.ts [N=200]`.
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

const N = Number(process.argv[2] ?? 200);
const bin = resolve("dist/schemavc");
const PG = process.env["SCHEMAVC_TEST_PG_URL"] ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MY = process.env["SCHEMAVC_TEST_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/";

async function project(dialect: DialectName, url: string) {
  const dir = mkdtempSync(join(tmpdir(), `schemavc-bench-apply-${dialect}-`));
  mkdirSync(join(dir, "schema"));
  writeFileSync(
    join(dir, "schemavc.toml"),
    `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\nurl = "${url}"\n`,
  );
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

console.log(
  `${N} migrations (one table + one index each), one transaction per migration where the database has them\n`,
);
console.log("dialect    client (ms)   schemavc up (ms)   ratio   schemavc overhead per migration");
for (const dialect of ["postgres", "mysql", "sqlite"] as DialectName[]) {
  const a = await freshDb(dialect),
    b = await freshDb(dialect);
  try {
    const { dir, scripts } = await project(dialect, b.url);
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
    const tool = time([bin, "up"], { cwd: dir });
    // What every command pays before it applies anything: start, read and verify the folder, read the history.
    const fixed = time([bin, "current"], { cwd: dir });
    console.log(
      `${dialect.padEnd(10)} ${client.toFixed(0).padStart(11)}   ${tool.toFixed(0).padStart(16)}   ${(tool / client).toFixed(2).padStart(5)}   ${((tool - client) / N).toFixed(2).padStart(5)} ms   (of which fixed start-up: ${fixed.toFixed(0)} ms, i.e. ${((tool - client - fixed) / N).toFixed(2)} ms per migration beyond it)`,
    );
    if (process.env["KEEP"]) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  } finally {
    await a.drop();
    await b.drop();
  }
}
