/**
 * `schemavc.sum`: the integrity file of the migrations folder (Atlas's `atlas.sum` idea).
 *
 *     h1:<hash of every line below>
 *     20261123120000_initial/down.sql h1:<sha256 of the file, base64>
 *     20261123120000_initial/snapshot.json h1:...
 *     20261123120000_initial/up.sql h1:...
 *
 * It catches a migration edited after it was written (a file's hash differs), a migration
 * folder added or removed without the tool (a line missing or extra), and two branches that
 * each added migrations (git leaves conflict markers in this file, or a merged file whose first
 * line no longer matches). Pure functions; reading and writing files is `dir.ts`'s job.
 */
import { sha256 } from "../util/sha256.ts";

export const SUM_FILE = "schemavc.sum";

export const hashText = (text: string | Uint8Array): string => `h1:${sha256(text, "base64")}`;

export interface SumFile {
  readonly total: string;
  /** Path inside the migrations folder → hash, in file order. */
  readonly files: ReadonlyMap<string, string>;
}

/** Renders the sum of the given files (path → the file's `hashText`), sorted by path. */
export function renderSum(hashes: ReadonlyMap<string, string>): string {
  const lines = [...hashes.keys()].sort().map((p) => `${p} ${hashes.get(p)!}`);
  return `${[hashText(lines.join("\n")), ...lines].join("\n")}\n`;
}

export type SumProblem =
  | { readonly kind: "conflict" }
  | { readonly kind: "malformed"; readonly line: number }
  | { readonly kind: "total-mismatch" }
  | { readonly kind: "edited"; readonly path: string }
  | { readonly kind: "missing-file"; readonly path: string }
  | { readonly kind: "unlisted-file"; readonly path: string };

export function parseSum(text: string): SumFile | SumProblem {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  if (lines.some((l) => /^(<<<<<<<|=======|>>>>>>>)/.test(l))) return { kind: "conflict" };
  const [total, ...rest] = lines;
  if (!total || !/^h1:\S+$/.test(total)) return { kind: "malformed", line: 1 };
  const files = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const m = /^(.+) (h1:\S+)$/.exec(rest[i]!);
    if (!m) return { kind: "malformed", line: i + 2 };
    files.set(m[1]!, m[2]!);
  }
  if (hashText(rest.join("\n")) !== total) return { kind: "total-mismatch" };
  return { total, files };
}

/**
 * Compares the files on disk (path → the `hashText` of what was read) with a parsed sum; the
 * first problem per file, in path order.
 */
export function checkSum(sum: SumFile, hashes: ReadonlyMap<string, string>): SumProblem[] {
  const problems: SumProblem[] = [];
  for (const [path, hash] of sum.files) {
    const actual = hashes.get(path);
    if (actual === undefined) problems.push({ kind: "missing-file", path });
    else if (actual !== hash) problems.push({ kind: "edited", path });
  }
  for (const path of [...hashes.keys()].sort())
    if (!sum.files.has(path)) problems.push({ kind: "unlisted-file", path });
  return problems;
}
