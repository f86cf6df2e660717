/**
 * fast-check generators of random VALID schemas (IR without source positions), for the
 * round-trip, formatter and differ properties. Valid means `validateSchema` finds no error:
 * names are unique, keys reference primary keys with the same types, identity sits on integer
 * columns, `set null` only on nullable columns, generated names never clash.
 */
import fc from "fast-check";
import type {
  Check,
  Column,
  ColumnType,
  DefaultValue,
  CompositeAttribute,
  CompositeType,
  Domain,
  Extension,
  EnumType,
  Exclusion,
  Sequence,
  View,
  Routine,
  Trigger,
  SequenceOptions,
  FkAction,
  ForeignKey,
  Index,
  IndexPart,
  PortableTypeName,
  Schema,
  Table,
  UniqueConstraint,
} from "../../src/ir/model.ts";
import {
  checkName,
  exclusionName,
  expressionWords,
  foreignKeyName,
  indexName,
  primaryKeyName,
  uniqueName,
} from "../../src/ir/naming.ts";
import { mentionedColumns } from "../../src/dsl/to-ir.ts";

/** Plain names, names that need quotes, and contextual keywords that are plain names. */
const nameArb = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "check",
      "table",
      "key",
      "my col",
      'a"b',
      "from",
      "desc",
      "null",
      "Order",
      "x-y",
      "1st",
    ),
  },
);

const quote = (n: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `"${n.replace(/"/g, '""')}"`);

const PORTABLE: readonly PortableTypeName[] = [
  "smallint",
  "int",
  "bigint",
  "real",
  "double",
  "decimal",
  "bool",
  "text",
  "varchar",
  "char",
  "date",
  "time",
  "timestamp",
  "timestamptz",
  "uuid",
  "json",
  "jsonb",
  "bytes",
];
const NATIVE: readonly ColumnType[] = [
  { kind: "native", name: "tsvector" },
  { kind: "native", name: "inet" },
  { kind: "native", name: "numeric", args: ["12", "4"] },
  { kind: "native", name: "text", array: true },
  { kind: "native", name: "double precision" },
  { kind: "native", name: "tinyint" },
  { kind: "native", name: "mediumint", unsigned: true },
  // A type no dialect's catalogue knows (an extension's, a user's): a quoted pass-through.
  { kind: "native", name: "my_type" },
];

