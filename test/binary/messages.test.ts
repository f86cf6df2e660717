/**
 * Messages point the right way, through the binary: a failing `down` names down.sql and its
 * line (not up.sql), PostgreSQL's own detail is passed on (the view that blocks an
 * `ALTER ... TYPE`), "statements before it were applied" only when some were (MySQL), the next
 * run's refusal does not repeat the failure inside itself, `--json` on an error prints one JSON
 * document with the message, hint and exit code, a closed pipe ends quietly (exit 0, nothing on
 * stderr), and `--connect-timeout 3` gives up within 20 % of 3 s on a host that drops the SYN.
 * Run `bun run build` first.
 */
import { describe, expect, test } from "bun:test";
import { Project } from "../support/project.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const DIALECTS: DialectName[] = ["sqlite", "postgres", "mysql"];

/** Replaces a migration's `file` and accepts the edit in schemavc.sum. */
function handEdit(p: Project, version: string, file: string, text: string): void {
  p.write(version, file, text);
  ok(p.run("rehash"));
}

describe("a failing statement is named where it is", () => {
  for (const dialect of DIALECTS) {
    test(`${dialect}: a failing down names down.sql and its line`, async () => {
      const { p, drop } = await projectOnFreshDatabase(dialect, `msg_down_${dialect}`);
      try {
        p.schema("table t {\n  id int primary key\n}\n");
        const v = p.generate("one");
        handEdit(p, v, "down.sql", "-- by hand\n\nINSERT INTO no_such_table VALUES (1);\nDROP TABLE t;\n");
        ok(p.run("up", "-q"));
        const r = p.run("down", "--allow-data-loss");
        const failed = r.code === 2 ? p.run("down") : r; // before the flag existed on down
        expect(failed.code).toBe(1);
        expect(failed.err).toContain(`migration ${v} failed at statement 1 of 2 (down.sql line 3)`);
        expect(failed.err).not.toContain("up.sql");
      } finally {
        await drop();
      }
    }, 60_000);
  }

  test("postgres: the database's detail is passed on (the view that blocks ALTER ... TYPE), also in --json", async () => {
    const { p, drop } = await projectOnFreshDatabase("postgres", "msg_detail");
    try {
      p.schema("table t {\n  id int primary key\n  name text\n}\n");
      const v1 = p.generate("one");
      handEdit(p, v1, "up.sql", `${p.read(v1, "up.sql")}\nCREATE VIEW v AS SELECT name FROM t;\n`);
      p.schema("table t {\n  id int primary key\n  name varchar(10)\n}\n");
      p.generate("narrow");
      const r = p.run("up", "--allow-data-loss");
      expect(r.code).toBe(1);
      expect(r.err).toContain("cannot alter type of a column used by a view or rule");
      expect(r.err).toMatch(/\n {2}detail: rule _RETURN on view v depends on column "name"\n/);
      expect(r.err).toContain("the transaction was rolled back");
      const j = p.run("up", "--allow-data-loss", "--json");
      expect(j.code).toBe(1);
      const doc = JSON.parse(j.out);
      expect(doc.error.detail).toContain("view v");
      expect(doc.error.exitCode).toBe(1);
    } finally {
      await drop();
    }
  }, 60_000);
});

