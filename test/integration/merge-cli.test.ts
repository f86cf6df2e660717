/**
 * `schemavc merge` (issue 18, item 4), through the compiled binary, with two real git branches
 * in a temporary repository, on every database:
 *
 * - commuting branches (one adds a table, the other a column of another table): `git merge`
 *   conflicts in schemavc.sum, `merge` re-chains the later branch's migration on top (SQL
 *   unchanged), `check` passes, a database that applied the later branch's migration first
 *   gets the earlier one from `up`, and a fresh database gets all in order: both end equal;
 * - overlapping branches (one retypes `users.name`, the other indexes it): `merge` refuses off a
 *   terminal, naming the column; `merge --yes` regenerates the later branch's migration from
 *   the merged schema files; a database that applied the old one is refused by `up` until it
 *   rolls it back, then gets the rest; at a terminal (SQLite), `n` refuses and `y` regenerates;
 * - on SQLite: versions that interleave are regenerated too, and a later branch holding a
 *   hand-written migration is refused (regenerating would lose its statements).
 *
 * Run `bun run build` first.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor, freshDatabase, type TestDb } from "../support/db.ts";
import { ok } from "../support/cli.ts";
import { Project } from "../support/project.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";

const targets = await databasesFor("merge_cmd");
const extra: TestDb[] = [];
afterAll(async () => {
  for (const t of [...targets.map((x) => x.db), ...extra]) await t?.drop().catch(() => {});
});

/** A project in a fresh git repository (the binary and databases ignored), `main` committed. */
function repo(dialect: DialectName, url: string) {
  const p = new Project(dialect, url);
  const git = (...args: string[]) => {
    const r = Bun.spawnSync(["git", ...args], {
      cwd: p.dir,
      env: { PATH: "/usr/bin:/bin", HOME: p.dir, GIT_CONFIG_NOSYSTEM: "1" },
    });
    return { code: r.exitCode, out: r.stdout.toString() + r.stderr.toString() };
  };
  const must = (...args: string[]) => {
    const r = git(...args);
    if (r.code !== 0) throw new Error(`git ${args.join(" ")}: ${r.out}`);
    return r.out;
  };
  must("init", "-q", "-b", "main");
  must("config", "user.name", "Test");
  must("config", "user.email", "test@example.invalid");
  must("config", "commit.gpgsign", "false");
  writeFileSync(join(p.dir, ".gitignore"), "schemavc\n*.db\n");
  const write = (file: string, text: string) => writeFileSync(join(p.dir, "schema", file), text);
  const commit = (message: string) => {
    must("add", "-A", "schema", "migrations", ".gitignore", "schemavc.toml");
    must("commit", "-q", "-m", message);
  };
  return { p, git, must, write, commit };
}

/** Migration versions are UTC seconds: the second branch's must be newer than the first's. */
const nextSecond = () => Bun.sleepSync(1100 - (Date.now() % 1000));

const USERS = "table users {\n  id    int          primary key\n  name  varchar(50)\n}\n";

async function secondDatabase(d: DialectName, tag: string): Promise<TestDb> {
  const db = await freshDatabase(d, tag);
  if ("unavailable" in db) throw new Error(db.unavailable);
  extra.push(db);
  return db;
}

const versionsIn = (r: { out: string }) =>
  JSON.parse(r.out).migrations.map((m: { version: string; status: string }) => `${m.version} ${m.status}`);

/**
 * Two branches that overlap: `wider` retypes users.name, `index` (later) indexes it; the
 * developer's database applied `index` on its branch; `main` has merged `wider`, then `index`
 * (git stops on schemavc.sum), and the schema files are merged as a person would.
 */
