/**
 * The migrations folder: written atomically, verified on every read. An edited migration, a
 * branch conflict in the sum file and a broken snapshot chain are refused with a message that
 * names the files and says how to settle it.
 */
import { beforeEach, describe, expect, test } from "bun:test";
import { mkdtemp, readFile, writeFile, appendFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMigrations, rehash, resolveVersion, slug, writeMigration } from "../../../src/migrate/dir.ts";
import { parseSnapshot, serializeSnapshot } from "../../../src/ir/snapshot.ts";
import type { Schema } from "../../../src/ir/model.ts";

const schema: Schema = { tables: [], enums: [{ name: "e", values: [{ name: "a" }] }] };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "schemavc-dir-"));
});

async function two() {
  const first = await writeMigration(dir, [], {
    version: "20260101000000_one",
    up: "CREATE TABLE a (x int);\n",
    down: "DROP TABLE a;\n",
    schema,
    dialect: "sqlite",
  });
  const ms = await readMigrations(dir);
  await writeMigration(dir, ms, {
    version: "20260102000000_two",
    up: "CREATE TABLE b (x int);\n",
    down: "DROP TABLE b;\n",
    schema,
    dialect: "sqlite",
  });
  return first;
}

describe("migrations folder", () => {
  test("written migrations read back in order, chained", async () => {
    await two();
    const ms = await readMigrations(dir);
    expect(ms.map((m) => [m.version, m.snapshot.prevId])).toEqual([
      ["20260101000000_one", null],
      ["20260102000000_two", "20260101000000_one"],
    ]);
  });
  test("older snapshots, read into one reused buffer, each verify and parse as written", async () => {
    // Sizes up and down: a larger snapshot grows the buffer, a smaller one reuses part of it.
    const sized = (n: number): Schema => ({
      tables: [],
      enums: Array.from({ length: n }, (_, i) => ({ name: `e${i}`, values: [{ name: "a" }] })),
    });
    const sizes = [3, 40, 1, 25, 2];
    let ms = await readMigrations(dir);
    for (const [i, n] of sizes.entries()) {
      await writeMigration(dir, ms, {
        version: `2026010${i + 1}000000_m${i}`,
        up: "SELECT 1;\n",
        down: "SELECT 1;\n",
        schema: sized(n),
        dialect: "sqlite",
      });
      ms = await readMigrations(dir);
    }
    expect(ms.map((m) => m.snapshot.schema.enums.length)).toEqual(sizes);
  });
  test("an older snapshot changed after the folder was read is refused when it is used", async () => {
    await two();
    const ms = await readMigrations(dir);
    await appendFile(join(dir, "20260101000000_one", "snapshot.json"), " ");
    expect(() => ms[0]!.snapshot).toThrow(
      `${join(dir, "20260101000000_one", "snapshot.json")} changed while schemavc was running`,
    );
  });
  test("a missing folder is an empty history", async () =>
    expect(await readMigrations(join(dir, "nope"))).toEqual([]));
  test("an edited up.sql is refused, naming the file and rehash", async () => {
    await two();
    await appendFile(join(dir, "20260101000000_one", "up.sql"), "DROP TABLE users;\n");
    const err = await readMigrations(dir).catch((e) => e);
    expect(err.message).toBe("migration file changed after it was written: 20260101000000_one/up.sql");
    expect(err.hint).toContain("schemavc rehash");
  });
  test("rehash accepts a deliberate edit", async () => {
    await two();
    await appendFile(join(dir, "20260101000000_one", "up.sql"), "-- reviewed\n");
    expect(await rehash(dir)).toBe(2);
    expect((await readMigrations(dir)).length).toBe(2);
  });
  test("a merge conflict in the sum file is refused with the way out", async () => {
    await two();
    const sum = await readFile(join(dir, "schemavc.sum"), "utf8");
    await writeFile(join(dir, "schemavc.sum"), `<<<<<<< HEAD\n${sum}=======\n${sum}>>>>>>> other\n`);
    const err = await readMigrations(dir).catch((e) => e);
    expect(err.message).toContain("merge conflict markers: two branches each added migrations");
    expect(err.hint).toContain("schemavc merge");
  });
  test("a migration folder the sum does not know is refused", async () => {
    await two();
    const other = join(dir, "20260103000000_other");
    await mkdir(other);
    await writeFile(join(other, "up.sql"), "");
    await writeFile(join(other, "down.sql"), "");
    await writeFile(
      join(other, "snapshot.json"),
      serializeSnapshot({
        id: "20260103000000_other",
        prevId: "20260102000000_two",
        dialect: "sqlite",
        schema,
      }),
    );
    const err = await readMigrations(dir).catch((e) => e);
    expect(err.message).toContain("20260103000000_other/down.sql is not recorded in schemavc.sum");
  });
  test("a broken snapshot chain is refused", async () => {
    await two();
    const p = join(dir, "20260102000000_two", "snapshot.json");
    await writeFile(
      p,
      serializeSnapshot({ id: "20260102000000_two", prevId: null, dialect: "sqlite", schema }),
    );
    await rehash(dir).catch(() => {});
    const err = await readMigrations(dir, { verifySum: false }).catch((e) => e);
    expect(err.message).toContain("follows nothing, but the migration before it");
  });
  test("a malformed snapshot names its file", () => {
    expect(() => parseSnapshot("{ nope", "m/snapshot.json")).toThrow("m/snapshot.json: not a valid snapshot");
  });
  test("an older snapshot format is upgraded on read", () => {
    const s = parseSnapshot(JSON.stringify({ id: "x", prevId: null, dialect: "sqlite", ir: schema }), "f");
    expect(s.schema).toEqual(schema);
    expect(s.format).toBe(1);
  });
  test("versions: head, base, timestamp, unique prefix", () => {
    const vs = ["20260101000000_one", "20260102000000_two", "20260102100000_three"];
    expect(resolveVersion("head", vs)).toBe("20260102100000_three");
    expect(resolveVersion("base", vs)).toBeNull();
    expect(resolveVersion("20260101000000", vs)).toBe("20260101000000_one");
    expect(resolveVersion("202601020000", vs)).toBe("20260102000000_two");
    expect(() => resolveVersion("20260102", vs)).toThrow("matches 2 migrations");
    expect(() => resolveVersion("2027", vs)).toThrow("no migration matches");
  });
  test("slug", () => expect(slug("Add portfolio, v2!")).toBe("add_portfolio_v2"));
});
