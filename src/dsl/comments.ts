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
  const walk = walkAnchors(anchors, text) ?? walkAnchors(sortedByStart(anchors), text)!;
  const { byStart, blocks } = walk;
  const byEnd = walk.byEnd ?? [...anchors].sort((a, b) => a.src.end - b.src.end);
  const fileTrailing: string[] = [];
  const lineOf = lineIndex(text);
  // Doc lines waiting for the node that follows them.
  const pendingDoc = new Map<Anchor, string[]>();

  for (const c of comments) {
    const at = c.startOffset;
    const line = c.startLine ?? 0;
    const body = c.image.replace(/\s+$/, "");

    // Trailing: the node that ended last before the comment, on the same line.
    const prev = lastBefore(byEnd, at);
    if (prev && lineOf(prev.src.end - 1) === line && !hasCodeBetween(text, prev.src.end, at)) {
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
  for (const a of walk.blankBefore) a.src.blankBefore = true;
  return { fileTrailing };
}

/** What `attachComments` reads of the anchors, found in one walk over them. */
interface AnchorWalk {
  readonly byStart: readonly Anchor[];
  /** Sorted by end; `undefined` when two end at the same offset (a sort decides their order). */
  readonly byEnd: readonly Anchor[] | undefined;
  /** The tables and enums (the anchors with a closing brace), by start. */
  readonly blocks: readonly Anchor[];
  /** The table items with a blank line between them and the item before. */
  readonly blankBefore: readonly Anchor[];
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
function walkAnchors(anchors: readonly Anchor[], text: string): AnchorWalk | undefined {
  const blocks: Anchor[] = [];
  const blankBefore: Anchor[] = [];
  let byEnd: Anchor[] | undefined = [];
  const open: Anchor[] = [];
  /** Moves the innermost open anchor to `byEnd`; `false` (and no `byEnd`) where its end is not past the last's. */
  const close = (): boolean => {
    const closed = open.pop()!;
    const last = byEnd!.length ? byEnd![byEnd!.length - 1]!.src.end : -1;
    if (closed.src.end <= last) {
      byEnd = undefined;
      return false;
    }
    byEnd!.push(closed);
    return true;
  };
  let prevOffset = -1;
  // Items follow their table in document order, so one walk sees each table's items in order.
  let prevItem: Anchor | undefined;
  for (let i = 0; i < anchors.length; i++) {
    const a = anchors[i]!;
    const src = a.src;
    if (src.offset < prevOffset) return undefined;
    prevOffset = src.offset;
    if (a.closeOffset !== undefined) blocks.push(a);
    if (byEnd) {
      while (open.length && open[open.length - 1]!.src.end <= src.offset && close());
      open.push(a);
    }
    if (a.topLevel) prevItem = undefined;
    else {
      if (prevItem && blankLineBetween(text, prevItem.src.end, src.offset)) blankBefore.push(a);
      prevItem = a;
    }
  }
  while (byEnd && open.length && close());
  return { byStart: anchors, byEnd, blocks, blankBefore };
}

/** The anchors by start (a stable sort: equal starts keep their order). */
const sortedByStart = (anchors: readonly Anchor[]): Anchor[] =>
  [...anchors].sort((a, b) => a.src.offset - b.src.offset);

/** A `///` comment that documents nothing is kept as a plain comment, so it never becomes a doc later. */
const asPlain = (body: string) => (body.startsWith("///") ? `//${body.slice(3)}` : body);

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

/**
 * Whether a line with nothing at all on it (spaces and tabs only; a comment is something) lies
 * between two offsets: a line end, blanks, then another line end. Read character by character,
 * without copying the gap: it runs once per table item.
 */
function blankLineBetween(text: string, from: number, to: number): boolean {
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) {
    let j = i + 1;
    while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j < to && text.charCodeAt(j) === 13) j++;
    if (j < to && text.charCodeAt(j) === 10) return true;
  }
  return false;
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