function overlapping(d: DialectName, url: string) {
  const r = repo(d, url);
  const { p, git, must, write, commit } = r;
  write("users.schema", USERS);
  p.generate("users");
  commit("users");
  must("checkout", "-q", "-b", "wider");
  const wider = USERS.replace("varchar(50)", "varchar(100)");
  write("users.schema", wider);
  nextSecond();
  const a = p.generate("wider name");
  commit("wider name");
  must("checkout", "-q", "main");
  must("checkout", "-q", "-b", "index");
  write("users.schema", USERS.replace("}\n", "\n  index (name)\n}\n"));
  nextSecond();
  const b = p.generate("index name");
  commit("index name");
  ok(p.run("up"));
  must("checkout", "-q", "main");
  must("merge", "-q", "wider");
  expect(git("merge", "--no-edit", "index").code).not.toBe(0);
  // Git may or may not have merged the schema file alone: it is written as merged.
  write("users.schema", wider.replace("}\n", "\n  index (name)\n}\n"));
  must("add", "schema");
  return { ...r, a, b };
}

/** The binary at a terminal (util-linux `script` gives it one), `answer` typed on its stdin. */
function atTerminal(p: Project, answer: string, ...args: string[]) {
  const line = [p.bin, ...args].map((a) => `'${a}'`).join(" ");
  const r = Bun.spawnSync(["script", "-qec", line, "/dev/null"], {
    cwd: p.dir,
    env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1", TERM: "dumb" },
    stdin: new TextEncoder().encode(answer),
  });
  return { code: r.exitCode, out: r.stdout.toString() };
}