const docArb = fc.option(
  fc
    .array(
      fc.stringMatching(/^[A-Za-z0-9 .,'"()*/-]{0,20}$/).map((l) => l.replace(/\s+$/, "")),
      { minLength: 1, maxLength: 3 },
    )
    .map((ls) => ls.join("\n").replace(/\s+$/, ""))
    .filter((d) => d.length > 0),
  { nil: undefined },
);

const stringArb = fc.string({ maxLength: 8 }).filter((s) => !s.includes("\r"));

function portableType(name: PortableTypeName, rnd: fc.Random): ColumnType {
  if (name === "varchar" || name === "char")
    return { kind: "portable", name, args: [1 + rnd.nextInt(0, 300)] };
  if (name === "decimal") {
    const p = 1 + rnd.nextInt(0, 20);
    return { kind: "portable", name, args: [p, rnd.nextInt(0, p)] };
  }
  // MySQL's `unsigned` on integers.
  if ((name === "int" || name === "bigint") && rnd.nextInt(0, 3) === 0)
    return { kind: "portable", name, unsigned: true };
  return { kind: "portable", name };
}

/** A default that parses back the same for this type (the language does not type-check defaults). */
function defaultFor(
  c: { type: ColumnType; nullable: boolean },
  enums: readonly EnumType[],
  rnd: fc.Random,
  str: string,
): DefaultValue | undefined {
  const pick = rnd.nextInt(0, 9);
  if (c.type.kind === "enum") {
    const e = enums.find((x) => x.name === (c.type as { name: string }).name)!;
    return pick < 5
      ? { kind: "string", value: e.values[rnd.nextInt(0, e.values.length - 1)]!.name }
      : undefined;
  }
  switch (pick) {
    case 0:
      return { kind: "number", text: String(rnd.nextInt(-1000, 1000)) };
    case 1:
      return { kind: "number", text: `${rnd.nextInt(-50, 50)}.${rnd.nextInt(0, 99)}` };
    case 2:
      return { kind: "string", value: str };
    case 3:
      return { kind: "bool", value: rnd.nextBoolean() };
    case 4:
      return c.nullable ? { kind: "null" } : undefined;
    case 5:
      return { kind: "function", name: (["now", "current_date", "gen_uuid"] as const)[rnd.nextInt(0, 2)]! };
    case 6:
      return { kind: "raw", sql: ["1 + 1", "lower('x')", "(2 * 3) - 1", "'it''s'"][rnd.nextInt(0, 3)]! };
    default:
      return undefined;
  }
}

export interface SchemaArbOptions {
  readonly maxTables?: number;
  readonly maxColumns?: number;
}

/** Random valid schemas. Built from a random seed so every choice can depend on earlier ones. */
export function schemaArb(opts: SchemaArbOptions = {}): fc.Arbitrary<Schema> {
  const maxTables = opts.maxTables ?? 4,
    maxColumns = opts.maxColumns ?? 6;
  return fc
    .record({
      tableNames: fc.uniqueArray(nameArb, { minLength: 0, maxLength: maxTables }),
      enumNames: fc.uniqueArray(nameArb, { maxLength: 2 }),
      columnNames: fc.array(fc.uniqueArray(nameArb, { minLength: 1, maxLength: maxColumns }), {
        minLength: maxTables,
        maxLength: maxTables,
      }),
      docs: fc.array(docArb, { minLength: 40, maxLength: 40 }),
      strings: fc.array(stringArb, { minLength: 40, maxLength: 40 }),
      enumValues: fc.array(
        fc.uniqueArray(
          fc.oneof(
            nameArb,
            stringArb.filter((s) => s.length > 0),
          ),
          { minLength: 1, maxLength: 4 },
        ),
        { minLength: 2, maxLength: 2 },
      ),
      seed: fc.integer(),
    })
    .map((r) => build(r, new fc.Random(mulberry(r.seed))));
}

/** fast-check's Random needs a generator; a tiny deterministic one keeps the schema reproducible from the seed. */
function mulberry(seed: number) {
  // fast-check ships pure-rand generators; a congruential one is enough to make choices.
  let s = seed >>> 0;
  const gen = {
    next: () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s | 0;
    },
    jump: () => gen,
    clone: () => mulberry(s),
    getState: () => [s],
    unsafeNext: () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s | 0;
    },
    unsafeJump: () => {},
    min: -0x80000000,
    max: 0x7fffffff,
  };
  return gen as never;
}

