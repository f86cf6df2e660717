/**
 * Comparing a live database with a schema: drift (`status`), `diff` against a URL, `pull`.
 *
 * A database does not keep a schema the way it was written (`uuid` is CHAR(36) on MySQL, an
 * enum is a CHECK on SQLite, PostgreSQL re-prints expressions), so both sides are compared in
 * the dialect's normal form (`Dialect.normalize`). `reconcile` goes the other way: it writes
 * the live schema in the words of a known schema (the latest snapshot) wherever the two mean the
 * same on this database, so that `pull` gives back the files the user wrote, and only real
 * differences show.
 */
import type {
  Column,
  CompositeType,
  Domain,
  EnumType,
  PrimaryKey,
  Schema,
  Sequence,
  Table,
  Trigger,
} from "../ir/model.ts";
import type { Dialect } from "./dialect.ts";
import { stripSource } from "../ir/source.ts";
import type { Change } from "../diff/changes.ts";
import { columnDiffers, diffSchemas } from "../diff/differ.ts";
import { noRenames } from "../diff/renames.ts";
import { changeTarget } from "../diff/summary.ts";
import { normSql } from "../ir/canonical.ts";
import { functionKey, triggerKey } from "../diff/routines.ts";

/**
 * What would turn `expected` into what the database holds (empty: no drift). Views compare by
 * name and kind, and by query where both sides are in the database's words: always on SQLite
 * (which keeps the text as written), and where `viewQueries` says so (pull's replay: both read
 * from a database; drift once `Dialect.viewsAsStored` has had the database print the expected
 * ones).
 */
export function liveDifferences(
  dialect: Dialect,
  expected: Schema,
  live: Schema,
  opts: { readonly viewQueries?: boolean } = {},
): Change[] {
  // Both in the live database's defaults: a table restating them is the same as one without.
  const d = live.databaseDefaults;
  const v = viewsCompared(dialect, opts.viewQueries);
  const from = dialect.normalize(v(expected), d),
    to = dialect.normalize(v(live), d);
  // Equal normal forms differ in nothing: the differ's walk over every object is skipped
  // (issue 19: `status` on a database without drift, the common case, paid it in full).
  if (sameValue(from, to)) return [];
  return diffSchemas(from, to, noRenames(), order(dialect));
}

/**
 * Whether `a` and `b` are the same value, structurally: primitives by `Object.is`, arrays item
 * by item, plain objects by the same own keys in the same order. Anything else (a Map, a class
 * instance) is never the same here, so the caller compares it the full way. Equal values are
 * indistinguishable to the differ, which then finds no change.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a);
  if ((proto !== Object.prototype && proto !== null) || Object.getPrototypeOf(b) !== proto) return false;
  const ka = Object.keys(a),
    kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

/**
 * How views compare with a live database's: as they are where the database keeps a view's
 * text as written (`Capabilities.viewsAsWritten`) or both sides are in its words; else their
 * queries are left out (the database rewrites them: PostgreSQL prints its parse tree back,
 * MySQL qualifies every name), and views compare by name and kind.
 */
export function viewsCompared(dialect: Dialect, queries = false): (s: Schema) => Schema {
  if (queries) return (s) => s;
  const asWritten = dialect.capabilities.viewsAsWritten === true;
  // Functions: PostgreSQL and MySQL/MariaDB print arguments and return types their own way, so
  // they compare by name and kind. Triggers: PostgreSQL re-prints WHEN and orders the events
  // (it can print the schema's: `routinesAsStored`); MySQL/MariaDB and SQLite keep them as written.
  const triggerWords = dialect.routinesAsStored !== undefined;
  return (s) => ({
    ...s,
    ...(s.views?.length && !asWritten ? { views: s.views.map((x) => ({ ...x, query: "" })) } : {}),
    ...(s.functions?.length
      ? {
          functions: s.functions.map((f) => ({
            name: f.name,
            ...(f.procedure ? { procedure: true } : {}),
            args: "",
            body: "",
          })),
        }
      : {}),
    ...(s.triggers?.length && triggerWords
      ? {
          triggers: s.triggers.map((t) => ({
            name: t.name,
            table: t.table,
            timing: t.timing,
            events: "",
            ...(t.execute ? { execute: t.execute } : {}),
          })),
        }
      : {}),
  });
}

/**
 * `pull`'s replay proof: what differs between the live database and a scratch one built from
 * the pulled files (the changes that would turn `live` into `replayed`). The same comparison
 * as drift (`liveDifferences`), so `status` reports every difference this one can find.
 */
export function replayDifferences(dialect: Dialect, live: Schema, replayed: Schema): Change[] {
  return liveDifferences(dialect, live, replayed, { viewQueries: true });
}