for (const target of targets) {
  const d = target.dialect;
  describe(`merge on ${d}`, () => {
    if (!target.db) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    const db = target.db;

    test("commuting branches: re-chained, checked, and applied on a database that applied the later branch first", async () => {
      const { p, git, must, write, commit } = repo(d, db.url);
      try {
        write("users.schema", USERS);
        const v1 = p.generate("users");
        commit("users");
        must("checkout", "-q", "-b", "posts");
        write(
          "posts.schema",
          "table posts {\n  id     int           primary key\n  title  varchar(100)\n}\n",
        );
        nextSecond();
        const a = p.generate("posts");
        commit("posts");
        must("checkout", "-q", "main");
        must("checkout", "-q", "-b", "email");
        write("users.schema", USERS.replace("}\n", "  email varchar(80)?\n}\n"));
        nextSecond();
        const b = p.generate("email");
        commit("email");
        const bUp = p.read(b, "up.sql");
        const bDown = p.read(b, "down.sql");
        // The developer's database on the branch: the later branch's migration applied first.
        ok(p.run("up"));

        must("checkout", "-q", "main");
        must("merge", "-q", "posts");
        const merged = git("merge", "--no-edit", "email");
        expect(merged.code).not.toBe(0);
        expect(merged.out).toContain("migrations/schemavc.sum");
        // Every command refuses the folder as git left it; heads shows the two lines.
        expect(ok(p.run("status"), 1).err).toContain("merge conflict markers");
        expect(ok(p.run("heads")).err).toContain("2 heads");

        const dry = JSON.parse(ok(p.run("merge", "--dry-run", "--json")).out);
        expect(dry).toMatchObject({
          mode: "rechained",
          earlier: [a],
          later: [b],
          conflicts: [],
          merged: false,
        });
        const r = ok(p.run("merge"));
        expect(r.out).toContain(`they commute): re-chained ${b} on top of ${a}`);
        // The schema files (git merged them alone: one file per table) equal the merged schema.
        expect(r.out).not.toContain("schema files differ");
        expect(r.out).toContain("up.sql and down.sql are unchanged");
        expect(r.err).toBe("");
        expect(p.read(b, "up.sql")).toBe(bUp);
        expect(p.read(b, "down.sql")).toBe(bDown);
        expect(JSON.parse(p.read(b, "snapshot.json")).prevId).toBe(a);
        expect(JSON.parse(ok(p.run("heads", "--json")).out).heads).toEqual([{ version: b, parent: a }]);
        must("add", "migrations");
        must("commit", "-q", "--no-edit");
        // One line, the schema files equal to its snapshot, nothing to lint: check passes.
        ok(p.run("check"));
        expect(ok(p.run("merge")).out).toContain("nothing to merge");

        // The developer's database: status says the earlier branch's migration will be applied,
        // and measures drift against what the database applied (not the merged snapshot).
        const st = ok(p.run("status"), 3).out;
        expect(st).toContain(`out of order (older than the newest applied): ${a} (it commutes`);
        expect(st).toContain("drift: none (the database matches what its applied migrations make)");
        // up applies it now.
        const up = ok(p.run("up"));
        expect(up.out).toContain(`${a} is older than ${b}, applied here before it`);
        expect(ok(p.run("current")).out.trim()).toBe(b);
        expect(versionsIn(ok(p.run("history", "--json")))).toEqual([
          `${v1} applied`,
          `${a} applied`,
          `${b} applied`,
        ]);
        expect(ok(p.run("status")).out).toContain("drift: none");
        // A database that never saw either branch gets all three in version order.
        const fresh = await secondDatabase(d, "merge_fresh");
        ok(p.run("up", "--url", fresh.url));
        ok(p.run("status", "--url", fresh.url));
        // The two databases are the same: each one's live schema equals the other's.
        ok(p.run("diff", "--from", db.url, "--to", fresh.url));
        // down goes by version, newest first: the later branch, then the earlier (applied last).
        ok(p.run("down", "--to", "base", "--allow-data-loss"));
        expect(ok(p.run("current")).out.trim()).toBe("base");
      } finally {
        rmSync(p.dir, { recursive: true, force: true });
      }
    }, 180_000);

    test("overlapping branches: refused naming the column, regenerated with --yes, the old migration rolled back first", async () => {
      const own = await secondDatabase(d, "merge_overlap");
      const { p, must, a, b } = overlapping(d, own.url);
      try {
        const refused = ok(p.run("merge"), 1);
        expect(refused.err).toContain("both branches change the same objects");
        expect(refused.err).toContain("column users.name");
        expect(refused.err).toContain("nothing was changed");
        expect(refused.err).toContain("schemavc merge --yes");
        expect(existsSync(p.file(b, "up.sql"))).toBe(true);
        const json = JSON.parse(ok(p.run("merge", "--json"), 1).out);
        expect(json.error.message).toContain("column users.name");

        const r = JSON.parse(ok(p.run("merge", "--yes", "--json")).out);
        expect(r).toMatchObject({
          mode: "regenerated",
          merged: true,
          replaced: [b],
          earlier: [a],
          later: [b],
        });
        const c = r.version as string;
        expect(c > a && c > b).toBe(true);
        expect(existsSync(p.file(b, "up.sql"))).toBe(false);
        expect(p.read(c, "up.sql")).toContain(`-- schemavc:replaces ${b}\n`);
        expect(JSON.parse(p.read(c, "snapshot.json")).prevId).toBe(a);
        must("add", "-A", "migrations");
        must("commit", "-q", "--no-edit");
        ok(p.run("check"));

        // The developer's database applied the old migration: a clear refusal, then the way out.
        const up = ok(p.run("up"), 1);
        expect(up.err).toContain(
          `this database applied ${b} before \`schemavc merge\` replaced it with ${c}`,
        );
        expect(up.err).toContain("schemavc down 1");
        ok(p.run("down", "1"));
        ok(p.run("up"));
        expect(ok(p.run("current")).out.trim()).toBe(c);
        ok(p.run("status"));
        expect(readFileSync(join(p.dir, "migrations", "schemavc.sum"), "utf8")).not.toContain(b);
      } finally {
        rmSync(p.dir, { recursive: true, force: true });
      }
    }, 180_000);

    if (d === "sqlite" && Bun.which("script"))
      test("at a terminal: asked, n refuses and changes nothing, y regenerates", async () => {
        const own = await secondDatabase(d, "merge_tty");
        const { p, b } = overlapping(d, own.url);
        try {
          const no = atTerminal(p, "n\n", "merge");
          expect(no.code).toBe(1);
          expect(no.out).toContain("column users.name");
          expect(no.out).toContain(`regenerate ${b} as one migration after`);
          expect(existsSync(p.file(b, "up.sql"))).toBe(true);
          const yes = atTerminal(p, "y\n", "merge");
          expect(yes.code).toBe(0);
          expect(yes.out).toContain(`regenerated ${b} as migrations/`);
          expect(existsSync(p.file(b, "up.sql"))).toBe(false);
          ok(p.run("check"));
        } finally {
          rmSync(p.dir, { recursive: true, force: true });
        }
      }, 120_000);
  });
}

