/**
 * The `.schema` grammar as a Chevrotain CST parser: grammar only, no actions. `to-ir.ts` visits
 * the CST. The normative EBNF is grammar/schema.ebnf; rule names here match it. The CST's
 * types (cst.ts) are generated from these rules: run `bun run gen:cst` after changing one.
 *
 * Error recovery is on (Chevrotain's re-sync recovery), so one run reports every syntax error
 * and the visitor still sees the parts that parsed. The parser is built once per process, when
 * a file does not parse by hand (cst-parse.ts, descent.ts): only files with errors need it.
 */
import { CstParser, type ILookaheadStrategy, type Rule, type TokenType } from "chevrotain";
import * as T from "./tokens.ts";
import { StoredLookaheadStrategy, storedFollows, storedRules, TABLE_VOUCHED } from "./lookahead.ts";
// The token types made whole for Chevrotain before the parser is built from them.
import "./lexer.ts";

/**
 * Keywords that start a table item; as column attributes they must stay on the column's line.
 */
const TABLE_ITEM_STARTERS = new Set([T.Unique, T.Check, T.Primary]);
/**
 * Contextual words that start a column attribute (`on update now()`, `as (...)`): also on the
 * column's line, so a column named `on` or `as` on the next line stays one.
 */
const LINE_BOUND_ATTRIBUTES = new Set([...TABLE_ITEM_STARTERS, T.On, T.As]);