describe("mysql: where DDL is not transactional", () => {
  test("'statements before it were applied' only when some were; the next refusal says the failure once", async () => {
    const { p, drop } = await projectOnFreshDatabase("mysql", "msg_partial");
    try {
      p.schema("table t {\n  id int primary key\n}\n");
      const v = p.generate("one");
      handEdit(
        p,
        v,
        "up.sql",
        "INSERT INTO no_such_table VALUES (1);\nCREATE TABLE t (id int primary key);\n",
      );
      const first = p.run("up");
      expect(first.code).toBe(1);
      expect(first.err).toContain(`migration ${v} failed at statement 1 of 2 (up.sql line 1)`);
      expect(first.err).not.toContain("statements before it were applied");
      expect(first.err).toContain("no statement of it was applied");
      // The next run refuses with the failure said once, not nested inside itself.
      const again = p.run("up");
      expect(again.code).toBe(1);
      expect(again.err.split("failed at statement").length - 1).toBe(1);
      expect(again.err).toContain("not resolved");
      // status names it once too.
      const status = p.run("status");
      expect(status.out.split("failed at statement").length - 1).toBe(1);
      expect(status.out).toContain(`migration ${v} failed at statement 1 of 2 (up.sql line 1)`);
      ok(p.run("resolve", v, "--rolled-back"));
      handEdit(
        p,
        v,
        "up.sql",
        "CREATE TABLE t (id int primary key);\nINSERT INTO no_such_table VALUES (1);\n",
      );
      const second = p.run("up");
      expect(second.code).toBe(1);
      expect(second.err).toContain(`failed at statement 2 of 2 (up.sql line 2)`);
      expect(second.err).toContain("statements before it were applied");
    } finally {
      await drop();
    }
  }, 60_000);
});

describe("--json on an error: exactly one JSON document with the message, hint and exit code", () => {
  const p = new Project("sqlite", "sqlite:./dev.db");
  p.schema("table t {\n  id int primary key\n}\n");
  p.generate("one");
  const refused = new Project("postgres", "postgres://u@127.0.0.1:1/x");
  const cases: [string, Project, string[], number][] = [
    ["an unknown command", p, ["genrate", "--json"], 2],
    ["an unknown flag", p, ["up", "--dry-runn", "--json"], 2],
    ["a version that matches nothing", p, ["up", "--to", "nosuch", "--json"], 2],
    ["a URL of another dialect", p, ["status", "--json", "--url", "postgres://u@127.0.0.1:1/x"], 1],
    ["a refused connection", refused, ["history", "--json"], 1],
    ["a config mistake", refused, ["history", "--json", "--env", "nope"], 1],
  ];
  for (const [name, project, args, code] of cases) {
    test(name, () => {
      const r = project.run(...args);
      expect(r.code).toBe(code);
      const doc = JSON.parse(r.out); // one document: JSON.parse fails on two
      expect(Object.keys(doc)).toEqual(["error"]);
      expect(typeof doc.error.message).toBe("string");
      expect(typeof doc.error.hint).toBe("string");
      expect(doc.error.exitCode).toBe(code);
      // stderr keeps the contract's `error:` line.
      expect(r.err).toContain(`error: ${doc.error.message}`);
    });
  }
});

describe("a closed pipe ends quietly", () => {
  const p = new Project("sqlite", "sqlite:./dev.db");
  p.schema("table t {\n  id int primary key\n}\n");
  for (const reader of ["head -1", "true"]) {
    test(`schemavc lint --rules | ${reader}: exit 0, nothing on stderr`, () => {
      const r = Bun.spawnSync(
        [
          "bash",
          "-c",
          `set -o pipefail; "${p.bin}" lint --rules 2>err.txt | ${reader}; echo "exit=$?" >&2; cat err.txt >&2`,
        ],
        { cwd: p.dir, env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1" } },
      );
      expect(r.stderr.toString()).toBe("exit=0\n");
    });
  }
});

describe("--connect-timeout 3 gives up within 20 % of 3 s on a host that drops the connection attempt", () => {
  for (const [dialect, url] of [
    ["postgres", "postgres://u@10.255.255.1:5432/db"],
    ["mysql", "mysql://u@10.255.255.1:3306/db"],
  ] as const) {
    test(dialect, () => {
      const p = new Project(dialect, url);
      p.schema("table t {\n  id int primary key\n}\n");
      const t0 = performance.now();
      const r = p.run("status", "--connect-timeout", "3");
      const s = (performance.now() - t0) / 1000;
      expect(r.code).toBe(1);
      expect(r.err).toContain("no answer within 3 s");
      expect(s).toBeGreaterThan(3 * 0.8);
      expect(s).toBeLessThan(3 * 1.2);
    }, 20_000);
  }
});
