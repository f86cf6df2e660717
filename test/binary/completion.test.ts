/**
 * Helping people type: `schemavc completion bash|zsh|fish` (scripts that complete every command
 * and option) and "did you mean" for a mistyped command or flag, through the compiled binary.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { COMMANDS } from "../../src/cli/registry.ts";

const BIN = join(import.meta.dir, "../../dist/schemavc");
const run = (...args: string[]) => {
  const p = Bun.spawnSync([BIN, ...args], { stdout: "pipe", stderr: "pipe" });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};

/** What the bash function completes for the words typed so far (the last one being completed). */
function complete(script: string, words: string[]): string[] {
  const arr = words.map((w) => `'${w}'`).join(" ");
  const p = Bun.spawnSync(
    [
      "bash",
      "-c",
      `${script}\nCOMP_WORDS=(${arr}); COMP_CWORD=${words.length - 1}; _schemavc; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  expect(p.stderr.toString()).toBe("");
  return p.stdout.toString().split("\n").filter(Boolean);
}

describe("completion", () => {
  const bash = run("completion", "bash");
  test("bash: commands, aliases, each command's options, --dialect values", () => {
    expect(bash.code).toBe(0);
    expect(complete(bash.out, ["schemavc", "do"])).toEqual(["down", "downgrade"]);
    expect(complete(bash.out, ["schemavc", "up", "--allow"]).sort()).toEqual([
      "--allow-data-loss",
      "--allow-out-of-order",
    ]);
    expect(complete(bash.out, ["schemavc", "sql", "--dialect", "m"])).toEqual(["mysql"]);
    expect(complete(bash.out, ["schemavc", "help", "pu"])).toEqual(["pull"]);
    for (const c of COMMANDS) expect(complete(bash.out, ["schemavc", c.name])).toContain(c.name);
  });
  test("zsh: the same function through bashcompinit", () => {
    const r = run("completion", "zsh");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("#compdef schemavc")).toBe(true);
    expect(r.out).toContain("bashcompinit");
    expect(r.out).toContain("_schemavc()");
  });
  test("fish: a line per command and per option", () => {
    const r = run("completion", "fish");
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(`-n __fish_use_subcommand -a ${c.name} -d `);
    expect(r.out).toContain("-n '__fish_seen_subcommand_from up upgrade' -l allow-data-loss");
    expect(r.out).toContain("-l dialect -x -a 'sqlite postgres mysql'");
  });
  test("an unknown shell is bad usage (exit 2)", () => {
    const r = run("completion", "tcsh");
    expect(r.code).toBe(2);
    expect(r.err).toContain("bash, zsh, fish");
  });
});

describe("did you mean", () => {
  test("a mistyped command names the nearest one (exit 2)", () => {
    const r = run("stauts");
    expect(r.code).toBe(2);
    expect(r.err).toContain("did you mean `status`?");
  });
  test("a mistyped flag names the nearest option of that command (exit 2)", () => {
    const r = run("up", "--dry-runn");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--dry-runn'");
    expect(r.err).toContain("did you mean `--dry-run`?");
    expect(run("up", "--zzz").err).toContain("run `schemavc help up`");
  });
});
