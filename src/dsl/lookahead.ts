/**
 * The parser's LL(k) lookahead without computing it at start-up (issue 19). Chevrotain derives
 * every OR/OPTION/MANY's lookahead paths from the grammar when the parser is built; with k = 3
 * and the `Name` token category (identifiers and contextual keywords) that took ~200 ms of
 * every command, two thirds of it in one production (tableItem's OR).
 *
 * The paths depend on the grammar only, so `bun run gen:lookahead` (scripts/gen-lookahead.ts)
 * computes them once with Chevrotain's own `getLookaheadPaths` into lookahead.generated.json,
 * with a fingerprint of the grammar they came from. At start-up the strategy fingerprints the
 * recorded grammar; if it matches, each lookahead function is made from the stored paths (the
 * same matching Chevrotain's builders do); if not (the grammar changed and the table was not
 * regenerated), or a production is missing, Chevrotain computes that production's lookahead on
 * first use. Either way parsing is the same, only slower when the table is stale;
 * test/unit/dsl/grammar.test.ts fails while it is, and builds the validating parser.
 *
 * The table also holds the grammar itself (`rules`: the GAST Chevrotain records by running every
 * rule once in recording mode, another ~15 ms) and error recovery's follow sets (`follows`,
 * ~8 ms to compute), and the fingerprint is another ~10 ms. Both are
 * only trusted where the build vouched for the table: build.ts refuses to compile the binary
 * with a stale table and then defines SCHEMAVC_GRAMMAR_TABLE_FRESH, so the binary's parser takes
 * its rules from the table and skips the fingerprint. Everywhere else (bun run, bun test, the npm
 * package) the grammar is recorded and fingerprinted as before.
 */
import {
  Alternation,
  Alternative,
  EOF,
  getLookaheadPaths,
  LLkLookaheadStrategy,
  NonTerminal,
  Option,
  Repetition,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  RepetitionWithSeparator,
  Rule,
  Terminal,
  type LookaheadProductionType,
  type IToken,
  type LookaheadSequence,
  type IProduction,
  serializeGrammar,
  type TokenType,
} from "chevrotain";
import * as T from "./tokens.ts";
import { sha256 } from "../util/sha256.ts";
import stored from "./lookahead.generated.json" with { type: "json" };

type Strategy = InstanceType<typeof LLkLookaheadStrategy>;
type AltOptions = Parameters<Strategy["buildLookaheadForAlternation"]>[0];
type OptOptions = Parameters<Strategy["buildLookaheadForOptional"]>[0];
type AltFunc = ReturnType<Strategy["buildLookaheadForAlternation"]>;
type OptFunc = ReturnType<Strategy["buildLookaheadForOptional"]>;
/** What a lookahead function sees as `this`: the parser (LA_FAST: LA without the bounds check). */
interface Reader {
  LA_FAST(i: number): IToken;
}
/** Paths of one production, as token names: per alternative (an OPTION/MANY has one), its paths. */
export type StoredPaths = readonly (readonly (readonly string[])[])[];
export interface LookaheadTable {
  readonly fingerprint: string;
  readonly paths: Readonly<Record<string, StoredPaths>>;
  /** The recorded grammar, one entry per rule in definition order (see `storeRules`). */
  readonly rules?: readonly StoredProduction[];
  /** Error recovery's re-sync follow sets (Chevrotain's `resyncFollows`), as token names. */
  readonly follows?: Readonly<Record<string, readonly string[]>>;
}

declare const SCHEMAVC_GRAMMAR_TABLE_FRESH: boolean | undefined;
/**
 * Whether the build checked the table against the grammar (build.ts defines it for the binary):
 * then its rules are used instead of recording them and its fingerprint is not recomputed.
 */
export const TABLE_VOUCHED: boolean =
  typeof SCHEMAVC_GRAMMAR_TABLE_FRESH !== "undefined" && SCHEMAVC_GRAMMAR_TABLE_FRESH === true;

/** The key of one production in the table: rule, production kind and occurrence. */
export const productionKey = (rule: string, kind: string, occurrence: number): string =>
  `${rule} ${kind}${occurrence}`;

/** A fingerprint of the grammar (its rules as Chevrotain serializes them) and of k. */
export function grammarFingerprint(rules: readonly Rule[], maxLookahead: number): string {
  const text = JSON.stringify({ k: maxLookahead, rules: serializeGrammar(rules as Rule[]) });
  // SHA-256, not Bun.hash: the npm package parses on Node too, and the stored fingerprint must
  // match on both runtimes.
  return sha256(text, "hex").slice(0, 16);
}

/** Token types by name: the lexer's list (every token, categories included) and EOF. */
const TOKENS: ReadonlyMap<string, TokenType> = new Map([...T.allTokens, EOF].map((t) => [t.name, t]));

/** Stored token names back to token types; undefined if one is unknown (a stale table). */
function toTokens(paths: readonly (readonly string[])[]): TokenType[][] | undefined {
  const out: TokenType[][] = [];
  for (const path of paths) {
    const types: TokenType[] = [];
    for (const name of path) {
      const t = TOKENS.get(name);
      if (!t) return undefined;
      types.push(t);
    }
    out.push(types);
  }
  return out;
}

