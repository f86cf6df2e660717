/**
 * The differ's part for sequences, domains, composite types and extensions (PostgreSQL),
 * matched by name or accepted rename (extensions by name only). Their phases, around the
 * tables' (see `differ.ts`):
 *
 * - `extensionCreate` (the plan's first changes): extensions created, before anything that
 *   may use what one makes.
 * - `create` (phase 1, after the enums, before any table): domains dropped and created again
 *   for a new base type, created, renamed, altered; then composite types renamed, created
 *   (those an attribute is of first) and altered; sequences created (without their owner:
 *   the owning column does not exist yet) and renamed. A table's default may then draw from a
 *   new sequence, and a column may be of a new domain or composite type.
 * - `own` (after the tables' columns are added and altered, before any is dropped): a
 *   sequence's options, owner and comment. A new owner exists by then; a sequence that loses
 *   its owner (or is dropped) is disowned before the old column or table goes, which would
 *   drop it with them.
 * - `drop` (after the tables are dropped, before the enums): composite types (those using
 *   others first), then sequences and domains that go, once nothing uses them.
 * - `extensionDrop` (after the enums' drops): extensions, once nothing uses them.
 */
import type { CompositeType, Domain, Schema, Sequence } from "../ir/model.ts";
import {
  compositeAttributeKey,
  compositesInCreateOrder,
  compositesOf,
  extensionsOf,
} from "../ir/composite.ts";
import {
  domainBaseKey,
  domainChecksKey,
  domainDefaultKey,
  domainsOf,
  ownerKey,
  sequenceOptionsKey,
  sequencesOf,
} from "../ir/sequence.ts";
import type { Change } from "./changes.ts";
import type { Renames } from "./renames.ts";

export interface ObjectPhases {
  readonly create: Change[];
  readonly own: Change[];
  readonly drop: Change[];
  /** Extensions created: the plan's first changes (`diffExtensions`). */
  readonly extensionCreate: Change[];
  /** Extensions dropped: the plan's last changes before the views' creations. */
  readonly extensionDrop: Change[];
}

/** How the tables and their columns were matched: old names → new ones. */
export interface OwnerMapping {
  readonly mapTable: (old: string) => string;
  readonly mapCols: (newTable: string, cols: readonly string[]) => string[];
}

const unowned = (s: Sequence): Sequence => {
  const { ownedBy: _, ...rest } = s;
  return rest;
};

/** Old and new declarations matched by name or by an accepted rename (new name → old name). */
function match<T extends { name: string }>(
  from: readonly T[],
  to: readonly T[],
  renames: ReadonlyMap<string, string> | undefined,
) {
  const old = new Map(from.map((x) => [x.name, x]));
  const pairs: { old: T; neu: T }[] = [];
  const created: T[] = [];
  const matched = new Set<string>();
  for (const x of to) {
    const o = old.get(renames?.get(x.name) ?? x.name) ?? (renames?.has(x.name) ? undefined : old.get(x.name));
    if (o && !matched.has(o.name)) {
      matched.add(o.name);
      pairs.push({ old: o, neu: x });
    } else created.push(x);
  }
  return { pairs, created, dropped: from.filter((x) => !matched.has(x.name)) };
}

/** Domain renames, old name → new name: columns of the domain are renamed with it. */
export function domainRenames(from: Schema, to: Schema, renames: Renames): Map<string, string> {
  const { pairs } = match(domainsOf(from), domainsOf(to), renames.domains);
  return new Map(pairs.filter((p) => p.old.name !== p.neu.name).map((p) => [p.old.name, p.neu.name]));
}

export function diffSequences(
  from: Schema,
  to: Schema,
  renames: Renames,
  m: OwnerMapping,
  p: ObjectPhases,
): Map<string, string> {
  const { pairs, created, dropped } = match(sequencesOf(from), sequencesOf(to), renames.sequences);
  // The old owner under the names it has once tables and columns are renamed.
  const mapped = (s: Sequence): Sequence => {
    if (!s.ownedBy) return s;
    const table = m.mapTable(s.ownedBy.table);
    return { ...s, ownedBy: { table, column: m.mapCols(table, [s.ownedBy.column])[0]! } };
  };
  for (const s of created) {
    p.create.push({ kind: "create-sequence", sequence: unowned(s) });
    if (s.ownedBy) p.own.push({ kind: "alter-sequence", from: unowned(s), to: s });
  }
  for (const { old, neu } of pairs) {
    if (old.name !== neu.name) p.create.push({ kind: "rename-sequence", from: old.name, to: neu.name });
    const before = { ...mapped(old), name: neu.name };
    if (
      sequenceOptionsKey(before) !== sequenceOptionsKey(neu) ||
      ownerKey(before) !== ownerKey(neu) ||
      (before.doc ?? "") !== (neu.doc ?? "")
    )
      p.own.push({ kind: "alter-sequence", from: stripRename(before), to: stripRename(neu) });
  }
  for (const s of dropped) {
    const before = mapped(s);
    if (before.ownedBy) p.own.push({ kind: "alter-sequence", from: before, to: unowned(before) });
    p.drop.push({ kind: "drop-sequence", sequence: unowned(before) });
  }
  // Renamed sequences, old name → new name.
  return new Map(pairs.filter((x) => x.old.name !== x.neu.name).map((x) => [x.old.name, x.neu.name]));
}

