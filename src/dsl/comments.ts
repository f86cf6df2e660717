/**
 * Attaches comments to the IR nodes around them, so `fmt` can print them back:
 * - `///` lines directly before a table, enum or column become its `doc` (the database comment);
 * - a comment on the line where a node ends is that node's `trailing` comment;
 * - other comments are `leading` comments of the next node in the same block, or `inner`
 *   comments of the block when nothing follows them before `}`, or trailing comments of the
 *   file when nothing follows them at all.
 * One pass over comments and anchors, both in document order: linear in the file's size.
 */
import type { IToken } from "chevrotain";
import type { Anchor } from "./to-ir.ts";

export interface AttachResult {
  /** Comments after the last declaration. */
  readonly fileTrailing: string[];
}

export function attachComments(
  anchors: readonly Anchor[],
  comments: readonly IToken[],
  text: string,
): AttachResult {
  // One walk over the anchors (a large schema has one per column, and each walk over them
  // costs milliseconds while the code is cold: issue 19) finds what the comments need.
  const walk = walkAnchors(anchors) ?? walkAnchors(sortedByStart(anchors))!;
  const { byStart, blocks } = walk;
  const byEnd = walk.byEnd ?? [...anchors].sort((a, b) => a.src.end - b.src.end);
  const fileTrailing: string[] = [];
  const onLine = lineTest(text);
  // Doc lines waiting for the node that follows them.
  const pendingDoc = new Map<Anchor, string[]>();

  for (const c of comments) {
    const at = c.startOffset;
    const line = c.startLine ?? 0;
    const body = c.image.replace(/\s+$/, "");

    // Trailing: the node that ended last before the comment, on the same line.
    const prev = lastBefore(byEnd, at);
    if (prev && onLine(prev.src.end - 1, at, line) && !hasCodeBetween(text, prev.src.end, at)) {
      prev.src.trailing = prev.src.trailing ? `${prev.src.trailing} ${body}` : body;
      continue;
    }
    const block = innermostBlock(blocks, at);
    const next = firstAfter(byStart, at);
    const nextInBlock = next && (block ? next.src.offset < block.closeOffset! : true) ? next : undefined;
    if (!nextInBlock) {
      if (block) (block.src.inner ??= [] as string[]) && (block.src.inner as string[]).push(asPlain(body));
      else fileTrailing.push(asPlain(body));
      continue;
    }
    if (body.startsWith("///") && (nextInBlock.doc || nextInBlock.comment)) {
      const docLines = pendingDoc.get(nextInBlock) ?? [];
      docLines.push(body.slice(3).replace(/^ /, ""));
      pendingDoc.set(nextInBlock, docLines);
      continue;
    }
    (nextInBlock.src.leading ??= [] as string[]) && (nextInBlock.src.leading as string[]).push(asPlain(body));
  }
  for (const [anchor, lines] of pendingDoc) {
    const doc = lines.join("\n").replace(/\s+$/, "");
    if (anchor.doc) anchor.doc.doc = doc;
    else anchor.comment!.comment = doc;
  }
  // Blank lines between table items, kept by fmt (collapsed to one); set last, as before the
  // walk found them (a source record's fields in one order).
  for (const a of itemsAfterBlankLines(byStart, text)) a.src.blankBefore = true;
  return { fileTrailing };
}

/** What `attachComments` reads of the anchors, found in one walk over them. */
interface AnchorWalk {
  readonly byStart: readonly Anchor[];
  /** Sorted by end; `undefined` when two end at the same offset (a sort decides their order). */
  readonly byEnd: readonly Anchor[] | undefined;
  /** The tables and enums (the anchors with a closing brace), by start. */
  readonly blocks: readonly Anchor[];
}

/**
 * The walk over anchors in document order; `undefined` when they are not in it (anchors
 * arrive almost in document order: the caller sorts them then, and walks again).
 *
 * Sorted by end without a sort: the anchors nest (a table's items lie inside it), so the order
 * in which they close — each when the walk reaches an anchor starting at or after its end — is
 * the order of their ends. A stack holds the open ones. Where two ends are equal the sort's
 * order (stable, from the anchors' order) is left to the sort.
 */
