/**
 * Finding an item by name in a list that changes a little at a time (the tables of a plan's
 * timeline, `diff/steps.ts`: each step's schema is a copy of the one before with one table
 * edited, added or removed, so a table keeps its position from step to step).
 */

/**
 * Remembers where each name was last found and looks there first, so a lookup is one
 * comparison instead of a scan of every table (at 1,000 tables, the renderer's and the
 * timeline's scans were most of SQLite's rendering). A stale hint is never trusted: the item
 * there is checked, and a miss reads the list again.
 * Names are unique in these lists (validation refuses a name twice), so the item found at the
 * hint is the one a scan would find.
 */
export class NameHint {
  private readonly at = new Map<string, number>();

  /**
   * The position of `name` in `xs`, or -1. A miss learns the position of every item of `xs`
   * at once (one pass, as the scan it replaces), so the first lookup of each other table in a
   * later step hits too. The first of a name wins, as `findIndex` has it.
   */
  indexOf(xs: readonly { readonly name: string }[], name: string): number {
    const h = this.at.get(name);
    if (h !== undefined && xs[h]?.name === name) return h;
    for (let i = xs.length - 1; i >= 0; i--) this.at.set(xs[i]!.name, i);
    const i = this.at.get(name);
    return i !== undefined && xs[i]?.name === name ? i : -1;
  }

  /** The item called `name` in `xs`, if any. */
  find<T extends { readonly name: string }>(xs: readonly T[], name: string): T | undefined {
    const i = this.indexOf(xs, name);
    return i < 0 ? undefined : xs[i];
  }
}
