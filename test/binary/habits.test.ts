/**
 * Everyday habits, through the compiled binary: a manual page for every command (every section,
 * examples that run the command with options it has), a short overview, "did you mean" for a
 * mistyped command or alias (exit 2), colour only when allowed (NO_COLOR, --no-color,
 * FORCE_COLOR), `--quiet` keeping the output and the errors, and no spinner off a terminal or
 * in a quick command. The spinner itself is unit-tested in test/unit/cli/spinner.test.ts.
 * Run `bun run build` first.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COMMANDS, GLOBAL_OPTIONS, findCommand, type CommandSpec } from "../../src/cli/registry.ts";
import { SECTIONS } from "../../src/cli/help.ts";
import { Project } from "../support/project.ts";
import { ok } from "../support/cli.ts";

const BIN = join(import.meta.dir, "../../dist/schemavc");
/** The binary with no terminal and a clean environment (no NO_COLOR unless given). */
const run = (args: string[], env: Record<string, string> = {}) => {
  const p = Bun.spawnSync([BIN, ...args], {
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: "/usr/bin:/bin", HOME: "/tmp", ...env },
  });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};
const ANSI = /\x1b\[/;

/** The command and the flags an example line runs (`schemavc up --to X | jq …` → up, [--to]). */
function parseExample(line: string): { name: string | undefined; flags: string[] } {
  const words = line.split(/\s+/);
  const at = words.indexOf("schemavc");
  const rest = words.slice(at + 2);
  const end = rest.findIndex((w) => ["|", ">", "&&", ";", "||"].includes(w));
  const args = end < 0 ? rest : rest.slice(0, end);
  return {
    name: at < 0 ? undefined : words[at + 1],
    flags: args.filter((w) => /^-[a-z-]/i.test(w)).map((w) => w.split("=")[0]!),
  };
}

function knownFlags(c: CommandSpec): Set<string> {
  const all = { ...GLOBAL_OPTIONS, ...c.options };
  return new Set(Object.entries(all).flatMap(([n, o]) => [`--${n}`, ...(o.short ? [`-${o.short}`] : [])]));
}

describe("help: a manual page for every command", () => {
  test("every section, in order, for every command in the registry; COMMAND --help is the same page", () => {
    for (const c of COMMANDS) {
      const r = run(["help", c.name]);
      expect({ c: c.name, code: r.code, err: r.err }).toEqual({ c: c.name, code: 0, err: "" });
      const lines = r.out.split("\n");
      const at = SECTIONS.map((s) => lines.indexOf(s));
      expect({ c: c.name, at: at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!)) }).toEqual({
        c: c.name,
        at: true,
      });
      expect(r.out.replace(/\s+/g, " ")).toContain(`schemavc ${c.usage} [OPTIONS]`);
      expect(run([c.name, "--help"]).out).toBe(r.out);
      for (const a of c.aliases ?? []) expect(run(["help", a]).out).toBe(r.out);
    }
  });

  test("2 to 4 examples per command, each running that very command with options it has", () => {
    for (const c of COMMANDS) {
      const examples = c.examples ?? [];
      expect({ c: c.name, n: examples.length >= 2 && examples.length <= 4 }).toEqual({ c: c.name, n: true });
      const page = run(["help", c.name]).out;
      const known = knownFlags(c);
      for (const e of examples) {
        const { name, flags } = parseExample(e.command);
        expect({ example: e.command, command: findCommand(name ?? "")?.name }).toEqual({
          example: e.command,
          command: c.name,
        });
        for (const f of flags)
          expect({ example: e.command, flag: f, known: known.has(f) }).toEqual({
            example: e.command,
            flag: f,
            known: true,
          });
        expect(e.comment.length).toBeGreaterThan(0);
        expect(e.comment).not.toContain("\n");
        expect(page).toContain(`    ${e.command}\n`);
      }
    }
  });

  test("EXIT STATUS gives 0, 1 and 2 for every command, 3 where the contract uses it; SEE ALSO names real commands", () => {
    for (const c of COMMANDS) {
      const page = run(["help", c.name]).out;
      const exit = page.slice(page.indexOf("EXIT STATUS\n"), page.indexOf("SEE ALSO\n"));
      for (const code of [0, 1, 2])
        expect({ c: c.name, code, listed: new RegExp(`^    ${code}   \\S`, "m").test(exit) }).toMatchObject({
          listed: true,
        });
      if (["diff", "status", "check"].includes(c.name)) expect(exit).toMatch(/^ {4}3 {3}\S/m);
      expect(c.seeAlso?.length ?? 0).toBeGreaterThan(0);
      for (const s of c.seeAlso ?? []) {
        expect({ c: c.name, s, real: findCommand(s) !== undefined && s !== c.name }).toMatchObject({
          real: true,
        });
        expect(page).toContain(`schemavc help ${s}`);
      }
    }
  });

  test("the overview stays short: one line a command, no manual sections", () => {
    const r = run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n").length).toBeLessThan(COMMANDS.length + 30);
    for (const c of COMMANDS) expect(r.out).toContain(`  ${c.name} `);
    expect(r.out).toContain("-q, --quiet");
    expect(r.out).not.toContain("EXAMPLES");
    expect(run(["help"]).out).toBe(r.out);
  });

  test("no terminal: 80 columns, no escapes", () => {
    for (const c of COMMANDS) {
      const r = run(["help", c.name]);
      expect(r.out).not.toMatch(ANSI);
      const examples = new Set((c.examples ?? []).map((e) => `    ${e.command}`));
      for (const l of r.out.split("\n"))
        if (!examples.has(l)) expect({ c: c.name, l, fits: l.length <= 80 }).toMatchObject({ fits: true });
    }
  });
});

