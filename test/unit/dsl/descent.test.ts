/**
 * The hand-written parser (src/dsl/descent.ts) builds exactly Chevrotain's CST (parser.ts) on
 * input without syntax errors, and gives up on input with one: on every schema file of the
 * repository, generated large schemas, and random edits of the repository's files (tokens
 * dropped, repeated, swapped, line breaks moved), which reach the gates and the choices. The
 * reader of a whole file (`readDeclarations`, which builds no nodes for columns) takes exactly
 * the input the tree builder takes, and gives the same IR (`parseFile` both ways).
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { Glob } from "bun";
import type { CstNode, IToken } from "chevrotain";
import { parseCst } from "../../../src/dsl/cst-parse.ts";
import { descend, readDeclarations } from "../../../src/dsl/descent.ts";
import { scan, Scanner } from "../../../src/dsl/scan.ts";
import { tokenStream } from "../../../src/dsl/cst-parse.ts";
import { irReader } from "../../../src/dsl/to-ir.ts";
import { parseFile } from "../../../src/dsl/parse.ts";
import { generateSchema } from "../../../scripts/gen-schema.ts";

/** A CST as plain data: nodes with their keys in order, tokens by offset, every location. */
function plain(x: CstNode | IToken): unknown {
  if ("image" in x) return [x.startOffset, x.image, x.tokenType.name];
  const children: Record<string, unknown[]> = {};
  for (const key of Object.keys(x.children)) children[key] = x.children[key]!.map(plain);
  return { name: x.name, location: x.location, children, ...(x.recoveredNode ? { recovered: true } : {}) };
}

/**
 * Both parsers on `text`: a give-up where Chevrotain finds an error, else the same tree or a
 * give-up ("fallback").
 */
function agree(text: string): "parsed" | "error" | "fallback" {
  const slow = parseCst(text, { chevrotainOnly: true });
  const fast = slow.lexErrors.length ? undefined : descend(slow.tokens);
  // The reader of a whole file (parse.ts: tables without their columns' nodes) takes the same input.
  const reader = irReader("f.schema", text);
  const read = readDeclarations(tokenStream(new Scanner(text)), reader);
  reader.finish();
  expect(read).toBe(fast !== undefined);
  if (slow.lexErrors.length || slow.parseErrors.length) {
    expect(fast).toBeUndefined();
    return "error";
  }
  if (!fast) return "fallback";
  expect(plain(fast)).toEqual(plain(slow.cst));
  // And the file read declaration by declaration is the file read through the whole tree.
  expect(parseFile(text, "f.schema")).toEqual(parseFile(text, "f.schema", { chevrotainOnly: true }));
  return "parsed";
}

const files = (): string[] => {
  const out: string[] = [];
  for (const dir of ["test", "schema-examples"])
    for (const f of new Glob("**/*.schema").scanSync({ cwd: dir, onlyFiles: true }))
      out.push(readFileSync(`${dir}/${f}`, "utf8"));
  return out;
};