export function diffDomains(from: Schema, to: Schema, renames: Renames, p: ObjectPhases): void {
  const { pairs, created, dropped } = match(domainsOf(from), domainsOf(to), renames.domains);
  for (const d of created) p.create.push({ kind: "create-domain", domain: d });
  for (const { old, neu } of pairs) {
    if (old.name !== neu.name) p.create.push({ kind: "rename-domain", from: old.name, to: neu.name });
    const before: Domain = { ...old, name: neu.name };
    // Another base type or collation: PostgreSQL alters neither, so the domain is made again
    // (`plan` refuses this when a column uses the domain).
    if (domainBaseKey(before) !== domainBaseKey(neu)) {
      p.create.push({ kind: "drop-domain", domain: before }, { kind: "create-domain", domain: neu });
      continue;
    }
    if (
      domainDefaultKey(before) !== domainDefaultKey(neu) ||
      before.nullable !== neu.nullable ||
      domainChecksKey(before) !== domainChecksKey(neu) ||
      (before.doc ?? "") !== (neu.doc ?? "")
    )
      p.create.push({ kind: "alter-domain", from: stripRename(before), to: stripRename(neu) });
  }
  for (const d of dropped) p.drop.push({ kind: "drop-domain", domain: d });
}

/** `renamed from` is a hint for this migration, not part of the object. */
function stripRename<T extends { renamedFrom?: string }>(x: T): T {
  const { renamedFrom: _, ...rest } = x;
  return rest as T;
}

/**
 * Extensions: created in `extensionCreate` (before everything else: an enum, a domain, a
 * composite type or a table may use what one makes) and dropped in `extensionDrop` (after
 * everything else). They have no rename and no alteration.
 */
export function diffExtensions(from: Schema, to: Schema, p: ObjectPhases): void {
  const had = new Map(extensionsOf(from).map((x) => [x.name, x]));
  const has = new Set(extensionsOf(to).map((x) => x.name));
  for (const x of extensionsOf(to)) {
    const old = had.get(x.name);
    // Another schema (`schema = ...`): dropped and created again there, first of all (PostgreSQL
    // refuses the drop while a column uses what it makes, so such an `up` fails, rolled back).
    if (old && old.schema !== x.schema) p.extensionCreate.push({ kind: "drop-extension", extension: old });
    if (!old || old.schema !== x.schema) p.extensionCreate.push({ kind: "create-extension", extension: x });
  }
  for (const x of extensionsOf(from))
    if (!has.has(x.name)) p.extensionDrop.push({ kind: "drop-extension", extension: x });
}

/**
 * Schemas (PostgreSQL namespaces), by name (a schema has no rename: moving its objects is each
 * object's rename). Created before everything else (an object moves into a new schema in the
 * views' renames, the plan's earliest phase that names one) and dropped after everything else
 * (DROP SCHEMA without CASCADE needs it empty); a kept schema's comment is set after the creates.
 */
export function diffNamespaces(from: Schema, to: Schema): { create: Change[]; drop: Change[] } {
  const had = new Map((from.namespaces ?? []).map((x) => [x.name, x]));
  const has = new Set((to.namespaces ?? []).map((x) => x.name));
  const create: Change[] = [];
  const comments: Change[] = [];
  for (const x of to.namespaces ?? []) {
    const old = had.get(x.name);
    if (!old) create.push({ kind: "create-namespace", namespace: x });
    else if (old.doc !== x.doc)
      comments.push({
        kind: "set-namespace-comment",
        namespace: x.name,
        ...(old.doc !== undefined ? { from: old.doc } : {}),
        ...(x.doc !== undefined ? { to: x.doc } : {}),
      });
  }
  const drop = (from.namespaces ?? [])
    .filter((x) => !has.has(x.name))
    .map((x): Change => ({ kind: "drop-namespace", namespace: x }));
  return { create: [...create, ...comments], drop };
}

/** Composite type renames, old name → new name: columns of the type are renamed with it. */
export function compositeRenames(from: Schema, to: Schema, renames: Renames): Map<string, string> {
  const { pairs } = match(compositesOf(from), compositesOf(to), renames.composites);
  return new Map(pairs.filter((p) => p.old.name !== p.neu.name).map((p) => [p.old.name, p.neu.name]));
}

/**
 * Composite types: created (those an attribute is of first), renamed and altered in `create`,
 * after the domains (an attribute may be of one); dropped at the start of `drop`, before the
 * domains and the composite types their attributes are of.
 */
export function diffComposites(from: Schema, to: Schema, renames: Renames, p: ObjectPhases): void {
  const { pairs, created, dropped } = match(compositesOf(from), compositesOf(to), renames.composites);
  const newName = new Map(pairs.map((x) => [x.old.name, x.neu.name]));
  // An attribute of a renamed composite type names it anew when compared.
  const renamedAttrs = (t: CompositeType): CompositeType => ({
    ...t,
    attributes: t.attributes.map((a) =>
      a.type.kind === "native" && newName.has(a.type.name)
        ? { ...a, type: { ...a.type, name: newName.get(a.type.name)! } }
        : a,
    ),
  });
  for (const { old, neu } of pairs)
    if (old.name !== neu.name) p.create.push({ kind: "rename-composite", from: old.name, to: neu.name });
  for (const t of compositesInCreateOrder(created)) p.create.push({ kind: "create-composite", composite: t });
  for (const { old, neu } of pairs) {
    const before = stripRename({ ...renamedAttrs(old), name: neu.name });
    const after = stripRename(neu);
    const key = (t: CompositeType) =>
      JSON.stringify(t.attributes.map((a) => [a.name, compositeAttributeKey(a)]));
    if (key(before) !== key(after) || (before.doc ?? "") !== (after.doc ?? ""))
      p.create.push({ kind: "alter-composite", from: before, to: after });
  }
  p.drop.unshift(
    ...compositesInCreateOrder(dropped)
      .reverse()
      .map((t): Change => ({ kind: "drop-composite", composite: renamedAttrs(t) })),
  );
}
