/**
 * The migrations folder as verified state (cli-contract.md, "Migrations folder"):
 *
 *     migrations/
 *       20261123120000_initial/{up.sql, down.sql, snapshot.json}
 *       schemavc.sum
 *
 * `readMigrations` lists the migrations in version order and refuses a folder whose sum file
 * does not match (an edited migration, a branch conflict) or whose snapshot chain is broken,
 * with a message that names the files and says how to settle it. `writeMigration` adds a
 * folder and rewrites the sum file. The folder is read and written through a
 * `MigrationSource` (`source.ts`): a path means the folder on disk. Library code: errors are
 * thrown as `MigrationDirError`.
 */
import { join, resolve } from "node:path";
import {
  parseSnapshot,
  serializeSnapshot,
  snapshotHeader,
  type Snapshot,
  type SnapshotHeader,
} from "../ir/snapshot.ts";
import type { Schema } from "../ir/model.ts";
import { FsMigrationSource, sourceOf, type MigrationSource } from "./source.ts";
import { checkSum, hashText, parseSum, renderSum, SUM_FILE, type SumProblem } from "./sum.ts";
import { SchemavcError } from "../core/errors.ts";

export const MIGRATION_FILES = ["up.sql", "down.sql", "snapshot.json"] as const;
/** A migration folder's name: `YYYYMMDDHHMMSS_name`. */
export const VERSION_RE = /^(\d{14})_([a-z0-9_]+)$/;

export class MigrationDirError extends SchemavcError {
  constructor(message: string, hint?: string) {
    super(message, 1, hint);
    this.name = "MigrationDirError";
  }
}

export interface Migration {
  /** `20261123120000_add_portfolio`. */
  readonly version: string;
  readonly timestamp: string;
  readonly name: string;
  readonly dir: string;
  readonly up: string;
  readonly down: string;
  /** The dialect its SQL was written for (from the snapshot's head). */
  readonly dialect: string;
  /** Parsed on first use: applying migrations never needs the schemas. */
  readonly snapshot: Snapshot;
}

const utf8 = new TextDecoder();

/**
 * The hashes of the files `readMigrations` read of each migration, and the source it read them
 * from: writing the sum after a new migration takes these hashes, of the bytes it verified,
 * instead of reading and hashing the whole folder again (a 1,000-table snapshot is 6 MB). The
 * sum then records what was checked: a file edited on disk in between is reported by the next
 * command, not written into the sum as if it had been verified.
 */
const readHashes = new WeakMap<Migration, { src: MigrationSource; hashes: ReadonlyMap<string, string> }>();

/** Whether two sources are one folder: the same object, or two handles on one path on disk. */
const sameSource = (a: MigrationSource, b: MigrationSource): boolean =>
  a === b ||
  (a instanceof FsMigrationSource && b instanceof FsMigrationSource && resolve(a.path) === resolve(b.path));

/**
 * A migration whose snapshot is parsed the first time it is read (and errors then name the
 * file); `up` and `down` given as bytes are decoded the first time they are read (`diff` and
 * `generate` read neither of the migrations before: a 1,000-table first migration is 1 MB).
 * `snapshotBytes` may be a function that reads them then (a snapshot not kept in memory).
 */
export function lazyMigration(
  base: Omit<Migration, "snapshot" | "up" | "down"> & {
    readonly up: string | Uint8Array;
    readonly down: string | Uint8Array;
  },
  snapshotBytes: Uint8Array | (() => Uint8Array),
  file: string,
): Migration {
  let parsed: Snapshot | undefined;
  let up = base.up,
    down = base.down;
  // Accessors in place of the copied `up` and `down`: the keys keep their order.
  return Object.defineProperties(
    { ...base },
    {
      up: { enumerable: true, get: () => (typeof up === "string" ? up : (up = utf8.decode(up))) },
      down: { enumerable: true, get: () => (typeof down === "string" ? down : (down = utf8.decode(down))) },
      snapshot: {
        enumerable: true,
        get: () => {
          if (!parsed) {
            const bytes = typeof snapshotBytes === "function" ? snapshotBytes() : snapshotBytes;
            try {
              parsed = parseSnapshot(utf8.decode(bytes), file);
            } catch (e) {
              throw new MigrationDirError((e as Error).message);
            }
          }
          return parsed;
        },
      },
    },
  ) as Migration;
}

