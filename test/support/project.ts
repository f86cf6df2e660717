/**
 * A throwaway schemavc project on a test database, driven through the compiled binary copied
 * alone into its folder (no node_modules above it), as a user runs it.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  writeFileSync,
  readdirSync,
  readFileSync,
  chmodSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DialectName } from "../../src/dialects/dialect.ts";

const DIST = join(import.meta.dir, "../../dist/schemavc");

export class Project {
  readonly dir = mkdtempSync(join(tmpdir(), "schemavc-proj-"));
  readonly bin = join(this.dir, "schemavc");
  constructor(
    readonly dialect: DialectName,
    readonly url: string,
  ) {
    copyFileSync(DIST, this.bin);
    chmodSync(this.bin, 0o755);
    mkdirSync(join(this.dir, "schema"));
    writeFileSync(
      join(this.dir, "schemavc.toml"),
      `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\nurl = "${url}"\n`,
    );
  }
  schema(text: string): void {
    writeFileSync(join(this.dir, "schema", "app.schema"), text);
  }
  run(...args: string[]): { code: number | null; out: string; err: string } {
    return this.runWith({}, ...args);
  }
  /** `run` with extra environment variables. */
  runWith(env: Record<string, string>, ...args: string[]): { code: number | null; out: string; err: string } {
    const p = Bun.spawnSync([this.bin, ...args], {
      cwd: this.dir,
      env: { PATH: "/usr/bin:/bin", HOME: this.dir, NO_COLOR: "1", TMPDIR: tmpdir(), ...env },
      stdin: "ignore",
      timeout: 60_000,
    });
    return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
  }
  spawn(...args: string[]) {
    return Bun.spawn([this.bin, ...args], {
      cwd: this.dir,
      env: { PATH: "/usr/bin:/bin", HOME: this.dir, NO_COLOR: "1", TMPDIR: tmpdir() },
      stdout: "pipe",
      stderr: "pipe",
    });
  }
  /** Generates a migration, or writes one by hand when `up`/`down` SQL is given (then rehashes). */
  generate(message: string): string {
    const r = this.run("generate", "-m", message);
    if (r.code !== 0) throw new Error(`generate failed: ${r.err}`);
    return this.versions().at(-1)!;
  }
  versions(): string[] {
    try {
      return readdirSync(join(this.dir, "migrations"))
        .filter((f) => /^\d{14}_/.test(f))
        .sort();
    } catch {
      return [];
    }
  }
  file(version: string, name: string): string {
    return join(this.dir, "migrations", version, name);
  }
  read(version: string, name: string): string {
    return readFileSync(this.file(version, name), "utf8");
  }
  write(version: string, name: string, text: string): void {
    writeFileSync(this.file(version, name), text);
  }
}