export class SchemaParser extends CstParser {
  /**
   * `validate`: Chevrotain's grammar checks (ambiguous alternatives, left recursion, ...), which
   * cost ~200 ms of every command's start and find nothing in a grammar that passed them once:
   * the CLI skips them, test/unit/dsl/grammar.test.ts runs them. `lookahead`: how lookahead is
   * found (default: read from the generated table, lookahead.ts; Chevrotain's own strategy
   * computes it all up front). `rules`: the grammar as recorded before (the table's, by rule
   * name), used instead of recording each rule; by default only where the build checked the
   * table against the grammar (the binary, lookahead.ts's TABLE_VOUCHED). `follows`: error
   * recovery's follow sets as computed before (the table's), likewise.
   */
  constructor({
    validate = false,
    lookahead = new StoredLookaheadStrategy(3, undefined, TABLE_VOUCHED),
    rules = TABLE_VOUCHED ? storedRules() : undefined,
    follows = TABLE_VOUCHED ? storedFollows() : undefined,
  }: {
    validate?: boolean;
    lookahead?: ILookaheadStrategy;
    /** null: record the grammar, whatever the build. */
    rules?: ReadonlyMap<string, Rule> | null;
    /** null: compute the follow sets, whatever the build. */
    follows?: Record<string, TokenType[]> | null;
  } = {}) {
    // Node locations let the visitor read a node's span without walking its tokens.
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: "full",
      skipValidations: !validate,
      lookaheadStrategy: lookahead,
    });
    this.recorded = rules ?? undefined;
    // performSelfAnalysis computes the follow sets only when recovery is on: off while it runs.
    const recovery = this as unknown as {
      recoveryEnabled: boolean;
      resyncFollows: Record<string, TokenType[]>;
    };
    if (follows) recovery.recoveryEnabled = false;
    this.performSelfAnalysis();
    if (follows) {
      recovery.recoveryEnabled = true;
      recovery.resyncFollows = follows;
    }
    this.recorded = undefined;
  }

  /** The stored grammar while `performSelfAnalysis` runs, if the constructor was given one. */
  private recorded: ReadonlyMap<string, Rule> | undefined;

  /**
   * Chevrotain's grammar recording of one rule (its GastRecorder trait): the stored rule when
   * there is one, else a recording as usual.
   */
  topLevelRuleRecord(name: string, def: () => void): Rule {
    return (
      this.recorded?.get(name) ??
      (
        CstParser.prototype as unknown as { topLevelRuleRecord: (n: string, d: () => void) => Rule }
      ).topLevelRuleRecord.call(this, name, def)
    );
  }

  schema = this.RULE("schema", () => {
    this.MANY(() =>
      this.OR([
        { ALT: () => this.SUBRULE(this.tableDecl) },
        { ALT: () => this.SUBRULE(this.enumDecl) },
        { ALT: () => this.SUBRULE(this.virtualTableDecl) },
        { ALT: () => this.SUBRULE(this.sequenceDecl) },
        { ALT: () => this.SUBRULE(this.domainDecl) },
        { ALT: () => this.SUBRULE(this.viewDecl) },
        { ALT: () => this.SUBRULE(this.extensionDecl) },
        { ALT: () => this.SUBRULE(this.compositeDecl) },
        { ALT: () => this.SUBRULE(this.routineDecl) },
        { ALT: () => this.SUBRULE(this.triggerDecl) },
        { ALT: () => this.SUBRULE(this.namespaceDecl) },
      ]),
    );
  });

  /**
   * `virtual table NAME [renamed from OLD] using MODULE [(ARGS)]` (SQLite): the module's
   * arguments are raw SQL, kept verbatim.
   */
  virtualTableDecl = this.RULE("virtualTableDecl", () => {
    this.CONSUME(T.Virtual);
    this.CONSUME(T.Table);
    this.CONSUME(T.Name);
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.CONSUME(T.Using);
    this.CONSUME2(T.Name, { LABEL: "module" });
    this.OPTION2(() => this.SUBRULE(this.rawSql, { LABEL: "args" }));
  });

  /**
   * `[materialized] view NAME [renamed from OLD] as (SELECT ...)`: the query is raw SQL in
   * balanced parentheses, kept verbatim (`materialized`: PostgreSQL's materialized view).
   */
  viewDecl = this.RULE("viewDecl", () => {
    this.OPTION(() => this.CONSUME(T.Materialized));
    this.CONSUME(T.ViewKw);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION2(() => this.SUBRULE(this.renamedFrom));
    this.CONSUME(T.As);
    this.SUBRULE(this.rawSql, { LABEL: "query" });
  });

  /**
   * `function|procedure NAME [renamed from OLD] (ARGS) [returns TYPE] [language L] [OPTIONS] as
   * $$BODY$$`: the arguments raw SQL, the body dollar-quoted and verbatim. What lies between the
   * arguments and `as` (return type, language, options such as `immutable strict`) is read by
   * the visitor, word by word.
   */
  routineDecl = this.RULE("routineDecl", () => {
    this.OR([{ ALT: () => this.CONSUME(T.FunctionKw) }, { ALT: () => this.CONSUME(T.ProcedureKw) }]);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.SUBRULE(this.rawSql, { LABEL: "args" });
    this.MANY({
      GATE: () => this.LA(1).tokenType !== T.As,
      DEF: () =>
        this.OR2([
          { ALT: () => this.SUBRULE2(this.rawSql, { LABEL: "clause" }) },
          { ALT: () => this.CONSUME(T.RawAny, { LABEL: "word" }) },
        ]),
    });
    this.CONSUME(T.As);
    this.CONSUME(T.DollarString, { LABEL: "body" });
  });

  /**
   * `trigger NAME [renamed from OLD] TIMING EVENTS on TABLE [for each row|statement]
   * [when (COND)] (execute function F(ARGS) | as $$BODY$$)`: timing and events are words read by
   * the visitor (`before insert or update of a, b`); the body dollar-quoted and verbatim.
   */
  triggerDecl = this.RULE("triggerDecl", () => {
    this.CONSUME(T.TriggerKw);
    this.CONSUME(T.Name);
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.MANY({
      GATE: () => this.LA(1).tokenType !== T.On,
      DEF: () => this.CONSUME(T.RawAny, { LABEL: "event" }),
    });
    this.CONSUME(T.On);
    this.CONSUME(T.QName, { LABEL: "table" });
    this.MANY2(() => this.CONSUME(T.Identifier, { LABEL: "word" }));
    this.OPTION2(() => {
      this.CONSUME(T.When);
      this.SUBRULE(this.rawSql, { LABEL: "when" });
    });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Execute);
          this.OR2([{ ALT: () => this.CONSUME(T.FunctionKw) }, { ALT: () => this.CONSUME(T.ProcedureKw) }]);
          this.CONSUME2(T.QName, { LABEL: "function" });
          this.SUBRULE2(this.rawSql, { LABEL: "args" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.As);
          this.CONSUME(T.DollarString, { LABEL: "body" });
        },
      },
    ]);
  });

  /** `sequence NAME [renamed from OLD] [(start = 1, cycle, owned by = t.c, ...)]` (PostgreSQL). */
  sequenceDecl = this.RULE("sequenceDecl", () => {
    this.CONSUME(T.SequenceKw);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.OPTION2(() => this.SUBRULE(this.tableOptions));
  });

  /**
   * `domain NAME [renamed from OLD] TYPE[?] [default V] [collate C] [check [NAME] (expr)]...`
   * (PostgreSQL): a column declaration at top level, its checks repeatable and nameable.
   */
  domainDecl = this.RULE("domainDecl", () => {
    this.CONSUME(T.DomainKw);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.SUBRULE(this.typeRef);
    this.OPTION2(() => this.CONSUME(T.Question));
    this.MANY(() => this.SUBRULE(this.domainAttr));
  });

  domainAttr = this.RULE("domainAttr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Default);
          this.SUBRULE(this.defaultValue);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Collate);
          this.CONSUME(T.Name, { LABEL: "collation" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Check);
          this.OPTION(() => this.CONSUME2(T.Name, { LABEL: "checkName" }));
          this.SUBRULE(this.rawSql);
        },
      },
    ]);
  });

  /** `schema NAME` (PostgreSQL's CREATE SCHEMA): objects in it are named `NAME.object`. */
  namespaceDecl = this.RULE("namespaceDecl", () => {
    this.CONSUME(T.SchemaKw);
    this.CONSUME(T.Name);
  });

  /** `extension NAME [(schema = S)]` (PostgreSQL's CREATE EXTENSION [SCHEMA S]). */
  extensionDecl = this.RULE("extensionDecl", () => {
    this.CONSUME(T.ExtensionKw);
    this.CONSUME(T.Name);
    this.OPTION(() => this.SUBRULE(this.tableOptions));
  });

  /**
   * `type NAME [renamed from OLD] { attr TYPE [collate C] [,] ... }` (PostgreSQL's composite
   * type): attributes written as columns are, without nullability or defaults (a composite's
   * attributes have none).
   */
  compositeDecl = this.RULE("compositeDecl", () => {
    this.CONSUME(T.TypeKw);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.compositeAttr);
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RCurly);
  });

  compositeAttr = this.RULE("compositeAttr", () => {
    this.CONSUME(T.Name);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => {
      this.CONSUME(T.Collate);
      this.CONSUME2(T.Name, { LABEL: "collation" });
    });
  });

  tableDecl = this.RULE("tableDecl", () => {
    this.CONSUME(T.Table);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.OPTION2(() => this.SUBRULE(this.tableOptions));
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.tableItem));
    this.CONSUME(T.RCurly);
  });

  /** `(without rowid, strict)`, `(engine = InnoDB, charset = utf8mb4)`. */
  tableOptions = this.RULE("tableOptions", () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.tableOption) });
    this.CONSUME(T.RParen);
  });

  /** An option's name (one word or more), then `= value` unless it is a flag. */
  tableOption = this.RULE("tableOption", () => {
    // `collate` is reserved elsewhere; here it names MySQL's table collation (`collate = utf8mb4_bin`).
    this.AT_LEAST_ONE(() =>
      this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.Collate) }]),
    );
    this.OPTION(() => {
      this.CONSUME(T.Equals);
      this.SUBRULE(this.optionValue);
    });
  });

  /** A name, a string, a number, or raw SQL in parentheses (`partition by = (range (d))`). */
  optionValue = this.RULE("optionValue", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.QName, { LABEL: "Name" });
          // A dotted name: a sequence's `owned by = table.column`.
          this.OPTION2({
            GATE: () => this.LA(1).image === ".",
            DEF: () => {
              this.CONSUME(T.Other, { LABEL: "dot" });
              this.CONSUME2(T.Name, { LABEL: "member" });
            },
          });
        },
      },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.SUBRULE(this.rawSql) },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Minus));
          this.CONSUME(T.NumberLiteral);
        },
      },
    ]);
  });

  enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(T.Enum);
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => this.SUBRULE(this.renamedFrom));
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.SUBRULE(this.enumValue);
      this.OPTION2(() => this.CONSUME(T.Comma));
    });
    this.CONSUME(T.RCurly);
  });

  enumValue = this.RULE("enumValue", () => {
    this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
  });

  renamedFrom = this.RULE("renamedFrom", () => {
    this.CONSUME(T.Renamed);
    this.CONSUME(T.From);
    this.CONSUME(T.QName, { LABEL: "Name" });
  });

  tableItem = this.RULE("tableItem", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.primaryKeyItem) },
      { ALT: () => this.SUBRULE(this.uniqueItem) },
      { ALT: () => this.SUBRULE(this.indexItem) },
      { ALT: () => this.SUBRULE(this.foreignKeyItem) },
      { ALT: () => this.SUBRULE(this.checkItem) },
      // `exclude` is a plain word: it starts an exclusion only where no column could start.
      {
        GATE: () => this.exclusionNext(),
        ALT: () => this.SUBRULE(this.exclusionItem),
        IGNORE_AMBIGUITIES: true,
      },
      { ALT: () => this.SUBRULE(this.column) },
    ]);
  });

  /**
   * `exclude using ...`, `exclude NAME using ...` or `exclude (...`: a column is a name then a
   * type name, so `exclude` before `using` or `(` is never one (a column may be called exclude).
   */
  private exclusionNext(): boolean {
    const [a, b, c] = [this.LA(1), this.LA(2), this.LA(3)];
    if (a.image !== "exclude") return false;
    return b.tokenType === T.Using || b.tokenType === T.LParen || c.tokenType === T.Using;
  }

  /** `exclude [NAME] [using METHOD] (entry with OP, ...) [include (...)] [with (...)] [where (...)]` (PostgreSQL). */
  exclusionItem = this.RULE("exclusionItem", () => {
    this.CONSUME(T.Name, { LABEL: "exclude" });
    this.OPTION({
      GATE: () => this.LA(1).tokenType !== T.Using && this.LA(1).tokenType !== T.LParen,
      DEF: () => this.CONSUME2(T.Name, { LABEL: "exclusionName" }),
    });
    this.OPTION2(() => {
      this.CONSUME(T.Using);
      this.CONSUME3(T.Name, { LABEL: "method" });
    });
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.exclusionEntry) });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.keyClauses);
    this.OPTION3(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.rawSql);
    });
    this.SUBRULE(this.keyDeferrable);
  });

  /** An index entry, then `with` and the operator (its characters, as the lexer splits them). */
  exclusionEntry = this.RULE("exclusionEntry", () => {
    this.SUBRULE(this.indexEntry);
    this.CONSUME(T.Name, { LABEL: "with" });
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => this.CONSUME(T.Equals, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Other, { LABEL: "operator" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "operator" }) },
      ]),
    );
  });

  /**
   * `primary key [NAME] (a, b) [using METHOD]`: a name of its own, as PostgreSQL and SQLite keep
   * it; MySQL's `USING BTREE` written on the key.
   */
  primaryKeyItem = this.RULE("primaryKeyItem", () => {
    this.CONSUME(T.Primary);
    this.CONSUME(T.Key);
    this.OPTION(() => this.CONSUME(T.Name));
    this.SUBRULE(this.keyColumnList);
    this.SUBRULE(this.keyClauses);
    this.OPTION2(() => {
      this.CONSUME(T.Using);
      this.CONSUME2(T.Name, { LABEL: "method" });
    });
    this.SUBRULE(this.keyDeferrable);
  });

  /**
   * PostgreSQL's `include (a, b)` and `with (param = value)` after a primary key's or unique
   * constraint's columns: plain words, on the key's line.
   */
  keyClauses = this.RULE("keyClauses", () => {
    // `nulls not distinct` (a unique constraint's, PostgreSQL 15), before `include` as an index has it.
    this.OPTION3({
      GATE: () => this.wordOnLine("nulls") && this.LA(2).image.toLowerCase() === "not",
      DEF: () => {
        this.CONSUME3(T.Name, { LABEL: "nulls" });
        this.CONSUME4(T.Name, { LABEL: "not" });
        this.CONSUME5(T.Name, { LABEL: "distinct" });
      },
    });
    this.OPTION({
      GATE: () => this.wordOnLine("include"),
      DEF: () => {
        this.CONSUME(T.Name, { LABEL: "include" });
        this.SUBRULE(this.columnList, { LABEL: "includeColumns" });
      },
    });
    this.OPTION2({
      GATE: () => this.wordOnLine("with"),
      DEF: () => {
        this.CONSUME2(T.Name, { LABEL: "with" });
        this.SUBRULE(this.rawSql, { LABEL: "storage" });
      },
    });
  });

  /**
   * `deferrable [initially deferred|immediate]` ending a primary key, unique constraint or
   * exclusion (PostgreSQL): plain words on the key's line (words checked by the visitor).
   */
  keyDeferrable = this.RULE("keyDeferrable", () => {
    this.OPTION({
      GATE: () => this.wordOnLine("deferrable"),
      DEF: () => {
        this.CONSUME(T.Name, { LABEL: "deferrable" });
        this.OPTION2({
          GATE: () => this.wordOnLine("initially"),
          DEF: () => {
            this.CONSUME2(T.Name, { LABEL: "initially" });
            this.CONSUME3(T.Name, { LABEL: "mode" });
          },
        });
      },
    });
  });

  /** `unique index ...` (an index) or `unique [NAME] (a, b)` (a constraint). */
  uniqueItem = this.RULE("uniqueItem", () => {
    this.CONSUME(T.Unique);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Index);
          this.SUBRULE(this.indexRest);
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Name));
          this.SUBRULE(this.keyColumnList);
          this.SUBRULE(this.keyClauses);
          this.SUBRULE(this.keyDeferrable);
        },
      },
    ]);
  });

  indexItem = this.RULE("indexItem", () => {
    this.CONSUME(T.Index);
    this.SUBRULE(this.indexRest);
  });

  indexRest = this.RULE("indexRest", () => {
    this.OPTION(() => this.CONSUME(T.Name, { LABEL: "indexName" }));
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.indexEntry) });
    this.CONSUME(T.RParen);
    // PostgreSQL's `include (a, b)`, `nulls not distinct` and `with (param = value)`: plain
    // words, on the index's line (a column called `include` on the next line stays a column).
    this.OPTION4({
      GATE: () => this.wordOnLine("include"),
      DEF: () => {
        this.CONSUME3(T.Name, { LABEL: "include" });
        this.SUBRULE(this.columnList, { LABEL: "includeColumns" });
      },
    });
    this.OPTION5({
      GATE: () => this.wordOnLine("nulls") && this.LA(2).image.toLowerCase() === "not",
      DEF: () => {
        this.CONSUME4(T.Name, { LABEL: "nulls" });
        this.CONSUME7(T.Name, { LABEL: "not" });
        this.CONSUME5(T.Name, { LABEL: "distinct" });
      },
    });
    this.OPTION2(() => {
      this.CONSUME(T.Where);
      this.SUBRULE(this.rawSql);
    });
    this.OPTION3(() => {
      this.CONSUME(T.Using);
      this.CONSUME2(T.Name, { LABEL: "method" });
    });
    this.OPTION6({
      GATE: () => this.wordOnLine("with"),
      DEF: () => {
        this.CONSUME6(T.Name, { LABEL: "with" });
        this.SUBRULE2(this.rawSql, { LABEL: "storage" });
      },
    });
  });

  /** The next token is the plain word `word`, on the line where the previous token ends. */
  private wordOnLine(word: string): boolean {
    const next = this.LA(1);
    return next.image.toLowerCase() === word && next.startLine === this.LA(0).endLine;
  }

  indexEntry = this.RULE("indexEntry", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Name);
          // MySQL's prefix length: `name(255)`.
          this.OPTION3(() => {
            this.CONSUME(T.LParen);
            this.CONSUME(T.NumberLiteral, { LABEL: "prefixLength" });
            this.CONSUME(T.RParen);
          });
        },
      },
      { ALT: () => this.SUBRULE(this.rawSql) },
    ]);
    // PostgreSQL's order: [COLLATE c] [opclass] [ASC|DESC] [NULLS FIRST|LAST].
    this.OPTION4(() => {
      this.CONSUME(T.Collate);
      this.CONSUME2(T.Name, { LABEL: "collation" });
    });
    // An operator class is a plain name; `asc`, `desc` and `nulls first|last` are not one.
    this.OPTION5({
      // `with` after an entry is an exclusion's operator clause, not an operator class.
      GATE: () =>
        !this.nullsNext() &&
        this.LA(1).tokenType !== T.Asc &&
        this.LA(1).tokenType !== T.Desc &&
        this.LA(1).image.toLowerCase() !== "with",
      DEF: () => this.CONSUME3(T.Name, { LABEL: "opclass" }),
    });
    this.OPTION(() => this.OR2([{ ALT: () => this.CONSUME(T.Asc) }, { ALT: () => this.CONSUME(T.Desc) }]));
    this.OPTION6({
      GATE: () => this.nullsNext(),
      DEF: () => {
        this.CONSUME4(T.Name, { LABEL: "nulls" });
        this.CONSUME5(T.Name, { LABEL: "nullsOrder" });
      },
    });
  });

  /** `nulls first` or `nulls last` follows (plain words). */
  private nullsNext(): boolean {
    return this.LA(1).image.toLowerCase() === "nulls" && /^(first|last)$/i.test(this.LA(2).image);
  }

  foreignKeyItem = this.RULE("foreignKeyItem", () => {
    this.CONSUME(T.Foreign);
    this.CONSUME(T.Key);
    this.OPTION(() => this.CONSUME(T.Name, { LABEL: "fkName" }));
    this.SUBRULE(this.columnList);
    this.CONSUME(T.References);
    this.CONSUME(T.QName, { LABEL: "refTable" });
    this.SUBRULE2(this.columnList);
    this.MANY({ GATE: () => this.fkClauseNext(), DEF: () => this.SUBRULE(this.fkClause) });
  });

  /**
   * Whether a foreign key clause follows: `on ...`, or `match` / `deferrable` (plain words, not
   * keywords) on the line where the key's previous token ends, so a column called `match` on
   * the next line stays a column.
   */
  private fkClauseNext(): boolean {
    const next = this.LA(1);
    if (next.tokenType === T.On) return true;
    const word = next.image.toLowerCase();
    if (word === "not") return this.notValidNext();
    return (word === "match" || word === "deferrable") && next.startLine === this.LA(0).endLine;
  }

  /** `not valid` (plain words) follows on the line where the previous token ends. */
  private notValidNext(): boolean {
    return this.wordOnLine("not") && this.LA(2).image.toLowerCase() === "valid";
  }

  fkClause = this.RULE("fkClause", () => {
    this.OR([
      { GATE: () => this.LA(1).tokenType === T.On, ALT: () => this.SUBRULE(this.fkAction) },
      { ALT: () => this.SUBRULE(this.fkOption) },
    ]);
  });

  /**
   * `match full` / `match simple`, `deferrable [initially deferred|immediate]`, `not valid`
   * (words checked by the visitor).
   */
  fkOption = this.RULE("fkOption", () => {
    this.CONSUME(T.Name, { LABEL: "word" });
    this.OPTION({
      GATE: () =>
        this.LA(1).tokenType !== T.On &&
        this.LA(1).startLine === this.LA(0).endLine &&
        /^(full|simple|initially|valid)$/i.test(this.LA(1).image),
      DEF: () => this.CONSUME2(T.Name, { LABEL: "arg" }),
    });
    this.OPTION2({
      GATE: () =>
        /^(deferred|immediate)$/i.test(this.LA(1).image) && this.LA(1).startLine === this.LA(0).endLine,
      DEF: () => this.CONSUME3(T.Name, { LABEL: "mode" }),
    });
  });

  checkItem = this.RULE("checkItem", () => {
    this.CONSUME(T.Check);
    this.OPTION(() => this.CONSUME(T.Name));
    this.SUBRULE(this.rawSql);
    // `no inherit` (PostgreSQL), on the check's line: `no` is a name elsewhere.
    this.OPTION2({
      GATE: () =>
        this.LA(1).tokenType === T.No &&
        this.LA(1).startLine === this.LA(0).endLine &&
        this.LA(2).image.toLowerCase() === "inherit",
      DEF: () => {
        this.CONSUME(T.No);
        this.CONSUME2(T.Name, { LABEL: "inherit" });
      },
    });
    // `not valid` (PostgreSQL), after `no inherit` as PostgreSQL orders them, on the line.
    this.OPTION3({
      GATE: () => this.notValidNext(),
      DEF: () => {
        this.CONSUME3(T.Name, { LABEL: "not" });
        this.CONSUME4(T.Name, { LABEL: "valid" });
      },
    });
  });

  /** A key's columns, each with MySQL's prefix length if any: `(jid(75), node)`. */
  keyColumnList = this.RULE("keyColumnList", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.keyColumn) });
    this.CONSUME(T.RParen);
  });

  keyColumn = this.RULE("keyColumn", () => {
    this.CONSUME(T.Name);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.CONSUME(T.NumberLiteral, { LABEL: "prefixLength" });
      this.CONSUME(T.RParen);
    });
  });

  columnList = this.RULE("columnList", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Name) });
    this.CONSUME(T.RParen);
  });

  column = this.RULE("column", () => {
    this.CONSUME(T.Name);
    this.SUBRULE(this.typeRef);
    this.OPTION(() => this.CONSUME(T.Question));
    this.MANY({
      // `unique`, `check` and `primary key` also start table items: as attributes they must
      // begin on the line where the column's previous token ends, so a table-level
      // `check (...)` on the next line is never taken for the column's.
      GATE: () => {
        const next = this.LA(1);
        return !LINE_BOUND_ATTRIBUTES.has(next.tokenType) || next.startLine === this.LA(0).endLine;
      },
      DEF: () => this.SUBRULE(this.columnAttr),
    });
  });

  typeRef = this.RULE("typeRef", () => {
    this.CONSUME(T.QName, { LABEL: "Name" });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.typeArg) });
      this.CONSUME(T.RParen);
    });
    this.OPTION2(() => {
      this.CONSUME(T.LBracket);
      this.CONSUME(T.RBracket);
    });
    // MySQL's `unsigned`, on the type's line: `unsigned` on the next line names a column.
    this.OPTION3({
      GATE: () => this.LA(1).startLine === this.LA(0).endLine,
      DEF: () => this.CONSUME(T.Unsigned),
    });
  });

  // A string argument is a native type's value (MySQL's `set('a', 'b')`).
  typeArg = this.RULE("typeArg", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.Name) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
    ]);
  });

  columnAttr = this.RULE("columnAttr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Primary);
          this.CONSUME(T.Key);
        },
      },
      { ALT: () => this.CONSUME(T.Unique) },
      {
        ALT: () => {
          this.CONSUME(T.Identity);
          this.OPTION(() => this.SUBRULE(this.identityOptions));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Collate);
          this.CONSUME(T.Name, { LABEL: "collation" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Default);
          this.SUBRULE(this.defaultValue);
        },
      },
      { ALT: () => this.SUBRULE(this.referencesAttr) },
      {
        ALT: () => {
          this.CONSUME(T.Check);
          this.SUBRULE(this.rawSql);
        },
      },
      { ALT: () => this.SUBRULE(this.renamedFrom) },
      {
        // `on update now()`: MySQL's ON UPDATE CURRENT_TIMESTAMP.
        ALT: () => {
          this.CONSUME(T.On);
          this.CONSUME(T.Update);
          this.CONSUME(T.Identifier, { LABEL: "onUpdateFn" });
          this.CONSUME(T.LParen);
          this.CONSUME(T.RParen);
        },
      },
      {
        // A generated column: `as (expr) stored|virtual` (virtual when neither is written).
        ALT: () => {
          this.CONSUME(T.As);
          this.SUBRULE2(this.rawSql);
          this.OPTION2(() =>
            this.OR2([{ ALT: () => this.CONSUME(T.Stored) }, { ALT: () => this.CONSUME(T.Virtual) }]),
          );
        },
      },
    ]);
  });

  /** `identity(always, start 100, increment 2, ...)`: words are checked by the visitor. */
  identityOptions = this.RULE("identityOptions", () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.identityOption) });
    this.CONSUME(T.RParen);
  });

  identityOption = this.RULE("identityOption", () => {
    this.CONSUME(T.Name);
    this.OPTION(() => {
      this.OPTION2(() => this.CONSUME(T.Minus));
      this.CONSUME(T.NumberLiteral);
    });
  });

  referencesAttr = this.RULE("referencesAttr", () => {
    this.CONSUME(T.References);
    this.CONSUME(T.QName, { LABEL: "refTable" });
    this.CONSUME(T.LParen);
    this.CONSUME2(T.Name, { LABEL: "refColumn" });
    this.CONSUME(T.RParen);
    this.MANY({ GATE: () => this.fkClauseNext(), DEF: () => this.SUBRULE(this.fkClause) });
  });

  defaultValue = this.RULE("defaultValue", () => {
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.Minus));
          this.CONSUME(T.NumberLiteral);
        },
      },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
      {
        ALT: () => {
          this.CONSUME(T.Identifier);
          this.CONSUME(T.LParen);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.rawSql) },
    ]);
  });

  fkAction = this.RULE("fkAction", () => {
    this.CONSUME(T.On);
    this.OR([{ ALT: () => this.CONSUME(T.Delete) }, { ALT: () => this.CONSUME(T.Update) }]);
    this.OR2([
      { ALT: () => this.CONSUME(T.Cascade) },
      { ALT: () => this.CONSUME(T.Restrict) },
      {
        ALT: () => {
          this.CONSUME(T.SetKw);
          this.OR3([{ ALT: () => this.CONSUME2(T.Null) }, { ALT: () => this.CONSUME(T.Default) }]);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.No);
          this.CONSUME(T.Action);
        },
      },
    ]);
  });

  /** `( any SQL with balanced parentheses )`: the text between the outer parentheses is kept. */
  rawSql = this.RULE("rawSql", () => {
    this.CONSUME(T.LParen);
    this.MANY(() =>
      this.OR([{ ALT: () => this.SUBRULE(this.rawSql) }, { ALT: () => this.CONSUME(T.RawAny) }]),
    );
    this.CONSUME(T.RParen);
  });
}

let parser: SchemaParser | undefined;

/** The one parser instance (building it costs ~20 ms; reuse it). */
export function getParser(): SchemaParser {
  return (parser ??= new SchemaParser());
}
