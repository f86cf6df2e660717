/** One line per change, for people: what `diff` and `generate` print. */
import { tableParent } from "../ir/inheritance.ts";
import type { Change } from "./changes.ts";
import { assertNever } from "./changes.ts";
import { typeText } from "../ir/validate.ts";
import { printDefault, printIdentityOptions } from "../dsl/printer.ts";
import type { Column, CompositeType, Domain, Sequence, TableOptions } from "../ir/model.ts";
import { compositeAlteration } from "../ir/composite.ts";
import { domainChecksKey, domainDefaultKey, ownerKey, sequenceOptionsKey } from "../ir/sequence.ts";
import type { ColumnFacet } from "./facets.ts";

export function describe(c: Change): string {
  switch (c.kind) {
    case "create-enum":
      return `+ enum ${c.enum.name} (${c.enum.values.map((v) => v.name).join(", ")})`;
    case "drop-enum":
      return `- enum ${c.enum.name}`;
    case "rename-enum":
      return `~ enum ${c.from} renamed to ${c.to}`;
    case "add-enum-values":
      return `~ enum ${c.enum}: + ${c.values.join(", ")}`;
    case "alter-enum-values":
      return `~ enum ${c.enum}: (${c.from.join(", ")}) → (${c.to.join(", ")})`;
    case "set-enum-comment":
      return `~ enum ${c.enum}: comment ${c.to === undefined ? "removed" : "set"}`;
    case "create-table": {
      if (c.table.virtual) return `+ virtual table ${c.table.name} using ${c.table.virtual.module}`;
      // A partition's columns are its parent's: say whose it is (a child adds its own).
      const parent = tableParent(c.table);
      const n = c.table.columns.length;
      const cols = `${n} column${n === 1 ? "" : "s"}`;
      return parent?.kind === "partition"
        ? `+ table ${c.table.name} (partition of ${parent.parent})`
        : `+ table ${c.table.name} (${parent ? `inherits ${parent.parent}, ${cols} of its own` : cols})`;
    }
    case "create-sequence":
      return `+ sequence ${c.sequence.name}`;
    case "drop-sequence":
      return `- sequence ${c.sequence.name}`;
    case "rename-sequence":
      return `~ sequence ${c.from} renamed to ${c.to}`;
    case "alter-sequence":
      return `~ sequence ${c.to.name}: ${sequenceChangeText(c.from, c.to)}`;
    case "create-domain":
      return `+ domain ${c.domain.name} (${typeText(c.domain.type)})`;
    case "drop-domain":
      return `- domain ${c.domain.name}`;
    case "rename-domain":
      return `~ domain ${c.from} renamed to ${c.to}`;
    case "alter-domain":
      return `~ domain ${c.to.name}: ${domainChangeText(c.from, c.to)}`;
    case "create-namespace":
      return `+ schema ${c.namespace.name}`;
    case "drop-namespace":
      return `- schema ${c.namespace.name}`;
    case "set-namespace-comment":
      return `~ schema ${c.namespace} (comment)`;
    case "create-extension":
      return `+ extension ${c.extension.name}`;
    case "drop-extension":
      return `- extension ${c.extension.name}`;
    case "create-composite":
      return `+ type ${c.composite.name} (${c.composite.attributes.map((a) => `${a.name} ${typeText(a.type)}`).join(", ")})`;
    case "drop-composite":
      return `- type ${c.composite.name}`;
    case "rename-composite":
      return `~ type ${c.from} renamed to ${c.to}`;
    case "alter-composite":
      return `~ type ${c.to.name}: ${compositeChangeText(c.from, c.to)}`;
    case "create-view":
      return c.view.materialized
        ? `+ materialized view ${c.view.name} (its rows computed now)`
        : `+ view ${c.view.name}`;
    case "drop-view":
      return `- ${c.view.materialized ? "materialized " : ""}view ${c.view.name}`;
    case "rename-view":
      return `~ view ${c.from} renamed to ${c.to}`;
    case "create-function":
      return `+ ${c.function.procedure ? "procedure" : "function"} ${c.function.name}(${c.function.args})`;
    case "drop-function":
      return `- ${c.function.procedure ? "procedure" : "function"} ${c.function.name}(${c.function.args})`;
    case "replace-function":
      return `~ ${c.to.procedure ? "procedure" : "function"} ${c.to.name}: new definition`;
    case "rename-function":
      return `~ function ${c.from} renamed to ${c.to}`;
    case "create-trigger":
      return `+ trigger ${c.trigger.name} on ${c.trigger.table}`;
    case "drop-trigger":
      return `- trigger ${c.trigger.name} on ${c.trigger.table}`;
    case "rename-trigger":
      return `~ trigger ${c.from} renamed to ${c.to}`;
    case "set-routine-doc":
      return `~ ${c.of} ${c.name}: doc ${c.to === undefined ? "removed" : "set"}`;
    case "set-view-comment":
      return `~ view ${c.view}: comment ${c.to === undefined ? "removed" : "set"}`;
    case "drop-table":
      return `- ${c.table.virtual ? "virtual " : ""}table ${c.table.name}`;
    case "rename-table":
      return `~ table ${c.from} renamed to ${c.to}`;
    case "set-table-comment":
      return `~ table ${c.table}: comment ${c.to === undefined ? "removed" : "set"}`;
    case "set-table-options":
      return `~ table ${c.table}: options (${optionsText(c.from)}) → (${optionsText(c.to)})`;
    case "add-column":
      return `+ column ${c.table}.${c.column.name} ${columnText(c.column)}`;
    case "drop-column":
      return `- column ${c.table}.${c.column.name}`;
    case "reorder-columns":
      return `~ table ${c.table}: columns reordered (${c.to.join(", ")})`;
    case "rename-column":
      return `~ column ${c.table}.${c.from} renamed to ${c.to}`;
    case "alter-column":
      return `~ column ${c.table}.${c.to.name}: ${c.facets.map((f) => facetText(f, c.from, c.to)).join(", ")}`;
    case "add-primary-key":
      return `+ primary key ${c.table}(${c.primaryKey.columns.join(", ")})`;
    case "drop-primary-key":
      return `- primary key ${c.table}(${c.primaryKey.columns.join(", ")})`;
    case "add-unique":
      return `+ unique ${c.unique.name} on ${c.table}(${c.unique.columns.join(", ")})`;
    case "drop-unique":
      return `- unique ${c.unique.name} on ${c.table}`;
    case "create-index":
      return `+ ${c.index.unique ? "unique " : ""}index ${c.index.name} on ${c.table}`;
    case "drop-index":
      return `- index ${c.index.name} on ${c.table}`;
    case "add-foreign-key":
      return `+ foreign key ${c.foreignKey.name}: ${c.table}(${c.foreignKey.columns.join(", ")}) → ${c.foreignKey.refTable}(${c.foreignKey.refColumns.join(", ")})`;
    case "drop-foreign-key":
      return `- foreign key ${c.foreignKey.name} on ${c.table}`;
    case "add-check":
      return `+ check ${c.check.name} on ${c.table}: ${c.check.expr}`;
    case "drop-check":
      return `- check ${c.check.name} on ${c.table}`;
    case "add-exclusion":
      return `+ exclusion ${c.exclusion.name} on ${c.table}`;
    case "drop-exclusion":
      return `- exclusion ${c.exclusion.name} on ${c.table}`;
    case "set-item-comment":
      return `~ ${c.item.replace("-", " ")} ${c.name} on ${c.table}: comment ${c.to === undefined ? "removed" : "set"}`;
    case "set-constraint-valid":
      return `~ ${c.constraint.replace("-", " ")} ${c.name} on ${c.table}: ${c.valid ? "validated" : "now not valid"}`;
    case "rename-constraint":
      return `~ ${c.constraint.replace("-", " ")} ${c.from} renamed to ${c.to} on ${c.table}`;
    case "rename-index":
      return `~ index ${c.from} renamed to ${c.to} on ${c.table}`;
    default:
      return assertNever(c);
  }
}

