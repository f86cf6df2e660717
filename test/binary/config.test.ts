/**
 * schemavc.toml mistakes are errors, through the binary: an unknown key gets "did you mean"
 * (top level and in an environment), a TOML syntax error carries line:col, `${VAR}` is read
 * from the environment (an unset one is an error naming it). A named environment
 * (`[env.NAME]`) is chosen by `--env NAME` or SCHEMAVC_ENV and its url outranks DATABASE_URL,
 * on every dialect. Run from a subfolder, schemavc finds the schemavc.toml above it, as git
 * does, and opens the project's SQLite file, not a new one beside the working folder.
 * Run `bun run build` first.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Project } from "../support/project.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const SCHEMA = "table t {\n  id int primary key\n}\n";
const made: Project[] = [];
afterAll(() => {
  for (const p of made) rmSync(p.dir, { recursive: true, force: true });
});

/** A SQLite project with one migration and `toml` as its schemavc.toml. */
function sqliteProject(toml?: string): Project {
  const p = new Project("sqlite", "sqlite:./dev.db");
  made.push(p);
  p.schema(SCHEMA);
  p.generate("one");
  if (toml !== undefined) writeFileSync(join(p.dir, "schemavc.toml"), toml);
  return p;
}

/** The binary run in `cwd` (a folder of the project), with `env` added. */
function runIn(p: Project, cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = Bun.spawnSync([p.bin, ...args], {
    cwd,
    env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1", TMPDIR: tmpdir(), ...env },
    stdin: "ignore",
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe("config mistakes are errors", () => {
  test("an unknown key gets did-you-mean (`dialet` → `dialect`), exit 1, on every command", () => {
    const p = sqliteProject('dialet = "sqlite"\nurl = "sqlite:./dev.db"\n');
    for (const cmd of [["status"], ["generate", "-m", "x"], ["sql"], ["up"]]) {
      const r = p.run(...cmd);
      expect({ cmd, code: r.code }).toEqual({ cmd, code: 1 });
      expect(r.err).toContain("error: schemavc.toml: unknown key `dialet`");
      expect(r.err).toContain("hint: did you mean `dialect`?");
    }
    expect(existsSync(join(p.dir, "dev.db"))).toBe(false);
  });

  test("an unknown key in an environment names it with the environment", () => {
    const p = sqliteProject('dialect = "sqlite"\n[env.production]\nulr = "sqlite:./prod.db"\n');
    const r = p.run("current");
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown key `env.production.ulr`");
    expect(r.err).toContain("did you mean `url`?");
  });

  test("a TOML syntax error carries line:col", () => {
    const p = sqliteProject('dialect = "sqlite"\nurl = "sqlite:./dev.db\nschema = "schema"\n');
    const r = p.run("status");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: schemavc\.toml:2:\d+: /);
    expect(r.err).toContain("hint: fix the TOML syntax");
  });

  test("a value of the wrong kind says what it must be", () => {
    const p = sqliteProject('dialect = "sqlite"\nurl = 5432\n');
    const r = p.run("status");
    expect(r.code).toBe(1);
    expect(r.err).toContain("schemavc.toml: `url` must be a string");
  });

  test("an unknown dialect gets did-you-mean", () => {
    const p = sqliteProject('dialect = "postgress"\n');
    const r = p.run("sql");
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown dialect `postgress`");
    expect(r.err).toContain("did you mean `postgres`?");
  });

  test("${VAR} in a value is read from the environment; ${VAR:-default} has a default", () => {
    const p = sqliteProject('dialect = "sqlite"\nurl = "sqlite:./${DB_NAME}.db"\n');
    ok(p.runWith({ DB_NAME: "from_env" }, "up", "-q"));
    expect(existsSync(join(p.dir, "from_env.db"))).toBe(true);
    writeFileSync(
      join(p.dir, "schemavc.toml"),
      'dialect = "sqlite"\nurl = "sqlite:./${DB_NAME:-fallback}.db"\n',
    );
    ok(p.run("up", "-q"));
    expect(existsSync(join(p.dir, "fallback.db"))).toBe(true);
  });

  test("an unset ${VAR} is an error naming it, and nothing is opened", () => {
    const p = sqliteProject('dialect = "sqlite"\nurl = "sqlite:./${NO_SUCH_VAR_SCHEMAVC}.db"\n');
    const r = p.run("up");
    expect(r.code).toBe(1);
    expect(r.err).toContain("error: schemavc.toml: `url` uses ${NO_SUCH_VAR_SCHEMAVC}, which is not set");
    expect(r.err).toContain("export NO_SUCH_VAR_SCHEMAVC=");
    expect(readdirSync(p.dir).filter((f) => f.endsWith(".db"))).toEqual([]);
  });
});

describe("named environments: [env.NAME], chosen by --env or SCHEMAVC_ENV", () => {
  for (const dialect of ["sqlite", "postgres", "mysql"] as DialectName[]) {
    test(`${dialect}: the environment's url is used, beats DATABASE_URL; an unknown name gets did-you-mean`, async () => {
      const { p, db, drop } = await projectOnFreshDatabase(dialect, `config_env_${dialect}`);
      try {
        // The top-level url is a database that is not there: only the environment's works.
        const missing =
          dialect === "sqlite" ? "sqlite:./no/such/folder/dev.db" : withDb(db.url, "schemavc_no_such_db");
        writeFileSync(
          join(p.dir, "schemavc.toml"),
          `dialect = "${dialect}"\nurl = "${missing}"\n\n[env.production]\nurl = "${db.url}"\n`,
        );
        p.schema(SCHEMA);
        const v = p.generate("one");
        expect(p.run("up", "-q").code).toBe(1);
        ok(p.run("up", "-q", "--env", "production"));
        expect(ok(p.runWith({ SCHEMAVC_ENV: "production" }, "current")).out.trim()).toBe(v);
        // DATABASE_URL (here the missing database) does not win over an environment chosen by name.
        const chosen = p.runWith({ DATABASE_URL: missing }, "current", "--env", "production");
        expect(ok(chosen).out.trim()).toBe(v);
        const typo = p.run("current", "--env", "prodution");
        expect(typo.code).toBe(1);
        expect(typo.err).toContain("no environment `prodution`");
        expect(typo.err).toContain("did you mean `production`?");
        expect(p.runWith({ SCHEMAVC_ENV: "staging" }, "current").err).toContain(
          "no environment `staging` (chosen by SCHEMAVC_ENV)",
        );
      } finally {
        await drop();
      }
    }, 60_000);
  }
});

test("an environment's other keys override the top level (here `migrations`)", () => {
  const p = sqliteProject(
    'dialect = "sqlite"\nurl = "sqlite:./dev.db"\n[env.alt]\nmigrations = "alt-migrations"\n',
  );
  p.schema(`${SCHEMA}table u {\n  id int primary key\n}\n`);
  ok(p.run("generate", "-q", "-m", "two", "--env", "alt"));
  expect(readdirSync(join(p.dir, "alt-migrations")).some((f) => f.endsWith("_two"))).toBe(true);
  expect(p.versions().length).toBe(1); // the top-level folder is untouched
});

describe("run from a subfolder: the schemavc.toml above is found, as git finds its repository", () => {
  test("generate, up, current and history work from two folders down, on the project's files", () => {
    const p = sqliteProject();
    const deep = join(p.dir, "app", "models");
    mkdirSync(deep, { recursive: true });
    const first = p.versions()[0]!;
    ok(runIn(p, deep, ["up", "-q"]));
    // The project's dev.db, opened through the config's relative url: none beside the working folder.
    expect(existsSync(join(p.dir, "dev.db"))).toBe(true);
    expect(existsSync(join(deep, "dev.db"))).toBe(false);
    expect(ok(runIn(p, deep, ["current"])).out.trim()).toBe(first);
    p.schema(`${SCHEMA}table u {\n  id int primary key\n}\n`);
    ok(runIn(p, deep, ["generate", "-q", "-m", "two"]));
    expect(p.versions().length).toBe(2);
    expect(existsSync(join(deep, "migrations"))).toBe(false);
    expect(ok(runIn(p, deep, ["history"])).out).toContain(first);
  });

  test("DATABASE_URL in the project's .env is read from a subfolder, its SQLite path relative to it", () => {
    const p = sqliteProject('dialect = "sqlite"\n');
    writeFileSync(join(p.dir, ".env"), "DATABASE_URL=sqlite:./from_dotenv.db\n");
    const sub = join(p.dir, "scripts");
    mkdirSync(sub);
    ok(runIn(p, sub, ["up", "-q"]));
    expect(existsSync(join(p.dir, "from_dotenv.db"))).toBe(true);
    expect(readdirSync(sub)).toEqual([]);
  });

  test("with no schemavc.toml anywhere above, the defaults apply (not an error)", () => {
    const dir = join(tmpdir(), `schemavc-noconfig-${process.pid}`);
    mkdirSync(join(dir, "schema"), { recursive: true });
    try {
      writeFileSync(join(dir, "schema", "a.schema"), SCHEMA);
      const p = sqliteProject();
      const r = runIn(p, dir, ["sql"]);
      expect(ok(r).out).toContain('CREATE TABLE "t"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function withDb(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