describe("merge on sqlite: the lines that are never re-chained", () => {
  test("interleaved versions are regenerated (after --yes) even when they commute", () => {
    const { p, git, must, write, commit } = repo("sqlite", "sqlite:./dev.db");
    try {
      write("users.schema", USERS);
      p.generate("users");
      commit("users");
      must("checkout", "-q", "-b", "posts");
      write("posts.schema", "table posts {\n  id int primary key\n}\n");
      nextSecond();
      const a1 = p.generate("posts");
      commit("posts");
      must("checkout", "-q", "main");
      must("checkout", "-q", "-b", "tags");
      write("tags.schema", "table tags {\n  id int primary key\n}\n");
      nextSecond();
      const b1 = p.generate("tags");
      commit("tags");
      must("checkout", "-q", "posts");
      write("posts.schema", "table posts {\n  id int primary key\n  title text?\n}\n");
      nextSecond();
      const a2 = p.generate("title");
      commit("title");
      must("checkout", "-q", "main");
      must("merge", "-q", "posts");
      expect(git("merge", "--no-edit", "tags").code).not.toBe(0);
      const dry = JSON.parse(ok(p.run("merge", "--dry-run", "--json")).out);
      expect(dry).toMatchObject({
        mode: "regenerate",
        interleaved: true,
        conflicts: [],
        earlier: [a1, a2],
        later: [b1],
      });
      expect(ok(p.run("merge"), 1).err).toContain(
        `the branches' migrations interleave in time (${b1} is older than ${a2})`,
      );
      const r = JSON.parse(ok(p.run("merge", "--yes", "--json")).out);
      expect(r).toMatchObject({ mode: "regenerated", replaced: [b1], changes: ["+ table tags (1 column)"] });
      expect(p.versions().slice(1, 3)).toEqual([a1, a2]);
      ok(p.run("check"));
    } finally {
      rmSync(p.dir, { recursive: true, force: true });
    }
  }, 120_000);

  test("a hand-written migration on the later branch is never regenerated", () => {
    const { p, git, must, write, commit } = repo("sqlite", "sqlite:./dev.db");
    try {
      write("users.schema", USERS);
      p.generate("users");
      commit("users");
      must("checkout", "-q", "-b", "posts");
      write("posts.schema", "table posts {\n  id int primary key\n}\n");
      nextSecond();
      p.generate("posts");
      commit("posts");
      must("checkout", "-q", "main");
      must("checkout", "-q", "-b", "seed");
      nextSecond();
      ok(p.run("revision", "-m", "seed"));
      const seed = p.versions().at(-1)!;
      p.write(seed, "up.sql", `${p.read(seed, "up.sql")}INSERT INTO users (id, name) VALUES (1, 'Ada');\n`);
      ok(p.run("rehash"));
      commit("seed");
      must("checkout", "-q", "main");
      must("merge", "-q", "posts");
      expect(git("merge", "--no-edit", "seed").code).not.toBe(0);
      const r = ok(p.run("merge", "--yes"), 1);
      expect(r.err).toContain(`the hand-written statements of ${seed}`);
      expect(r.err).toContain("regenerating would lose its statements; nothing was changed");
      expect(existsSync(p.file(seed, "up.sql"))).toBe(true);
    } finally {
      rmSync(p.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