/**
 * Drift as people read it: the changes from `expected` to the live database written in
 * `expected`'s words (through `reconcile`), so a column added by hand reads
 * `+ column users.nickname varchar(40)?`. Empty exactly when the normal forms are equal, and
 * never fewer than the normal form finds: the readable list is used only when it names every
 * object the normal-form list names, with the same kind of change.
 */
export function drift(
  dialect: Dialect,
  expected: Schema,
  live: Schema,
  opts: { readonly viewQueries?: boolean } = {},
): Change[] {
  const normal = liveDifferences(dialect, expected, live, opts);
  if (!normal.length) return [];
  const v = viewsCompared(dialect, opts.viewQueries);
  const plain = diffSchemas(
    v(stripSource(expected)),
    v(reconcile(dialect, live, expected)),
    noRenames(),
    order(dialect),
  );
  const keys = new Set(plain.map(changeKey));
  return plain.length && normal.every((c) => keys.has(changeKey(c))) ? plain : normal;
}

/** A change's kind and target, to match two lists of the same differences. */
const changeKey = (c: Change) => JSON.stringify([c.kind, changeTarget(c)]);

/** Where the dialect keeps column order (MySQL), another order is a difference too. */
const order = (dialect: Dialect) => ({
  columnOrder: dialect.capabilities.columnOrder ?? false,
  repartitions: dialect.capabilities.repartitions ?? false,
});

const sameTable = (dialect: Dialect, a: Table, b: Table, enums: readonly EnumType[]) =>
  diffSchemas({ tables: [a], enums }, { tables: [b], enums }, noRenames(), order(dialect)).length === 0;

const samePrimaryKey = (a: PrimaryKey, b: PrimaryKey) => {
  const def = (k: PrimaryKey) => JSON.stringify([k.columns, k.prefixLengths ?? {}, k.comment ?? null]);
  return def(a) === def(b);
};

/**
 * The live schema, in `hint`'s words wherever they mean the same on this dialect. A view is the
 * hint's where its query is the live one's (whitespace aside) or, given `storedViews` (the
 * hint's queries as the database prints them: `Dialect.viewsAsStored`), where that one is.
 */
