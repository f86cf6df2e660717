/**
 * comments.ts reads the anchors in one walk when they come in document order with distinct
 * ends (what the parser gives), and sorts them otherwise: both ways attach every comment, doc
 * and blank line to the same nodes.
 */
import { describe, expect, test } from "bun:test";
import { attachComments } from "../../../src/dsl/comments.ts";
import { readDeclarations } from "../../../src/dsl/descent.ts";
import { tokenStream } from "../../../src/dsl/cst-parse.ts";
import { Scanner } from "../../../src/dsl/scan.ts";
import { irReader, type Anchor, type MutableSource } from "../../../src/dsl/to-ir.ts";
import { generateSchema } from "../../../scripts/gen-schema.ts";

const TEXT = `// file header
enum status { active, // the first
  /// a doc on a value
  closed }

/// A table.
table users {
  id   bigint  primary key // trailing

  // before the email
  /// The email.
  email text   unique

  index (email)
  // inside, at the end
}
// after everything
${generateSchema(3, 5, 1)}`;

/** The file's IR with its comments attached, the anchors handed over in `order`'s order. */
function attached(text: string, order: (anchors: Anchor[]) => Anchor[]) {
  const scanner = new Scanner(text);
  const reader = irReader("f.schema", text);
  expect(readDeclarations(tokenStream(scanner), reader)).toBe(true);
  const ir = reader.finish();
  const { fileTrailing } = attachComments(order(ir.anchors), scanner.comments, text);
  return { tables: ir.tables, enums: ir.enums, fileTrailing };
}

describe("attachComments", () => {
  test("anchors out of document order attach as in order", () => {
    const inOrder = attached(TEXT, (a) => a);
    expect(inOrder.fileTrailing).toEqual([]);
    expect(JSON.stringify(inOrder)).toContain('"blankBefore":true');
    expect(JSON.stringify(attached(TEXT, (a) => [...a].reverse()))).toBe(JSON.stringify(inOrder));
  });

  test("of two anchors ending together, the later one takes the trailing comment", () => {
    const text = "x y // t\n";
    const src = (offset: number, end: number): MutableSource => ({ file: "f", line: 1, col: 1, offset, end });
    const outer: Anchor = { src: src(0, 3), topLevel: true };
    const inner: Anchor = { src: src(2, 3), topLevel: false };
    const comment = { image: "// t", startOffset: 4, startLine: 1 } as never;
    attachComments([outer, inner], [comment], text);
    expect(inner.src.trailing).toBe("// t");
    expect(outer.src.trailing).toBeUndefined();
  });
});