describe("descent", () => {
  test("builds Chevrotain's tree for every .schema file of the repository", () => {
    const all = files();
    const seen = { parsed: 0, error: 0, fallback: 0 };
    for (const text of all) seen[agree(text)]++;
    expect(all.length).toBeGreaterThan(100);
    // The files that parse are all parsed by the fast path (the error ones are tests of errors).
    expect(seen.fallback).toBe(0);
    expect(seen.parsed).toBeGreaterThan(all.length * 0.8);
  });

  test("builds Chevrotain's tree for generated schemas", () => {
    for (const changed of [0, 1]) expect(agree(generateSchema(40, 20, changed))).toBe("parsed");
  });

  test("reads the items without nodes as the tree does, with the messages the IR reports", () => {
    // The forms readDeclarations reads without nodes (column attributes, indexes, checks) in
    // their rarer alternatives, and the attribute errors one file alone shows.
    const text = [
      "table p { id bigint primary key }",
      "table t {",
      "  id      bigserial primary key identity",
      "  a       int references p(id) on delete set default on update no action match full",
      "  b       int? references p(id) on update cascade on delete restrict deferrable initially deferred",
      "  c       int references p(id) match simple not valid",
      "  d       int references p(id) deferrable deferred match valid",
      "  e       int default -1 default 2 unique unique",
      "  f       text default 'it''s' primary key",
      "  g       bool default true",
      "  h       bool? default null",
      "  i       timestamptz default now() identity(start 5, always)",
      "  j       text default foo()",
      "  k       text default (lower('X'))",
      "  l       bool default false references p(id) references p(id)",
      "  index (a desc, (lower(k)) asc, b collate C nulls last) include (c, d) nulls not distinct where (a > 0) using btree with (fillfactor = 70)",
      "  unique index named (e) nulls not distinctly",
      "  index (g text_pattern_ops nulls first)",
      "  index (k(10))",
      "  check (a > 0) no inherit not valid",
      "  check positive (b > 0)",
      "}",
    ].join("\n");
    expect(agree(text)).toBe("parsed");
    const codes = parseFile(text, "f.schema").diagnostics.map((d) => d.code);
    expect(codes).toContain("duplicate-attribute");
    expect(codes).toContain("duplicate-primary-key");
    expect(codes).toContain("identity-serial");
    expect(codes).toContain("unknown-function");
    expect(codes).toContain("bad-clause");
  });

  test("gives up where Chevrotain finds an error", () => {
    for (const text of [
      "table",
      "table t {",
      "table t { id int\n",
      "table t { id }",
      "table t { id int } }",
      "enum e { a, b",
      "table t { id int default }",
      "table t { id int default foo }",
      "table t { index (a }",
      "view v as (select 1",
      "function f() returns int",
    ])
      expect(agree(text)).toBe("error");
  });

  test("gives way to Chevrotain where its longer lookahead decides", () => {
    // A column named `exclude` of type `using`: `exclude using` starts an exclusion unless a
    // third token says otherwise, which this parser does not look at.
    expect(agree("table t { exclude using\n}")).toBe("fallback");
  });

  test("agrees on random edits of the repository's files", () => {
    // Edits at the token level keep most of a file valid, so the choices deep inside are reached.
    const sources = files().filter((t) => t.length < 4000);
    const edit = fc.record({
      file: fc.nat(sources.length - 1),
      at: fc.nat(),
      kind: fc.constantFrom("drop", "repeat", "swap", "newline", "join", "word"),
      word: fc.constantFrom(
        "nulls",
        "not",
        "distinct",
        "include",
        "with",
        "deferrable",
        "initially",
        "deferred",
        "match",
        "full",
        "valid",
        "no",
        "inherit",
        "exclude",
        "using",
        "on",
        "update",
        "as",
        "virtual",
        "stored",
        "unsigned",
        "(",
        ")",
        ",",
        "=",
        ".",
        "-",
        "1",
        "'x'",
        "x",
        "?",
      ),
    });
    const seen = { parsed: 0, error: 0, fallback: 0 };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = sources[edits[0]!.file]!;
        for (const e of edits) {
          const tokens = scan(text).tokens;
          if (!tokens.length) break;
          const t = tokens[e.at % tokens.length]!;
          const before = text.slice(0, t.startOffset),
            after = text.slice(t.startOffset + t.image.length);
          text =
            e.kind === "drop"
              ? before + after
              : e.kind === "repeat"
                ? `${before}${t.image} ${t.image}${after}`
                : e.kind === "swap"
                  ? `${before}${e.word}${after}`
                  : e.kind === "newline"
                    ? `${before}\n${t.image}${after}`
                    : e.kind === "join"
                      ? before.replace(/\s*$/, " ") + t.image + after
                      : `${before}${e.word} ${t.image}${after}`;
        }
        seen[agree(text)]++;
      }),
      { numRuns: Number(process.env["DESCENT_RUNS"] ?? 200) },
    );
    expect(seen.parsed).toBeGreaterThan(Number(process.env["DESCENT_RUNS"] ?? 200) / 10);
    expect(seen.fallback).toBeLessThan(seen.parsed / 20);
    // Chevrotain's recovery on the broken files is most of the time (DESCENT_RUNS=8000 passed).
  }, 60_000);
});