/** Chevrotain's token matching: the same type, or a token of a category the path names. */
const matchesType = (token: IToken, type: TokenType): boolean =>
  token.tokenTypeIdx === type.tokenTypeIdx ||
  (type.isParent === true && type.categoryMatchesMap?.[token.tokenTypeIdx!] === true);

function matches(reader: Reader, path: readonly TokenType[]): boolean {
  for (let i = 0; i < path.length; i++) if (!matchesType(reader.LA_FAST(i + 1), path[i]!)) return false;
  return true;
}

/** The token type indexes a one-token path matches: its own and, for a category, its members'. */
const indexesOf = (type: TokenType): number[] => [type.tokenTypeIdx!, ...(type.categoryMatches ?? [])];

/**
 * An OR's lookahead from its paths: the first alternative whose gate holds and a path matches.
 * As Chevrotain builds it: gates are read only if the OR has some, and an OR decided by one
 * token is a table lookup.
 */
function alternationFunc(alts: readonly (readonly TokenType[][])[], hasPredicates: boolean): AltFunc {
  if (!hasPredicates && alts.every((a) => a.every((p) => p.length === 1))) {
    const choice: number[] = [];
    alts.forEach((a, i) => {
      for (const [type] of a) for (const idx of indexesOf(type!)) choice[idx] ??= i;
    });
    return function (this: Reader) {
      return choice[this.LA_FAST(1).tokenTypeIdx!];
    } as AltFunc;
  }
  return function (this: Reader, orAlts: readonly { GATE?: () => boolean }[]) {
    for (let a = 0; a < alts.length; a++) {
      const gate = hasPredicates ? orAlts[a]?.GATE : undefined;
      if (gate !== undefined && gate.call(this) === false) continue;
      for (const path of alts[a]!) if (matches(this, path)) return a;
    }
    return undefined;
  } as AltFunc;
}

/** An OPTION/MANY/AT_LEAST_ONE's lookahead: whether one of the paths into it matches. */
function optionalFunc(paths: readonly TokenType[][]): OptFunc {
  if (paths.every((p) => p.length === 1)) {
    const enters: boolean[] = [];
    for (const [type] of paths) for (const idx of indexesOf(type!)) enters[idx] = true;
    return function (this: Reader) {
      return enters[this.LA_FAST(1).tokenTypeIdx!] === true;
    } as OptFunc;
  }
  return function (this: Reader) {
    for (const path of paths) if (matches(this, path)) return true;
    return false;
  } as OptFunc;
}

/** The table checked in beside this file (lookahead.generated.json). */
export const STORED_TABLE = stored as LookaheadTable;

export class StoredLookaheadStrategy extends LLkLookaheadStrategy {
  private table: LookaheadTable["paths"] | undefined;
  /** Productions whose lookahead was computed, not read (the table was stale or lacked them). */
  readonly computed: string[] = [];

  /** @param trusted use the table without comparing fingerprints (the build compared them). */
  constructor(
    private readonly k: number,
    private readonly source: LookaheadTable = STORED_TABLE,
    private readonly trusted = false,
  ) {
    super({ maxLookahead: k });
  }

  override initialize(options: { rules: Rule[] }): void {
    this.table =
      this.trusted || this.source.fingerprint === grammarFingerprint(options.rules, this.k)
        ? this.source.paths
        : undefined;
  }

  override buildLookaheadForAlternation(options: AltOptions): AltFunc {
    const key = productionKey(options.rule.name, "Alternation", options.prodOccurrence);
    const stored = this.table?.[key];
    if (stored === undefined) {
      this.computed.push(key);
      return lazily(() => super.buildLookaheadForAlternation(options));
    }
    // Built on first use too: a command parses with a part of the grammar only.
    return lazily(() => {
      const alts = stored.map(toTokens);
      if (alts.every((a) => a !== undefined)) return alternationFunc(alts, options.hasPredicates);
      return super.buildLookaheadForAlternation(options); // a token the grammar no longer has
    });
  }

  override buildLookaheadForOptional(options: OptOptions): OptFunc {
    const key = productionKey(options.rule.name, String(options.prodType), options.prodOccurrence);
    const stored = this.table?.[key];
    if (stored?.length !== 1) {
      this.computed.push(key);
      return lazily(() => super.buildLookaheadForOptional(options));
    }
    return lazily(() => {
      const paths = toTokens(stored[0]!);
      return paths ? optionalFunc(paths) : super.buildLookaheadForOptional(options);
    });
  }
}

/** A lookahead function Chevrotain builds the first time the parser needs it. */
function lazily<F extends (...args: never[]) => unknown>(build: () => F): F {
  let built: F | undefined;
  return function (this: unknown, ...args: never[]) {
    built ??= build();
    return built.apply(this, args);
  } as F;
}

/** The paths of every production of the grammar, for the table (scripts/gen-lookahead.ts). */
export class RecordingLookaheadStrategy extends LLkLookaheadStrategy {
  readonly paths: Record<string, LookaheadSequence[]> = {};
  fingerprint = "";

  constructor(private readonly k: number) {
    super({ maxLookahead: k });
  }

