/**
 * Benchmark: what the database drivers cost a compiled Bun program, before any of schemavc's own
 * work: the floor under issue 19's target 3 (applying within 1.3 × the database's own client).
 * Each driver runs in a bare program built the way build.ts builds the binary (compiled,
 * minified, bytecode, ESM), and one hyperfine run times them beside the client and an empty
 * program built the same way (what any compiled Bun program costs to start; bench-common.ts's
 * hello-world floor prints through process.stdout, which loads Node's streams, and these do not):
 *
 * - SQLite: the 5 migrations of bench-apply.ts's project (a table and an index each, each in its
 *   own transaction), run as one script on a fresh file by @libsql/client (what schemavc uses),
 *   by Bun's built-in bun:sqlite, and by `sqlite3`.
 * - MySQL/MariaDB: connect, `SELECT 1`, close, by mysql2 (what schemavc uses), by Bun's built-in
 *   SQL client, and by the `mariadb` client.
 *
 * The figures are the drivers' own floor; they say what a change of driver could win, and that
 * no Bun program can meet a bound smaller than the floor. Nothing of schemavc runs here.
 *
 * Run: `bun scripts/bench-drivers.ts [RUNS=20] [--dialects sqlite,mysql]` (the MySQL server:
 * `bash scripts/test-dbs.sh`, or SCHEMAVC_TEST_MYSQL_URL).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { hyperfine } from "./bench-common.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--dialects");
const DIALECTS = (at >= 0 ? args.splice(at, 2)[1]! : "sqlite,mysql").split(",");
const RUNS = Number(args[0] ?? 20);
const MY = process.env["SCHEMAVC_TEST_MYSQL_URL"] ?? "mysql://root@127.0.0.1:3306/";

// Inside the repository, so that the programs resolve node_modules; removed at the end.
const dir = resolve("dist/.bench-drivers");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });

/** Builds `source` as build.ts builds the binary; returns the program's path. */
function program(name: string, source: string): string {
  writeFileSync(join(dir, `${name}.ts`), source);
  const out = join(dir, name);
  const p = Bun.spawnSync(
    [
      "bun",
      "build",
      join(dir, `${name}.ts`),
      "--compile",
      "--minify",
      "--bytecode",
      "--format=esm",
      "--outfile",
      out,
    ],
    { stdout: "ignore", stderr: "inherit" },
  );
  if (p.exitCode !== 0) throw new Error(`could not build ${name}`);
  return out;
}

/** bench-apply.ts's migrations: a table and an index each, each in a transaction of its own. */
const migrations = Array.from(
  { length: 5 },
  (_, i) =>
    `BEGIN;\nCREATE TABLE "t${i}" (\n  "id" BIGINT NOT NULL,\n  "name" VARCHAR(100),\n  "n" INTEGER NOT NULL DEFAULT 0,\n  CONSTRAINT "t${i}_pkey" PRIMARY KEY ("id")\n);\nCREATE INDEX "t${i}_name_idx" ON "t${i}" ("name");\nCOMMIT;\n`,
).join("");
const script = join(dir, "migrations.sql");
writeFileSync(script, migrations);
const db = join(dir, "b.db");

const commands: [string, string][] = [];
try {
  commands.push(["empty program", program("empty", "export {};\n")]);
  if (DIALECTS.includes("sqlite")) {
    const libsql = program(
      "libsql",
      `import { createClient } from "@libsql/client/sqlite3";
const c = createClient({ url: "file:" + process.argv[2], concurrency: 1 });
await c.executeMultiple(await Bun.file(process.argv[3]).text());
c.close();
`,
    );
    const bunSqlite = program(
      "bun-sqlite",
      `import { Database } from "bun:sqlite";
const db = new Database(process.argv[2], { create: true });
db.exec(await Bun.file(process.argv[3]).text());
db.close();
`,
    );
    commands.push(
      ["sqlite: @libsql/client, 5 migrations", `${libsql} ${db} ${script}`],
      ["sqlite: bun:sqlite, 5 migrations", `${bunSqlite} ${db} ${script}`],
      ["sqlite: sqlite3, 5 migrations", `sqlite3 ${db} ".read ${script}"`],
    );
  }
  if (DIALECTS.includes("mysql")) {
    const mysql2 = program(
      "mysql2",
      `import mysql from "mysql2/promise";
const c = await mysql.createConnection({ uri: process.argv[2], multipleStatements: true });
await c.query("SELECT 1");
await c.end();
`,
    );
    const bunSql = program(
      "bun-sql",
      `import { SQL } from "bun";
const sql = new SQL(process.argv[2]);
await sql.unsafe("SELECT 1");
await sql.close();
`,
    );
    const u = new URL(MY);
    commands.push(
      ["mysql: mysql2, connect + SELECT 1", `${mysql2} ${MY}`],
      ["mysql: Bun's SQL, connect + SELECT 1", `${bunSql} ${MY}`],
      [
        "mysql: mariadb client, connect + SELECT 1",
        `mariadb -u${decodeURIComponent(u.username) || "root"} -h${u.hostname} -P${u.port || 3306} -e "SELECT 1"`,
      ],
    );
  }
  const json = join(dir, "hyperfine.json");
  const p = Bun.spawnSync(
    [
      ...hyperfine(RUNS),
      // A fresh database file for every SQLite run (the other commands ignore it).
      "--prepare",
      `rm -f ${db} ${db}-journal`,
      "--export-json",
      json,
      ...commands.flatMap(([name, cmd]) => ["-n", name, cmd]),
    ],
    { stdout: "inherit", stderr: "inherit" },
  );
  if (p.exitCode !== 0) throw new Error("hyperfine failed");
  const results = (await Bun.file(json).json()).results as { command: string; median: number }[];
  console.log("\n  (ms, medians)");
  for (const r of results)
    console.log(`  ${r.command.padEnd(44)} ${(r.median * 1000).toFixed(1).padStart(7)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