function walkAnchors(anchors: readonly Anchor[]): AnchorWalk | undefined {
  const blocks: Anchor[] = [];
  let byEnd: Anchor[] | undefined = [];
  const open: Anchor[] = [];
  let lastEnd = -1;
  let prevOffset = -1;
  for (let i = 0; i <= anchors.length; i++) {
    const a = anchors[i];
    // Past the last anchor, every open one closes.
    const offset = a ? a.src.offset : Number.POSITIVE_INFINITY;
    if (offset < prevOffset) return undefined;
    prevOffset = offset;
    if (a?.closeOffset !== undefined) blocks.push(a);
    // Closed in the loop, not by a helper: it runs once per anchor.
    while (byEnd && open.length && open[open.length - 1]!.src.end <= offset) {
      const closed = open.pop()!;
      if (closed.src.end <= lastEnd) byEnd = undefined;
      else {
        lastEnd = closed.src.end;
        byEnd.push(closed);
      }
    }
    if (byEnd && a) open.push(a);
  }
  return { byStart: anchors, byEnd, blocks };
}

/**
 * A line end followed by a line with nothing on it (spaces and tabs only: a comment is
 * something), and the line end that ends that line (the group: what lies between the two).
 * Zero-width after the first line end, so each line end is tried.
 */
const BLANK_LINE = /\n(?=([ \t]*\r?)\n)/g;

/**
 * The table items with a blank line between them and the item before (kept by fmt, collapsed
 * to one). From the file's blank lines, each looked up among the anchors (by start), rather
 * than by looking between every two items: a large schema has thousands of items and a few
 * blank lines per table. An item follows the anchor just before it when that one is an item too
 * (a declaration's anchor comes before its items).
 */
function itemsAfterBlankLines(byStart: readonly Anchor[], text: string): Anchor[] {
  const out: Anchor[] = [];
  BLANK_LINE.lastIndex = 0;
  for (let m = BLANK_LINE.exec(text); m; m = BLANK_LINE.exec(text)) {
    const first = m.index;
    const second = first + 1 + m[1]!.length;
    // The first anchor starting after the blank line, and the one before it.
    let lo = 0,
      hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid]!.src.offset > second) hi = mid;
      else lo = mid + 1;
    }
    const a = byStart[lo],
      before = byStart[lo - 1];
    if (a && before && !a.topLevel && !before.topLevel && before.src.end <= first) out.push(a);
  }
  return out;
}

/** The anchors by start (a stable sort: equal starts keep their order). */
const sortedByStart = (anchors: readonly Anchor[]): Anchor[] =>
  [...anchors].sort((a, b) => a.src.offset - b.src.offset);

/** A `///` comment that documents nothing is kept as a plain comment, so it never becomes a doc later. */
const asPlain = (body: string) => (body.startsWith("///") ? `//${body.slice(3)}` : body);

/**
 * Whether offset `x` lies on `line`, the line of the comment at `at` (`x < at`). Where `\n` is
 * the only line end (no `\r` in the text), lines are counted as the scanner counts them and the
 * question is whether a `\n` lies between the two: a search back from the comment to its line's
 * start. Else the line of `x` by an index of every line's start (a loop over all the lines of a
 * large file, milliseconds while the code is cold: issue 19).
 */
function lineTest(text: string): (x: number, at: number, line: number) => boolean {
  if (!text.includes("\r")) return (x, at) => text.lastIndexOf("\n", at - 1) < x;
  const lineOf = lineIndex(text);
  return (x, _at, line) => lineOf(x) === line;
}

/** A function from offset to 1-based line, by binary search over the line starts. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** Whether anything but whitespace and a separating comma stands between two offsets. */
function hasCodeBetween(text: string, from: number, to: number): boolean {
  return text.slice(from, to).replace(",", "").trim() !== "";
}

/** The anchor with the greatest end ≤ offset (binary search over anchors sorted by end). */
function lastBefore(byEnd: readonly Anchor[], offset: number): Anchor | undefined {
  let lo = 0,
    hi = byEnd.length - 1,
    found: Anchor | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (byEnd[mid]!.src.end <= offset) {
      found = byEnd[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first anchor starting after offset (binary search over anchors sorted by start). */
function firstAfter(byStart: readonly Anchor[], offset: number): Anchor | undefined {
  let lo = 0,
    hi = byStart.length - 1,
    found: Anchor | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (byStart[mid]!.src.offset > offset) {
      found = byStart[mid];
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/** The table or enum whose braces contain offset (blocks do not nest). */
function innermostBlock(blocks: readonly Anchor[], offset: number): Anchor | undefined {
  let lo = 0,
    hi = blocks.length - 1,
    found: Anchor | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.src.offset < offset) {
      found = blocks[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset < found.closeOffset! ? found : undefined;
}
