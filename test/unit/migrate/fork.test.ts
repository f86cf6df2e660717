/**
 * A migrations folder two branches each added to (src/migrate/fork.ts), in memory: the sides
 * of a sum file with git's conflict markers, a file no side's hash matches refused, and the
 * shapes of the chain (one line, two lines on one parent, more than two refused).
 */
import { describe, expect, test } from "bun:test";
import { readMigrations, writeMigration } from "../../../src/migrate/dir.ts";
import { findFork, readFork, replacedBy, sumSides } from "../../../src/migrate/fork.ts";
import { MemMigrationSource } from "../../../src/migrate/source.ts";
import { SUM_FILE } from "../../../src/migrate/sum.ts";
import type { Schema } from "../../../src/ir/model.ts";

const schema: Schema = { tables: [], enums: [] };
const utf8 = new TextDecoder();
const P = "20260101000000_base";

/** A base migration, then one branch per name, each a migration on the base; git's merged sum. */
async function branches(...names: string[]): Promise<MemMigrationSource> {
  const main = new MemMigrationSource();
  await writeMigration(main, [], { version: P, up: "CREATE base;\n", down: "", schema, dialect: "sqlite" });
  const base = await readMigrations(main);
  const merged = new MemMigrationSource();
  for (const [f, b] of main.files) merged.files.set(f, b);
  const sides: string[] = [];
  for (const [i, n] of names.entries()) {
    const side = new MemMigrationSource();
    for (const [f, b] of main.files) side.files.set(f, b);
    const version = `2026010${i + 2}000000_${n}`;
    await writeMigration(side, base, { version, up: `CREATE ${n};\n`, down: "", schema, dialect: "sqlite" });
    for (const [f, b] of side.files) if (f.startsWith(version)) merged.files.set(f, b);
    sides.push(utf8.decode(side.read(SUM_FILE)!));
  }
  // What git leaves: the common lines, and each side's between markers.
  merged.set(SUM_FILE, `<<<<<<< HEAD\n${sides[0]}=======\n${sides.slice(1).join("")}>>>>>>> other\n`);
  return merged;
}

describe("fork", () => {
  test("sumSides gives every hash a path has on any side, markers skipped", () => {
    const sides = sumSides(
      "<<<<<<< HEAD\nh1:x\na/up.sql h1:1\n=======\nh1:y\na/up.sql h1:2\nb/up.sql h1:3\n>>>>>>> b\n",
    );
    expect([...sides.get("a/up.sql")!]).toEqual(["h1:1", "h1:2"]);
    expect([...sides.get("b/up.sql")!]).toEqual(["h1:3"]);
    expect(sides.has("h1:x")).toBe(false);
  });
  test("two branches on one parent: a trunk and two lines; readMigrations refuses the folder", async () => {
    const src = await branches("a", "b");
    await expect(readMigrations(src)).rejects.toThrow("merge conflict markers");
    const folder = await readFork(src);
    expect(folder.conflicted).toBe(true);
    expect(folder.unlisted).toEqual([]);
    const fork = findFork(folder);
    if (fork.kind !== "fork") throw new Error("expected a fork");
    expect(fork.base?.version).toBe(P);
    expect(fork.trunk.map((m) => m.version)).toEqual([P]);
    expect(fork.lines.map((l) => l.map((m) => m.version))).toEqual([
      ["20260102000000_a"],
      ["20260103000000_b"],
    ]);
  });
  test("a file that no side's hash matches is refused, naming it", async () => {
    const src = await branches("a", "b");
    src.set("20260102000000_a/up.sql", "CREATE a;\nDROP everything;\n");
    await expect(readFork(src)).rejects.toThrow("20260102000000_a/up.sql");
  });
  test("one line is linear; three lines on one parent are refused", async () => {
    const one = new MemMigrationSource();
    await writeMigration(one, [], { version: P, up: "", down: "", schema, dialect: "sqlite" });
    expect(findFork(await readFork(one)).kind).toBe("linear");
    const three = findFork.bind(null, await readFork(await branches("a", "b", "c")));
    expect(three).toThrow("more than two lines");
  });
  test("replacedBy reads the directive before the first statement only", () => {
    expect(replacedBy("-- schemavc up migration X: m\n-- schemavc:replaces A B\n\nCREATE t;\n")).toEqual([
      "A",
      "B",
    ]);
    expect(replacedBy("CREATE t;\n-- schemavc:replaces A\n")).toEqual([]);
  });
});
