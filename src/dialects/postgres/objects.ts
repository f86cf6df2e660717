/**
 * PostgreSQL's sequences, domains, extensions and composite types as SQL: CREATE/ALTER/DROP
 * SEQUENCE, DOMAIN, EXTENSION and TYPE, their renames and comments. Called by the renderer's `objectChange` hook (`render.ts`).
 */
import type {
  CompositeAttribute,
  CompositeType,
  DefaultValue,
  Domain,
  Sequence,
  SequenceOptions,
} from "../../ir/model.ts";
import { compositeAlteration } from "../../ir/composite.ts";
import type { ObjectChange } from "../../diff/changes.ts";
import { assertNever } from "../../diff/changes.ts";
import {
  domainChecksKey,
  domainDefaultKey,
  effectiveSequenceOptions,
  ownerKey,
  sequenceOptionsKey,
} from "../../ir/sequence.ts";
import { quoteDouble as q, quoteQualified as qn, quoteString } from "../common/sql.ts";
import { localName, schemaOf, sibling } from "../../ir/qualified.ts";
import { postgresType } from "./types.ts";

/** How the renderer writes a default (its `defaultSql`), for a domain's. */
export type DefaultWriter = (d: DefaultValue) => string | undefined;

const TYPE_MAX: Readonly<Record<string, bigint>> = {
  smallint: 32767n,
  int: 2147483647n,
  bigint: 9223372036854775807n,
};
const TYPE_SQL = { smallint: "smallint", int: "integer", bigint: "bigint" } as const;

/** Each number option's words in CREATE/ALTER SEQUENCE. */
const CLAUSES = {
  increment: "INCREMENT BY",
  min: "MINVALUE",
  max: "MAXVALUE",
  start: "START WITH",
  cache: "CACHE",
} as const;

/** ` AS integer INCREMENT BY 2 ...`: the options that are not PostgreSQL's defaults. */
function createOptions(o: SequenceOptions): string {
  const e = effectiveSequenceOptions(o);
  const words = [
    ...(e.as ? [`AS ${TYPE_SQL[e.as]}`] : []),
    ...(Object.keys(CLAUSES) as (keyof typeof CLAUSES)[]).flatMap((k) =>
      e[k] !== undefined ? [`${CLAUSES[k]} ${e[k]}`] : [],
    ),
    ...(e.cycle ? ["CYCLE"] : []),
  ];
  return words.length ? ` ${words.join(" ")}` : "";
}

/**
 * Every option written out with its value (defaults computed), for ALTER SEQUENCE: PostgreSQL
 * checks the new bounds against the recorded start, so a new min with the default start must
 * move the start too. START WITH changes the recorded start only, never the current value
 * (that is data: RESTART would lose the place the sequence has reached).
 */
function alterOptions(o: SequenceOptions): string {
  const as = o.as ?? "bigint";
  const typeMax = TYPE_MAX[as]!;
  const inc = BigInt(o.increment ?? "1");
  const min = o.min ?? String(inc > 0n ? 1n : -typeMax - 1n);
  const max = o.max ?? String(inc > 0n ? typeMax : -1n);
  const start = o.start ?? (inc > 0n ? min : max);
  return ` AS ${TYPE_SQL[as]} INCREMENT BY ${inc} MINVALUE ${min} MAXVALUE ${max} START WITH ${start} CACHE ${o.cache ?? "1"} ${o.cycle ? "CYCLE" : "NO CYCLE"}`;
}

const owner = (s: Sequence) => (s.ownedBy ? `${qn(s.ownedBy.table)}.${q(s.ownedBy.column)}` : "NONE");
const comment = (kind: string, name: string, doc: string | undefined) =>
  `COMMENT ON ${kind} ${qn(name)} IS ${doc === undefined ? "NULL" : quoteString(doc)}`;

function domainDefault(d: Domain, write: DefaultWriter): string | undefined {
  return d.default ? write(d.default) : undefined;
}

const checkSql = (c: { name: string; expr: string }) => `CONSTRAINT ${q(c.name)} CHECK (${c.expr})`;