/** `add portfolio!` → `add_portfolio`: lower case, words joined by `_`, at most 60 characters. */
export function slug(message: string): string {
  const s = message
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60)
    .replace(/_+$/, "");
  return s || "migration";
}

/** The UTC timestamp `YYYYMMDDHHMMSS` of a date. */
export function timestampOf(d: Date): string {
  return d.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/** Reads and verifies the folder. A missing folder is an empty history. */
export async function readMigrations(
  from: string | MigrationSource,
  opts: { verifySum?: boolean } = {},
): Promise<Migration[]> {
  const src = sourceOf(from);
  const dir = src.path;
  const folders = await src.folders();
  if (!folders) return [];
  const versions = folders.filter((name) => !name.startsWith(".")).sort();
  const bad = versions.find((v) => !VERSION_RE.test(v));
  if (bad)
    throw new MigrationDirError(
      `${join(dir, bad)}: not a migration folder name (expected YYYYMMDDHHMMSS_name)`,
      "move it out of the migrations folder",
    );
  // Files are read as bytes, synchronously (hundreds of small reads: awaiting each costs more
  // than reading it) and hashed as they are read; a snapshot is decoded only when it is used,
  // apart from its first bytes (the header), since most commands never need the schema inside.
  // The snapshots before the newest one are not kept: each is read into a buffer the next read
  // reuses, hashed, and read again (and checked against that hash) if it is ever used. Why: a
  // long history is mostly snapshots (200 migrations of a growing schema: 27 MB), and a new
  // buffer for each was a page fault per 4 KiB, a third of `current`'s time. The newest one is
  // kept: `diff`, `generate` and `status` read it.
  const hashes = new Map<string, string>();
  const migrations: Migration[] = [];
  const headers = new Map<string, SnapshotHeader>();
  const newest = versions[versions.length - 1];
  for (const version of versions) {
    const folder = join(dir, version);
    const files: Partial<Record<(typeof MIGRATION_FILES)[number], Uint8Array>> = {};
    const own = new Map<string, string>();
    const kept = version === newest;
    for (const f of MIGRATION_FILES) {
      const path = `${version}/${f}`;
      const bytes = f === "snapshot.json" && !kept ? src.readTransient(path) : src.read(path);
      if (!bytes)
        throw new MigrationDirError(
          `${join(folder, f)} is missing`,
          `restore it from version control; a migration folder holds ${MIGRATION_FILES.join(", ")}`,
        );
      const hash = hashText(bytes);
      files[f] = bytes;
      hashes.set(path, hash);
      own.set(path, hash);
    }
    const snapshotBytes = files["snapshot.json"]!;
    const snapshotFile = join(folder, "snapshot.json");
    let header: SnapshotHeader;
    try {
      header = snapshotHeader(utf8.decode(snapshotBytes.subarray(0, 512)), snapshotFile, () =>
        utf8.decode(snapshotBytes),
      );
    } catch (e) {
      throw new MigrationDirError((e as Error).message);
    }
    const snapshotHash = own.get(`${version}/snapshot.json`)!;
    const m = VERSION_RE.exec(version)!;
    const migration = lazyMigration(
      {
        version,
        timestamp: m[1]!,
        name: m[2]!,
        dir: folder,
        up: files["up.sql"]!,
        down: files["down.sql"]!,
        dialect: header.dialect,
      },
      kept ? snapshotBytes : () => readAgain(src, `${version}/snapshot.json`, snapshotFile, snapshotHash),
      snapshotFile,
    );
    readHashes.set(migration, { src, hashes: own });
    migrations.push(migration);
    headers.set(version, header);
  }
  if (opts.verifySum !== false) verifySum(src, hashes, migrations.length > 0);
  verifyChain(migrations, headers, dir);
  return migrations;
}

/**
 * A file read before and not kept, read again: refused unless it is what was read (and, the sum
 * verified, checked) then.
 */
function readAgain(src: MigrationSource, path: string, file: string, hash: string): Uint8Array {
  const bytes = src.read(path);
  if (!bytes || hashText(bytes) !== hash)
    throw new MigrationDirError(`${file} changed while schemavc was running`, "run the command again");
  return bytes;
}

/** The sum file is decoded as it is, a byte-order mark included (it then fails to parse). */
const utf8WithBom = new TextDecoder("utf-8", { ignoreBOM: true });

function verifySum(src: MigrationSource, hashes: ReadonlyMap<string, string>, expected: boolean): void {
  const sumPath = join(src.path, SUM_FILE);
  const bytes = src.read(SUM_FILE);
  if (!bytes) {
    if (!expected) return;
    throw new MigrationDirError(
      `${sumPath} is missing`,
      "restore it from version control, or run `schemavc rehash` if the migrations are as you want them",
    );
  }
  const sum = parseSum(utf8WithBom.decode(bytes));
  if ("kind" in sum) throw sumError(sumPath, [sum]);
  const problems = checkSum(sum, hashes);
  if (problems.length) throw sumError(sumPath, problems);
}

function sumError(sumPath: string, problems: readonly SumProblem[]): MigrationDirError {
  const first = problems[0]!;
  switch (first.kind) {
    case "conflict":
      return new MigrationDirError(
        `${sumPath} has merge conflict markers: two branches each added migrations`,
        "run `schemavc merge`: it puts the two branches' migrations in one line (re-chained on top when they change different objects, regenerated after asking when they do not)",
      );
    case "malformed":
      return new MigrationDirError(
        `${sumPath}: line ${first.line} is not a sum line`,
        "restore the file from version control, or run `schemavc rehash`",
      );
    case "total-mismatch":
      return new MigrationDirError(
        `${sumPath} was edited by hand or merged from two branches (its first line does not match the lines below)`,
        "if two branches added migrations, run `schemavc merge`; otherwise run `schemavc rehash`",
      );
    case "edited": {
      const edited = problems.filter((p) => p.kind === "edited").map((p) => (p as { path: string }).path);
      return new MigrationDirError(
        `migration file${edited.length > 1 ? "s" : ""} changed after ${edited.length > 1 ? "they were" : "it was"} written: ${edited.join(", ")}`,
        "if the edit is deliberate (and not yet applied anywhere), run `schemavc rehash`; otherwise restore the file from version control",
      );
    }
    case "missing-file":
      return new MigrationDirError(
        `a migration recorded in ${SUM_FILE} is gone: ${first.path}`,
        "restore it from version control, or run `schemavc rehash` if it was removed on purpose and never applied",
      );
    case "unlisted-file":
      return new MigrationDirError(
        `${first.path} is not recorded in ${SUM_FILE}: it was added without \`schemavc generate\`, or came from another branch`,
        "if two branches added migrations, run `schemavc merge`; if you wrote it by hand on purpose, run `schemavc rehash`",
      );
  }
}

function verifyChain(
  migrations: readonly Migration[],
  headers: ReadonlyMap<string, SnapshotHeader>,
  dir: string,
): void {
  let prev: string | null = null;
  for (const m of migrations) {
    const h = headers.get(m.version)!;
    if (h.id !== m.version)
      throw new MigrationDirError(
        `${join(m.dir, "snapshot.json")} belongs to migration ${h.id}, not ${m.version}`,
        "a migration folder was renamed or copied; restore it from version control",
      );
    if (h.prevId !== prev) {
      throw new MigrationDirError(
        `${join(m.dir, "snapshot.json")} follows ${h.prevId ?? "nothing"}, but the migration before it in ${dir} is ${prev ?? "none"}`,
        "if two branches each added migrations (`schemavc heads` lists two), run `schemavc merge` to put them in one line; otherwise restore the folder from version control",
      );
    }
    prev = m.version;
  }
}

/** Rewrites the sum file from the files in the folder (`schemavc rehash`). */
export async function rehash(from: string | MigrationSource): Promise<number> {
  const src = sourceOf(from);
  const migrations = await readMigrations(src, { verifySum: false });
  await writeSum(src, migrations);
  return migrations.length;
}

/**
 * Writes the sum of `migrations`' files. `written`: the files (path → text) this run has just
 * written, hashed from the text rather than read back; a migration `readMigrations` read from
 * this folder keeps the hashes of the bytes it verified (`readHashes`); any other is read.
 */
async function writeSum(
  src: MigrationSource,
  migrations: readonly Migration[],
  written?: ReadonlyMap<string, string>,
): Promise<void> {
  const hashes = new Map<string, string>();
  for (const m of migrations) {
    const read = readHashes.get(m);
    const known = read && sameSource(read.src, src) ? read.hashes : undefined;
    for (const f of MIGRATION_FILES) {
      const path = `${m.version}/${f}`;
      const text = written?.get(path);
      let hash = text === undefined ? known?.get(path) : hashText(text);
      if (hash === undefined) {
        const bytes = src.readTransient(path);
        if (bytes === undefined) throw new MigrationDirError(`${join(src.path, path)} is missing`);
        hash = hashText(bytes);
      }
      hashes.set(path, hash);
    }
  }
  await src.writeFile(SUM_FILE, renderSum(hashes));
}

/**
 * Writes a new migration folder and the updated sum file. The folder is written under a
 * temporary name and renamed, so an interrupted run never leaves half a migration.
 * `replaces`: the version of the newest migration that this one rewrites (`generate --amend`,
 * after `existing`, which then ends before it); its folder is removed when the name differs.
 */
export async function writeMigration(
  to: string | MigrationSource,
  existing: readonly Migration[],
  m: { version: string; up: string; down: string; schema: Schema; dialect: string },
  replaces?: string,
): Promise<string> {
  const prev = existing[existing.length - 1];
  if (prev && prev.version >= m.version)
    throw new MigrationDirError(
      `a new migration ${m.version} would not come after ${prev.version}`,
      "check the machine's clock",
    );
  const src = sourceOf(to);
  const final = join(src.path, m.version);
  const snapshot = serializeSnapshot({
    id: m.version,
    prevId: prev?.version ?? null,
    dialect: m.dialect,
    schema: m.schema,
  });
  const folder = { "up.sql": m.up, "down.sql": m.down, "snapshot.json": snapshot };
  await src.writeFolder(m.version, folder);
  if (replaces !== undefined && replaces !== m.version) await src.removeFolder(replaces);
  // The new migration's snapshot is parsed only if it is read (the sum needs the version only:
  // parsing the text just written was a tenth of writing a 1,000-table migration).
  let parsed: Snapshot | undefined;
  const added = Object.defineProperty(
    {
      version: m.version,
      timestamp: m.version.slice(0, 14),
      name: m.version.slice(15),
      dir: final,
      up: m.up,
      down: m.down,
      dialect: m.dialect,
    },
    "snapshot",
    { enumerable: true, get: () => (parsed ??= parseSnapshot(snapshot, final)) },
  ) as Migration;
  const all = [...existing, added];
  // The new folder's files are hashed from the text just written (writeFile writes it as UTF-8,
  // the bytes `hashText` hashes a string as), not read back.
  await writeSum(src, all, new Map(Object.entries(folder).map(([f, text]) => [`${m.version}/${f}`, text])));
  return final;
}

/**
 * Resolves a version reference (cli-contract.md): `head` (the newest), `base` (before the
 * first: returns null), a full version, a bare timestamp, or a unique prefix of either.
 */
export function resolveVersion(ref: string, versions: readonly string[]): string | null {
  if (ref === "base") return null;
  if (ref === "head") {
    const last = versions[versions.length - 1];
    if (last === undefined)
      throw new MigrationDirError(
        "there are no migrations, so `head` names nothing",
        'run `schemavc generate -m "initial"` first',
      );
    return last;
  }
  const exact = versions.find((v) => v === ref || v.slice(0, 14) === ref);
  if (exact) return exact;
  const matches = versions.filter((v) => v.startsWith(ref));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new MigrationDirError(
      `\`${ref}\` matches ${matches.length} migrations: ${matches.slice(0, 5).join(", ")}${matches.length > 5 ? ", ..." : ""}`,
      "give more of the version",
    );
  throw new MigrationDirError(
    `no migration matches \`${ref}\``,
    "run `schemavc history` to see the versions",
  );
}
