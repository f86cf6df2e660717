/**
 * The compiled binary, copied alone into an empty folder outside the repository (no
 * node_modules above it), runs there: the promise of "one downloadable binary".
 * `bun run test` builds dist/schemavc first; run `bun run build` before running this file alone.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DIST = join(import.meta.dir, "../../dist/schemavc");
let dir: string;
let bin: string;

function run(args: string[], cwd = dir) {
  const p = Bun.spawnSync([bin, ...args], {
    cwd,
    env: { PATH: "/usr/bin:/bin", HOME: dir, TMPDIR: tmpdir() },
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
}

beforeAll(() => {
  if (!existsSync(DIST)) throw new Error("dist/schemavc is missing: run `bun run build` first");
  dir = mkdtempSync(join(tmpdir(), "schemavc-bin-"));
  bin = join(dir, "schemavc");
  copyFileSync(DIST, bin);
  Bun.spawnSync(["chmod", "+x", bin]);
  writeFileSync(
    join(dir, "app.schema"),
    "table users {\n  id     bigint        primary key identity\n  email  varchar(255)  unique\n}\n",
  );
});

describe("the binary alone in an empty folder", () => {
  test("--version prints the package version", () => {
    const version = JSON.parse(readFileSync(join(import.meta.dir, "../../package.json"), "utf8")).version;
    expect(run(["--version"])).toEqual({ code: 0, out: `schemavc ${version}\n`, err: "" });
  });
  test("--help lists the commands", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["init", "generate", "diff", "fmt", "sql", "rehash"]) expect(r.out).toContain(`  ${c} `);
  });
  test("help COMMAND and COMMAND --help print its manual with the usage", () => {
    expect(run(["help", "fmt"]).out).toContain("SYNOPSIS\n    schemavc fmt [--check] [PATH]");
    expect(run(["generate", "--help"]).out).toContain("SYNOPSIS\n    schemavc generate -m MESSAGE");
  });
  test("an unknown command is bad usage (exit 2) with a hint", () => {
    const r = run(["generat"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("error: unknown command `generat`\n  hint: did you mean `generate`?\n");
  });
  test("sql prints the CREATE script", () => {
    const r = run(["sql", "--dialect", "postgres", "app.schema"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CREATE TABLE "users" (');
  });
  test("fmt --check passes on a formatted file", () =>
    expect(run(["fmt", "--check", "app.schema"]).code).toBe(0));
  test("init then generate on the embedded SQLite default", () => {
    const project = mkdtempSync(join(tmpdir(), "schemavc-bin-project-"));
    expect(run(["init"], project).code).toBe(0);
    const g = run(["generate", "-m", "initial"], project);
    expect(g.err).toBe("");
    expect(g.code).toBe(0);
    expect(g.out).toContain("+ table users");
  });
});
