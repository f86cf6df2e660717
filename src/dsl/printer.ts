/**
 * Canonical printing of IR declarations as `.schema` text: what `fmt` writes.
 *
 * The style: declarations separated by one blank line; one column per line with names and
 * types aligned; a single-column primary key, unique, foreign key or check whose name is the
 * generated one printed inline on its column, every other constraint and index after the
 * columns (primary key, uniques, indexes, foreign keys, checks); names omitted where they equal
 * the generated name; comments and doc comments kept where they were attached.
 *
 * parse(print(ir)) gives back the same IR (up to the order of constraints inside a kind), and
 * print(parse(print(x))) === print(x): both are property-tested.
 */
import type {
  Namespace,
  Check,
  Column,
  ColumnType,
  DefaultValue,
  Domain,
  Extension,
  CompositeType,
  EnumType,
  Sequence,
  View,
  Routine,
  Trigger,
  ForeignKey,
  IdentityOptions,
  Exclusion,
  Index,
  PrefixLengths,
  IndexPart,
  KeyIndexClauses,
  SourceInfo,
  Table,
  TableOptions,
  UniqueConstraint,
  Schema,
} from "../ir/model.ts";
import { IDENTITY_NUMBER_OPTIONS, PORTABLE_TYPES } from "../ir/model.ts";
import {
  checkName,
  expressionWords,
  foreignKeyName,
  exclusionName,
  indexName,
  primaryKeyName,
  uniqueName,
} from "../ir/naming.ts";
import { dollarQuoted } from "../ir/canonical.ts";
import { mentionedColumns, RESERVED_WORDS, SERIAL_TYPES } from "./names.ts";
import { splitQualified } from "../ir/qualified.ts";
import { SEQUENCE_NUMBER_OPTIONS } from "../ir/sequence.ts";
import type { DeclRef } from "./to-ir.ts";

