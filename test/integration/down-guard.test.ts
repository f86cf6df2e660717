/**
 * `down` is guarded like `up` (issue 16, item 5), through the compiled binary on every dialect:
 * a rollback whose down.sql loses data lists it with the rows there and is refused off a
 * terminal, accepted with --allow-data-loss or a `y` at a (pseudo-)terminal; the baseline of an
 * adopted database (pull + generate + stamp) is never rolled back into dropping its tables
 * without --allow-data-loss.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { rmSync } from "node:fs";
import { databasesFor, freshDatabase } from "../support/db.ts";
import { Project } from "../support/project.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("downguard");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table users {\n  id     bigint        primary key identity\n  email  varchar(255)\n}\n";
const V2 = V1.replace("}", "  name   varchar(100)?\n}");

async function setup(dialect: DialectName, tag: string) {
  const db = await freshDatabase(dialect, tag);
  if ("unavailable" in db) throw new Error(db.unavailable);
  const p = new Project(dialect, db.url);
  const sql = async (text: string) => {
    const c = await db.connect();
    try {
      return await c.query<Record<string, unknown>>(text);
    } finally {
      await c.close();
    }
  };
  return {
    p,
    sql,
    done: async () => {
      await db.drop();
      rmSync(p.dir, { recursive: true, force: true });
    },
  };
}

/** Runs the binary on a pseudo-terminal (util-linux `script`) and answers its question. */
async function atTerminal(p: Project, args: string, answer: string): Promise<string> {
  const proc = Bun.spawn(["script", "-qec", `${p.bin} ${args}`, "/dev/null"], {
    cwd: p.dir,
    env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1", TERM: "dumb" },
    stdin: "pipe",
    stdout: "pipe",
  });
  let seen = "";
  const reader = proc.stdout.getReader();
  while (!seen.includes("[y/N]")) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  proc.stdin.write(`${answer}\r`);
  await proc.stdin.end();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += new TextDecoder().decode(value);
  }
  await proc.exited;
  return seen;
}

const count = async (sql: (t: string) => Promise<Record<string, unknown>[]>, t: string) =>
  Number((await sql(`SELECT count(*) AS n FROM ${t}`))[0]!["n"]);

for (const target of targets) {
  const d = target.dialect;
  describe(`down's data-loss guard on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("a rollback that drops a column is refused off a terminal, naming it with the rows, and changes nothing", async () => {
      const { p, sql, done } = await setup(d, "refuse");
      try {
        p.schema(V1);
        p.generate("one");
        p.schema(V2);
        const two = p.generate("two");
        expect(p.run("up").code).toBe(0);
        await sql("INSERT INTO users (email, name) VALUES ('a@x', 'Ann'), ('b@x', 'Bob')");
        const r = p.run("down");
        expect(r.code).toBe(1);
        expect(r.err).toContain(`rolling back migration ${two} loses data; nothing was rolled back`);
        expect(r.err).toContain(`migrations/${two}/down.sql`);
        expect(r.err).toContain("drops column `users.name` and its data (2 rows)");
        expect(r.err).toContain("--allow-data-loss");
        expect(p.run("current").out).toBe(`${two}\n`);
        expect(await count(sql, "users")).toBe(2);
        // --json: one document with the message.
        const j = p.run("down", "--json");
        expect(j.code).toBe(1);
        const ok = p.run("down", "--allow-data-loss");
        expect(ok.code).toBe(0);
        expect(p.run("current").out).toBe(`${p.versions()[0]}\n`);
        expect(await count(sql, "users")).toBe(2);
      } finally {
        await done();
      }
    });

    test("a rollback that loses nothing needs no flag", async () => {
      const { p, done } = await setup(d, "noloss");
      try {
        p.schema(V2);
        p.generate("one");
        p.schema(V1);
        p.generate("drop name");
        expect(p.run("up", "--allow-data-loss").code).toBe(0);
        // Rolling back a dropped column adds it back: nothing is lost.
        expect(p.run("down").code).toBe(0);
      } finally {
        await done();
      }
    });

    for (const [answer, rolledBack] of [
      ["y", true],
      ["n", false],
    ] as const) {
      test(`at a terminal the loss is listed and asked; answering ${answer} ${rolledBack ? "rolls back" : "keeps everything"}`, async () => {
        const { p, sql, done } = await setup(d, `tty${answer}`);
        try {
          p.schema(V1);
          const one = p.generate("one");
          expect(p.run("up").code).toBe(0);
          await sql("INSERT INTO users (email) VALUES ('a@x')");
          const out = await atTerminal(p, "down", answer);
          expect(out).toContain("drops table `users` and every row in it (1 row)");
          expect(out).toContain("roll back and lose this? [y/N]");
          expect(p.run("current").out).toBe(rolledBack ? "base\n" : `${one}\n`);
          if (!rolledBack) expect(out).toContain("the rollback was not confirmed: nothing was rolled back");
        } finally {
          await done();
        }
      });
    }

    test("the baseline of an adopted database is never rolled back without --allow-data-loss, not even with a y", async () => {
      const { p, sql, done } = await setup(d, "baseline");
      try {
        // A database that exists before schemavc: adopted with pull, generate and stamp.
        await sql("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(50) NOT NULL)");
        await sql("INSERT INTO accounts (id, owner) VALUES (1, 'ann'), (2, 'bob'), (3, 'cy')");
        expect(p.run("pull", "--yes").code).toBe(0);
        const base = p.generate("baseline");
        expect(p.run("stamp", base).code).toBe(0);
        const r = p.run("downgrade", "base");
        expect(r.code).toBe(1);
        expect(r.err).toContain(`migration ${base} is the baseline of an adopted database`);
        expect(r.err).toContain("would drop the adopted database's tables (accounts (3 rows))");
        const out = await atTerminalOrNull(p, "downgrade base");
        if (out !== null) expect(out).not.toContain("[y/N]");
        expect(p.run("current").out).toBe(`${base}\n`);
        expect(await count(sql, "accounts")).toBe(3);
        expect(p.run("downgrade", "base", "--allow-data-loss").code).toBe(0);
        expect(p.run("current").out).toBe("base\n");
      } finally {
        await done();
      }
    });
  });
}

/** The binary's whole output on a pseudo-terminal, without answering anything. */
async function atTerminalOrNull(p: Project, args: string): Promise<string | null> {
  if (!Bun.which("script")) return null;
  const proc = Bun.spawn(["script", "-qec", `${p.bin} ${args}`, "/dev/null"], {
    cwd: p.dir,
    env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1", TERM: "dumb" },
    stdin: "pipe",
    stdout: "pipe",
  });
  await proc.stdin.end();
  const out = await new Response(proc.stdout).text();
  await proc.exited;
  return out;
}
