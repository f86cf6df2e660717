/**
 * The lines `schemavc history` prints: one row per migration in aligned columns (version,
 * status, applied time, duration, message) under a header, then the notes (`<- current`, not
 * in the folder). A stamped migration says `stamped` and has no duration: it never ran.
 */
export interface HistoryEntry {
  readonly version: string;
  /** applied, stamped, failed or pending. */
  readonly status: string;
  /** ISO time from the history table, or null when it has no row. */
  readonly appliedAt: string | null;
  /** Milliseconds it took, null when it never ran (pending, stamped). */
  readonly ms: number | null;
  /** The message it was written with (`generate -m`), or "" when unknown. */
  readonly message: string;
  readonly inFolder: boolean;
  readonly current: boolean;
}

const HEADER = ["VERSION", "STATUS", "APPLIED (UTC)", "TIME", "MESSAGE"] as const;

/** `2026-12-02T05:19:13.045Z` → `2026-12-02 05:19:13`; anything else as it is. */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export function historyLines(entries: readonly HistoryEntry[]): string[] {
  if (!entries.length) return ["no migrations yet"];
  const rows = entries.map((e) => [
    e.version,
    e.status,
    e.appliedAt ? shortTime(e.appliedAt) : "",
    e.ms !== null ? `${e.ms} ms` : "",
    [e.message, e.inFolder ? "" : "(not in the migrations folder)", e.current ? "<- current" : ""]
      .filter(Boolean)
      .join("  "),
  ]);
  const all = [[...HEADER], ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  // The duration is right-aligned (numbers line up); the last column is not padded.
  return all.map((r) =>
    r
      .map((cell, i) =>
        i === r.length - 1 ? cell : i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd(),
  );
}
