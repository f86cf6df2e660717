/**
 * Dialect-neutral validation of a whole schema (every file merged). Returns every problem, each
 * with the position of the name or reference at fault and a hint; never throws. Dialect-only
 * rules (what one database cannot express) live in each dialect's `validate.ts`.
 *
 * Linear in the size of the schema: tables, enums and columns are looked up in maps by name.
 */
import type { Column, ColumnType, EnumType, Loc, Schema, SourceInfo, Table } from "./model.ts";
import { INTEGER_TYPES, PORTABLE_TYPES } from "./model.ts";
import { didYouMean, type Diagnostic } from "./diagnostics.ts";

/** The location of a node, or of one of its named parts when the source recorded it. */
export function locOf(src: SourceInfo | undefined, part?: string): Loc | undefined {
  if (!src) return undefined;
  const p = part ? src.parts?.[part] : undefined;
  if (p) return p;
  const name = src.parts?.["name"];
  if (!part && name) return name;
  return {
    file: src.file,
    line: src.line,
    col: src.col,
    offset: src.offset,
    length: Math.max(1, Math.min(src.end - src.offset, 40)),
  };
}

/** A comparable key for a column type: two columns can reference each other when keys match. */
export function typeKey(t: ColumnType): string {
  switch (t.kind) {
    case "portable":
      return t.args ? `${t.name}(${t.args.join(",")})` : t.name;
    case "enum":
      return `enum ${t.name}`;
    case "native":
      return `${t.name.toLowerCase()}${t.args ? `(${t.args.join(",")})` : ""}${t.array ? "[]" : ""}`;
  }
}

export function typeText(t: ColumnType): string {
  return t.kind === "enum" ? t.name : typeKey(t);
}