/** A composite type's attributes added, dropped, moved to the end and retyped, and its comment. */
function compositeChangeText(a: CompositeType, b: CompositeType): string {
  const { drop, add, retype, moved } = compositeAlteration(a, b);
  const before = new Map(a.attributes.map((x) => [x.name, x]));
  const parts = [
    ...add.map((x) =>
      moved.includes(x.name) ? `${x.name} moved to the end (emptied)` : `+ ${x.name} ${typeText(x.type)}`,
    ),
    ...retype.map((x) => `${x.name} ${typeText(before.get(x.name)!.type)} → ${typeText(x.type)}`),
    ...drop.filter((n) => !moved.includes(n)).map((n) => `- ${n}`),
    ...((a.doc ?? "") !== (b.doc ?? "") ? [`comment ${b.doc === undefined ? "removed" : "set"}`] : []),
  ];
  return parts.join(", ");
}

function columnText(c: Column): string {
  return `${typeText(c.type)}${c.nullable ? "?" : ""}${c.identity ? ` ${generatedText(c)}` : ""}${c.default ? ` default ${printDefault(c.default)}` : ""}${c.generated ? ` ${generatedAs(c)}` : ""}`;
}

/** `serial`, `identity` or `identity(always, ...)`, as the column is generated. */
function generatedText(c: Column): string {
  return c.serial ? "serial" : `identity${printIdentityOptions(c.identityOptions)}`;
}

/** `as (expr) stored`, or `none` for a plain column. */
const generatedAs = (c: Column) =>
  c.generated ? `as (${c.generated.expr}) ${c.generated.stored ? "stored" : "virtual"}` : "none";