export function reconcile(
  dialect: Dialect,
  live: Schema,
  hint: Schema,
  storedViews?: ReadonlyMap<string, string>,
  storedRoutines?: Pick<Schema, "functions" | "triggers">,
): Schema {
  hint = stripSource(hint);
  const nl = dialect.normalize(live, live.databaseDefaults),
    nh = dialect.normalize(hint, live.databaseDefaults);
  if (diffSchemas(nh, nl, noRenames(), order(dialect)).length === 0) return hint;
  const hintTables = new Map(hint.tables.map((t) => [t.name, t]));
  const nlTables = new Map(nl.tables.map((t) => [t.name, t]));
  const nhTables = new Map(nh.tables.map((t) => [t.name, t]));
  const liveEnums = new Map(live.enums.map((e) => [e.name, e]));
  const hintEnums = new Map(hint.enums.map((e) => [e.name, e]));
  const sameValues = (a: EnumType, b: EnumType) =>
    a.values.length === b.values.length && a.values.every((v, i) => v.name === b.values[i]!.name);
  // A live enum with the values of a known one is that one (MySQL and SQLite do not keep names).
  const enumName = (name: string) => {
    const e = liveEnums.get(name);
    if (!e) return name;
    const known = hintEnums.get(name) ?? hint.enums.find((h) => sameValues(h, e));
    return known && sameValues(known, e) ? known.name : name;
  };
  const tables = live.tables.map((t): Table => {
    const h = hintTables.get(t.name);
    const a = nhTables.get(t.name),
      b = nlTables.get(t.name);
    if (h && a && b && sameTable(dialect, a, b, nh.enums)) return h;
    const liveColumn = (c: Column): Column =>
      c.type.kind === "enum" ? { ...c, type: { kind: "enum", name: enumName(c.type.name) } } : c;
    if (!h || !a || !b) return { ...t, columns: t.columns.map(liveColumn) };
    const pick = <X extends { name: string }>(
      liveList: readonly X[],
      hintList: readonly X[],
      nLive: readonly X[],
      nHint: readonly X[],
    ) =>
      liveList.map((x) => {
        const hx = hintList.find((y) => y.name === x.name);
        const nx = nLive.find((y) => y.name === x.name),
          nhx = nHint.find((y) => y.name === x.name);
        return hx && nx && nhx && JSON.stringify(nx) === JSON.stringify(nhx) ? hx : x;
      });
    return {
      ...t,
      ...(dialect.capabilities.comments ? {} : h.doc !== undefined ? { doc: h.doc } : {}),
      columns: t.columns.map((c) => {
        const hc = h.columns.find((x) => x.name === c.name);
        const nc = b.columns.find((x) => x.name === c.name),
          nhc = a.columns.find((x) => x.name === c.name);
        return hc && nc && nhc && !columnDiffers(nhc, nc) ? hc : liveColumn(c);
      }),
      // The known key where it is the same one (its columns, prefix lengths and comment).
      ...(t.primaryKey &&
      h.primaryKey &&
      a.primaryKey &&
      b.primaryKey &&
      samePrimaryKey(a.primaryKey, b.primaryKey)
        ? { primaryKey: h.primaryKey }
        : {}),
      uniques: pick(t.uniques, h.uniques, b.uniques, a.uniques),
      indexes: pick(t.indexes, h.indexes, b.indexes, a.indexes),
      foreignKeys: pick(t.foreignKeys, h.foreignKeys, b.foreignKeys, a.foreignKeys),
      checks: pick(t.checks, h.checks, b.checks, a.checks),
    };
  });
  const used = new Set(
    tables.flatMap((t) => t.columns.flatMap((c) => (c.type.kind === "enum" ? [c.type.name] : []))),
  );
  const enums = [...used].flatMap((n) => {
    const h = hintEnums.get(n),
      l = liveEnums.get(n);
    const e = h && (!l || sameValues(h, l)) ? h : (l ?? h);
    return e ? [e] : [];
  });
  // Enums the database holds that no column uses (PostgreSQL) stay too.
  for (const e of live.enums)
    if (!used.has(e.name) && !enums.some((x) => x.name === e.name) && dialect.capabilities.enums === "type")
      enums.push(hintEnums.get(e.name) ?? e);
  // Sequences and domains: the hint's declaration wherever its normal form is the live one's.
  const normalSequence = (q: Sequence) =>
    JSON.stringify(dialect.normalize({ tables: [], enums: [], sequences: [q] }));
  const normalDomain = (d: Domain) =>
    JSON.stringify(dialect.normalize({ tables: [], enums: [], domains: [d] }));
  const sequences = (live.sequences ?? []).map((q) => {
    const h = hint.sequences?.find((x) => x.name === q.name);
    return h && normalSequence(h) === normalSequence(q) ? h : q;
  });
  const domains = (live.domains ?? []).map((d) => {
    const h = hint.domains?.find((x) => x.name === d.name);
    return h && normalDomain(h) === normalDomain(d) ? h : d;
  });
  // Composite types: the hint's declaration wherever its normal form is the live one's.
  const normalComposite = (t: CompositeType) =>
    JSON.stringify(dialect.normalize({ tables: [], enums: [], composites: [t] }));
  const composites = (live.composites ?? []).map((t) => {
    const h = hint.composites?.find((x) => x.name === t.name);
    return h && normalComposite(h) === normalComposite(t) ? h : t;
  });
  // Functions and triggers: the hint's where it is the live one (as written, or once the
  // database has printed it: `storedRoutines`).
  const same = <X>(key: (x: X) => string, live: X, h: X | undefined, stored: X | undefined) =>
    h !== undefined && (key(h) === key(live) || (stored !== undefined && key(stored) === key(live)));
  const functions = (live.functions ?? []).map((f) => {
    const h = hint.functions?.find((x) => x.name === f.name);
    const st = storedRoutines?.functions?.find((x) => x.name === f.name);
    return same(functionKey, f, h, st) ? h! : f;
  });
  const triggers = (live.triggers ?? []).map((t) => {
    const h = hint.triggers?.find((x) => x.name === t.name);
    const st = storedRoutines?.triggers?.find((x) => x.name === t.name);
    const key = (x: Trigger) =>
      triggerKey({ ...x, forEach: x.forEach ?? dialect.capabilities.triggers?.forEach });
    return same(key, t, h, st) ? h! : t;
  });
  // Schemas: the hint's where it is the live one (the same comment).
  const namespaces = (live.namespaces ?? []).map(
    (n) => hint.namespaces?.find((x) => x.name === n.name && x.doc === n.doc) ?? n,
  );
  return {
    ...(namespaces.length ? { namespaces } : {}),
    tables,
    enums,
    ...(live.extensions?.length ? { extensions: live.extensions } : {}),
    ...(composites.length ? { composites } : {}),
    ...(sequences.length ? { sequences } : {}),
    ...(domains.length ? { domains } : {}),
    ...(functions.length ? { functions } : {}),
    ...(triggers.length ? { triggers } : {}),
    // Views in the database's words, but where the hint's is the same view.
    ...(live.views?.length
      ? {
          views: live.views.map((v) => {
            const h = hint.views?.find((x) => x.name === v.name);
            const same =
              h &&
              !!h.materialized === !!v.materialized &&
              (normSql(h.query) === normSql(v.query) ||
                (storedViews?.has(h.name) && normSql(storedViews.get(h.name)!) === normSql(v.query)));
            return same ? h : v;
          }),
        }
      : {}),
  };
}