function build(
  r: {
    tableNames: string[];
    enumNames: string[];
    columnNames: string[][];
    docs: (string | undefined)[];
    strings: string[];
    enumValues: string[][];
  },
  rnd: fc.Random,
): Schema {
  const taken = new Set<string>();
  let doc = 0,
    str = 0,
    explicit = 0;
  const nextDoc = () => r.docs[doc++ % r.docs.length];
  const nextStr = () => r.strings[str++ % r.strings.length]!;
  const claim = (name: string) => {
    if (taken.has(name)) name = `x${++explicit}_${name}`.slice(0, 60);
    taken.add(name);
    return name;
  };
  const declared = new Set<string>();
  const enums: EnumType[] = [];
  r.enumNames.forEach((name, i) => {
    if (declared.has(name)) return;
    declared.add(name);
    const d = nextDoc();
    enums.push({
      name,
      values: r.enumValues[i % r.enumValues.length]!.map((v) => ({ name: v })),
      ...(d !== undefined ? { doc: d } : {}),
    });
  });
  const tables: Table[] = [];
  r.tableNames.forEach((name, ti) => {
    if (declared.has(name)) return;
    declared.add(name);
    // A virtual table (SQLite's): a module and its arguments, verbatim; no columns of its own.
    if (rnd.nextInt(0, 7) === 0) {
      const args = ["title, body", "id, min_x, max_x", "a, tokenize = 'porter (x)'", ""][rnd.nextInt(0, 4)];
      const d = nextDoc();
      tables.push({
        name,
        virtual: {
          module: ["fts5", "rtree", "FTS4"][rnd.nextInt(0, 2)]!,
          ...(args !== undefined ? { args } : {}),
        },
        columns: [],
        uniques: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
        ...(d !== undefined ? { doc: d } : {}),
      });
      return;
    }
    const columns: Column[] = [];
    for (const cn of r.columnNames[ti % r.columnNames.length]!) {
      const k = rnd.nextInt(0, 9);
      const type: ColumnType =
        k < 7
          ? portableType(PORTABLE[rnd.nextInt(0, PORTABLE.length - 1)]!, rnd)
          : k < 9 && enums.length
            ? { kind: "enum", name: enums[rnd.nextInt(0, enums.length - 1)]!.name }
            : NATIVE[rnd.nextInt(0, NATIVE.length - 1)]!;
      const nullable = rnd.nextInt(0, 2) === 0;
      const d = nextDoc();
      const col: Column = {
        name: cn,
        type,
        nullable,
        identity: false,
        // `collate NAME` on string columns: a plain name and one that needs quoting.
        ...(type.kind === "portable" &&
        (type.name === "text" || type.name === "varchar") &&
        rnd.nextInt(0, 3) === 0
          ? { collation: rnd.nextInt(0, 1) ? "NOCASE" : "und-x-icu" }
          : {}),
        ...(d !== undefined ? { doc: d } : {}),
      };
      const def = defaultFor(col, enums, rnd, nextStr());
      // MySQL's `on update now()` on timestamp columns.
      const onUpdate =
        type.kind === "portable" && /^timestamp(tz)?$/.test(type.name) && rnd.nextInt(0, 2) === 0
          ? { onUpdate: "now" as const }
          : {};
      columns.push(def ? { ...col, ...onUpdate, default: def } : { ...col, ...onUpdate });
    }
    // Primary key: one column (maybe identity) or several; its columns are NOT NULL.
    let primaryKey: Table["primaryKey"];
    if (rnd.nextInt(0, 3) > 0) {
      const n = Math.min(columns.length, 1 + (rnd.nextInt(0, 3) === 0 ? 1 : 0));
      const pkCols = columns.slice(0, n).map((c) => c.name);
      for (const pc of pkCols) {
        const i = columns.findIndex((c) => c.name === pc);
        const c = columns[i]!;
        columns[i] = { ...c, nullable: false, ...(c.default?.kind === "null" ? { default: undefined } : {}) };
        if (!columns[i]!.default) delete (columns[i] as { default?: unknown }).default;
      }
      if (n === 1 && rnd.nextBoolean()) {
        const c = columns[0]!;
        const { default: _d, onUpdate: _u, ...rest } = c;
        // Plain identity, PostgreSQL's serial, or an identity with sequence options.
        const kind = rnd.nextInt(0, 2);
        columns[0] = {
          ...rest,
          type: {
            kind: "portable",
            name: kind === 1 ? (["smallint", "int", "bigint"] as const)[rnd.nextInt(0, 2)]! : "bigint",
          },
          identity: true,
          ...(kind === 1 ? { serial: true } : {}),
          ...(kind === 2
            ? {
                // `always` or `start` at least: an empty option list is no list at all.
                identityOptions: {
                  ...(rnd.nextBoolean() ? { always: true } : { start: String(rnd.nextInt(1, 1000)) }),
                  ...(rnd.nextBoolean() ? { increment: String(rnd.nextInt(1, 10)) } : {}),
                  ...(rnd.nextBoolean() ? { max: "9000000000" } : {}),
                  ...(rnd.nextBoolean() ? { cache: String(rnd.nextInt(1, 50)) } : {}),
                  ...(rnd.nextBoolean() ? { cycle: true } : {}),
                },
              }
            : {}),
        };
      }
      // The generated name, or one of its own (`primary key NAME (...)`).
      primaryKey = {
        name: claim(rnd.nextInt(0, 3) ? primaryKeyName(name) : `pk_${explicit++}`),
        columns: pkCols,
        ...(rnd.nextInt(0, 5) === 0 ? { deferrable: "deferred" as const } : {}),
      };
    }
    // A generated column (never a key column, no default), stored or virtual.
    const plain = columns.filter((c) => !primaryKey?.columns.includes(c.name) && !c.identity);
    if (plain.length && rnd.nextInt(0, 3) === 0) {
      const g = plain[rnd.nextInt(0, plain.length - 1)]!;
      const { default: _d, ...rest } = g;
      const expr = ["1 + 1", "length('it''s')", "(2 * 3) - 1"][rnd.nextInt(0, 2)]!;
      columns[columns.indexOf(g)] = { ...rest, generated: { expr, stored: rnd.nextBoolean() } };
    }
    // Foreign keys to an earlier table's primary key (not a deferrable one: PostgreSQL refuses
    // to reference it): new local columns of the same types.
    const foreignKeys: ForeignKey[] = [];
    const targets = tables.filter((t) => t.primaryKey && !t.primaryKey.deferrable);
    if (targets.length && rnd.nextInt(0, 2) > 0) {
      const target = targets[rnd.nextInt(0, targets.length - 1)]!;
      const nullable = rnd.nextBoolean();
      const localCols = target.primaryKey!.columns.map((pc, i) => {
        const src = target.columns.find((c) => c.name === pc)!;
        let n = `fk${i}_${pc}`.replace(/[^A-Za-z0-9_]/g, "_");
        while (columns.some((c) => c.name === n)) n += "_";
        columns.push({ name: n, type: src.type, nullable, identity: false });
        return n;
      });
      const actions: FkAction[] = nullable
        ? ["no action", "restrict", "cascade", "set null", "set default"]
        : ["no action", "restrict", "cascade"];
      const onDelete = actions[rnd.nextInt(0, actions.length - 1)]!,
        onUpdate = actions[rnd.nextInt(0, actions.length - 1)]!;
      const fkName = rnd.nextBoolean() ? foreignKeyName(name, localCols) : `fk_${name}`;
      foreignKeys.push({
        name: claim(fkName),
        columns: localCols,
        refTable: target.name,
        refColumns: [...target.primaryKey!.columns],
        onDelete,
        onUpdate,
        // PostgreSQL's clauses now and then: `match full`, `deferrable [initially deferred]`.
        ...(rnd.nextInt(0, 4) === 0 ? { matchFull: true } : {}),
        ...(rnd.nextInt(0, 3) === 0 ? { deferrable: rnd.nextBoolean() ? "deferred" : "immediate" } : {}),
        ...(rnd.nextInt(0, 4) === 0 ? { notValid: true } : {}),
      });
    }
    const uniques: UniqueConstraint[] = [];
    if (rnd.nextInt(0, 2) === 0) {
      const cols = [columns[rnd.nextInt(0, columns.length - 1)]!.name];
      const want = rnd.nextBoolean() ? uniqueName(name, cols) : `uq_${explicit++}`;
      uniques.push({
        name: claim(want),
        columns: cols,
        // PostgreSQL's index clauses on a key, now and then.
        ...(rnd.nextInt(0, 4) === 0 ? { include: [columns[0]!.name] } : {}),
        ...(rnd.nextInt(0, 4) === 0 ? { storage: { fillfactor: "70" } } : {}),
        ...(rnd.nextInt(0, 4) === 0 ? { nullsNotDistinct: true } : {}),
        ...(rnd.nextInt(0, 4) === 0 ? { deferrable: rnd.nextBoolean() ? "deferred" : "immediate" } : {}),
        ...(() => {
          const d = nextDoc();
          return d !== undefined ? { comment: d } : {};
        })(),
      });
    }
    const indexes: Index[] = [];
    if (rnd.nextInt(0, 2) === 0) {
      const c = columns[rnd.nextInt(0, columns.length - 1)]!.name;
      const parts: IndexPart[] = rnd.nextBoolean()
        ? [
            {
              kind: "column",
              column: c,
              desc: rnd.nextBoolean(),
              // MySQL's prefix length.
              ...(rnd.nextInt(0, 3) === 0 ? { length: 1 + rnd.nextInt(0, 99) } : {}),
            },
          ]
        : [{ kind: "expression", sql: `lower(${quote(c)})`, desc: false }];
      // An entry's collate, operator class and order of nulls, now and then.
      parts[0] = {
        ...parts[0]!,
        ...(rnd.nextInt(0, 3) === 0 ? { collation: rnd.nextBoolean() ? "C" : "und-x-icu" } : {}),
        ...(rnd.nextInt(0, 3) === 0 ? { opclass: "text_pattern_ops" } : {}),
        ...(rnd.nextInt(0, 3) === 0 ? { nulls: rnd.nextBoolean() ? "first" : "last" } : {}),
      } as IndexPart;
      const words = parts.map((p) => (p.kind === "column" ? p.column : expressionWords(p.sql)));
      const i: Index = {
        name: claim(rnd.nextBoolean() ? indexName(name, words) : `ix_${explicit++}`),
        unique: rnd.nextBoolean(),
        parts,
        ...(rnd.nextInt(0, 2) === 0 ? { where: `${quote(c)} is not null` } : {}),
        ...(rnd.nextInt(0, 2) === 0 ? { using: "btree" } : {}),
        // PostgreSQL's clauses: include, nulls not distinct (unique only), storage parameters.
        ...(rnd.nextInt(0, 3) === 0 ? { include: [columns[0]!.name] } : {}),
        ...(rnd.nextInt(0, 3) === 0 ? { storage: { fillfactor: String(rnd.nextInt(10, 100)) } } : {}),
      };
      if (i.unique && rnd.nextInt(0, 3) === 0) Object.assign(i, { nullsNotDistinct: true });
      indexes.push(i);
    }
    const checks: Check[] = [];
    if (rnd.nextInt(0, 2) === 0) {
      const c = columns[rnd.nextInt(0, columns.length - 1)]!.name;
      const expr = [`${quote(c)} is not null`, "1 = 1", `length(${quote(c)}) >= 0`][rnd.nextInt(0, 2)]!;
      const want = rnd.nextBoolean() ? checkName(name, mentionedColumns(expr, columns)) : `ck_${explicit++}`;
      checks.push({
        name: claim(want),
        expr,
        ...(rnd.nextInt(0, 4) === 0 ? { noInherit: true } : {}),
        ...(rnd.nextInt(0, 4) === 0 ? { notValid: true } : {}),
        ...(() => {
          const d = nextDoc();
          return d !== undefined ? { comment: d } : {};
        })(),
      });
    }
    // Table options: flags of one word and of two, and values of each kind (not all valid on
    // every dialect: this generator is for the language and the differ).
    const options: Record<string, string | true> = {};
    if (rnd.nextInt(0, 3) === 0)
      for (const [k, v] of [
        ["without rowid", true],
        ["strict", true],
        ["engine", "InnoDB"],
        ["comment", "'it''s'"],
        ["auto_increment", "-7"],
      ] as const)
        if (rnd.nextBoolean()) options[k] = v;
    // PostgreSQL's exclusion constraints, now and then (a column and an expression).
    const exclusions: Exclusion[] = [];
    if (rnd.nextInt(0, 3) === 0) {
      const c = columns[rnd.nextInt(0, columns.length - 1)]!.name;
      const want = rnd.nextBoolean() ? exclusionName(name, [c]) : `ex_${explicit++}`;
      const d = nextDoc();
      exclusions.push({
        name: claim(want),
        using: rnd.nextBoolean() ? "gist" : "btree",
        parts: [
          { kind: "column", column: c, desc: false, operator: rnd.nextBoolean() ? "=" : "&&" },
          ...(rnd.nextBoolean()
            ? [{ kind: "expression" as const, sql: `lower(${quote(c)})`, desc: false, operator: "<>" }]
            : []),
        ],
        ...(rnd.nextInt(0, 2) === 0 ? { where: `${quote(c)} is not null` } : {}),
        ...(rnd.nextInt(0, 3) === 0 ? { deferrable: rnd.nextBoolean() ? "deferred" : "immediate" } : {}),
        ...(d !== undefined ? { comment: d } : {}),
      });
    }
    const d = nextDoc();
    tables.push({
      name,
      ...(Object.keys(options).length ? { options } : {}),
      ...(exclusions.length ? { exclusions } : {}),
      columns,
      uniques,
      indexes,
      foreignKeys,
      checks,
      ...(primaryKey ? { primaryKey } : {}),
      ...(d !== undefined ? { doc: d } : {}),
    });
  });
  // Sequences (with options and an owner) and domains (PostgreSQL's; this generator is for the
  // language and the differ, so every dialect gets them).
  const sequences: Sequence[] = [];
  for (let i = rnd.nextInt(0, 2); i > 0; i--) {
    const name = claim(`seq_${i}`);
    if (declared.has(name)) continue;
    declared.add(name);
    const options: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {};
    if (rnd.nextBoolean()) options.as = (["smallint", "int", "bigint"] as const)[rnd.nextInt(0, 2)]!;
    if (rnd.nextBoolean()) options.start = String(rnd.nextInt(1, 50));
    if (rnd.nextBoolean()) options.increment = String(rnd.nextInt(1, 5));
    if (rnd.nextBoolean()) options.cache = String(rnd.nextInt(1, 20));
    if (rnd.nextInt(0, 3) === 0) options.cycle = true;
    const owner = tables.length && rnd.nextBoolean() ? tables[rnd.nextInt(0, tables.length - 1)]! : undefined;
    const d = nextDoc();
    sequences.push({
      name,
      options,
      ...(owner ? { ownedBy: { table: owner.name, column: owner.columns[0]!.name } } : {}),
      ...(d !== undefined ? { doc: d } : {}),
    });
  }
  const domains: Domain[] = [];
  for (let i = rnd.nextInt(0, 2); i > 0; i--) {
    const name = claim(`dom_${i}`);
    if (declared.has(name)) continue;
    declared.add(name);
    const type = portableType(["int", "text", "varchar"][rnd.nextInt(0, 2)] as never, rnd);
    const d = nextDoc();
    const checks = rnd.nextBoolean()
      ? [{ name: `${name}_check`, expr: ["VALUE IS NOT NULL", "1 = 1"][rnd.nextInt(0, 1)]! }]
      : [];
    domains.push({
      name,
      type,
      nullable: rnd.nextBoolean(),
      ...(type.kind === "portable" && type.name === "int" && rnd.nextBoolean()
        ? { default: { kind: "number", text: "7" } }
        : {}),
      checks,
      ...(d !== undefined ? { doc: d } : {}),
    });
  }
  // Extensions and composite types (PostgreSQL's): a composite type's attributes of portable
  // types, of an enum of the schema, or of a composite type generated before it.
  const extensions: Extension[] = (["citext", "btree_gist", "pg_trgm"] as const)
    .filter(() => rnd.nextInt(0, 3) === 0)
    .map((name) => ({ name }));
  const composites: CompositeType[] = [];
  for (let i = rnd.nextInt(0, 2); i > 0; i--) {
    const name = claim(`type_${i}`);
    if (declared.has(name)) continue;
    declared.add(name);
    const attributes: CompositeAttribute[] = [];
    for (let k = rnd.nextInt(1, 3); k > 0; k--) {
      const pick = rnd.nextInt(0, 3);
      const type: ColumnType =
        pick === 0 && enums.length
          ? { kind: "enum", name: enums[rnd.nextInt(0, enums.length - 1)]!.name }
          : pick === 1 && composites.length
            ? { kind: "native", name: composites[rnd.nextInt(0, composites.length - 1)]!.name }
            : portableType(["int", "text", "varchar"][rnd.nextInt(0, 2)] as never, rnd);
      attributes.push({ name: `a${k}`, type, ...(rnd.nextInt(0, 4) === 0 ? { collation: "C" } : {}) });
    }
    const d = nextDoc();
    composites.push({ name, attributes, ...(d !== undefined ? { doc: d } : {}) });
  }
  // Views: over a table of the schema (by a plain name) or over nothing, some over another
  // view, some materialized (PostgreSQL's; the generator is for the language and the differ).
  const views: View[] = [];
  for (let i = rnd.nextInt(0, 3); i > 0; i--) {
    const name = claim(`view_${i}`);
    if (declared.has(name)) continue;
    declared.add(name);
    const plain = (n: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n);
    const over = [...tables.map((t) => t.name), ...views.map((v) => v.name)].filter(plain);
    const from = over.length && rnd.nextBoolean() ? over[rnd.nextInt(0, over.length - 1)] : undefined;
    const query = from
      ? ["select * from ", "select count(*) as n from "][rnd.nextInt(0, 1)]! + from
      : ["select 1 as one", "select 'a  b' as s"][rnd.nextInt(0, 1)]!;
    const d = nextDoc();
    views.push({
      name,
      query,
      ...(rnd.nextInt(0, 3) === 0 ? { materialized: true } : {}),
      ...(d !== undefined ? { doc: d } : {}),
    });
  }
  // Functions and triggers: bodies with what a body may hold (semicolons, quotes, dollar signs,
  // braces, `$$` itself), some procedures, some with options; triggers on a table or view.
  const BODIES = [
    " select 1 ",
    "\nbegin\n  return new; -- it's {fine}\nend\n",
    "select '$$' || $x$;$x$",
    "$",
  ];
  const functions: Routine[] = [];
  for (let i = rnd.nextInt(0, 2); i > 0; i--) {
    const name = `fn_${i}_${rnd.nextInt(0, 9)}`;
    if (functions.some((f) => f.name === name)) continue;
    const procedure = rnd.nextInt(0, 3) === 0;
    const d = nextDoc();
    functions.push({
      name,
      ...(procedure ? { procedure: true } : {}),
      args: ["", "a int", "a int, b text default 'x, y'"][rnd.nextInt(0, 2)]!,
      ...(procedure ? {} : { returns: ["int", "setof text", "table (a int, b text)"][rnd.nextInt(0, 2)]! }),
      language: ["sql", "plpgsql"][rnd.nextInt(0, 1)]!,
      ...(rnd.nextBoolean()
        ? { options: ["immutable strict", "security definer", "cost 5"][rnd.nextInt(0, 2)]! }
        : {}),
      body: BODIES[rnd.nextInt(0, BODIES.length - 1)]!,
      ...(d !== undefined ? { doc: d } : {}),
    });
  }
  const triggers: Trigger[] = [];
  const on = [...tables.map((t) => t.name), ...views.map((v) => v.name)];
  for (let i = on.length ? rnd.nextInt(0, 2) : 0; i > 0; i--) {
    const d = nextDoc();
    triggers.push({
      name: `trg_${i}`,
      table: on[rnd.nextInt(0, on.length - 1)]!,
      timing: (["before", "after", "instead of"] as const)[rnd.nextInt(0, 2)]!,
      events: ["insert", "update of a, b", "insert or delete"][rnd.nextInt(0, 2)]!,
      ...(rnd.nextBoolean() ? { forEach: (["row", "statement"] as const)[rnd.nextInt(0, 1)]! } : {}),
      ...(rnd.nextBoolean() ? { when: "new.a > 0" } : {}),
      ...(rnd.nextBoolean()
        ? { execute: { function: "f", args: ["", "'x', 1"][rnd.nextInt(0, 1)]! } }
        : { body: BODIES[rnd.nextInt(0, BODIES.length - 1)]! }),
      ...(d !== undefined ? { doc: d } : {}),
    });
  }
  return {
    tables,
    enums,
    ...(sequences.length ? { sequences } : {}),
    ...(domains.length ? { domains } : {}),
    ...(views.length ? { views } : {}),
    ...(extensions.length ? { extensions } : {}),
    ...(composites.length ? { composites } : {}),
    ...(functions.length ? { functions } : {}),
    ...(triggers.length ? { triggers } : {}),
  };
}
