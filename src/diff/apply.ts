/**
 * Applies changes to a schema in the IR: what a database would look like after running them.
 * Used to prove the differ right (diff(A, B) applied to A gives B) and, later, to check a
 * migration's snapshot against its SQL.
 */
import type {
  ColumnType,
  CompositeType,
  Domain,
  EnumType,
  Extension,
  Namespace,
  Routine,
  Schema,
  Sequence,
  Table,
  Trigger,
  View,
} from "../ir/model.ts";
import type { Change } from "./changes.ts";
import { assertNever } from "./changes.ts";
import { renameSequenceInDefault } from "../ir/sequence.ts";
import { NameHint } from "../ir/by-name.ts";

export function applyChanges(schema: Schema, changes: readonly Change[]): Schema {
  // `slice`, not `[...xs]`: a plan's timeline copies every table list once per step, and the
  // spread walks the array through its iterator.
  const s: State = {
    tables: schema.tables.slice(),
    enums: schema.enums.slice(),
    sequences: schema.sequences?.slice() ?? [],
    domains: schema.domains?.slice() ?? [],
    views: schema.views?.slice() ?? [],
    namespaces: schema.namespaces?.slice() ?? [],
    extensions: schema.extensions?.slice() ?? [],
    composites: schema.composites?.slice() ?? [],
    functions: schema.functions?.slice() ?? [],
    triggers: schema.triggers?.slice() ?? [],
  };
  for (const c of changes) applyTo(s, c);
  // Sequences and domains are absent where there are none, as a schema read from files has them.
  return {
    tables: s.tables,
    enums: s.enums,
    ...(s.sequences.length ? { sequences: s.sequences } : {}),
    ...(s.domains.length ? { domains: s.domains } : {}),
    ...(s.views.length ? { views: s.views } : {}),
    ...(s.namespaces.length ? { namespaces: s.namespaces } : {}),
    ...(s.extensions.length ? { extensions: s.extensions } : {}),
    ...(s.composites.length ? { composites: s.composites } : {}),
    ...(s.functions.length ? { functions: s.functions } : {}),
    ...(s.triggers.length ? { triggers: s.triggers } : {}),
  };
}

/**
 * One change applied: a new schema that shares every table and enum the change leaves alone
 * with `schema` (so a plan's timeline of schemas, `steps.ts`, costs one array copy a step).
 * Throws when the change does not fit the schema: that is a planner bug.
 */
export function applyChange(schema: Schema, c: Change): Schema {
  return applyChanges(schema, [c]);
}

/**
 * Where `edit` last found each table: a plan's timeline applies one change at a time to a copy
 * of the tables, which keeps them in place (a scan of 1,000 tables per step was most of it).
 */
const tableHint = new NameHint();

interface State {
  tables: Table[];
  enums: EnumType[];
  sequences: Sequence[];
  domains: Domain[];
  views: View[];
  namespaces: Namespace[];
  extensions: Extension[];
  composites: CompositeType[];
  functions: Routine[];
  triggers: Trigger[];
}

