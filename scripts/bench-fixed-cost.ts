/**
 * Benchmark: the fixed cost of every command (issue 19, target 1). On a 5-table SQLite project
 * made here in a temp dir (init, a schema, one generated migration, up), ONE hyperfine run times
 * `schemavc --version`, `generate` (no changes), `diff`, `status`, the hello-world floor (a
 * compiled Bun program that only prints a line) and dbmate's `--version` (a Go binary).
 *
 * Targets: `generate`/`diff`/`status` within 25 ms of `--version`, and `--version` within 2× the
 * hello-world floor. Run `bun run build` first, then `bun scripts/bench-fixed-cost.ts [RUNS]`.
 * `--baseline BIN` also times another build's commands in the same run, so two
 * builds compare side by side (the machine is noisy: compare ratios within one run).
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { helloFloor, hyperfine } from "./bench-common.ts";

const args = process.argv.slice(2);
const at = args.indexOf("--baseline");
const baseline = at >= 0 && args[at + 1] ? resolve(args.splice(at, 2)[1]!) : undefined;
const RUNS = Number(args[0] ?? 30);
const bin = resolve("dist/schemavc");
if (!existsSync(bin)) throw new Error("dist/schemavc is missing: run `bun run build` first");

// The floor: what any `bun build --compile` binary costs to start on this machine.
const hello = await helloFloor();

const SCHEMA = `enum status { active, suspended, closed }

table users {
  id          bigint        primary key identity
  email       varchar(255)  unique
  name        text?
  status      status        default 'active'
  created_at  timestamptz   default now()

  index (name)
}

table teams {
  id          bigint        primary key identity
  name        varchar(120)  unique
  owner_id    bigint        references users(id) on delete cascade
}

table memberships {
  team_id     bigint        references teams(id) on delete cascade
  user_id     bigint        references users(id) on delete cascade
  role        text          default 'member'

  primary key (team_id, user_id)
}

table projects {
  id          bigint        primary key identity
  team_id     bigint        references teams(id) on delete cascade
  title       varchar(200)
  archived    bool          default false

  index (team_id, title)
  check (length(title) > 0)
}

table tasks {
  id          bigint        primary key identity
  project_id  bigint        references projects(id) on delete cascade
  assignee_id bigint?       references users(id) on delete set null
  body        text?
  done        bool          default false
  due         date?

  index tasks_open (project_id) where (done = false)
}
`;

const dir = mkdtempSync(join(tmpdir(), "schemavc-bench-fixed-"));
const sh = (b: string, a: string[]) => {
  const p = Bun.spawnSync([b, ...a], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};
const must = (a: string[]) => {
  const r = sh(bin, a);
  if (r.code !== 0) throw new Error(`schemavc ${a.join(" ")} exited with ${r.code}: ${r.err}`);
};
must(["init"]);
writeFileSync(join(dir, "schema", "schema.schema"), SCHEMA);
must(["generate", "-m", "initial"]);
must(["up", "--yes"]);
// Every timed command must succeed as-is (hyperfine -N fails on a non-zero exit).
for (const a of [["--version"], ["generate", "-m", "noop"], ["diff"], ["status"]]) must(a);
console.log(`project: ${dir}`);

const dbmate = resolve(`node_modules/@dbmate/${process.platform}-${process.arch}/bin/dbmate`);
const cmds: [string, string][] = [
  ["schemavc --version", `${bin} --version`],
  ["schemavc generate", `${bin} generate -m noop`],
  ["schemavc diff", `${bin} diff`],
  ["schemavc status", `${bin} status`],
  ["hello (floor)", hello],
];
if (existsSync(dbmate)) cmds.push(["dbmate --version", `${dbmate} --version`]);
if (baseline) {
  cmds.push(["baseline --version", `${baseline} --version`]);
  cmds.push(["baseline generate", `${baseline} generate -m noop`]);
  cmds.push(["baseline diff", `${baseline} diff`]);
  cmds.push(["baseline status", `${baseline} status`]);
}
const json = join(dir, "hyperfine.json");
const p = Bun.spawnSync(
  [...hyperfine(RUNS), "--export-json", json, ...cmds.flatMap(([name, cmd]) => ["-n", name, cmd])],
  { cwd: dir, stdout: "inherit", stderr: "inherit" },
);
if (p.exitCode !== 0) process.exit(p.exitCode ?? 1);

// The targets, from medians (less sensitive than means to a neighbour's burst on a busy machine).
const results = (await Bun.file(json).json()).results as {
  command: string;
  median: number;
  user: number;
  system: number;
}[];
const ms = (name: string) => results.find((r) => r.command === name)!.median * 1000;
const version = ms("schemavc --version");
const floor = ms("hello (floor)");
// CPU time (user + system) is what the program itself costs; on a loaded machine it varies less
// than wall time, which includes waiting for a core.
console.log("\n  (ms)                    median   cpu (user+sys, mean)");
for (const r of results)
  console.log(
    `  ${r.command.padEnd(22)} ${(r.median * 1000).toFixed(1).padStart(7)}  ${((r.user + r.system) * 1000).toFixed(1).padStart(7)}`,
  );
console.log("targets (from medians)");
console.log(
  `  --version / floor      ${(version / floor).toFixed(2)}×  (target ≤ 2×: ${version <= 2 * floor ? "met" : "not met"})`,
);
for (const c of ["generate", "diff", "status"]) {
  const d = ms(`schemavc ${c}`) - version;
  console.log(
    `  ${`${c} − --version`.padEnd(22)} ${d.toFixed(1).padStart(7)}  (target ≤ 25 ms: ${d <= 25 ? "met" : "not met"})`,
  );
}
