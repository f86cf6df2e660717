/**
 * Where the migrations folder lives (Atlas's `Dir` and `MemDir`): `dir.ts` reads and writes
 * the folder only through a `MigrationSource`, so the same verification runs on disk and on a
 * folder held in memory (the unit tests' migrations, and anything that never touches a disk).
 *
 * Paths are relative to the folder and use `/` (`20261123120000_initial/up.sql`,
 * `schemavc.sum`); `path` is the folder's own name as messages should print it.
 */
// Synchronous calls throughout: the folder is small files, and node:fs/promises is a module of
// its own to load (about 3 ms of a command's start in Bun) and a thread-pool hop per call.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

export interface MigrationSource {
  /** The folder as messages name it (`migrations`, `/repo/db/migrations`). */
  readonly path: string;
  /** The names of the folders directly inside, unsorted; undefined when the folder itself is missing. */
  folders(): Promise<string[] | undefined>;
  /**
   * A file's bytes, or undefined when it is missing. Synchronous on purpose: a folder is
   * hundreds of small reads, and awaiting each costs more than reading it.
   */
  read(file: string): Uint8Array | undefined;
  /**
   * As `read`, into a buffer that the next `readTransient` may overwrite: for bytes that are
   * hashed and dropped (the older snapshots of a long history). Why: a new buffer per file
   * costs a page fault per 4 KiB it fills, which was a third of `current` on 200 migrations.
   */
  readTransient(file: string): Uint8Array | undefined;
  /**
   * Writes a migration folder whole, or not at all (an interrupted run never leaves half of
   * one); a folder of that name is replaced (`generate --amend`).
   */
  writeFolder(name: string, files: Readonly<Record<string, string>>): Promise<void>;
  /** Removes a migration folder and everything in it (`generate --amend` under a new name). */
  removeFolder(name: string): Promise<void>;
  /** Replaces one file directly inside the folder whole (the sum file). */
  writeFile(name: string, text: string): Promise<void>;
}

/** The migrations folder on disk. */
export class FsMigrationSource implements MigrationSource {
  /** `readTransient`'s buffer, grown to the largest file read so far. */
  private scratch = new Uint8Array(0);

  constructor(readonly path: string) {}

  async folders(): Promise<string[] | undefined> {
    try {
      return readdirSync(this.path, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return undefined;
    }
  }

  read(file: string): Uint8Array | undefined {
    try {
      return readFileSync(join(this.path, file));
    } catch {
      return undefined;
    }
  }

  readTransient(file: string): Uint8Array | undefined {
    let fd: number;
    try {
      fd = openSync(join(this.path, file), "r");
    } catch {
      return undefined;
    }
    try {
      const size = fstatSync(fd).size;
      if (size > this.scratch.length) this.scratch = new Uint8Array(Math.max(size, this.scratch.length * 2));
      // To the size it had when opened (a file still being written is a changed file anyway:
      // its hash tells).
      let n = 0;
      while (n < size) {
        const r = readSync(fd, this.scratch, n, size - n, n);
        if (r === 0) break;
        n += r;
      }
      return this.scratch.subarray(0, n);
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }

  /** Written under a temporary name and renamed. */
  async writeFolder(name: string, files: Readonly<Record<string, string>>): Promise<void> {
    mkdirSync(this.path, { recursive: true });
    const tmp = join(this.path, `.${name}.tmp`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
    for (const [f, text] of Object.entries(files)) writeFileSync(join(tmp, f), text);
    const final = join(this.path, name);
    // rename() cannot replace a folder that has files: the old one is moved aside first, so
    // at every moment the folder is the old one or the new one, whole.
    const old = join(this.path, `.${name}.old`);
    rmSync(old, { recursive: true, force: true });
    let replacing = true;
    try {
      renameSync(final, old);
    } catch {
      replacing = false;
    }
    renameSync(tmp, final);
    if (replacing) rmSync(old, { recursive: true, force: true });
  }

  async removeFolder(name: string): Promise<void> {
    rmSync(join(this.path, name), { recursive: true, force: true });
  }

  /** Written next to it and renamed over it. */
  async writeFile(name: string, text: string): Promise<void> {
    const path = join(this.path, name);
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  }
}

const utf8 = new TextEncoder();

/**
 * A migrations folder in memory: file path → bytes. A folder exists once a file inside it
 * does; the folder itself exists once anything was written (or `exists` says so).
 */
export class MemMigrationSource implements MigrationSource {
  readonly files = new Map<string, Uint8Array>();

  constructor(
    readonly path = "migrations",
    private exists = false,
  ) {}

  async folders(): Promise<string[] | undefined> {
    if (!this.exists && this.files.size === 0) return undefined;
    const names = new Set<string>();
    for (const f of this.files.keys()) {
      const slash = f.indexOf("/");
      if (slash > 0) names.add(f.slice(0, slash));
    }
    return [...names];
  }

  read(file: string): Uint8Array | undefined {
    return this.files.get(file);
  }

  /** The bytes held (never changed in place: a write replaces them). */
  readTransient(file: string): Uint8Array | undefined {
    return this.files.get(file);
  }

  async writeFolder(name: string, files: Readonly<Record<string, string>>): Promise<void> {
    for (const f of [...this.files.keys()]) if (f.startsWith(`${name}/`)) this.files.delete(f);
    for (const [f, text] of Object.entries(files)) this.files.set(`${name}/${f}`, utf8.encode(text));
    this.exists = true;
  }

  async writeFile(name: string, text: string): Promise<void> {
    this.files.set(name, utf8.encode(text));
    this.exists = true;
  }

  async removeFolder(name: string): Promise<void> {
    this.remove(name);
  }

  /** Replaces or adds one file (a test's hand edit). */
  set(file: string, text: string): void {
    this.files.set(file, utf8.encode(text));
  }

  /** Removes a file, or a folder with everything in it (a test's `rm -r`). */
  remove(path: string): void {
    for (const f of [...this.files.keys()]) if (f === path || f.startsWith(`${path}/`)) this.files.delete(f);
  }
}

/** A folder path as the filesystem source; a source as itself. */
export const sourceOf = (dir: string | MigrationSource): MigrationSource =>
  typeof dir === "string" ? new FsMigrationSource(dir) : dir;
