/**
 * The npm package (issue 18, item 5): built as `bun run build` builds it (scripts/build-npm.ts),
 * packed with `npm pack`, installed from the tarball into a fresh Node project (npm, the
 * drivers from the registry) and a fresh Bun project (`bun add`). In each, a script calls
 * `generate`/`upgrade`/`status`/`current`/`downgrade` on a SQLite file and on a PostgreSQL
 * database and prints the results; a TypeScript file using the package's types is checked by
 * `tsc` (strict, library .d.ts included); `npx schemavc --version` and `bunx schemavc --version`
 * run the package's bin.
 *
 * npm's cache is kept in a stable folder under the system temp dir, so only the first run on a
 * machine downloads the drivers.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildNpmPackage } from "../../scripts/build-npm.ts";
import { VERSION } from "../../src/version.ts";
import { freshDatabase, IN_CI, type TestDb } from "../support/db.ts";

const ROOT = resolve(import.meta.dir, "../..");
const NPM_CACHE = join(tmpdir(), "schemavc-npm-cache");
const work = mkdtempSync(join(tmpdir(), "schemavc-npm-"));

/** Runs a command to the end; its output, and a thrown error naming it when it fails. */
async function sh(cmd: string[], cwd: string): Promise<string> {
  const p = Bun.spawn(cmd, { cwd, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const [out, err, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  if (code !== 0) throw new Error(`${cmd.join(" ")} (in ${cwd}) exited ${code}:\n${out}\n${err}`);
  return out;
}

/** The script an application would run: every library call, results printed as one JSON. */
const APP = `import { upgrade, downgrade, status, current, generate, SchemavcError } from "schemavc";
const [cwd, url] = process.argv.slice(2);
const steps = {};
steps.generate = await generate({ cwd, message: "create users" });
steps.upgrade = await upgrade({ cwd, url });
steps.status = await status({ cwd, url });
steps.current = await current({ cwd, url });
steps.again = await upgrade({ cwd, url });
steps.downgrade = await downgrade({ cwd, url, allowDataLoss: true });
steps.after = await status({ cwd, url });
try {
  await upgrade({ cwd, url, to: "no-such-version" });
  steps.error = null;
} catch (e) {
  steps.error = { schemavcError: e instanceof SchemavcError, exitCode: e.exitCode, message: e.message };
}
process.stdout.write(JSON.stringify({ runtime: typeof Bun === "undefined" ? "node" : "bun", steps }));
`;

/** A TypeScript start-up and test set-up using the types; the @ts-expect-error lines must fail. */
const CHECK = `import { upgrade, downgrade, status, SchemavcError, type UpgradeResult, type StatusResult } from "schemavc";
const applied: UpgradeResult = await upgrade({ cwd: ".", url: "sqlite:./app.db", lockTimeout: 5 });
const at: string | null = applied.current;
const versions: string[] = applied.applied.map((a) => a.version);
const plan = await upgrade({ dryRun: true });
const statements: readonly string[] = plan.pending[0]?.statements ?? [];
const st: StatusResult = await status();
const drifted: boolean = st.drift !== null && st.drift.length > 0;
const back = await downgrade({ to: null, allowDataLoss: true });
const now: string | null = back.current;
try {
  await upgrade({ to: "head" });
} catch (e) {
  if (e instanceof SchemavcError) console.log(e.exitCode, e.hint);
}
// @ts-expect-error not an option of upgrade
await upgrade({ message: "x" });
// @ts-expect-error current is a string or null
const wrong: number = applied.current;
console.log(at, versions, statements, drifted, now, wrong);
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ["check.ts"],
};

/** A schemavc project for `dialect`: one table, no migrations yet (the script generates one). */
function schemaProject(name: string, dialect: "sqlite" | "postgres"): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "schema"), { recursive: true });
  // SQLite: a relative path in the config, which must land in the project, not the app's cwd.
  writeFileSync(
    join(dir, "schemavc.toml"),
    `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\n${dialect === "sqlite" ? 'url = "sqlite:./app.db"\n' : ""}`,
  );
  writeFileSync(
    join(dir, "schema/app.schema"),
    "table users {\n  id     bigint        primary key identity\n  email  varchar(255)  unique\n  name   text?\n}\n",
  );
  return dir;
}

let tarball = "";
let nodeApp = "";
let bunApp = "";
const pgs: TestDb[] = [];
let pgSkip: string | undefined;

beforeAll(async () => {
  const pkg = join(work, "package");
  await buildNpmPackage(pkg);
  const packed = await sh(["npm", "pack", "--pack-destination", work, "--loglevel=error"], pkg);
  tarball = join(work, packed.trim().split("\n").at(-1)!);
  nodeApp = join(work, "node-app");
  bunApp = join(work, "bun-app");
  for (const dir of [nodeApp, bunApp]) {
    mkdirSync(dir);
    writeFileSync(join(dir, "package.json"), '{ "name": "app", "private": true, "type": "module" }\n');
    writeFileSync(join(dir, "app.mjs"), APP);
  }
  writeFileSync(join(nodeApp, "check.ts"), CHECK);
  writeFileSync(join(nodeApp, "tsconfig.json"), JSON.stringify(TSCONFIG));
  // Both installs at once: npm (registry, stable cache) and bun (its global cache).
  await Promise.all([
    sh(
      [
        "npm",
        "install",
        tarball,
        "--cache",
        NPM_CACHE,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
      ],
      nodeApp,
    ),
    sh(["bun", "add", tarball], bunApp),
  ]);
  for (const runtime of ["node", "bun"]) {
    const db = await freshDatabase("postgres", `npm_${runtime}`);
    if ("unavailable" in db) {
      if (IN_CI) throw new Error(db.unavailable);
      pgSkip = db.unavailable;
      break;
    }
    pgs.push(db);
  }
}, 240_000);

afterAll(async () => {
  for (const db of pgs) await db.drop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

interface Steps {
  runtime: string;
  steps: Record<string, unknown> & {
    generate: { version: string; changes: string[] };
    upgrade: { applied: { version: string; ms: number }[]; current: string; pending: string[] };
    status: { current: string; pending: string[]; failed: unknown[]; drift: unknown[]; problems: unknown[] };
    current: { current: string };
    again: { applied: unknown[]; current: string; pending: string[] };
    downgrade: { rolledBack: { version: string }[]; current: null };
    after: { current: null; pending: string[] };
    error: { schemavcError: boolean; exitCode: number; message: string };
  };
}

/** Runs the app script with `runtime` from its project, on the schema project `dir`. */
async function runApp(runtime: "node" | "bun", dir: string, url?: string): Promise<Steps> {
  const app = runtime === "node" ? nodeApp : bunApp;
  return JSON.parse(await sh([runtime, "app.mjs", dir, ...(url ? [url] : [])], app)) as Steps;
}

function expectMigrated(r: Steps, runtime: string) {
  const { steps } = r;
  expect(r.runtime).toBe(runtime);
  const v = steps.generate.version;
  expect(v).toMatch(/^\d{14}_create_users$/);
  expect(steps.generate.changes).toEqual(["+ table users (3 columns)"]);
  expect(steps.upgrade.applied.map((a) => a.version)).toEqual([v]);
  expect(steps.upgrade.current).toBe(v);
  expect(steps.upgrade.pending).toEqual([]);
  // The live database read back matches the snapshot: the table really is there.
  expect(steps.status).toEqual({ current: v, pending: [], failed: [], drift: [], problems: [] });
  expect(steps.current).toEqual({ current: v });
  expect(steps.again).toEqual({ applied: [], current: v, pending: [] });
  expect(steps.downgrade.rolledBack.map((a) => a.version)).toEqual([v]);
  expect(steps.downgrade.current).toBeNull();
  expect(steps.after).toMatchObject({ current: null, pending: [v], drift: [] });
  expect(steps.error).toEqual({
    schemavcError: true,
    exitCode: 2,
    message: "no migration matches `no-such-version`",
  });
}

describe("npm package", () => {
  for (const runtime of ["node", "bun"] as const) {
    test(`${runtime}: upgrade/status/downgrade on SQLite from a script`, async () => {
      const dir = schemaProject(`${runtime}-sqlite`, "sqlite");
      expectMigrated(await runApp(runtime, dir), runtime);
      // `sqlite:./app.db` is relative to the project folder given as `cwd`, not to the app's.
      expect(existsSync(join(dir, "app.db"))).toBe(true);
      expect(existsSync(join(runtime === "node" ? nodeApp : bunApp, "app.db"))).toBe(false);
      expect(readdirSync(join(dir, "migrations")).sort()).toHaveLength(2); // the folder + schemavc.sum
    });

    test(`${runtime}: upgrade/status/downgrade on PostgreSQL from a script`, async () => {
      if (pgSkip) {
        console.warn(`skipped: ${pgSkip}`);
        return;
      }
      const db = pgs[runtime === "node" ? 0 : 1]!;
      const dir = schemaProject(`${runtime}-postgres`, "postgres");
      expectMigrated(await runApp(runtime, dir, db.url), runtime);
    });
  }

  test("the types: tsc (strict, the package's .d.ts checked) accepts the start-up code", async () => {
    await sh([process.execPath, join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "."], nodeApp);
  });

  test("the bin: npx schemavc --version and bunx schemavc --version", async () => {
    expect(await sh(["npx", "--no-install", "schemavc", "--version"], nodeApp)).toBe(`schemavc ${VERSION}\n`);
    expect(await sh(["bunx", "schemavc", "--version"], bunApp)).toBe(`schemavc ${VERSION}\n`);
  });

  test("the bin runs the commands: generate and up through npx (Node) and bunx (Bun)", async () => {
    for (const [runner, app] of [
      [["npx", "--no-install"], nodeApp],
      [["bunx"], bunApp],
    ] as const) {
      const dir = schemaProject(`${runner[0]}-cli`, "sqlite");
      const config = join(dir, "schemavc.toml");
      const cli = (...args: string[]) =>
        sh([...runner, "schemavc", ...args, "--config", config, "--json"], app);
      const generated = JSON.parse(await cli("generate", "-m", "first")) as { version: string };
      const up = JSON.parse(await cli("up")) as { applied: { version: string }[]; current: string };
      expect(up.applied.map((a) => a.version)).toEqual([generated.version]);
      expect(up.current).toBe(generated.version);
      // The config's `sqlite:./app.db` is beside the config, wherever the command runs.
      expect(existsSync(join(dir, "app.db"))).toBe(true);
      // A fleet (on Node without worker threads): two more SQLite files from a targets file.
      writeFileSync(join(dir, "targets.txt"), `sqlite:${join(dir, "t1.db")}\nsqlite:${join(dir, "t2.db")}\n`);
      await sh([...runner, "schemavc", "up", "--config", config, "--targets", join(dir, "targets.txt")], app);
      const st = JSON.parse(await cli("status", "--url", `sqlite:${join(dir, "t2.db")}`)) as {
        current: string;
      };
      expect(st.current).toBe(generated.version);
    }
  });
});
