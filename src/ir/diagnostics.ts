/**
 * Diagnostics: what the parser, the validator and the dialect checks report about user input.
 * Library code returns them; only the CLI prints them (with `formatDiagnostic`).
 */
import type { Loc } from "./model.ts";

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  /** A stable id, e.g. `unknown-table`, for tests and `--json`. */
  readonly code: string;
  readonly message: string;
  readonly loc?: Loc;
  /** What to do about it, e.g. "did you mean `users`?". */
  readonly hint?: string;
  /** Another place involved (the first definition of a duplicate). */
  readonly related?: { readonly message: string; readonly loc: Loc };
}

/** A diagnostic, with the optional fields only when they are given. */
export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  loc: Loc | undefined,
  hint?: string,
  related?: Diagnostic["related"],
): Diagnostic {
  return {
    severity,
    code,
    message,
    ...(loc ? { loc } : {}),
    ...(hint ? { hint } : {}),
    ...(related ? { related } : {}),
  };
}

export const hasErrors = (ds: readonly Diagnostic[]) => ds.some((d) => d.severity === "error");

/**
 * Renders a diagnostic the way compilers do:
 *
 *     error: schema/blog.schema:3:31: unknown table `user`
 *        3 |   author_id bigint references user(id)
 *          |                               ^^^^
 *       hint: did you mean `users`?
 *
 * `sources` maps a file name to its text, for the source line under the message.
 */
export function formatDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const out: string[] = [];
  const where = d.loc ? `${d.loc.file}:${d.loc.line}:${d.loc.col}: ` : "";
  out.push(`${d.severity}: ${where}${d.message}`);
  if (d.loc) out.push(...excerpt(d.loc, sources));
  if (d.related) {
    out.push(
      `  note: ${d.related.loc.file}:${d.related.loc.line}:${d.related.loc.col}: ${d.related.message}`,
    );
  }
  if (d.hint) out.push(`  hint: ${d.hint}`);
  return out.join("\n");
}

function excerpt(loc: Loc, sources: ReadonlyMap<string, string>): string[] {
  const text = sources.get(loc.file);
  if (text === undefined) return [];
  const line = text.split(/\r?\n/)[loc.line - 1];
  if (line === undefined) return [];
  const num = String(loc.line);
  const pad = " ".repeat(num.length);
  // Tabs before the spot are kept as tabs so the caret lines up in any terminal.
  const lead = line.slice(0, loc.col - 1).replace(/[^\t]/g, " ");
  const width = Math.max(1, Math.min(loc.length, line.length - (loc.col - 1)));
  return [`  ${num} | ${line}`, `  ${pad} | ${lead}${"^".repeat(width)}`];
}

/** Damerau-Levenshtein distance (optimal string alignment), for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const m = a.length,
    n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** The closest candidate to `name` within a third of its length (at least 1, at most 3 edits). */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const dist = c.toLowerCase() === name.toLowerCase() ? 0.5 : editDistance(name, c);
    if (dist <= limit && dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}

export const didYouMean = (name: string, candidates: Iterable<string>): string | undefined => {
  const n = nearest(name, candidates);
  return n === undefined ? undefined : `did you mean \`${n}\`?`;
};