function facetText(f: ColumnFacet, a: Column, b: Column): string {
  switch (f) {
    case "type":
      return `type ${typeText(a.type)} → ${typeText(b.type)}`;
    case "nullable":
      return b.nullable ? "now nullable" : "now NOT NULL";
    case "default":
      return `default ${a.default ? printDefault(a.default) : "none"} → ${b.default ? printDefault(b.default) : "none"}`;
    case "identity":
      return !a.identity
        ? `now ${generatedText(b)}`
        : !b.identity
          ? `no longer ${generatedText(a)}`
          : `${generatedText(a)} → ${generatedText(b)}`;
    case "collation":
      return `collation ${a.collation ?? "default"} → ${b.collation ?? "default"}`;
    case "onUpdate":
      return b.onUpdate ? "on update now() set" : "on update now() dropped";
    case "generated":
      return `generated ${generatedAs(a)} → ${generatedAs(b)}`;
    case "comment":
      return "comment changed";
    default:
      return assertNever(f);
  }
}

/** What a change is about, for `--json`: the table, and the column or object within it. */
export function changeTarget(c: Change): { table?: string; column?: string; enum?: string; name?: string } {
  switch (c.kind) {
    case "create-enum":
    case "drop-enum":
      return { enum: c.enum.name };
    case "rename-enum":
      return { enum: c.to };
    case "add-enum-values":
    case "alter-enum-values":
    case "set-enum-comment":
      return { enum: c.enum };
    case "create-sequence":
    case "drop-sequence":
      return { name: c.sequence.name };
    case "rename-sequence":
    case "rename-domain":
      return { name: c.to };
    case "alter-sequence":
    case "alter-domain":
      return { name: c.to.name };
    case "create-domain":
    case "drop-domain":
      return { name: c.domain.name };
    case "create-namespace":
    case "drop-namespace":
      return { name: c.namespace.name };
    case "set-namespace-comment":
      return { name: c.namespace };
    case "create-extension":
    case "drop-extension":
      return { name: c.extension.name };
    case "create-composite":
    case "drop-composite":
      return { name: c.composite.name };
    case "rename-composite":
      return { name: c.to };
    case "alter-composite":
      return { name: c.to.name };
    case "create-view":
    case "drop-view":
      return { name: c.view.name };
    case "rename-view":
    case "rename-function":
    case "rename-trigger":
      return { name: c.to };
    case "create-function":
    case "drop-function":
      return { name: c.function.name };
    case "replace-function":
      return { name: c.to.name };
    case "create-trigger":
    case "drop-trigger":
      return { name: c.trigger.name };
    case "set-routine-doc":
      return { name: c.name };
    case "set-view-comment":
      return { name: c.view };
    case "create-table":
    case "drop-table":
      return { table: c.table.name };
    case "rename-table":
      return { table: c.to };
    case "set-table-comment":
    case "set-table-options":
    case "reorder-columns":
      return { table: c.table };
    case "add-column":
    case "drop-column":
      return { table: c.table, column: c.column.name };
    case "rename-column":
      return { table: c.table, column: c.to };
    case "alter-column":
      return { table: c.table, column: c.to.name };
    case "add-primary-key":
    case "drop-primary-key":
      return { table: c.table, name: c.primaryKey.name };
    case "add-unique":
    case "drop-unique":
      return { table: c.table, name: c.unique.name };
    case "create-index":
    case "drop-index":
      return { table: c.table, name: c.index.name };
    case "add-foreign-key":
    case "drop-foreign-key":
      return { table: c.table, name: c.foreignKey.name };
    case "add-check":
    case "drop-check":
      return { table: c.table, name: c.check.name };
    case "set-constraint-valid":
    case "set-item-comment":
      return { table: c.table, name: c.name };
    case "add-exclusion":
    case "drop-exclusion":
      return { table: c.table, name: c.exclusion.name };
    case "rename-constraint":
    case "rename-index":
      return { table: c.table, name: c.to };
    default:
      return assertNever(c);
  }
}

/** Table options as the language writes them: `without rowid, engine = InnoDB`. */
export function optionsText(o: TableOptions | undefined): string {
  return Object.entries(o ?? {})
    .map(([k, v]) => (v === true ? k : `${k} = ${v}`))
    .join(", ");
}

/** What an `alter-sequence` changes: options, owner, comment. */
function sequenceChangeText(a: Sequence, b: Sequence): string {
  const parts: string[] = [];
  if (sequenceOptionsKey(a) !== sequenceOptionsKey(b)) parts.push("options changed");
  if (ownerKey(a) !== ownerKey(b)) parts.push(b.ownedBy ? `owned by ${ownerKey(b)}` : "owned by none");
  if ((a.doc ?? "") !== (b.doc ?? "")) parts.push("comment changed");
  return parts.join(", ") || "unchanged";
}

/** What an `alter-domain` changes: default, NOT NULL, checks, comment. */
function domainChangeText(a: Domain, b: Domain): string {
  const parts: string[] = [];
  if (domainDefaultKey(a) !== domainDefaultKey(b)) parts.push(b.default ? "default set" : "default dropped");
  if (a.nullable !== b.nullable) parts.push(b.nullable ? "NULL allowed" : "NOT NULL");
  if (domainChecksKey(a) !== domainChecksKey(b)) parts.push("checks changed");
  if ((a.doc ?? "") !== (b.doc ?? "")) parts.push("comment changed");
  return parts.join(", ") || "unchanged";
}
