/**
 * The library (src/lib/index.ts, the npm package's `import { upgrade } from "schemavc"`) from
 * source, on every dialect: the results are the commands' `--json` documents, options are
 * their flags, failures are thrown SchemavcErrors, warnings go to `onWarning`, and nothing is
 * ever written to stdout or stderr. The packed package on Node and Bun: test/package/.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  current,
  downgrade,
  generate,
  SchemavcError,
  status,
  upgrade,
  UsageError,
} from "../../src/lib/index.ts";
import { databasesFor } from "../support/db.ts";
import { stdio } from "../../src/cli/stdio.ts";

const dbs = await databasesFor("library");
afterAll(async () => {
  for (const { db } of dbs) await db?.drop();
});

const USERS =
  "table users {\n  id     bigint        primary key\n  email  varchar(255)  unique\n  name   text?\n}\n";
const WITHOUT_NAME = "table users {\n  id     bigint        primary key\n  email  varchar(255)  unique\n}\n";

/**
 * Runs `fn` and returns what it wrote to stdout and stderr (the library must write nothing),
 * through the streams or through the command line's own writer (src/cli/stdio.ts).
 */
async function written<T>(fn: () => Promise<T>): Promise<{ value: T; output: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const cli = { ...stdio };
  let output = "";
  const capture = (chunk: string | Uint8Array) => {
    output += String(chunk);
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  stdio.out = capture;
  stdio.err = capture;
  try {
    return { value: await fn(), output };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    Object.assign(stdio, cli);
  }
}

async function rejection(p: Promise<unknown>): Promise<SchemavcError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SchemavcError) return e;
    throw e;
  }
  throw new Error("expected a SchemavcError");
}

describe("library", () => {
  for (const { dialect, db, unavailable } of dbs) {
    test(`${dialect}: generate, upgrade, status, current, downgrade return the --json documents`, async () => {
      if (unavailable) throw new Error(unavailable);
      const cwd = mkdtempSync(join(tmpdir(), "schemavc-lib-"));
      mkdirSync(join(cwd, "schema"));
      writeFileSync(join(cwd, "schemavc.toml"), `dialect = "${dialect}"\nurl = "${db!.url}"\n`);
      writeFileSync(join(cwd, "schema/app.schema"), USERS);
      const warnings: string[] = [];
      const onWarning = (w: string) => warnings.push(w);

      const { value: first, output } = await written(() => generate({ cwd, message: "users", onWarning }));
      expect(output).toBe("");
      expect(first.changes).toEqual(["+ table users (3 columns)"]);
      writeFileSync(join(cwd, "schema/app.schema"), WITHOUT_NAME);
      const second = await generate({ cwd, message: "drop name", onWarning });
      expect(second.warnings.length).toBeGreaterThan(0);
      // The lint finding the command prints as a warning reaches onWarning instead.
      expect(warnings.join("\n")).toContain("drop-column");
      expect(await generate({ cwd, message: "nothing" })).toEqual({
        version: null,
        changes: [],
        warnings: [],
      });

      expect(await upgrade({ cwd, count: 1 })).toMatchObject({
        applied: [{ version: first.version }],
        current: first.version,
        pending: [second.version],
      });
      // A dry run (the guard judges it too: allowDataLoss) lists the statements, runs nothing.
      const plan = await upgrade({ cwd, dryRun: true, allowDataLoss: true });
      expect(plan.dryRun).toBe(true);
      expect(plan.pending.map((p) => p.version)).toEqual([second.version!]);
      expect(plan.pending[0]!.statements.join("\n")).toMatch(/DROP COLUMN|DROP TABLE/i);
      expect(await current({ cwd })).toEqual({ current: first.version });
      // The data-loss guard refuses the drop, as `up` does (exit 1), until allowDataLoss.
      const refused = await rejection(upgrade({ cwd }));
      expect(refused.exitCode).toBe(1);
      expect(refused.message).toContain(second.version!);
      const { value: applied, output: quiet } = await written(() => upgrade({ cwd, allowDataLoss: true }));
      expect(quiet).toBe("");
      expect(applied.applied.map((a) => a.version)).toEqual([second.version!]);

      expect(await status({ cwd })).toEqual({
        current: second.version,
        pending: [],
        failed: [],
        drift: [],
        problems: [],
      });
      expect(await current({ cwd })).toEqual({ current: second.version });

      expect(await downgrade({ cwd })).toMatchObject({
        rolledBack: [{ version: second.version }],
        current: first.version,
      });
      // Rolling back the table loses its rows: never asked, refused without allowDataLoss.
      expect((await rejection(downgrade({ cwd, to: null }))).exitCode).toBe(1);
      expect(await downgrade({ cwd, to: null, allowDataLoss: true })).toMatchObject({
        rolledBack: [{ version: first.version }],
        current: null,
      });
      expect((await status({ cwd })).pending).toEqual([first.version!, second.version!]);
    });
  }

  test("bad options are usage errors, as the flags would be", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "schemavc-lib-"));
    expect(await rejection(upgrade({ cwd, count: 0 }))).toBeInstanceOf(UsageError);
    expect(await rejection(downgrade({ cwd, to: "base", count: 2 }))).toBeInstanceOf(UsageError);
    const extra = { cwd, message: "x", lockTimeout: 5 } as Parameters<typeof generate>[0];
    expect((await rejection(generate(extra))).message).toBe("generate takes no --lock-timeout");
    expect((await rejection(upgrade({ cwd, connectTimeout: -1 }))).exitCode).toBe(2);
  });
});
