/**
 * A migrations folder that two branches each added migrations to, read as it is after `git
 * merge`: two migrations follow one parent, and `schemavc.sum` holds git's conflict markers (or
 * one side's lines only). `readFork` reads it without the checks `readMigrations` makes (the
 * chain is forked on purpose), but still refuses a migration edited after it was written: each
 * file must have the hash that one side of the sum file lists. `schemavc merge` then puts the
 * two lines in one (`src/cli/merge.ts`). Library code: errors are `MigrationDirError`s.
 */
import { join } from "node:path";
import { snapshotHeader } from "../ir/snapshot.ts";
import { lazyMigration, MIGRATION_FILES, MigrationDirError, VERSION_RE, type Migration } from "./dir.ts";
import { sourceOf, type MigrationSource } from "./source.ts";
import { hashText, SUM_FILE } from "./sum.ts";

const utf8 = new TextDecoder();

export interface ForkedFolder {
  readonly src: MigrationSource;
  /** Every migration, in version order. */
  readonly migrations: readonly Migration[];
  /** Version → the version it follows (null: the first). */
  readonly parents: ReadonlyMap<string, string | null>;
  /** The sum file had git's conflict markers. */
  readonly conflicted: boolean;
  /** Files no side of the sum file lists (taken as they are). */
  readonly unlisted: readonly string[];
}

/** Where the folder forks: the parent both lines follow, and the two lines, each in order. */
export type Fork =
  | { readonly kind: "linear" }
  | {
      readonly kind: "fork";
      /** The migration both lines follow (null: both start from nothing). */
      readonly base: Migration | null;
      /** The migrations up to and including `base`. */
      readonly trunk: readonly Migration[];
      readonly lines: readonly [readonly Migration[], readonly Migration[]];
    };

/**
 * Every side of a sum file with conflict markers (`<<<<<<<`, `|||||||` for diff3's base,
 * `=======`, `>>>>>>>`): the lines outside the markers belong to every side. Path → hashes any
 * side gives it (the total line, `h1:` alone, is left out).
 */
export function sumSides(text: string): Map<string, Set<string>> {
  const hashes = new Map<string, Set<string>>();
  for (const line of text.split(/\r?\n/)) {
    if (/^(<<<<<<<|\|\|\|\|\|\|\||=======|>>>>>>>)/.test(line)) continue;
    const m = /^(.+) (h1:\S+)$/.exec(line);
    if (!m) continue;
    const set = hashes.get(m[1]!) ?? new Set<string>();
    set.add(m[2]!);
    hashes.set(m[1]!, set);
  }
  return hashes;
}

export async function readFork(from: string | MigrationSource): Promise<ForkedFolder> {
  const src = sourceOf(from);
  const folders = (await src.folders()) ?? [];
  const versions = folders.filter((n) => !n.startsWith(".")).sort();
  const bad = versions.find((v) => !VERSION_RE.test(v));
  if (bad)
    throw new MigrationDirError(
      `${join(src.path, bad)}: not a migration folder name (expected YYYYMMDDHHMMSS_name)`,
      "move it out of the migrations folder",
    );
  const sumBytes = src.read(SUM_FILE);
  const sumText = sumBytes ? utf8.decode(sumBytes) : "";
  const conflicted = /^(<<<<<<<|=======|>>>>>>>)/m.test(sumText);
  const listed = sumSides(sumText);
  const edited: string[] = [];
  const unlisted: string[] = [];
  const migrations: Migration[] = [];
  const parents = new Map<string, string | null>();
  for (const version of versions) {
    const dir = join(src.path, version);
    const files: Record<string, Uint8Array> = {};
    for (const f of MIGRATION_FILES) {
      const bytes = src.read(`${version}/${f}`);
      if (!bytes)
        throw new MigrationDirError(`${join(dir, f)} is missing`, "restore it from version control");
      files[f] = bytes;
      const hashes = listed.get(`${version}/${f}`);
      if (!hashes) unlisted.push(`${version}/${f}`);
      else if (!hashes.has(hashText(bytes))) edited.push(`${version}/${f}`);
    }
    const file = join(dir, "snapshot.json");
    const text = utf8.decode(files["snapshot.json"]!);
    let header: { id: string; prevId: string | null; dialect: string };
    try {
      header = snapshotHeader(text, file);
    } catch (e) {
      throw new MigrationDirError((e as Error).message);
    }
    if (header.id !== version)
      throw new MigrationDirError(
        `${file} belongs to migration ${header.id}, not ${version}`,
        "a migration folder was renamed or copied; restore it from version control",
      );
    parents.set(version, header.prevId);
    const m = VERSION_RE.exec(version)!;
    migrations.push(
      lazyMigration(
        {
          version,
          timestamp: m[1]!,
          name: m[2]!,
          dir,
          up: utf8.decode(files["up.sql"]!),
          down: utf8.decode(files["down.sql"]!),
          dialect: header.dialect,
        },
        files["snapshot.json"]!,
        file,
      ),
    );
  }
  if (edited.length)
    throw new MigrationDirError(
      `migration file${edited.length > 1 ? "s" : ""} changed after ${edited.length > 1 ? "they were" : "it was"} written (no side of ${SUM_FILE} has ${edited.length > 1 ? "their" : "its"} hash): ${edited.join(", ")}`,
      "restore the file from version control (`git checkout --theirs` or `--ours` for a merged one), then run `schemavc merge` again",
    );
  return { src, migrations, parents, conflicted, unlisted };
}

