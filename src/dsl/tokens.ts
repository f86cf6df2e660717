/**
 * The tokens of the `.schema` language (grammar/schema.ebnf).
 *
 * Two categories organise them:
 * - `Name`: everything that may name a table, column, type or constraint: plain identifiers,
 *   double-quoted identifiers, and the contextual keywords (`from`, `on`, `delete`, `where`, ...)
 *   that only mean something in one position. Reserved keywords (`table`, `unique`, `check`, ...)
 *   are not names: a column called `check` must be written `"check"`.
 * - `RawAny`: every token allowed inside raw SQL parentheses (all but parentheses and braces),
 *   so `check (...)`, `where (...)`, `default (...)` and index expressions can hold any SQL. The
 *   parser keeps the original text of the parenthesised span, not the tokens.
 *
 * Keywords are declared before `Identifier` with `longer_alt`, so `tablespace` stays a name
 * (Chevrotain's documented keyword pattern).
 *
 * The token types are Chevrotain's, declared without loading Chevrotain: a file without syntax
 * errors is scanned (scan.ts) and parsed (descent.ts) by hand, and loading Chevrotain and
 * building its token types cost several milliseconds of every command's start (issue 19).
 * lexer.ts makes them whole for Chevrotain (the categories' NOT_APPLICABLE pattern, the skipped
 * group) when its lexer or parser is first needed; Chevrotain's Lexer and Parser assign the
 * indexes and category maps themselves (as they do for token types made by hand).
 */
import type { TokenPattern, TokenType } from "chevrotain";

/** The fields of a token type that Chevrotain's `createToken` reads from its configuration. */
interface TokenConfig {
  readonly name: string;
  /** Absent for a category (Chevrotain's `Lexer.NA`, set by lexer.ts). */
  readonly pattern?: TokenPattern;
  readonly categories?: TokenType[];
  readonly group?: string;
  readonly longer_alt?: TokenType;
  readonly line_breaks?: boolean;
  readonly start_chars_hint?: string[];
}

/** A token type as Chevrotain's `createToken` makes one, before Chevrotain augments it. */
function createToken(c: TokenConfig): TokenType {
  const t: TokenType = { name: c.name };
  if (c.pattern !== undefined) t.PATTERN = c.pattern;
  if (c.categories) t.CATEGORIES = c.categories;
  if (c.group !== undefined) t.GROUP = c.group;
  if (c.longer_alt) t.LONGER_ALT = c.longer_alt;
  if (c.line_breaks !== undefined) t.LINE_BREAKS = c.line_breaks;
  if (c.start_chars_hint) t.START_CHARS_HINT = c.start_chars_hint;
  return t;
}

/**
 * `QName`: what may name an object that lives in a PostgreSQL schema (a table, view, type,
 * sequence, function, and references to them): every `Name`, and a schema-qualified name
 * `sales.orders` (`QualifiedName`, one token). Positions holding a column, constraint or index
 * name take `Name` only, so `a.b` there is a syntax error, not a name with a dot.
 */
export const QName = createToken({ name: "QName" });
export const Name = createToken({ name: "Name", categories: [QName] });
export const RawAny = createToken({ name: "RawAny" });
/** The categories: token types no text lexes as, only other types' (lexer.ts gives them `Lexer.NA`). */
export const CATEGORIES: readonly TokenType[] = [QName, Name, RawAny];

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v]+/,
  // Skipped (Chevrotain's `Lexer.SKIPPED` group, set by lexer.ts).
  line_breaks: true,
});
/** `///` doc comments and `//` comments are kept aside (group "comments") for `fmt` and docs. */
export const DocComment = createToken({ name: "DocComment", pattern: /\/\/\/[^\n\r]*/, group: "comments" });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Name, RawAny],
});
export const QuotedIdentifier = createToken({
  name: "QuotedIdentifier",
  pattern: /"(?:[^"\n\r]|"")*"/,
  categories: [Name, RawAny],
});
/**
 * `schema.name`, each part bare or double-quoted (`sales."Order Items"`), as one token: an
 * object in another PostgreSQL schema (src/ir/qualified.ts). The schema part may not hold a dot
 * (the IR splits at the first one). Tried before the keywords and `Identifier`, so `sales.orders`
 * is never `sales` then `.orders`; inside raw SQL it is one more token of the kept text.
 */
export const QualifiedName = createToken({
  name: "QualifiedName",
  pattern: /(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^".\n\r]|"")*")\.(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\n\r]|"")*")/,
  categories: [QName, RawAny],
});
/** A single-quoted SQL string; `''` is an escaped quote. May span lines inside raw SQL. */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /'(?:[^']|'')*'/,
  categories: [RawAny],
  line_breaks: true,
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
  categories: [RawAny],
});

/** Every keyword token, in declaration order: filled by `keyword`. */
const keywords: TokenType[] = [];

/**
 * Declares a keyword. The declarations below are the one list of keywords: the lexer's token
 * list (`allTokens`) is derived from it. The reserved ones (not `contextual`) are also listed in
 * names.ts as `RESERVED_WORDS`, which the printer reads without loading Chevrotain;
 * test/unit/dsl/tokens.test.ts checks that the two agree.
 */
const keyword = (word: string, contextual: boolean): TokenType => {
  const token = createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: contextual ? [Name, RawAny] : [RawAny],
  });
  keywords.push(token);
  return token;
};

