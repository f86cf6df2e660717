/**
 * Long work shows itself, through the binary: a statement that runs for more than a second
 * shows its number and elapsed seconds on a terminal (a pseudo-terminal from util-linux
 * `script`), after the `applying V ... ` line, and the line still ends `done in N ms`; off a
 * terminal nothing extra is printed. On SQLite, a run that must wait for another writer's lock
 * says so before it waits, as it does on PostgreSQL and MySQL. Run `bun run build` first.
 */
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { Project } from "../support/project.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";

/** A statement that takes about 2.5 s, in each server dialect's words. */
const SLEEP = { postgres: "SELECT pg_sleep(2.5);", mysql: "DO SLEEP(2.5);" } as const;

describe("a statement that runs for more than a second shows its elapsed time on a terminal", () => {
  for (const dialect of ["postgres", "mysql"] as const) {
    test(dialect, async () => {
      if (!Bun.which("script")) throw new Error("util-linux `script` is needed for the pseudo-terminal");
      const { p, drop } = await projectOnFreshDatabase(dialect, `long_${dialect}`);
      try {
        p.schema("table t {\n  id int primary key\n}\n");
        const v = p.generate("one");
        p.write(v, "up.sql", `${p.read(v, "up.sql")}\n${SLEEP[dialect]}\n`);
        ok(p.run("rehash"));
        const t = Bun.spawnSync(["script", "-qec", `${p.bin} up`, "/dev/null"], {
          cwd: p.dir,
          env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1", TERM: "xterm" },
          stdout: "pipe",
          stderr: "pipe",
        });
        const screen = t.stdout.toString();
        expect(t.exitCode).toBe(0);
        // The spinner after the open line: the statement's number and its elapsed seconds.
        expect(screen).toMatch(new RegExp(`applying ${v} \\.\\.\\. \\S statement 2 of 2 \\(\\d s\\)`));
        // Erased with the line written back, then ended as usual.
        expect(screen).toContain(`\r\x1b[2Kapplying ${v} ... done in `);
      } finally {
        await drop();
      }
    }, 60_000);

    test(`${dialect}: off a terminal, nothing extra`, async () => {
      const { p, drop } = await projectOnFreshDatabase(dialect, `long_pipe_${dialect}`);
      try {
        p.schema("table t {\n  id int primary key\n}\n");
        const v = p.generate("one");
        p.write(v, "up.sql", `${p.read(v, "up.sql")}\n${SLEEP[dialect]}\n`);
        ok(p.run("rehash"));
        const r = ok(p.run("up"));
        expect(r.out).toMatch(new RegExp(`^applying ${v} \\.\\.\\. done in \\d+ ms\n`));
        expect(r.out + r.err).not.toContain("\x1b[");
        expect(r.out + r.err).not.toContain("statement 2 of 2");
      } finally {
        await drop();
      }
    }, 60_000);
  }
});

describe("sqlite: waiting for another run's lock says so", () => {
  test("a run that finds the write lock held prints the waiting note, then applies once it is free", async () => {
    const p = new Project("sqlite", "sqlite:./dev.db");
    p.schema("table t {\n  id int primary key\n}\n");
    const v = p.generate("one");
    // Another writer holds the database's write lock (as a running migration does).
    const other = new Database(join(p.dir, "dev.db"));
    other.run("BEGIN IMMEDIATE");
    const up = p.spawn("up", "--lock-timeout", "30");
    await Bun.sleep(2000);
    other.run("COMMIT");
    other.close();
    expect(await up.exited).toBe(0);
    const err = await new Response(up.stderr).text();
    const out = await new Response(up.stdout).text();
    expect(err).toContain("waiting for another schemavc run to release the migration lock");
    expect(out).toContain(`applying ${v} ... done in`);
  }, 60_000);

  test("a run that finds the lock free says nothing about waiting", () => {
    const p = new Project("sqlite", "sqlite:./dev.db");
    p.schema("table t {\n  id int primary key\n}\n");
    p.generate("one");
    const r = ok(p.run("up"));
    expect(r.err).not.toContain("waiting");
  });
});