  override initialize(options: { rules: Rule[] }): void {
    this.fingerprint = grammarFingerprint(options.rules, this.k);
  }

  override buildLookaheadForAlternation(options: AltOptions): AltFunc {
    this.paths[productionKey(options.rule.name, "Alternation", options.prodOccurrence)] = getPaths(
      options.rule,
      options.prodOccurrence,
      "Alternation",
      options.maxLookahead,
    );
    return super.buildLookaheadForAlternation(options);
  }

  override buildLookaheadForOptional(options: OptOptions): OptFunc {
    const all = getPaths(
      options.rule,
      options.prodOccurrence,
      String(options.prodType),
      options.maxLookahead,
    );
    // Inside the production, then after it: the lookahead function tests the first.
    this.paths[productionKey(options.rule.name, String(options.prodType), options.prodOccurrence)] = [
      all[0]!,
    ];
    return super.buildLookaheadForOptional(options);
  }
}

function getPaths(
  rule: Rule,
  occurrence: number,
  prodType: string,
  maxLookahead: number,
): LookaheadSequence[] {
  return getLookaheadPaths({ rule, occurrence, prodType: prodType as LookaheadProductionType, maxLookahead });
}

/**
 * One production of the recorded grammar as JSON: its GAST class, its own fields (occurrence
 * index, name, label, ignoreAmbiguities, hasPredicates, maxLookahead, ...), token types by name,
 * and its children. A non-terminal's rule is left out: Chevrotain's resolver links it by name.
 */
export interface StoredProduction {
  readonly class: keyof typeof GAST_CLASSES;
  readonly fields: Readonly<Record<string, string | number | boolean>>;
  readonly tokens?: Readonly<Record<string, string>>;
  readonly definition?: readonly StoredProduction[];
}

/** The GAST classes by the name the table gives them (not `constructor.name`: minified). */
const GAST_CLASSES = {
  Rule,
  NonTerminal,
  Alternative,
  Option,
  RepetitionMandatory,
  RepetitionMandatoryWithSeparator,
  Repetition,
  RepetitionWithSeparator,
  Alternation,
  Terminal,
} as const;

/** A recorded grammar as JSON (scripts/gen-lookahead.ts; the grammar test compares the two). */
export function storeRules(rules: readonly Rule[]): StoredProduction[] {
  return rules.map(storeProduction);
}

function storeProduction(node: IProduction): StoredProduction {
  const name = (Object.keys(GAST_CLASSES) as (keyof typeof GAST_CLASSES)[]).find(
    (n) => node.constructor === GAST_CLASSES[n],
  );
  if (name === undefined) throw new Error(`not a GAST production: ${node.constructor.name}`);
  const fields: Record<string, string | number | boolean> = {};
  const tokens: Record<string, string> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "_definition" || key === "referencedRule" || value === undefined) continue;
    if (key === "terminalType" || key === "separator") tokens[key] = (value as TokenType).name;
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      fields[key] = value;
    else throw new Error(`a GAST field the table cannot hold: ${name}.${key}`);
  }
  const children =
    node instanceof NonTerminal || node instanceof Terminal
      ? undefined
      : (node as unknown as { definition: IProduction[] }).definition.map(storeProduction);
  return {
    class: name,
    fields,
    ...(Object.keys(tokens).length ? { tokens } : {}),
    ...(children ? { definition: children } : {}),
  };
}

/** The stored grammar back as GAST rules, by name; undefined if the table has none or names an unknown token. */
export function storedRules(table: LookaheadTable = STORED_TABLE): Map<string, Rule> | undefined {
  if (!table.rules) return undefined;
  try {
    return new Map(
      table.rules.map((r) => {
        const rule = loadProduction(r) as Rule;
        return [rule.name, rule];
      }),
    );
  } catch {
    return undefined;
  }
}

function loadProduction(p: StoredProduction): IProduction {
  const options: Record<string, unknown> = { ...p.fields };
  for (const [key, name] of Object.entries(p.tokens ?? {})) {
    const type = TOKENS.get(name);
    if (!type) throw new Error(`unknown token ${name}`);
    options[key] = type;
  }
  if (p.definition) options["definition"] = p.definition.map(loadProduction);
  const Class = GAST_CLASSES[p.class] as unknown as new (options: Record<string, unknown>) => IProduction;
  return new Class(options);
}

/** Follow sets as the table holds them: token names (scripts/gen-lookahead.ts). */
export function storeFollows(
  follows: Readonly<Record<string, readonly TokenType[]>>,
): Record<string, string[]> {
  return Object.fromEntries(Object.entries(follows).map(([key, types]) => [key, types.map((t) => t.name)]));
}

/** The stored follow sets as token types; undefined if the table has none or names an unknown token. */
export function storedFollows(table: LookaheadTable = STORED_TABLE): Record<string, TokenType[]> | undefined {
  if (!table.follows) return undefined;
  const out: Record<string, TokenType[]> = {};
  for (const [key, names] of Object.entries(table.follows)) {
    const types = toTokens([names])?.[0];
    if (!types) return undefined;
    out[key] = types;
  }
  return out;
}
