/**
 * The grammar as Chevrotain checks it, and the lookahead table the CLI's parser reads instead of
 * computing it (src/dsl/lookahead.ts). The CLI builds its parser with `skipValidations`; these
 * tests build the validating one, so an ambiguous alternative or left recursion fails here.
 */
import { expect, test } from "bun:test";
import { Lexer, LLkLookaheadStrategy } from "chevrotain";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LOOKAHEAD_TABLE_PATH, lookaheadTableSource } from "../../../scripts/gen-lookahead.ts";
import {
  STORED_TABLE,
  StoredLookaheadStrategy,
  storedFollows,
  storeFollows,
  storedRules,
  storeRules,
} from "../../../src/dsl/lookahead.ts";
import { getParser, SchemaParser } from "../../../src/dsl/parser.ts";
import { parseCst } from "../../../src/dsl/cst-parse.ts";
import { allTokens } from "../../../src/dsl/tokens.ts";
import { LEXER_CONFIG } from "../../../src/dsl/lexer.ts";

test("the grammar passes Chevrotain's validations (no ambiguity, no left recursion)", () => {
  // Throws "Parser Definition Errors detected" on any definition error.
  expect(
    () => new SchemaParser({ validate: true, lookahead: new LLkLookaheadStrategy({ maxLookahead: 3 }) }),
  ).not.toThrow();
});

test("the tokens pass Chevrotain's lexer validations (the CLI's lexer skips them)", () => {
  // Throws on a definition error; warnings (a pattern it cannot optimize) throw with ensureOptimizations.
  const lexer = new Lexer(allTokens, LEXER_CONFIG);
  expect(lexer.lexerDefinitionErrors).toEqual([]);
});

test("src/dsl/lookahead.generated.json is up to date with the grammar (regenerate with `bun run gen:lookahead`)", () => {
  expect(readFileSync(LOOKAHEAD_TABLE_PATH, "utf8")).toBe(lookaheadTableSource());
});

test("the CLI's parser reads every production's lookahead from the table", () => {
  const strategy = (getParser() as unknown as { lookaheadStrategy: StoredLookaheadStrategy })
    .lookaheadStrategy;
  expect(strategy).toBeInstanceOf(StoredLookaheadStrategy);
  expect(strategy.computed).toEqual([]);
});

test("a stale table is not used: the parser computes lookahead and parses the same", () => {
  const stale = new StoredLookaheadStrategy(3, { fingerprint: "stale", paths: {} });
  const parser = new SchemaParser({ lookahead: stale });
  expect(stale.computed.length).toBeGreaterThan(0);
  const text = readFileSync(join(import.meta.dir, "../../../schema-examples/blog.schema"), "utf8");
  parser.input = parseCst(text).tokens as never;
  const cst = parser.schema();
  expect(parser.errors).toEqual([]);
  expect(JSON.stringify(cst)).toBe(JSON.stringify(parseCst(text).cst));
});

test("stored and computed lookahead parse every example and every broken input alike", () => {
  const eager = new SchemaParser({ lookahead: new LLkLookaheadStrategy({ maxLookahead: 3 }) });
  const dir = join(import.meta.dir, "../../../schema-examples");
  const texts = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".schema"))
    .map((f) => readFileSync(join(dir, f), "utf8"));
  // Broken inputs take the error paths (no viable alternative, recovery), which read lookahead too.
  const broken = texts.flatMap((t) => [
    t.slice(0, Math.floor(t.length / 2)),
    t.replace(/\bbigint\b/, "}"),
    `${t}\ntable { x`,
  ]);
  for (const text of [...texts, ...broken]) {
    const stored = parseCst(text);
    eager.input = stored.tokens as never;
    const cst = eager.schema();
    expect(JSON.stringify(stored.cst)).toBe(JSON.stringify(cst));
    expect(stored.parseErrors.map((e) => e.message)).toEqual(eager.errors.map((e) => e.message));
  }
});

/** The binary's parser: the grammar and lookahead from the table, no recording, no fingerprint. */
const fromTable = () =>
  new SchemaParser({
    lookahead: new StoredLookaheadStrategy(3, STORED_TABLE, true),
    rules: storedRules(),
    follows: storedFollows(),
  });
type Follows = { resyncFollows: Record<string, import("chevrotain").TokenType[]>; recoveryEnabled: boolean };

test("the stored grammar is the recorded one, field for field", () => {
  const recorded = new SchemaParser({ rules: null, follows: null });
  const stored = fromTable();
  expect(storedRules()?.size).toBe(Object.keys(recorded.getGAstProductions()).length);
  expect(storeRules(Object.values(stored.getGAstProductions()))).toEqual(
    storeRules(Object.values(recorded.getGAstProductions())),
  );
  // Taken from the table, not recorded.
  const rules = storedRules()!;
  const taken = new SchemaParser({ lookahead: new StoredLookaheadStrategy(3, STORED_TABLE, true), rules });
  expect(taken.getGAstProductions()["tableDecl"]).toBe(rules.get("tableDecl")!);
  // Resolved alike: every non-terminal points at its rule (the resolver ran over the stored rules).
  expect(JSON.stringify(Object.values(stored.getGAstProductions()).map((r) => r.name))).toBe(
    JSON.stringify(Object.values(recorded.getGAstProductions()).map((r) => r.name)),
  );
});

test("the parser built from the table parses every example and every broken input as the recorded one", () => {
  const stored = fromTable();
  const recorded = new SchemaParser({ rules: null, follows: null });
  const dir = join(import.meta.dir, "../../../schema-examples");
  const texts = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".schema"))
    .map((f) => readFileSync(join(dir, f), "utf8"));
  const broken = texts.flatMap((t) => [
    t.slice(0, Math.floor(t.length / 2)),
    t.replace(/\bbigint\b/, "}"),
    `${t}\ntable { x`,
  ]);
  for (const text of [...texts, ...broken]) {
    const tokens = parseCst(text).tokens as never;
    stored.input = tokens;
    recorded.input = tokens;
    expect(JSON.stringify(stored.schema())).toBe(JSON.stringify(recorded.schema()));
    expect(stored.errors.map((e) => e.message)).toEqual(recorded.errors.map((e) => e.message));
  }
});

test("the stored follow sets are the computed ones, and recovery stays on", () => {
  const recorded = new SchemaParser({ rules: null, follows: null }) as unknown as Follows;
  const stored = fromTable() as unknown as Follows;
  expect(Object.keys(recorded.resyncFollows).length).toBeGreaterThan(0);
  expect(storeFollows(stored.resyncFollows)).toEqual(storeFollows(recorded.resyncFollows));
  expect(stored.recoveryEnabled).toBe(true);
});

test("a table naming a token the grammar no longer has gives no stored rules (they are recorded)", () => {
  const rules = STORED_TABLE.rules!;
  const bad = JSON.parse(JSON.stringify(rules).replace(/"terminalType":"Table"/, '"terminalType":"Gone"'));
  expect(storedRules({ ...STORED_TABLE, rules: bad })).toBeUndefined();
  const follows = { ...STORED_TABLE.follows, x: ["Gone"] };
  expect(storedFollows({ ...STORED_TABLE, follows })).toBeUndefined();
});
