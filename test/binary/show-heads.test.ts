/**
 * Seeing migrations as Alembic's users do (issue 18, item 3), through the binary on SQLite:
 * `show VERSION`, `heads` (two when two branches follow one parent), `history -r A:B` and
 * `history --verbose`. Run `bun run build` first.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ok } from "../support/cli.ts";
import { Project } from "../support/project.ts";

const made: Project[] = [];
afterEach(() => {
  for (const p of made.splice(0)) rmSync(p.dir, { recursive: true, force: true });
});

/** Three migrations (a table, a rename with its hint, a drop), the first applied. */
function project(): { p: Project; v: string[] } {
  const p = new Project("sqlite", "sqlite:./dev.db");
  made.push(p);
  p.schema("table users {\n  id    int  primary key\n  name  text\n}\n");
  const v1 = p.generate("users");
  p.schema("table users {\n  id    int  primary key\n  full_name  text  renamed from name\n}\n");
  const v2 = p.generate("rename name");
  p.schema("table users {\n  id    int  primary key\n}\n");
  const v3 = p.generate("drop full name");
  ok(p.run("up", "1", "-q"));
  return { p, v: [v1, v2, v3] };
}

describe("show", () => {
  test("a migration's message, parent, files, changes, losses, and where the database stands", () => {
    const { p, v } = project();
    const out = ok(p.run("show", v[2]!)).out;
    expect(out).toContain(`${v[2]}: drop full name\n  parent:  ${v[1]}\n`);
    expect(out).toContain(`migrations/${v[2]}/up.sql`);
    expect(out).toContain("  database: pending\n");
    expect(out).toContain("  changes (1):\n    - column users.full_name\n");
    expect(out).toContain("  up loses: drops column `users.full_name` and its data");
    const json = JSON.parse(ok(p.run("show", "head", "--json")).out);
    expect(json).toMatchObject({ version: v[2], parent: v[1], database: { status: "pending" } });
    // The rename is told as one: the snapshots keep the hint.
    expect(JSON.parse(ok(p.run("show", v[1]!, "--json")).out).changes).toEqual([
      "~ column users.name renamed to full_name",
    ]);
    expect(JSON.parse(ok(p.run("show", v[0]!, "--json")).out).database.status).toBe("applied");
  });
  test("no version, base and an ambiguous prefix are usage errors", () => {
    const { p } = project();
    expect(ok(p.run("show"), 2).err).toContain("which migration?");
    expect(ok(p.run("show", "base"), 2).err).toContain("`base` is base, not a migration");
    expect(ok(p.run("show", "2"), 2).err).toContain("matches 3 migrations");
  });
});

describe("heads", () => {
  test("one line has one head; two migrations on one parent (two branches) are two", () => {
    const { p, v } = project();
    expect(ok(p.run("heads")).out).toBe(`${v[2]} (head)\n`);
    // A second branch's migration on the same parent as v3, copied in beside it.
    const other = v[2]!.replace(/_.*/, "").replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const branch = `${other}_other_branch`;
    cpSync(join(p.dir, "migrations", v[2]!), join(p.dir, "migrations", branch), { recursive: true });
    const snap = join(p.dir, "migrations", branch, "snapshot.json");
    writeFileSync(snap, readFileSync(snap, "utf8").replace(`"id": "${v[2]}"`, `"id": "${branch}"`));
    const r = ok(p.run("heads", "--json"));
    expect(
      JSON.parse(r.out)
        .heads.map((h: { version: string }) => h.version)
        .sort(),
    ).toEqual([v[2], branch].sort());
    expect(ok(p.run("heads")).err).toContain("2 heads");
  });
});

describe("history -r and --verbose", () => {
  test("-r A:B keeps A to B (both included, current and empty sides); --verbose adds parent and changes", () => {
    const { p, v } = project();
    const versions = (...args: string[]) =>
      JSON.parse(ok(p.run("history", "--json", ...args)).out).migrations.map(
        (m: { version: string }) => m.version,
      );
    expect(versions("-r", "base:head")).toEqual(v);
    expect(versions("-r", "current:")).toEqual(v);
    expect(versions("-r", `${v[1]}:`)).toEqual([v[1], v[2]]);
    expect(versions("-r", `:${v[1]}`)).toEqual([v[0], v[1]]);
    expect(versions("--rev-range", "base:current")).toEqual([v[0]]);
    expect(ok(p.run("history", "-r", "nonsense"), 2).err).toContain("-r takes A:B");
    const out = ok(p.run("history", "--verbose", "-r", `${v[2]}:`)).out;
    expect(out).toContain(`    parent: ${v[1]}\n    - column users.full_name\n`);
  });
});

describe("edit", () => {
  test("opens $EDITOR on up.sql (down.sql with --down) and rehashes; refused when applied; a failing editor changes nothing", () => {
    const { p, v } = project();
    // An editor that appends a statement to the file it is given.
    const editor = join(p.dir, "append.sh");
    writeFileSync(editor, '#!/bin/sh\necho "UPDATE users SET id = id;" >> "$1"\n', { mode: 0o755 });
    const r = ok(p.runWith({ EDITOR: editor }, "edit", v[2]!));
    expect(r.out + r.err).toContain(`edited migrations/${v[2]}/up.sql; rewrote schemavc.sum`);
    expect(p.read(v[2]!, "up.sql")).toContain("UPDATE users SET id = id;");
    // The sum file agrees with the edited file: show reads the folder through its check.
    ok(p.run("show", v[2]!));
    ok(p.runWith({ VISUAL: editor, EDITOR: "false" }, "edit", v[2]!, "--down"));
    expect(p.read(v[2]!, "down.sql")).toContain("UPDATE users SET id = id;");

    const sum = readFileSync(join(p.dir, "migrations", "schemavc.sum"), "utf8");
    const applied = ok(p.runWith({ EDITOR: editor }, "edit", v[0]!), 1);
    expect(applied.err).toContain(`cannot edit ${v[0]}: it is applied on sqlite:./dev.db`);
    expect(p.read(v[0]!, "up.sql")).not.toContain("UPDATE");
    const failed = ok(p.runWith({ EDITOR: "false" }, "edit", v[1]!), 1);
    expect(failed.err).toContain("the editor (false) exited with 1: schemavc.sum not rewritten");
    expect(readFileSync(join(p.dir, "migrations", "schemavc.sum"), "utf8")).toBe(sum);
  });
});