/**
 * The shape of the folder's chain: one line, or a trunk and two lines that follow its last
 * migration. Anything else (three lines, a line that forks again, a migration that follows one
 * the folder does not have) is refused: `schemavc merge` puts two lines in one at a time.
 */
export function findFork(folder: ForkedFolder): Fork {
  const byVersion = new Map(folder.migrations.map((m) => [m.version, m]));
  const children = new Map<string | null, Migration[]>();
  for (const m of folder.migrations) {
    const p = folder.parents.get(m.version) ?? null;
    if (p !== null && !byVersion.has(p))
      throw new MigrationDirError(
        `${join(m.dir, "snapshot.json")} follows ${p}, which the migrations folder does not have`,
        "restore the missing migration from version control",
      );
    children.set(p, [...(children.get(p) ?? []), m]);
  }
  const forks = [...children.entries()].filter(([, c]) => c.length > 1);
  if (!forks.length) return { kind: "linear" };
  const [parent, starts] = forks[0]!;
  if (forks.length > 1 || starts.length > 2)
    throw new MigrationDirError(
      `the migrations form more than two lines (${forks
        .map(([p, c]) => `${c.map((m) => m.version).join(", ")} all follow ${p ?? "base"}`)
        .join("; ")})`,
      "merge one branch at a time: `git merge` one, run `schemavc merge`, commit, then the next",
    );
  const lineFrom = (first: Migration): Migration[] => {
    const line = [first];
    for (;;) {
      const next = children.get(line.at(-1)!.version);
      if (!next?.length) return line;
      line.push(next[0]!);
    }
  };
  const trunk: Migration[] = [];
  for (let v = parent; v !== null; v = folder.parents.get(v) ?? null) trunk.unshift(byVersion.get(v)!);
  return {
    kind: "fork",
    base: parent === null ? null : byVersion.get(parent)!,
    trunk,
    lines: [lineFrom(starts[0]!), lineFrom(starts[1]!)],
  };
}

/** The directive `schemavc merge` writes in a regenerated migration's up.sql. */
export const REPLACES_DIRECTIVE = "-- schemavc:replaces";

/**
 * The versions a migration replaces: its up.sql's `-- schemavc:replaces V1 V2` line (written by
 * `schemavc merge` when it regenerated a branch's migrations), before its first statement.
 */
export function replacedBy(up: string): string[] {
  const out: string[] = [];
  for (const line of up.split("\n")) {
    const t = line.trim();
    if (t === "" || (t.startsWith("--") && !t.startsWith(REPLACES_DIRECTIVE))) continue;
    if (!t.startsWith(REPLACES_DIRECTIVE)) break;
    out.push(...t.slice(REPLACES_DIRECTIVE.length).trim().split(/\s+/).filter(Boolean));
  }
  return out;
}