function applyTo(s: State, c: Change): void {
  let { tables, enums, sequences, domains, views, namespaces, extensions, composites, functions, triggers } =
    s;
  // A trigger follows its table or view (the databases keep it by oid, or rename it with the table).
  const retable = (from: string, to: string) => {
    triggers = triggers.map((t) => (t.table === from ? { ...t, table: to } : t));
  };
  const must = <T extends { name: string }>(xs: readonly T[], name: string, what: string) => {
    if (!xs.some((x) => x.name === name)) throw new Error(`apply: no ${what} ${name}`);
  };
  // A sequence's owner follows its table and column (PostgreSQL keeps it by oid).
  const reown = (f: (o: { table: string; column: string }) => { table: string; column: string }) => {
    sequences = sequences.map((q) => (q.ownedBy ? { ...q, ownedBy: f(q.ownedBy) } : q));
  };
  const edit = (name: string, f: (t: Table) => Table) => {
    const i = tableHint.indexOf(tables, name);
    if (i === -1) throw new Error(`apply: no table ${name}`);
    tables[i] = f(tables[i]!);
  };
  const without = <T extends { name: string }>(xs: readonly T[], name: string) =>
    xs.filter((x) => x.name !== name);
  switch (c.kind) {
    case "create-enum":
      enums.push(c.enum);
      break;
    case "drop-enum":
      enums = without(enums, c.enum.name);
      break;
    case "rename-enum":
      enums = enums.map((e) => (e.name === c.from ? { ...e, name: c.to } : e));
      tables = tables.map((t) => ({
        ...t,
        columns: t.columns.map((col) =>
          col.type.kind === "enum" && col.type.name === c.from
            ? { ...col, type: { kind: "enum", name: c.to } }
            : col,
        ),
      }));
      break;
    case "add-enum-values":
      enums = enums.map((e) =>
        e.name === c.enum ? { ...e, values: [...e.values, ...c.values.map((name) => ({ name }))] } : e,
      );
      break;
    case "alter-enum-values":
      enums = enums.map((e) => (e.name === c.enum ? { ...e, values: c.to.map((name) => ({ name })) } : e));
      break;
    case "set-enum-comment":
      enums = enums.map((e) => {
        if (e.name !== c.enum) return e;
        const { doc: _, ...rest } = e;
        return c.to !== undefined ? { ...rest, doc: c.to } : rest;
      });
      break;
    case "create-sequence":
      sequences.push(c.sequence);
      break;
    case "drop-sequence":
      must(sequences, c.sequence.name, "sequence");
      sequences = without(sequences, c.sequence.name);
      break;
    case "rename-sequence":
      must(sequences, c.from, "sequence");
      sequences = sequences.map((q) => (q.name === c.from ? { ...q, name: c.to } : q));
      // Defaults drawing from it name it anew (PostgreSQL keeps them by the sequence's oid).
      tables = tables.map((t) =>
        t.columns.some((col) => renameSequenceInDefault(col.default, c.from, c.to) !== col.default)
          ? {
              ...t,
              columns: t.columns.map((col) => {
                const d = renameSequenceInDefault(col.default, c.from, c.to);
                return d === col.default ? col : { ...col, default: d! };
              }),
            }
          : t,
      );
      break;
    case "alter-sequence":
      must(sequences, c.from.name, "sequence");
      sequences = sequences.map((q) => (q.name === c.from.name ? c.to : q));
      break;
    case "create-domain":
      domains.push(c.domain);
      break;
    case "drop-domain":
      must(domains, c.domain.name, "domain");
      domains = without(domains, c.domain.name);
      break;
    case "rename-domain":
      must(domains, c.from, "domain");
      domains = domains.map((d) => (d.name === c.from ? { ...d, name: c.to } : d));
      tables = tables.map((t) =>
        t.columns.some((col) => col.type.kind === "native" && col.type.name === c.from)
          ? {
              ...t,
              columns: t.columns.map((col) =>
                col.type.kind === "native" && col.type.name === c.from
                  ? { ...col, type: { ...col.type, name: c.to } }
                  : col,
              ),
            }
          : t,
      );
      break;
    case "alter-domain":
      must(domains, c.from.name, "domain");
      domains = domains.map((d) => (d.name === c.from.name ? c.to : d));
      break;
    case "create-view":
      if (views.some((v) => v.name === c.view.name)) throw new Error(`apply: view ${c.view.name} exists`);
      views.push(c.view);
      break;
    case "drop-view":
      must(views, c.view.name, "view");
      views = without(views, c.view.name);
      break;
    case "rename-view":
      must(views, c.from, "view");
      views = views.map((v) => (v.name === c.from ? { ...v, name: c.to } : v));
      retable(c.from, c.to);
      break;
    case "create-function":
      if (functions.some((f) => f.name === c.function.name))
        throw new Error(`apply: function ${c.function.name} exists`);
      functions.push(c.function);
      break;
    case "drop-function":
      must(functions, c.function.name, "function");
      functions = without(functions, c.function.name);
      break;
    case "replace-function":
      must(functions, c.from.name, "function");
      functions = functions.map((f) => (f.name === c.from.name ? c.to : f));
      break;
    case "rename-function":
      must(functions, c.from, "function");
      functions = functions.map((f) => (f.name === c.from ? { ...f, name: c.to } : f));
      // A trigger runs its function by oid: it follows the rename.
      triggers = triggers.map((t) =>
        t.execute?.function === c.from ? { ...t, execute: { ...t.execute, function: c.to } } : t,
      );
      break;
    case "create-trigger":
      if (triggers.some((t) => t.name === c.trigger.name))
        throw new Error(`apply: trigger ${c.trigger.name} exists`);
      triggers.push(c.trigger);
      break;
    case "drop-trigger":
      must(triggers, c.trigger.name, "trigger");
      triggers = without(triggers, c.trigger.name);
      break;
    case "rename-trigger":
      must(triggers, c.from, "trigger");
      triggers = triggers.map((t) => (t.name === c.from ? { ...t, name: c.to } : t));
      break;
    case "set-routine-doc": {
      const withDoc = <X extends { name: string; doc?: string }>(x: X): X => {
        if (x.name !== c.name) return x;
        const { doc: _, ...rest } = x;
        return (c.to !== undefined ? { ...rest, doc: c.to } : rest) as X;
      };
      if (c.of === "function") {
        must(functions, c.name, "function");
        functions = functions.map(withDoc);
      } else {
        must(triggers, c.name, "trigger");
        triggers = triggers.map(withDoc);
      }
      break;
    }
    case "set-view-comment":
      must(views, c.view, "view");
      views = views.map((v) => {
        if (v.name !== c.view) return v;
        const { doc: _, ...rest } = v;
        return c.to !== undefined ? { ...rest, doc: c.to } : rest;
      });
      break;
    case "create-table":
      tables.push(c.table);
      break;
    case "drop-table":
      tables = without(tables, c.table.name);
      break;
    case "rename-table":
      tables = tables.map((t) => ({
        ...(t.name === c.from ? { ...t, name: c.to } : t),
        foreignKeys: t.foreignKeys.map((fk) => (fk.refTable === c.from ? { ...fk, refTable: c.to } : fk)),
      }));
      reown((o) => (o.table === c.from ? { ...o, table: c.to } : o));
      retable(c.from, c.to);
      break;
    case "set-table-comment":
      edit(c.table, (t) => {
        const { doc: _, ...rest } = t;
        return c.to !== undefined ? { ...rest, doc: c.to } : rest;
      });
      break;
    case "set-table-options":
      edit(c.table, (t) => {
        const { options: _, ...rest } = t;
        return c.to !== undefined ? { ...rest, options: c.to } : rest;
      });
      break;
    case "add-column":
      edit(c.table, (t) => ({ ...t, columns: [...t.columns, c.column] }));
      break;
    case "drop-column":
      edit(c.table, (t) => ({ ...t, columns: without(t.columns, c.column.name) }));
      break;
    case "reorder-columns":
      // The slots of the reordered columns take them in the new order; the others stay.
      edit(c.table, (t) => {
        const moved = new Set(c.to);
        const next = c.to.map((n) => t.columns.find((x) => x.name === n)!);
        let k = 0;
        return { ...t, columns: t.columns.map((x) => (moved.has(x.name) ? next[k++]! : x)) };
      });
      break;
    case "rename-column": {
      const ren = (cols: readonly string[]) => cols.map((x) => (x === c.from ? c.to : x));
      // The database renames a column in a key's or index's INCLUDE list too.
      const renInclude = (k: { include?: readonly string[] }) =>
        k.include ? { include: ren(k.include) } : {};
      reown((o) => (o.table === c.table && o.column === c.from ? { ...o, column: c.to } : o));
      edit(c.table, (t) => ({
        ...t,
        columns: t.columns.map((col) => (col.name === c.from ? { ...col, name: c.to } : col)),
        ...(t.primaryKey
          ? {
              primaryKey: {
                ...t.primaryKey,
                columns: ren(t.primaryKey.columns),
                ...renInclude(t.primaryKey),
              },
            }
          : {}),
        uniques: t.uniques.map((u) => ({ ...u, columns: ren(u.columns), ...renInclude(u) })),
        indexes: t.indexes.map((i) => ({
          ...i,
          ...renInclude(i),
          parts: i.parts.map((p) =>
            p.kind === "column" && p.column === c.from ? { ...p, column: c.to } : p,
          ),
        })),
        foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, columns: ren(fk.columns) })),
        ...(t.exclusions
          ? {
              exclusions: t.exclusions.map((x) => ({
                ...x,
                ...renInclude(x),
                parts: x.parts.map((p) =>
                  p.kind === "column" && p.column === c.from ? { ...p, column: c.to } : p,
                ),
              })),
            }
          : {}),
      }));
      tables = tables.map((t) => ({
        ...t,
        foreignKeys: t.foreignKeys.map((fk) =>
          fk.refTable === c.table ? { ...fk, refColumns: ren(fk.refColumns) } : fk,
        ),
      }));
      break;
    }
    case "alter-column":
      edit(c.table, (t) => ({
        ...t,
        columns: t.columns.map((col) => (col.name === c.from.name ? c.to : col)),
      }));
      break;
    case "add-primary-key":
      edit(c.table, (t) => ({ ...t, primaryKey: c.primaryKey }));
      break;
    case "drop-primary-key":
      edit(c.table, (t) => {
        const { primaryKey: _, ...rest } = t;
        return rest;
      });
      break;
    case "add-unique":
      edit(c.table, (t) => ({ ...t, uniques: [...t.uniques, c.unique] }));
      break;
    case "drop-unique":
      edit(c.table, (t) => ({ ...t, uniques: without(t.uniques, c.unique.name) }));
      break;
    case "create-index":
      edit(c.table, (t) => ({ ...t, indexes: [...t.indexes, c.index] }));
      break;
    case "drop-index":
      edit(c.table, (t) => ({ ...t, indexes: without(t.indexes, c.index.name) }));
      break;
    case "add-foreign-key":
      edit(c.table, (t) => ({ ...t, foreignKeys: [...t.foreignKeys, c.foreignKey] }));
      break;
    case "drop-foreign-key":
      edit(c.table, (t) => ({ ...t, foreignKeys: without(t.foreignKeys, c.foreignKey.name) }));
      break;
    case "add-check":
      edit(c.table, (t) => ({ ...t, checks: [...t.checks, c.check] }));
      break;
    case "drop-check":
      edit(c.table, (t) => ({ ...t, checks: without(t.checks, c.check.name) }));
      break;
    case "add-exclusion":
      edit(c.table, (t) => ({ ...t, exclusions: [...(t.exclusions ?? []), c.exclusion] }));
      break;
    case "drop-exclusion":
      edit(c.table, (t) => {
        const { exclusions: _, ...rest } = t;
        const left = without(t.exclusions ?? [], c.exclusion.name);
        return left.length ? { ...rest, exclusions: left } : rest;
      });
      break;
    case "set-item-comment": {
      const set = <T extends { name: string; comment?: string }>(x: T): T => {
        if (x.name !== c.name) return x;
        const { comment: _, ...rest } = x;
        return (c.to !== undefined ? { ...rest, comment: c.to } : rest) as T;
      };
      edit(c.table, (t) => {
        switch (c.item) {
          case "primary-key":
            return { ...t, primaryKey: set(t.primaryKey!) };
          case "unique":
            return { ...t, uniques: t.uniques.map(set) };
          case "index":
            return { ...t, indexes: t.indexes.map(set) };
          case "foreign-key":
            return { ...t, foreignKeys: t.foreignKeys.map(set) };
          case "check":
            return { ...t, checks: t.checks.map(set) };
          case "exclusion":
            return { ...t, exclusions: (t.exclusions ?? []).map(set) };
          default:
            return assertNever(c.item);
        }
      });
      break;
    }
    case "set-constraint-valid": {
      const set = <T extends { name: string; notValid?: boolean }>(x: T): T => {
        if (x.name !== c.name) return x;
        const { notValid: _, ...rest } = x;
        return (c.valid ? rest : { ...rest, notValid: true }) as T;
      };
      edit(c.table, (t) =>
        c.constraint === "check"
          ? { ...t, checks: t.checks.map(set) }
          : { ...t, foreignKeys: t.foreignKeys.map(set) },
      );
      break;
    }
    case "rename-constraint":
      edit(c.table, (t) => {
        switch (c.constraint) {
          case "primary-key":
            return { ...t, primaryKey: { ...t.primaryKey!, name: c.to } };
          case "unique":
            return { ...t, uniques: t.uniques.map((u) => (u.name === c.from ? { ...u, name: c.to } : u)) };
          case "foreign-key":
            return {
              ...t,
              foreignKeys: t.foreignKeys.map((f) => (f.name === c.from ? { ...f, name: c.to } : f)),
            };
          case "check":
            return { ...t, checks: t.checks.map((k) => (k.name === c.from ? { ...k, name: c.to } : k)) };
          case "exclusion":
            return {
              ...t,
              exclusions: (t.exclusions ?? []).map((x) => (x.name === c.from ? { ...x, name: c.to } : x)),
            };
        }
      });
      break;
    case "rename-index":
      edit(c.table, (t) => ({
        ...t,
        indexes: t.indexes.map((i) => (i.name === c.from ? { ...i, name: c.to } : i)),
      }));
      break;
    case "create-namespace":
      if (namespaces.some((x) => x.name === c.namespace.name))
        throw new Error(`apply: schema ${c.namespace.name} exists`);
      namespaces.push(c.namespace);
      break;
    case "drop-namespace":
      must(namespaces, c.namespace.name, "schema");
      namespaces = without(namespaces, c.namespace.name);
      break;
    case "set-namespace-comment": {
      must(namespaces, c.namespace, "schema");
      const { doc: _, ...bare } = namespaces.find((x) => x.name === c.namespace)!;
      namespaces = namespaces.map((x) =>
        x.name === c.namespace ? (c.to !== undefined ? { ...bare, doc: c.to } : bare) : x,
      );
      break;
    }
    case "create-extension":
      if (extensions.some((x) => x.name === c.extension.name))
        throw new Error(`apply: extension ${c.extension.name} exists`);
      extensions.push(c.extension);
      break;
    case "drop-extension":
      must(extensions, c.extension.name, "extension");
      extensions = without(extensions, c.extension.name);
      break;
    case "create-composite":
      composites.push(c.composite);
      break;
    case "drop-composite":
      must(composites, c.composite.name, "type");
      composites = without(composites, c.composite.name);
      break;
    case "rename-composite": {
      must(composites, c.from, "type");
      // Columns and attributes of the type name it anew (PostgreSQL keeps them by the type's oid).
      const renamed = <T extends { type: ColumnType }>(x: T): T =>
        x.type.kind === "native" && x.type.name === c.from ? { ...x, type: { ...x.type, name: c.to } } : x;
      composites = composites.map((t) => ({
        ...t,
        ...(t.name === c.from ? { name: c.to } : {}),
        attributes: t.attributes.map(renamed),
      }));
      tables = tables.map((t) =>
        t.columns.some((col) => renamed(col) !== col) ? { ...t, columns: t.columns.map(renamed) } : t,
      );
      break;
    }
    case "alter-composite":
      must(composites, c.from.name, "type");
      composites = composites.map((t) => (t.name === c.from.name ? c.to : t));
      break;
    default:
      assertNever(c);
  }
  s.extensions = extensions;
  s.namespaces = namespaces;
  s.composites = composites;
  s.tables = tables;
  s.enums = enums;
  s.sequences = sequences;
  s.domains = domains;
  s.views = views;
  s.functions = functions;
  s.triggers = triggers;
}