export function validateSchema(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (
    code: string,
    message: string,
    loc: Loc | undefined,
    hint?: string,
    related?: Diagnostic["related"],
  ) =>
    out.push({
      severity: "error",
      code,
      message,
      ...(loc ? { loc } : {}),
      ...(hint ? { hint } : {}),
      ...(related ? { related } : {}),
    });

  // Tables and enums share one namespace (PostgreSQL gives every table a type of its name).
  const tables = new Map<string, Table>();
  const enums = new Map<string, EnumType>();
  const firstDecl = new Map<string, { kind: string; src?: SourceInfo }>();
  for (const [kind, list] of [
    ["table", schema.tables],
    ["enum", schema.enums],
  ] as const) {
    for (const d of list) {
      const prev = firstDecl.get(d.name);
      if (prev) {
        const prevLoc = locOf(prev.src);
        err(
          "duplicate-name",
          `\`${d.name}\` is defined twice`,
          locOf(d.src),
          `rename one of them`,
          prevLoc ? { message: `the first ${prev.kind} \`${d.name}\` is here`, loc: prevLoc } : undefined,
        );
        continue;
      }
      firstDecl.set(d.name, { kind, src: d.src });
      if (kind === "table") tables.set(d.name, d as Table);
      else enums.set(d.name, d as EnumType);
    }
  }

  // Constraint and index names: one namespace for the whole schema (PostgreSQL's rule, the strictest).
  const constraintNames = new Map<string, SourceInfo | undefined>();
  const claimName = (name: string, src: SourceInfo | undefined, what: string) => {
    if (constraintNames.has(name)) {
      const prevLoc = locOf(constraintNames.get(name));
      err(
        "duplicate-name",
        `${what} name \`${name}\` is already used`,
        locOf(src, "name") ?? locOf(src),
        "give it another name",
        prevLoc ? { message: "first used here", loc: prevLoc } : undefined,
      );
    } else constraintNames.set(name, src);
  };

  const tableRenames = new Map<string, Table>();
  const enumRenames = new Map<string, EnumType>();
  for (const e of schema.enums) {
    if (e.renamedFrom !== undefined) claimRename(e.renamedFrom, e, enumRenames, enums, "enum", e.src);
    if (!e.values.length)
      err(
        "empty-enum",
        `enum \`${e.name}\` has no values`,
        locOf(e.src),
        "list its values: `enum status { draft, published }`",
      );
  }

  for (const t of schema.tables) {
    if (t.renamedFrom !== undefined) claimRename(t.renamedFrom, t, tableRenames, tables, "table", t.src);
    const cols = new Map<string, Column>();
    const colRenames = new Map<string, Column>();
    if (!t.columns.length)
      err(
        "empty-table",
        `table \`${t.name}\` has no columns`,
        locOf(t.src),
        "declare at least one column: `id bigint primary key identity`",
      );
    for (const c of t.columns) {
      const prev = cols.get(c.name);
      if (prev) {
        err(
          "duplicate-name",
          `column \`${t.name}.${c.name}\` is declared twice`,
          locOf(c.src),
          "rename or remove one",
          prev.src ? { message: "first declared here", loc: locOf(prev.src)! } : undefined,
        );
        continue;
      }
      cols.set(c.name, c);
    }
    for (const c of t.columns) {
      if (c.renamedFrom !== undefined)
        claimRename(c.renamedFrom, c, colRenames, cols, `column of \`${t.name}\``, c.src);
      checkColumn(t, c);
    }

    const knownColumn = (name: string, src: SourceInfo | undefined, what: string) => {
      if (cols.has(name)) return true;
      err(
        "unknown-column",
        `unknown column \`${name}\` in ${what} of table \`${t.name}\``,
        locOf(src, `column:${name}`),
        didYouMean(name, cols.keys()) ??
          `the columns of \`${t.name}\` are ${[...cols.keys()].map((n) => `\`${n}\``).join(", ")}`,
      );
      return false;
    };
    if (t.primaryKey) {
      claimName(t.primaryKey.name, t.primaryKey.src, "primary key");
      for (const name of t.primaryKey.columns) {
        if (knownColumn(name, t.primaryKey.src, "the primary key") && cols.get(name)!.nullable) {
          err(
            "nullable-primary-key",
            `primary key column \`${t.name}.${name}\` is nullable`,
            locOf(cols.get(name)!.src, "type"),
            "remove the `?`: a primary key column is never NULL",
          );
        }
      }
    }
    for (const u of t.uniques) {
      claimName(u.name, u.src, "unique constraint");
      for (const n of u.columns) knownColumn(n, u.src, `unique constraint \`${u.name}\``);
    }
    for (const i of t.indexes) {
      claimName(i.name, i.src, "index");
      for (const p of i.parts) {
        if (p.kind === "column") knownColumn(p.column, i.src, `index \`${i.name}\``);
        else if (!p.sql) err("empty-expression", `an index expression is empty`, locOf(i.src));
      }
      if (i.where !== undefined && !i.where)
        err("empty-expression", `the \`where\` of index \`${i.name}\` is empty`, locOf(i.src));
    }
    for (const ck of t.checks) {
      claimName(ck.name, ck.src, "check");
      if (!ck.expr)
        err(
          "empty-expression",
          `check \`${ck.name}\` is empty`,
          locOf(ck.src, "expr"),
          "write the condition inside the parentheses: `check (price >= 0)`",
        );
    }
    for (const fk of t.foreignKeys) {
      claimName(fk.name, fk.src, "foreign key");
      const localOk = fk.columns.every((n) => knownColumn(n, fk.src, `foreign key \`${fk.name}\``));
      const target = tables.get(fk.refTable);
      if (!target) {
        err(
          "unknown-table",
          `unknown table \`${fk.refTable}\` in foreign key \`${fk.name}\``,
          locOf(fk.src, "refTable"),
          didYouMean(fk.refTable, tables.keys()) ?? "declare that table, or fix the name",
        );
        continue;
      }
      const targetCols = new Map(target.columns.map((c) => [c.name, c]));
      let remoteOk = true;
      for (const n of fk.refColumns) {
        if (!targetCols.has(n)) {
          remoteOk = false;
          err(
            "unknown-column",
            `unknown column \`${n}\` in table \`${target.name}\`, referenced by foreign key \`${fk.name}\``,
            locOf(fk.src, `ref:column:${n}`) ?? locOf(fk.src, "refTable"),
            didYouMean(n, targetCols.keys()) ??
              `the columns of \`${target.name}\` are ${[...targetCols.keys()].map((x) => `\`${x}\``).join(", ")}`,
          );
        }
      }
      if (fk.columns.length !== fk.refColumns.length) {
        err(
          "foreign-key-arity",
          `foreign key \`${fk.name}\` has ${fk.columns.length} column(s) but references ${fk.refColumns.length}`,
          locOf(fk.src, "refTable"),
          "list as many referenced columns as local ones, in the same order",
        );
        continue;
      }
      if (!localOk || !remoteOk) continue;
      if (!isKey(target, fk.refColumns)) {
        err(
          "reference-not-key",
          `foreign key \`${fk.name}\` references \`${target.name}(${fk.refColumns.join(", ")})\`, which is not a primary key or unique`,
          locOf(fk.src, `ref:column:${fk.refColumns[0]}`) ?? locOf(fk.src, "refTable"),
          `add \`unique\` to \`${target.name}.${fk.refColumns.join(", ")}\`, or reference its primary key`,
        );
      }
      fk.columns.forEach((n, i) => {
        const local = cols.get(n)!,
          remote = targetCols.get(fk.refColumns[i]!)!;
        if (typeKey(local.type) !== typeKey(remote.type)) {
          err(
            "foreign-key-type",
            `foreign key column \`${t.name}.${n}\` is \`${typeText(local.type)}\` but \`${target.name}.${remote.name}\` is \`${typeText(remote.type)}\``,
            locOf(local.src, "type"),
            `make \`${n}\` a \`${typeText(remote.type)}\``,
          );
        }
        for (const [action, which] of [
          [fk.onDelete, "delete"],
          [fk.onUpdate, "update"],
        ] as const) {
          if (action === "set null" && !local.nullable)
            err(
              "set-null-not-nullable",
              `\`on ${which} set null\` on \`${t.name}.${n}\`, which is not nullable`,
              locOf(fk.src, `column:${n}`) ?? locOf(local.src),
              `make the column nullable (\`${typeText(local.type)}?\`) or choose another action`,
            );
        }
      });
    }
  }
  return out;

  function claimRename<T extends { name: string; src?: SourceInfo }>(
    old: string,
    claimer: T,
    claims: Map<string, T>,
    current: Map<string, T>,
    what: string,
    src?: SourceInfo,
  ) {
    const prev = claims.get(old);
    if (prev) {
      err(
        "rename-conflict",
        `\`${old}\` is claimed by two renames: \`${prev.name}\` and \`${claimer.name}\``,
        locOf(src, "renamedFrom"),
        "only one can have been renamed from it; remove the other `renamed from`",
        prev.src ? { message: "the other claim", loc: locOf(prev.src, "renamedFrom")! } : undefined,
      );
      return;
    }
    claims.set(old, claimer);
    const same = current.get(old);
    if (same && same !== claimer) {
      err(
        "rename-conflict",
        `\`${claimer.name}\` is \`renamed from ${old}\`, but a ${what} \`${old}\` still exists`,
        locOf(src, "renamedFrom"),
        `remove the \`renamed from\`, or rename the other ${what}`,
      );
    }
  }

  function checkColumn(t: Table, c: Column) {
    if (c.identity) {
      if (!(c.type.kind === "portable" && INTEGER_TYPES.has(c.type.name))) {
        err(
          "identity-type",
          `\`identity\` needs an integer column, but \`${t.name}.${c.name}\` is \`${typeText(c.type)}\``,
          locOf(c.src, "identity"),
          "use `bigint` (or `int`, `smallint`)",
        );
      }
      if (c.nullable)
        err(
          "identity-nullable",
          `identity column \`${t.name}.${c.name}\` cannot be nullable`,
          locOf(c.src, "type"),
          "remove the `?`",
        );
      if (c.default)
        err(
          "identity-default",
          `identity column \`${t.name}.${c.name}\` cannot have a default`,
          locOf(c.src, "default"),
          "remove the default: the database generates the value",
        );
    }
    if (c.type.kind === "native") {
      const near = didYouMean(c.type.name, [...PORTABLE_TYPES, ...enums.keys()]);
      if (near && !c.type.args)
        out.push({
          severity: "warning",
          code: "unknown-type",
          message: `unknown type \`${c.type.name}\` is passed to the database as written`,
          loc: locOf(c.src, "type")!,
          hint: near,
        });
    }
    if (c.type.kind === "enum" && c.default) {
      const e = enums.get(c.type.name)!;
      const d = c.default;
      if (
        d.kind === "string"
          ? !e.values.some((v) => v.name === d.value)
          : d.kind !== "null" && d.kind !== "raw"
      ) {
        const shown =
          d.kind === "string"
            ? `'${d.value}'`
            : d.kind === "number"
              ? d.text
              : d.kind === "bool"
                ? String(d.value)
                : d.kind === "function"
                  ? `${d.name}()`
                  : "";
        err(
          "enum-default",
          `default ${shown} is not a value of enum \`${e.name}\``,
          locOf(c.src, "default"),
          d.kind === "string"
            ? (didYouMean(
                d.value,
                e.values.map((v) => v.name),
              ) ?? `the values are ${e.values.map((v) => `'${v.name}'`).join(", ")}`)
            : `write one of ${e.values.map((v) => `'${v.name}'`).join(", ")}`,
        );
      }
    }
    if (c.default?.kind === "null" && !c.nullable)
      err(
        "null-default",
        `\`${t.name}.${c.name}\` is not nullable but its default is null`,
        locOf(c.src, "default"),
        "make it nullable (`?`) or choose another default",
      );
  }
}

/** Whether `columns` (as a set) are the table's primary key, a unique constraint or a plain unique index. */
function isKey(t: Table, columns: readonly string[]): boolean {
  const want = [...columns].sort().join("\u0000");
  const same = (cols: readonly string[]) => [...cols].sort().join("\u0000") === want;
  if (t.primaryKey && same(t.primaryKey.columns)) return true;
  if (t.uniques.some((u) => same(u.columns))) return true;
  return t.indexes.some(
    (i) =>
      i.unique &&
      !i.where &&
      i.parts.every((p) => p.kind === "column") &&
      same(i.parts.map((p) => (p.kind === "column" ? p.column : ""))),
  );
}