function createDomain(d: Domain, write: DefaultWriter): string[] {
  const def = domainDefault(d, write);
  return [
    `CREATE DOMAIN ${qn(d.name)} AS ${postgresType(d.type)}${d.collation !== undefined ? ` COLLATE ${q(d.collation)}` : ""}${def !== undefined ? ` DEFAULT ${def}` : ""}${d.nullable ? "" : " NOT NULL"}${d.checks.map((c) => ` ${checkSql(c)}`).join("")}`,
    ...(d.doc !== undefined ? [comment("DOMAIN", d.name, d.doc)] : []),
  ];
}

/** Default, NOT NULL, checks (dropped, then added: a changed one is both) and comment. */
function alterDomain(a: Domain, b: Domain, write: DefaultWriter): string[] {
  const out: string[] = [];
  const alter = `ALTER DOMAIN ${qn(b.name)}`;
  if (domainDefaultKey(a) !== domainDefaultKey(b)) {
    const def = domainDefault(b, write);
    out.push(def !== undefined ? `${alter} SET DEFAULT ${def}` : `${alter} DROP DEFAULT`);
  }
  if (a.nullable !== b.nullable) out.push(`${alter} ${b.nullable ? "DROP NOT NULL" : "SET NOT NULL"}`);
  if (domainChecksKey(a) !== domainChecksKey(b)) {
    const key = (c: { name: string; expr: string }) => domainChecksKey({ ...b, checks: [c] });
    const kept = new Set(b.checks.map(key));
    const had = new Set(a.checks.map(key));
    for (const c of a.checks) if (!kept.has(key(c))) out.push(`${alter} DROP CONSTRAINT ${q(c.name)}`);
    for (const c of b.checks) if (!had.has(key(c))) out.push(`${alter} ADD ${checkSql(c)}`);
  }
  if ((a.doc ?? "") !== (b.doc ?? "")) out.push(comment("DOMAIN", b.name, b.doc));
  return out;
}

const attributeSql = (a: CompositeAttribute) =>
  `${q(a.name)} ${postgresType(a.type)}${a.collation !== undefined ? ` COLLATE ${q(a.collation)}` : ""}`;

/**
 * One ALTER TYPE for the attributes (`compositeAlteration`: dropped, then added at the end,
 * where PostgreSQL puts them, then retyped with `ALTER ATTRIBUTE ... TYPE`, which PostgreSQL
 * refuses while a column is of the type), then the comment. Columns of the type keep their
 * rows: a dropped attribute's values go, an added one is NULL in them.
 */
function alterComposite(a: CompositeType, b: CompositeType): string[] {
  const { drop, add, retype } = compositeAlteration(a, b);
  const actions = [
    ...drop.map((n) => `DROP ATTRIBUTE ${q(n)}`),
    ...add.map((x) => `ADD ATTRIBUTE ${attributeSql(x)}`),
    ...retype.map(
      (x) =>
        `ALTER ATTRIBUTE ${q(x.name)} TYPE ${postgresType(x.type)}${x.collation !== undefined ? ` COLLATE ${q(x.collation)}` : ""}`,
    ),
  ];
  return [
    ...(actions.length ? [`ALTER TYPE ${qn(b.name)} ${actions.join(", ")}`] : []),
    ...((a.doc ?? "") !== (b.doc ?? "") ? [comment("TYPE", b.name, b.doc)] : []),
  ];
}