describe("did you mean: a mistyped command", () => {
  test("names the nearest command or alias, exit 2", () => {
    for (const [typo, meant] of [
      ["genrate", "generate"],
      ["stauts", "status"],
      ["downgrad", "downgrade"],
      ["hsitory", "history"],
      ["completoin", "completion"],
      ["stat", "status"],
    ] as const) {
      const r = run([typo]);
      expect({ typo, code: r.code }).toEqual({ typo, code: 2 });
      expect(r.err).toContain(`unknown command \`${typo}\``);
      expect(r.err).toContain(`did you mean \`${meant}\`?`);
      expect(r.out).toBe("");
    }
  });
  test("in `help COMMAND` too; nothing near gives the list", () => {
    const r = run(["help", "pul"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("did you mean `pull`?");
    expect(run(["do"]).err).toContain("did you mean `down` or `downgrade`?");
    const far = run(["frobnicate"]);
    expect(far.code).toBe(2);
    expect(far.err).toContain("run `schemavc --help` for the list of commands");
  });
});

describe("colour and --quiet on a SQLite project", () => {
  let p: Project;
  const SCHEMA =
    "table users {\n  id     bigint        primary key identity\n  email  varchar(255)  unique\n  name   text\n}\n";
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error("dist/schemavc is missing: run `bun run build` first");
    p = new Project("sqlite", "sqlite:./dev.db");
    p.schema(SCHEMA);
  });
  afterAll(() => rmSync(p.dir, { recursive: true, force: true }));

  test("help headings are bold with FORCE_COLOR=1, plain with NO_COLOR=1 or --no-color", () => {
    expect(p.runWith({ NO_COLOR: "", FORCE_COLOR: "1" }, "help", "up").out).toContain("\x1b[1mNAME\x1b[0m");
    expect(p.runWith({ NO_COLOR: "1", FORCE_COLOR: "1" }, "help", "up").out).not.toMatch(ANSI);
    expect(p.runWith({ NO_COLOR: "", FORCE_COLOR: "1" }, "help", "up", "--no-color").out).not.toMatch(ANSI);
    expect(p.runWith({ NO_COLOR: "" }, "help", "up").out).not.toMatch(ANSI); // a pipe
  });

  test("--quiet: generate and up print nothing on success, yet do their work", () => {
    const g = ok(p.run("generate", "-q", "-m", "initial"));
    expect(g).toMatchObject({ out: "", err: "" });
    expect(p.versions()).toHaveLength(1);
    // Global flags may also stand before the command.
    expect(ok(p.run("-q", "up"))).toMatchObject({ out: "", err: "" });
    expect(ok(p.run("current")).out).toBe(`${p.versions()[0]}\n`);
  });

  test("--quiet keeps the primary output: current's line, status, history, sql's SQL, --json", () => {
    expect(ok(p.run("current", "-q"))).toEqual({ code: 0, out: `${p.versions()[0]}\n`, err: "" });
    expect(ok(p.run("status", "--quiet")).out).toContain("pending: none");
    expect(ok(p.run("history", "-q")).out).toContain(p.versions()[0]!);
    expect(ok(p.run("sql", "-q")).out).toContain("CREATE TABLE");
    expect(JSON.parse(ok(p.run("current", "-q", "--json")).out)).toEqual({ current: p.versions()[0] });
    const dry = ok(p.run("down", "--dry-run", "-q"));
    expect(dry.out).toContain("DROP TABLE");
  });

  test("--quiet keeps warnings and errors, drops the notes", () => {
    p.schema(SCHEMA.replace("  name   text\n", ""));
    const loud = p.run("diff");
    expect(loud.code).toBe(3);
    const g = ok(p.run("generate", "-q", "-m", "drop name"));
    expect(g.out).toBe("");
    expect(g.err).toContain("warning: data loss");
    expect(g.err).not.toContain("refuses this migration"); // an info note
    // Refused by the data-loss guard: the error stays.
    const up = p.run("up", "-q");
    expect(up.code).toBe(1);
    expect(up.err).toContain("error:");
    expect(up.out).toBe("");
    // Usage errors and schema errors stay too.
    expect(p.run("generate", "-q").code).toBe(2);
    expect(p.run("generate", "-q").err).toContain("a message is needed");
    writeFileSync(join(p.dir, "schema", "broken.schema"), "table {\n");
    const broken = p.run("sql", "-q");
    expect(broken.code).toBe(1);
    expect(broken.err).toContain("error");
    rmSync(join(p.dir, "schema", "broken.schema"));
  });

  test("check's marks and errors: coloured with FORCE_COLOR=1, never with NO_COLOR=1 or --no-color", () => {
    p.schema(SCHEMA.replace("  name   text\n", "  nickname text\n")); // a change without a migration: check fails
    const forced = p.runWith({ NO_COLOR: "", FORCE_COLOR: "1" }, "check");
    expect(forced.code).toBe(3);
    expect(forced.out).toContain("\x1b[32mok\x1b[0m");
    expect(forced.err).toContain("\x1b[31merror:\x1b[0m");
    for (const r of [
      p.runWith({ NO_COLOR: "1", FORCE_COLOR: "1" }, "check"),
      p.runWith({ NO_COLOR: "", FORCE_COLOR: "1" }, "check", "--no-color"),
      p.runWith({ NO_COLOR: "" }, "check"),
    ]) {
      expect(r.code).toBe(3);
      expect(r.out + r.err).not.toMatch(ANSI);
      expect(r.err).toContain("error:");
    }
    // --quiet: only what failed.
    const q = p.run("check", "-q");
    expect(q.code).toBe(3);
    expect(q.out).not.toContain("ok    ");
    expect(q.out).toContain("check failed");
  });

  test("no spinner without a terminal; none in a quick command on a terminal", () => {
    p.schema(SCHEMA);
    for (const args of [["status"], ["lint"], ["diff", "--from", "sqlite:./dev.db"]]) {
      const r = p.run(...args);
      expect(r.err).not.toMatch(ANSI);
      expect(r.err).not.toContain("\r");
    }
    // util-linux `script` gives the binary a terminal; a command under a second draws nothing.
    if (!Bun.which("script")) return;
    const t = Bun.spawnSync(["script", "-qec", `${p.bin} status`, "/dev/null"], {
      cwd: p.dir,
      env: { PATH: "/usr/bin:/bin", HOME: p.dir, NO_COLOR: "1" },
      stdout: "pipe",
      stderr: "pipe",
    });
    const all = t.stdout.toString();
    expect(all).toContain("drift:");
    expect(all).not.toContain("\x1b[2K");
  });

  test("colour on a terminal, told by the descriptor: stdout and stderr each on its own", () => {
    p.schema(SCHEMA.replace("  name   text\n", "  nickname text\n")); // check fails: `ok` marks and an error
    if (!Bun.which("script")) return;
    const onTerminal = (command: string) =>
      Bun.spawnSync(["script", "-qec", command, "/dev/null"], {
        cwd: p.dir,
        env: { PATH: "/usr/bin:/bin", HOME: p.dir },
        stdout: "pipe",
        stderr: "pipe",
      }).stdout.toString();
    // Both on the terminal: both coloured.
    const both = onTerminal(`${p.bin} check`);
    expect(both).toContain("\x1b[32mok\x1b[0m");
    expect(both).toContain("\x1b[31merror:\x1b[0m");
    // stdout into a pipe, stderr on the terminal: only stderr is coloured.
    const piped = onTerminal(`${p.bin} check | cat`);
    expect(piped).toContain("\x1b[31merror:\x1b[0m");
    expect(piped).not.toContain("\x1b[32mok");
    // Both into a file: no colour.
    onTerminal(`${p.bin} check > out.txt 2>&1`);
    expect(readFileSync(join(p.dir, "out.txt"), "utf8")).toContain("error:");
    expect(readFileSync(join(p.dir, "out.txt"), "utf8")).not.toMatch(ANSI);
  });
});

test("--quiet over a fleet: the failed targets and the summary, no line per healthy target", () => {
  const p = new Project("sqlite", "sqlite:./dev.db");
  try {
    p.schema("table t {\n  id bigint primary key identity\n}\n");
    ok(p.run("generate", "-q", "-m", "one"));
    for (const n of ["a", "b"]) writeFileSync(join(p.dir, `${n}.db`), "");
    // A target that cannot be opened: a folder that does not exist.
    writeFileSync(join(p.dir, "targets.txt"), "sqlite:./a.db\nsqlite:./b.db\nsqlite:./no/such/dir/c.db\n");
    const loud = p.run("up", "--targets", "targets.txt");
    expect(loud.code).toBe(1);
    expect(loud.out).toContain("sqlite:./a.db");
    const q = p.run("up", "--targets", "targets.txt", "-q");
    expect(q.code).toBe(1);
    expect(q.out).not.toContain("sqlite:./a.db");
    expect(q.out).toContain("sqlite:./no/such/dir/c.db");
    expect(q.out).toMatch(/3 targets in .*: 2 at \d+_one, 1 failed/);
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
});
