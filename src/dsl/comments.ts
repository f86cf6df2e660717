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
  // Anchors arrive almost in document order; sort only when they are not.
  const inOrder = anchors.every((a, i) => i === 0 || anchors[i - 1]!.src.offset <= a.src.offset);
  const byStart = inOrder ? anchors : [...anchors].sort((a, b) => a.src.offset - b.src.offset);
  const byEnd = [...anchors].sort((a, b) => a.src.end - b.src.end);
  const blocks = byStart.filter((a) => a.closeOffset !== undefined);
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

  // Blank lines between table items, kept by fmt (collapsed to one). Items follow their table
  // in `byStart`, so one walk sees each table's items in order.
  let prevItem: Anchor | undefined;
  for (const a of byStart) {
    if (a.topLevel) {
      prevItem = undefined;
      continue;
    }
    if (prevItem && blankLineBetween(text, prevItem.src.end, a.src.offset)) a.src.blankBefore = true;
    prevItem = a;
  }
  return { fileTrailing };
}

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