export function objectSql(c: ObjectChange, write: DefaultWriter): string[] {
  switch (c.kind) {
    case "create-sequence": {
      const s = c.sequence;
      return [
        `CREATE SEQUENCE ${qn(s.name)}${createOptions(s.options)}`,
        // A sequence created with its owner (the inverse of a drop) needs the column there;
        // the differ creates sequences unowned and sets the owner once the table exists.
        ...(s.ownedBy ? [`ALTER SEQUENCE ${qn(s.name)} OWNED BY ${owner(s)}`] : []),
        ...(s.doc !== undefined ? [comment("SEQUENCE", s.name, s.doc)] : []),
      ];
    }
    case "drop-sequence":
      return [`DROP SEQUENCE ${qn(c.sequence.name)}`];
    case "rename-sequence":
      return renameSql("SEQUENCE", c.from, c.to);
    case "alter-sequence": {
      const { from: a, to: b } = c;
      const out: string[] = [];
      if (sequenceOptionsKey(a) !== sequenceOptionsKey(b))
        out.push(`ALTER SEQUENCE ${qn(b.name)}${alterOptions(b.options)}`);
      if (ownerKey(a) !== ownerKey(b)) out.push(`ALTER SEQUENCE ${qn(b.name)} OWNED BY ${owner(b)}`);
      if ((a.doc ?? "") !== (b.doc ?? "")) out.push(comment("SEQUENCE", b.name, b.doc));
      return out;
    }
    case "create-domain":
      return createDomain(c.domain, write);
    case "drop-domain":
      return [`DROP DOMAIN ${qn(c.domain.name)}`];
    case "rename-domain":
      return renameSql("DOMAIN", c.from, c.to);
    case "alter-domain":
      return alterDomain(c.from, c.to, write);
    // Neither IF NOT EXISTS nor CASCADE: a schema the database has already makes up fail, named
    // (down would drop what it did not create), and one still holding objects is not dropped.
    case "create-namespace":
      return [
        `CREATE SCHEMA ${q(c.namespace.name)}`,
        ...(c.namespace.doc !== undefined ? [comment("SCHEMA", c.namespace.name, c.namespace.doc)] : []),
      ];
    case "drop-namespace":
      return [`DROP SCHEMA ${q(c.namespace.name)}`];
    case "set-namespace-comment":
      return [comment("SCHEMA", c.namespace, c.to)];
    // Neither IF NOT EXISTS nor CASCADE: the migration creates the extension only where the
    // database has none, so that its down drops only what it created (an extension installed
    // beforehand makes up fail, named, rather than down drop it), and the drop runs once
    // nothing of the schema uses the extension (PostgreSQL refuses it otherwise).
    case "create-extension":
      return [
        `CREATE EXTENSION ${q(c.extension.name)}${c.extension.schema !== undefined ? ` SCHEMA ${q(c.extension.schema)}` : ""}`,
      ];
    case "drop-extension":
      return [`DROP EXTENSION ${q(c.extension.name)}`];
    case "create-composite": {
      const t = c.composite;
      return [
        `CREATE TYPE ${qn(t.name)} AS (${t.attributes.map(attributeSql).join(", ")})`,
        ...(t.doc !== undefined ? [comment("TYPE", t.name, t.doc)] : []),
      ];
    }
    case "drop-composite":
      return [`DROP TYPE ${qn(c.composite.name)}`];
    case "rename-composite":
      return renameSql("TYPE", c.from, c.to);
    case "alter-composite":
      return alterComposite(c.from, c.to);
    default:
      return assertNever(c);
  }
}

/**
 * `ALTER KIND old RENAME TO new` (`signature`: a function's argument types), and a move when the
 * new name is in another schema: `RENAME TO` in the old schema first if the object's own name
 * changes too (the new schema may hold an object of the old name: `archive.orders` beside
 * `sales.orders` moved there as `old_orders`), then `SET SCHEMA`. Back to the current schema (a
 * bare new name), that schema's name is known only when the statement runs: `current_schema()`,
 * through EXECUTE format() (SET SCHEMA takes no expression).
 */
export function renameSql(kind: string, from: string, to: string, signature = ""): string[] {
  const [a, b] = [schemaOf(from), schemaOf(to)];
  if (a === b) return [`ALTER ${kind} ${qn(from)}${signature} RENAME TO ${q(localName(to))}`];
  const renamed = localName(from) !== localName(to);
  const at = qn(renamed ? sibling(from, localName(to)) : from);
  return [
    ...(renamed ? [`ALTER ${kind} ${qn(from)}${signature} RENAME TO ${q(localName(to))}`] : []),
    b !== undefined
      ? `ALTER ${kind} ${at}${signature} SET SCHEMA ${q(b)}`
      : `DO $$ BEGIN EXECUTE format(${quoteString(`ALTER ${kind} ${at}${signature} SET SCHEMA %I`)}, current_schema()); END $$`,
  ];
}
