/**
 * Inversion: every change knows how to undo itself, because it carries the state it replaces.
 * The down plan of a migration is `invertAll(up)`: the inverses in reverse order.
 */
import type { Change } from "./changes.ts";
import { assertNever } from "./changes.ts";

export function invert(c: Change): Change {
  switch (c.kind) {
    case "create-enum":
      return { kind: "drop-enum", enum: c.enum };
    case "drop-enum":
      return { kind: "create-enum", enum: c.enum };
    case "rename-enum":
      return { kind: "rename-enum", from: c.to, to: c.from };
    case "add-enum-values":
      return { kind: "alter-enum-values", enum: c.enum, from: [...c.before, ...c.values], to: c.before };
    case "alter-enum-values":
      return { kind: "alter-enum-values", enum: c.enum, from: c.to, to: c.from };
    case "set-enum-comment":
      return {
        kind: "set-enum-comment",
        enum: c.enum,
        ...(c.to !== undefined ? { from: c.to } : {}),
        ...(c.from !== undefined ? { to: c.from } : {}),
      };
    case "create-sequence":
      return { kind: "drop-sequence", sequence: c.sequence };
    case "drop-sequence":
      return { kind: "create-sequence", sequence: c.sequence };
    case "rename-sequence":
      return { kind: "rename-sequence", from: c.to, to: c.from };
    case "alter-sequence":
      return { kind: "alter-sequence", from: c.to, to: c.from };
    case "create-domain":
      return { kind: "drop-domain", domain: c.domain };
    case "drop-domain":
      return { kind: "create-domain", domain: c.domain };
    case "rename-domain":
      return { kind: "rename-domain", from: c.to, to: c.from };
    case "alter-domain":
      return { kind: "alter-domain", from: c.to, to: c.from };
    case "create-namespace":
      return { kind: "drop-namespace", namespace: c.namespace };
    case "drop-namespace":
      return { kind: "create-namespace", namespace: c.namespace };
    case "set-namespace-comment":
      return {
        kind: "set-namespace-comment",
        namespace: c.namespace,
        ...(c.to !== undefined ? { from: c.to } : {}),
        ...(c.from !== undefined ? { to: c.from } : {}),
      };
    case "create-extension":
      return { kind: "drop-extension", extension: c.extension };
    case "drop-extension":
      return { kind: "create-extension", extension: c.extension };
    case "create-composite":
      return { kind: "drop-composite", composite: c.composite };
    case "drop-composite":
      return { kind: "create-composite", composite: c.composite };
    case "rename-composite":
      return { kind: "rename-composite", from: c.to, to: c.from };
    case "alter-composite":
      return { kind: "alter-composite", from: c.to, to: c.from };
    case "create-view":
      return { kind: "drop-view", view: c.view };
    case "drop-view":
      return { kind: "create-view", view: c.view };
    case "rename-view":
      return { kind: "rename-view", from: c.to, to: c.from };
    case "create-function":
      return { kind: "drop-function", function: c.function };
    case "drop-function":
      return { kind: "create-function", function: c.function };
    case "replace-function":
      return { kind: "replace-function", from: c.to, to: c.from };
    case "rename-function":
      return { kind: "rename-function", from: c.to, to: c.from };
    case "create-trigger":
      return { kind: "drop-trigger", trigger: c.trigger };
    case "drop-trigger":
      return { kind: "create-trigger", trigger: c.trigger };
    case "rename-trigger":
      return { kind: "rename-trigger", from: c.to, to: c.from };
    case "set-routine-doc":
      return {
        kind: "set-routine-doc",
        of: c.of,
        name: c.name,
        ...(c.to !== undefined ? { from: c.to } : {}),
        ...(c.from !== undefined ? { to: c.from } : {}),
      };
    case "set-view-comment":
      return {
        kind: "set-view-comment",
        view: c.view,
        ...(c.to !== undefined ? { from: c.to } : {}),
        ...(c.from !== undefined ? { to: c.from } : {}),
      };
    case "create-table":
      return { kind: "drop-table", table: c.table };
    case "drop-table":
      return { kind: "create-table", table: c.table };
    case "rename-table":
      return { kind: "rename-table", from: c.to, to: c.from };
    case "set-table-comment":
      return {
        kind: "set-table-comment",
        table: c.table,
        ...(c.to !== undefined ? { from: c.to } : {}),
        ...(c.from !== undefined ? { to: c.from } : {}),
      };
    case "set-table-options":
      return {
        kind: "set-table-options",
        table: c.table,
        ...(c.to !== undefined ? { from: c.to } : {}),
        ...(c.from !== undefined ? { to: c.from } : {}),
      };
    case "add-column":
      return { kind: "drop-column", table: c.table, column: c.column };
    case "reorder-columns":
      return { kind: "reorder-columns", table: c.table, from: c.to, to: c.from };
    case "drop-column":
      return { kind: "add-column", table: c.table, column: c.column };
    case "rename-column":
      return { kind: "rename-column", table: c.table, from: c.to, to: c.from };
    case "alter-column":
      // Facets are symmetric: what changes one way changes back the other.
      return { kind: "alter-column", table: c.table, from: c.to, to: c.from, facets: c.facets };
    case "add-primary-key":
      return { kind: "drop-primary-key", table: c.table, primaryKey: c.primaryKey };
    case "drop-primary-key":
      return { kind: "add-primary-key", table: c.table, primaryKey: c.primaryKey };
    case "add-unique":
      return { kind: "drop-unique", table: c.table, unique: c.unique };
    case "drop-unique":
      return { kind: "add-unique", table: c.table, unique: c.unique };
    case "create-index":
      return { kind: "drop-index", table: c.table, index: c.index };
    case "drop-index":
      return { kind: "create-index", table: c.table, index: c.index };
    case "add-foreign-key":
      return { kind: "drop-foreign-key", table: c.table, foreignKey: c.foreignKey };
    case "drop-foreign-key":
      return { kind: "add-foreign-key", table: c.table, foreignKey: c.foreignKey };
    case "add-check":
      return { kind: "drop-check", table: c.table, check: c.check };
    case "drop-check":
      return { kind: "add-check", table: c.table, check: c.check };
    case "add-exclusion":
      return { kind: "drop-exclusion", table: c.table, exclusion: c.exclusion };
    case "drop-exclusion":
      return { kind: "add-exclusion", table: c.table, exclusion: c.exclusion };
    case "set-item-comment": {
      const { from, to, ...rest } = c;
      return {
        ...rest,
        ...(to !== undefined ? { from: to } : {}),
        ...(from !== undefined ? { to: from } : {}),
      };
    }
    case "set-constraint-valid":
      return { ...c, valid: !c.valid };
    case "rename-constraint":
      return { ...c, from: c.to, to: c.from };
    case "rename-index":
      return { ...c, from: c.to, to: c.from };
    default:
      return assertNever(c);
  }
}

/** The inverse plan: each change inverted, in reverse order. */
export function invertAll(changes: readonly Change[]): Change[] {
  return changes.map(invert).reverse();
}