const INDENT = "  ";
const PORTABLE_SET: ReadonlySet<string> = new Set(PORTABLE_TYPES);
const BARE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name as written in source: bare when it can be, double-quoted otherwise. */
export function printName(name: string): string {
  return BARE.test(name) && !RESERVED_WORDS.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/**
 * An object's name that may be schema-qualified (a table, view, type, sequence, function, or a
 * reference to one): `sales.orders`, each part as `printName` writes it (`src/ir/qualified.ts`).
 */
export function printQName(name: string): string {
  const q = splitQualified(name);
  return q.schema === undefined ? printName(name) : `${printName(q.schema)}.${printName(q.name)}`;
}

const printString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * A type as written. `quoted`: the name was written double-quoted (a deliberate pass-through,
 * `SourceInfo.quotedType`), or `pull` writes it so because the dialect does not know it.
 */
export function printType(t: ColumnType, quoted = false): string {
  switch (t.kind) {
    case "portable":
      return `${t.args?.length ? `${t.name}(${t.args.join(",")})` : t.name}${t.unsigned ? " unsigned" : ""}`;
    case "enum":
      return printQName(t.name);
    case "native": {
      // A native name that reads as a portable type is quoted so it stays native on re-parse.
      const name =
        !quoted && BARE.test(t.name) && !RESERVED_WORDS.has(t.name) && !PORTABLE_SET.has(t.name.toLowerCase())
          ? t.name
          : !quoted && t.name.includes(".")
            ? printQName(t.name)
            : `"${t.name.replace(/"/g, '""')}"`;
      return `${name}${t.args?.length ? `(${t.args.join(", ")})` : ""}${t.array ? "[]" : ""}${t.unsigned ? " unsigned" : ""}`;
    }
  }
}

export function printDefault(d: DefaultValue): string {
  switch (d.kind) {
    case "number":
      return d.text;
    case "string":
      return printString(d.value);
    case "bool":
      return String(d.value);
    case "null":
      return "null";
    case "function":
      return `${d.name}()`;
    case "raw":
      return `(${d.sql})`;
  }
}

const printActions = (
  fk: Pick<ForeignKey, "onDelete" | "onUpdate" | "matchFull" | "deferrable" | "notValid">,
) =>
  `${fk.onDelete !== "no action" ? ` on delete ${fk.onDelete}` : ""}${fk.onUpdate !== "no action" ? ` on update ${fk.onUpdate}` : ""}${fk.matchFull ? " match full" : ""}${fk.deferrable ? ` deferrable${fk.deferrable === "deferred" ? " initially deferred" : ""}` : ""}${fk.notValid ? " not valid" : ""}`;

const nameList = (names: readonly string[]) => `(${names.map(printName).join(", ")})`;

function docLines(doc: string | undefined, indent: string): string[] {
  return doc === undefined
    ? []
    : doc.split("\n").map((l) => `${indent}///${l ? ` ${l}` : ""}`.replace(/\s+$/, ""));
}

function commentLines(src: SourceInfo | undefined, indent: string): string[] {
  return (src?.leading ?? []).map((c) => indent + c);
}

const withTrailing = (line: string, src: SourceInfo | undefined) =>
  src?.trailing ? `${line} ${src.trailing}` : line;

/** Which constraints print inline on which column. */
interface Inline {
  pk: boolean;
  unique?: UniqueConstraint;
  fk?: ForeignKey;
  check?: Check;
}

function inlinePlan(t: Table): Map<string, Inline> {
  const plan = new Map<string, Inline>(t.columns.map((c) => [c.name, { pk: false }]));
  const pk = t.primaryKey;
  // A key with prefix lengths or a comment has no column-level spelling: it prints as a table item.
  if (
    pk &&
    pk.columns.length === 1 &&
    pk.name === primaryKeyName(t.name) &&
    !pk.prefixLengths &&
    pk.using === undefined &&
    !hasIndexClauses(pk) &&
    pk.comment === undefined &&
    plan.has(pk.columns[0]!)
  )
    plan.get(pk.columns[0]!)!.pk = true;
  for (const u of t.uniques) {
    const slot = u.columns.length === 1 ? plan.get(u.columns[0]!) : undefined;
    if (
      slot &&
      !slot.unique &&
      !u.prefixLengths &&
      !hasIndexClauses(u) &&
      u.comment === undefined &&
      u.name === uniqueName(t.name, u.columns)
    )
      slot.unique = u;
  }
  // Foreign keys keep their order (SQLite numbers them by it): the file reads back column-level
  // ones first, in column order, so only a leading run of them in column order prints inline.
  const position = new Map(t.columns.map((c, i) => [c.name, i]));
  let last = -1;
  for (const fk of t.foreignKeys) {
    const slot =
      fk.columns.length === 1 && fk.refColumns.length === 1 && fk.comment === undefined
        ? plan.get(fk.columns[0]!)
        : undefined;
    const at = position.get(fk.columns[0]!) ?? -1;
    if (
      !(
        slot &&
        !slot.fk &&
        fk.comment === undefined &&
        fk.name === foreignKeyName(t.name, fk.columns) &&
        at > last
      )
    )
      break;
    slot.fk = fk;
    last = at;
  }
  for (const ck of t.checks) {
    for (const [col, slot] of plan) {
      if (
        !slot.check &&
        !ck.noInherit &&
        !ck.notValid &&
        ck.comment === undefined &&
        ck.name === checkName(t.name, [col])
      ) {
        slot.check = ck;
        break;
      }
    }
  }
  return plan;
}

function printColumnAttrs(c: Column, inline: Inline): string {
  const parts: string[] = [];
  if (c.collation !== undefined) parts.push(`collate ${printName(c.collation)}`);
  if (c.generated) parts.push(`as (${c.generated.expr}) ${c.generated.stored ? "stored" : "virtual"}`);
  if (inline.pk) parts.push("primary key");
  if (c.identity && !c.serial) parts.push(`identity${printIdentityOptions(c.identityOptions)}`);
  if (inline.unique) parts.push("unique");
  if (c.default) parts.push(`default ${printDefault(c.default)}`);
  if (c.onUpdate === "now") parts.push("on update now()");
  if (inline.fk)
    parts.push(
      `references ${printQName(inline.fk.refTable)}(${printName(inline.fk.refColumns[0]!)})${printActions(inline.fk)}`,
    );
  if (inline.check) parts.push(`check (${inline.check.expr})`);
  if (c.renamedFrom !== undefined) parts.push(`renamed from ${printName(c.renamedFrom)}`);
  return parts.join(" ");
}

/** `(always, start 100, ...)` after `identity`, or nothing when no option is given. */
export function printIdentityOptions(o: IdentityOptions | undefined): string {
  if (!o) return "";
  const words = [
    ...(o.always ? ["always"] : []),
    ...IDENTITY_NUMBER_OPTIONS.flatMap((k) => (o[k] !== undefined ? [`${k} ${o[k]}`] : [])),
    ...(o.cycle ? ["cycle"] : []),
  ];
  return words.length ? `(${words.join(", ")})` : "";
}

/** How `pull` wants some names printed (`fmt` prints what the source says). */
export interface PrintOptions {
  /**
   * Whether a native type is one the dialect does not know (a type an extension or the user
   * made): printed double-quoted, the deliberate pass-through the type check leaves alone.
   */
  readonly unknownType?: (name: string) => boolean;
}

/** The column's type as written: PostgreSQL's `serial` pseudo-types for a serial column. */
function columnType(c: Column, opts: PrintOptions): string {
  if (c.serial && c.type.kind === "portable") {
    const serial = Object.entries(SERIAL_TYPES).find(([, t]) => t === c.type.name)?.[0];
    if (serial) return serial;
  }
  const quoted = c.type.kind === "native" && (c.src?.quotedType || opts.unknownType?.(c.type.name));
  return printType(c.type, Boolean(quoted));
}

/** A key's columns, each with its prefix length if any: `(jid(75), node)`. */
function keyList(columns: readonly string[], lengths: PrefixLengths | undefined): string {
  return `(${columns.map((c) => `${printName(c)}${lengths?.[c] !== undefined ? `(${lengths[c]})` : ""}`).join(", ")})`;
}

function printIndex(t: Table, i: Index): string {
  const words = i.parts.map((p) => (p.kind === "column" ? p.column : expressionWords(p.sql)));
  const name = i.name === indexName(t.name, words) ? "" : ` ${printName(i.name)}`;
  const parts = i.parts.map(printIndexPart).join(", ");
  const include = printInclude(i);
  const storage = printStorage(i);
  return `${i.unique ? "unique " : ""}index${name} (${parts})${include}${i.nullsNotDistinct ? " nulls not distinct" : ""}${i.where !== undefined ? ` where (${i.where})` : ""}${i.using ? ` using ${printName(i.using)}` : ""}${storage}`;
}

/** `exclude [NAME] using METHOD (entry with OP, ...) ...`: `using` always (a name before `(` would read as a column). */
function printExclusion(t: Table, x: Exclusion): string {
  const words = x.parts.map((p) => (p.kind === "column" ? p.column : expressionWords(p.sql)));
  const name = x.name === exclusionName(t.name, words) ? "" : ` ${printName(x.name)}`;
  const parts = x.parts.map((p) => `${printIndexPart(p)} with ${p.operator}`).join(", ");
  return `exclude${name} using ${printName(x.using)} (${parts})${printInclude(x)}${printStorage(x)}${x.where !== undefined ? ` where (${x.where})` : ""}${printDeferrable(x)}`;
}

/** An index entry: its column (with a prefix length) or expression, and its options. */
const printIndexPart = (p: IndexPart) =>
  `${p.kind === "column" ? `${printName(p.column)}${p.length !== undefined ? `(${p.length})` : ""}` : `(${p.sql})`}${p.collation !== undefined ? ` collate ${printName(p.collation)}` : ""}${p.opclass !== undefined ? ` ${printName(p.opclass)}` : ""}${p.desc ? " desc" : ""}${p.nulls ? ` nulls ${p.nulls}` : ""}`;

/** ` include (a, b)`, or nothing. */
const printInclude = (k: KeyIndexClauses) => (k.include?.length ? ` include ${nameList(k.include)}` : "");

/** ` deferrable [initially deferred]` ending a key or exclusion, or nothing. */
const printDeferrable = (k: KeyIndexClauses) =>
  k.deferrable ? ` deferrable${k.deferrable === "deferred" ? " initially deferred" : ""}` : "";

/** ` with (fillfactor = 70, ...)`, or nothing. */
const printStorage = (k: KeyIndexClauses) =>
  k.storage
    ? ` with (${Object.entries(k.storage)
        .map(([key, v]) => `${key} = ${v}`)
        .join(", ")})`
    : "";

/** Whether a key says something about its index (then it is printed as a table item). */
const hasIndexClauses = (k: KeyIndexClauses) =>
  Boolean(k.include?.length || k.storage || k.nullsNotDistinct || k.deferrable);

/** ` (without rowid, engine = InnoDB)`, or nothing; each word of a name as a name, values verbatim. */
function printTableOptions(o: TableOptions | undefined): string {
  const items = Object.entries(o ?? {}).map(([k, v]) => {
    // `collate` is reserved, but an option name may be it (MySQL's `collate = utf8mb4_bin`).
    const name = k
      .split(" ")
      .map((w) => (w === "collate" ? w : printName(w)))
      .join(" ");
    return v === true ? name : `${name} = ${v}`;
  });
  return items.length ? ` (${items.join(", ")})` : "";
}

export function printTable(t: Table, opts: PrintOptions = {}): string {
  const out: string[] = [...commentLines(t.src, ""), ...docLines(t.doc, "")];
  if (t.virtual) {
    // One declaration, no body: the module's arguments as written.
    const args = t.virtual.args !== undefined ? ` (${t.virtual.args})` : "";
    out.push(
      `virtual table ${printQName(t.name)}${t.renamedFrom !== undefined ? ` renamed from ${printQName(t.renamedFrom)}` : ""} using ${printName(t.virtual.module)}${args}${t.src?.trailing ? ` ${t.src.trailing}` : ""}`,
    );
    return out.join("\n");
  }
  out.push(
    `table ${printQName(t.name)}${t.renamedFrom !== undefined ? ` renamed from ${printQName(t.renamedFrom)}` : ""}${printTableOptions(t.options)} {`,
  );
  const plan = inlinePlan(t);
  const nameW = Math.max(0, ...t.columns.map((c) => printName(c.name).length));
  const typeW = Math.max(0, ...t.columns.map((c) => columnType(c, opts).length + (c.nullable ? 1 : 0)));
  let first = true;
  const item = (src: SourceInfo | undefined, line: string, doc?: string, forceBlank = false) => {
    if (!first && (src?.blankBefore || forceBlank)) out.push("");
    first = false;
    out.push(...commentLines(src, INDENT), ...docLines(doc, INDENT), withTrailing(INDENT + line, src));
  };
  for (const c of t.columns) {
    const attrs = printColumnAttrs(c, plan.get(c.name)!);
    const type = columnType(c, opts) + (c.nullable ? "?" : "");
    item(
      c.src,
      attrs
        ? `${printName(c.name).padEnd(nameW)}  ${type.padEnd(typeW)}  ${attrs}`
        : `${printName(c.name).padEnd(nameW)}  ${type}`,
      c.doc,
    );
  }
  // Table-level items start after a blank line, so columns and constraints read as two blocks.
  let blockStart = true;
  const tableItem = (src: SourceInfo | undefined, line: string, comment?: string) => {
    item(src, line, comment, blockStart);
    blockStart = false;
  };
  const inlined = new Set<unknown>(
    [...plan.values()].flatMap((s) => [s.unique, s.fk, s.check].filter(Boolean)),
  );
  const pk = t.primaryKey;
  if (pk && !(pk.columns.length === 1 && plan.get(pk.columns[0]!)?.pk))
    tableItem(
      pk.src,
      `primary key${pk.name === primaryKeyName(t.name) ? "" : ` ${printName(pk.name)}`} ${keyList(pk.columns, pk.prefixLengths)}${printInclude(pk)}${printStorage(pk)}${pk.using ? ` using ${printName(pk.using)}` : ""}${printDeferrable(pk)}`,
      pk.comment,
    );
  for (const u of t.uniques) {
    if (inlined.has(u)) continue;
    tableItem(
      u.src,
      `unique${u.name === uniqueName(t.name, u.columns) ? "" : ` ${printName(u.name)}`} ${keyList(u.columns, u.prefixLengths)}${u.nullsNotDistinct ? " nulls not distinct" : ""}${printInclude(u)}${printStorage(u)}${printDeferrable(u)}`,
      u.comment,
    );
  }
  for (const i of t.indexes) tableItem(i.src, printIndex(t, i), i.comment);
  for (const fk of t.foreignKeys) {
    if (inlined.has(fk)) continue;
    const name = fk.name === foreignKeyName(t.name, fk.columns) ? "" : ` ${printName(fk.name)}`;
    tableItem(
      fk.src,
      `foreign key${name} ${nameList(fk.columns)} references ${printQName(fk.refTable)}${nameList(fk.refColumns)}${printActions(fk)}`,
      fk.comment,
    );
  }
  for (const ck of t.checks) {
    if (inlined.has(ck)) continue;
    const name =
      ck.name === checkName(t.name, mentionedColumns(ck.expr, t.columns)) ? "" : ` ${printName(ck.name)}`;
    tableItem(
      ck.src,
      `check${name} (${ck.expr})${ck.noInherit ? " no inherit" : ""}${ck.notValid ? " not valid" : ""}`,
      ck.comment,
    );
  }
  for (const x of t.exclusions ?? []) tableItem(x.src, printExclusion(t, x), x.comment);
  out.push(...(t.src?.inner ?? []).map((c) => INDENT + c));
  out.push(withTrailing("}", undefined));
  if (t.src?.trailing) out[out.length - 1] += ` ${t.src.trailing}`;
  return out.join("\n");
}

export function printEnum(e: EnumType): string {
  const out: string[] = [...commentLines(e.src, ""), ...docLines(e.doc, "")];
  const head = `enum ${printQName(e.name)}${e.renamedFrom !== undefined ? ` renamed from ${printQName(e.renamedFrom)}` : ""} {`;
  const values = e.values.map((v) =>
    BARE.test(v.name) && !RESERVED_WORDS.has(v.name) ? v.name : printString(v.name),
  );
  const oneLine = `${head} ${values.join(", ")} }`;
  const multi =
    e.src?.inner?.length ||
    e.values.some((v) => v.src?.leading?.length || v.src?.trailing) ||
    oneLine.length > 100;
  if (!multi) out.push(oneLine);
  else {
    out.push(head);
    e.values.forEach((v, i) => {
      out.push(...commentLines(v.src, INDENT), withTrailing(`${INDENT}${values[i]},`, v.src));
    });
    out.push(...(e.src?.inner ?? []).map((c) => INDENT + c), "}");
  }
  if (e.src?.trailing) out[out.length - 1] += ` ${e.src.trailing}`;
  return out.join("\n");
}

/**
 * `sequence NAME [renamed from OLD] (as = int, start = 1, ..., cycle, owned by = t.c)`, the
 * options in one order, none when it has none.
 */
export function printSequence(q: Sequence): string {
  const o = q.options;
  const items = [
    ...(o.as ? [`as = ${o.as}`] : []),
    ...SEQUENCE_NUMBER_OPTIONS.flatMap((k) => (o[k] !== undefined ? [`${k} = ${o[k]}`] : [])),
    ...(o.cycle ? ["cycle"] : []),
    ...(q.ownedBy ? [`owned by = ${printQName(q.ownedBy.table)}.${printName(q.ownedBy.column)}`] : []),
  ];
  const out: string[] = [...commentLines(q.src, ""), ...docLines(q.doc, "")];
  out.push(
    withTrailing(
      `sequence ${printQName(q.name)}${q.renamedFrom !== undefined ? ` renamed from ${printQName(q.renamedFrom)}` : ""}${items.length ? ` (${items.join(", ")})` : ""}`,
      q.src,
    ),
  );
  return out.join("\n");
}

/**
 * `domain NAME [renamed from OLD] TYPE[?] [collate C] [default V] [check [NAME] (expr)]...` on
 * one line; a check's name is left out where it is the one reading it back would give.
 */
export function printDomain(d: Domain): string {
  const generated = `${d.name}_check`;
  const checks = d.checks.map(
    (c, i) =>
      `check${c.name === generated && d.checks.findIndex((x) => x.name === generated) === i ? "" : ` ${printName(c.name)}`} (${c.expr})`,
  );
  const words = [
    `domain ${printQName(d.name)}${d.renamedFrom !== undefined ? ` renamed from ${printQName(d.renamedFrom)}` : ""}`,
    `${printType(d.type)}${d.nullable ? "?" : ""}`,
    ...(d.collation !== undefined ? [`collate ${printName(d.collation)}`] : []),
    ...(d.default ? [`default ${printDefault(d.default)}`] : []),
    ...checks,
  ];
  const out: string[] = [...commentLines(d.src, ""), ...docLines(d.doc, "")];
  out.push(withTrailing(words.join(" "), d.src));
  return out.join("\n");
}

/**
 * `[materialized] view NAME [renamed from OLD] as (QUERY)`, the query verbatim (a query written
 * over several lines keeps its lines).
 */
export function printView(v: View): string {
  const out: string[] = [...commentLines(v.src, ""), ...docLines(v.doc, "")];
  out.push(
    withTrailing(
      `${v.materialized ? "materialized " : ""}view ${printQName(v.name)}${v.renamedFrom !== undefined ? ` renamed from ${printQName(v.renamedFrom)}` : ""} as (${v.query})`,
      v.src,
    ),
  );
  return out.join("\n");
}

/** `extension NAME`. */
/** `schema NAME`, its doc comment above it. */
export function printNamespace(x: Namespace): string {
  return [
    ...commentLines(x.src, ""),
    ...docLines(x.doc, ""),
    withTrailing(`schema ${printName(x.name)}`, x.src),
  ].join("\n");
}

export function printExtension(x: Extension): string {
  return [
    ...commentLines(x.src, ""),
    withTrailing(
      `extension ${printName(x.name)}${x.schema !== undefined ? ` (schema = ${printName(x.schema)})` : ""}`,
      x.src,
    ),
  ].join("\n");
}

/**
 * `type NAME [renamed from OLD] { attr TYPE [collate C], ... }` on one line when it fits, else
 * one attribute a line (as an enum's values are). An attribute's type is printed bare: the
 * type check reads columns and domains, and PostgreSQL checks an attribute's type.
 */
export function printComposite(t: CompositeType): string {
  const out: string[] = [...commentLines(t.src, ""), ...docLines(t.doc, "")];
  const head = `type ${printQName(t.name)}${t.renamedFrom !== undefined ? ` renamed from ${printQName(t.renamedFrom)}` : ""} {`;
  const attrs = t.attributes.map(
    (a) =>
      `${printName(a.name)} ${printType(a.type)}${a.collation !== undefined ? ` collate ${printName(a.collation)}` : ""}`,
  );
  const oneLine = attrs.length ? `${head} ${attrs.join(", ")} }` : `${head} }`;
  if (!t.src?.inner?.length && oneLine.length <= 100) out.push(oneLine);
  else
    out.push(
      head,
      ...attrs.map((a) => `${INDENT}${a},`),
      ...(t.src?.inner ?? []).map((c) => INDENT + c),
      "}",
    );
  if (t.src?.trailing) out[out.length - 1] += ` ${t.src.trailing}`;
  return out.join("\n");
}

/**
 * `function|procedure NAME [renamed from OLD](ARGS) [returns TYPE] [language L] [OPTIONS] as
 * $$BODY$$`, the body verbatim.
 */
export function printRoutine(f: Routine): string {
  const out: string[] = [...commentLines(f.src, ""), ...docLines(f.doc, "")];
  const words = [
    `${f.procedure ? "procedure" : "function"} ${printQName(f.name)}${f.renamedFrom !== undefined ? ` renamed from ${printQName(f.renamedFrom)}` : ""}(${f.args})`,
    ...(f.returns !== undefined ? [`returns ${f.returns}`] : []),
    ...(f.language !== undefined ? [`language ${f.language}`] : []),
    ...(f.options !== undefined ? [f.options] : []),
    `as ${dollarQuoted(f.body)}`,
  ];
  out.push(withTrailing(words.join(" "), f.src));
  return out.join("\n");
}

/**
 * `trigger NAME [renamed from OLD] TIMING EVENTS on TABLE [for each row|statement] [when (COND)]
 * (execute function F(ARGS) | as $$BODY$$)`.
 */
export function printTrigger(t: Trigger): string {
  const out: string[] = [...commentLines(t.src, ""), ...docLines(t.doc, "")];
  const words = [
    `trigger ${printName(t.name)}${t.renamedFrom !== undefined ? ` renamed from ${printName(t.renamedFrom)}` : ""}`,
    `${t.timing} ${t.events} on ${printQName(t.table)}`,
    ...(t.forEach ? [`for each ${t.forEach}`] : []),
    ...(t.when !== undefined ? [`when (${t.when})`] : []),
    t.execute
      ? `execute function ${printQName(t.execute.function)}(${t.execute.args})`
      : `as ${dollarQuoted(t.body ?? "")}`,
  ];
  out.push(withTrailing(words.join(" "), t.src));
  return out.join("\n");
}

/** Sequences, domains, views, extensions, composite types, functions and triggers, beside the tables and enums. */
export interface OtherDeclarations {
  readonly sequences?: readonly Sequence[];
  readonly domains?: readonly Domain[];
  readonly views?: readonly View[];
  readonly extensions?: readonly Extension[];
  readonly composites?: readonly CompositeType[];
  readonly functions?: readonly Routine[];
  readonly triggers?: readonly Trigger[];
  readonly namespaces?: readonly Namespace[];
}

/**
 * Prints declarations in the given order (a file's source order for `fmt`), separated by one
 * blank line, with the file's trailing comments at the end. Always ends with one newline.
 * Without an order: schemas, extensions, enums, composite types, domains, sequences, functions, tables,
 * views, then triggers.
 */
export function printDeclarations(
  tables: readonly Table[],
  enums: readonly EnumType[],
  order?: readonly DeclRef[],
  trailing: readonly string[] = [],
  others: OtherDeclarations = {},
  opts: PrintOptions = {},
): string {
  const sequences = others.sequences ?? [];
  const domains = others.domains ?? [];
  const views = others.views ?? [];
  const extensions = others.extensions ?? [];
  const composites = others.composites ?? [];
  const functions = others.functions ?? [];
  const triggers = others.triggers ?? [];
  const namespaces = others.namespaces ?? [];
  const all = {
    table: tables,
    enum: enums,
    sequence: sequences,
    domain: domains,
    view: views,
    extension: extensions,
    composite: composites,
    function: functions,
    trigger: triggers,
    namespace: namespaces,
  };
  const byName = {
    table: new Map(tables.map((t) => [t.name, t])),
    enum: new Map(enums.map((e) => [e.name, e])),
    sequence: new Map(sequences.map((e) => [e.name, e])),
    domain: new Map(domains.map((e) => [e.name, e])),
    view: new Map(views.map((e) => [e.name, e])),
    extension: new Map(extensions.map((e) => [e.name, e])),
    composite: new Map(composites.map((e) => [e.name, e])),
    function: new Map(functions.map((e) => [e.name, e])),
    trigger: new Map(triggers.map((e) => [e.name, e])),
    namespace: new Map(namespaces.map((e) => [e.name, e])),
  };
  const seq = order ?? [
    ...namespaces.map((e) => ({ kind: "namespace" as const, name: e.name })),
    ...extensions.map((e) => ({ kind: "extension" as const, name: e.name })),
    ...enums.map((e) => ({ kind: "enum" as const, name: e.name })),
    ...composites.map((e) => ({ kind: "composite" as const, name: e.name })),
    ...domains.map((e) => ({ kind: "domain" as const, name: e.name })),
    ...sequences.map((e) => ({ kind: "sequence" as const, name: e.name })),
    ...functions.map((e) => ({ kind: "function" as const, name: e.name })),
    ...tables.map((t) => ({ kind: "table" as const, name: t.name })),
    ...views.map((v) => ({ kind: "view" as const, name: v.name })),
    ...triggers.map((v) => ({ kind: "trigger" as const, name: v.name })),
  ];
  const blocks: string[] = [];
  // A name declared twice (an error, still formatted) appears once per declaration.
  const used = {
    table: new Map<string, number>(),
    enum: new Map<string, number>(),
    sequence: new Map<string, number>(),
    domain: new Map<string, number>(),
    view: new Map<string, number>(),
    extension: new Map<string, number>(),
    composite: new Map<string, number>(),
    function: new Map<string, number>(),
    trigger: new Map<string, number>(),
    namespace: new Map<string, number>(),
  };
  for (const d of seq) {
    const n = used[d.kind].get(d.name) ?? 0;
    used[d.kind].set(d.name, n + 1);
    const decl =
      n === 0
        ? byName[d.kind].get(d.name)
        : (all[d.kind] as readonly { name: string }[]).filter((x) => x.name === d.name)[n];
    if (!decl) continue;
    blocks.push(
      d.kind === "table"
        ? printTable(decl as Table, opts)
        : d.kind === "enum"
          ? printEnum(decl as EnumType)
          : d.kind === "sequence"
            ? printSequence(decl as Sequence)
            : d.kind === "view"
              ? printView(decl as View)
              : d.kind === "extension"
                ? printExtension(decl as Extension)
                : d.kind === "composite"
                  ? printComposite(decl as CompositeType)
                  : d.kind === "function"
                    ? printRoutine(decl as Routine)
                    : d.kind === "trigger"
                      ? printTrigger(decl as Trigger)
                      : d.kind === "namespace"
                        ? printNamespace(decl as Namespace)
                        : printDomain(decl as Domain),
    );
  }
  if (trailing.length) blocks.push(trailing.join("\n"));
  return blocks.length ? `${blocks.join("\n\n")}\n` : "";
}

/** The whole schema in one text: enums first, then domains, sequences, tables and views. */
export function printSchema(schema: Schema): string {
  return printDeclarations(schema.tables, schema.enums, undefined, [], schema);
}