// Reserved: they start declarations, table items or column attributes.
export const Table = keyword("table", false);
export const Enum = keyword("enum", false);
export const Primary = keyword("primary", false);
export const Foreign = keyword("foreign", false);
export const Unique = keyword("unique", false);
export const Index = keyword("index", false);
export const Check = keyword("check", false);
export const Key = keyword("key", false);
export const References = keyword("references", false);
export const Default = keyword("default", false);
export const Identity = keyword("identity", false);
export const Collate = keyword("collate", false);
export const Renamed = keyword("renamed", false);
// Contextual: meaningful in one position only, names everywhere else.
export const From = keyword("from", true);
export const On = keyword("on", true);
export const Delete = keyword("delete", true);
export const Update = keyword("update", true);
export const SetKw = keyword("set", true);
export const Null = keyword("null", true);
export const Cascade = keyword("cascade", true);
export const Restrict = keyword("restrict", true);
export const No = keyword("no", true);
export const Action = keyword("action", true);
export const Where = keyword("where", true);
export const Using = keyword("using", true);
export const Asc = keyword("asc", true);
export const Desc = keyword("desc", true);
export const True = keyword("true", true);
export const False = keyword("false", true);
export const Unsigned = keyword("unsigned", true);
// A generated column: `total int as (price * qty) stored`.
export const As = keyword("as", true);
export const Stored = keyword("stored", true);
export const Virtual = keyword("virtual", true);
// Declarations beside tables (PostgreSQL): `sequence users_seq (...)`, `domain d text ...`.
// Contextual, so a column may still be called `sequence` or `domain`.
export const SequenceKw = keyword("sequence", true);
export const DomainKw = keyword("domain", true);
// Views: `view v as (select ...)`, `materialized view m as (...)` (PostgreSQL's materialized).
export const ViewKw = keyword("view", true);
export const Materialized = keyword("materialized", true);
// PostgreSQL's extensions and composite types: `extension citext`, `type address { ... }`.
// Contextual, so a column may still be called `type` or `extension`.
export const ExtensionKw = keyword("extension", true);
export const TypeKw = keyword("type", true);
// Functions, procedures and triggers: `function f(a int) returns int language sql as $$ ... $$`,
// `trigger t before insert on users for each row execute function f()`.
export const FunctionKw = keyword("function", true);
export const ProcedureKw = keyword("procedure", true);
export const TriggerKw = keyword("trigger", true);
export const Execute = keyword("execute", true);
export const When = keyword("when", true);
// PostgreSQL's schemas (namespaces): `schema sales`. Contextual, so a column may be called schema.
export const SchemaKw = keyword("schema", true);

export const LCurly = createToken({ name: "LCurly", pattern: /{/ });
export const RCurly = createToken({ name: "RCurly", pattern: /}/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, categories: [RawAny] });
export const RBracket = createToken({ name: "RBracket", pattern: /]/, categories: [RawAny] });
export const Comma = createToken({ name: "Comma", pattern: /,/, categories: [RawAny] });
export const Question = createToken({ name: "Question", pattern: /\?/, categories: [RawAny] });
export const Minus = createToken({ name: "Minus", pattern: /-/, categories: [RawAny] });
/**
 * A lone `=`, between a table option and its value. Tried before `Other`, which would take it;
 * `=` followed by another operator character (`==`, `=>`) stays `Other`, and `>=` starts there.
 */
export const Equals = createToken({
  name: "Equals",
  pattern: /=(?![!#$%&*+./:;<=>@\\^`|~])/,
  categories: [RawAny],
});
/**
 * Operator characters: only meaningful inside raw SQL (`>=`, `||`, `::`, `->>`). An explicit set
 * rather than a complement, so the lexer keeps its first-character optimisation.
 */
export const Other = createToken({
  name: "Other",
  pattern: /[!#$%&*+./:;<=>@\\^`|~]+/,
  categories: [RawAny],
});

/**
 * A dollar-quoted body, `$$ ... $$` or `$tag$ ... $tag$` (PostgreSQL's quoting): a function's or
 * trigger's body, verbatim, on every dialect. A custom matcher, as the closing tag must repeat
 * the opening one (a back-reference the lexer's regex analysis refuses); `start_chars_hint`
 * keeps the first-character optimisation.
 */
export const DollarString = createToken({
  name: "DollarString",
  pattern: {
    exec: (text: string, offset: number): RegExpExecArray | null => {
      const open = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;
      open.lastIndex = offset;
      const m = open.exec(text);
      if (!m) return null;
      const close = text.indexOf(m[0], offset + m[0].length);
      if (close === -1) return null;
      const r = [text.slice(offset, close + m[0].length)] as unknown as RegExpExecArray;
      return r;
    },
  },
  start_chars_hint: ["$"],
  line_breaks: true,
  categories: [RawAny],
});

/** Every keyword of the language, reserved or contextual, as written (for "did you mean" hints). */
export const KEYWORD_WORDS: readonly string[] = keywords.map((k) => k.name.toLowerCase());

export { RESERVED_WORDS } from "./names.ts";

// Order matters: comments before `Other`'s `/`, keywords before Identifier.
export const allTokens: TokenType[] = [
  WhiteSpace,
  DocComment,
  LineComment,
  QualifiedName,
  ...keywords,
  Identifier,
  QuotedIdentifier,
  StringLiteral,
  NumberLiteral,
  DollarString,
  LCurly,
  RCurly,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Question,
  Minus,
  Equals,
  Other,
  Name,
  QName,
  RawAny,
];
