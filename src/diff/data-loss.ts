/**
 * What a change can destroy: dropped tables and columns, narrowed types, removed enum values,
 * NOT NULL on a column that may hold NULLs with no default to fill them. `generate` prints these
 * as warnings and writes them in the header of the SQL file that loses the data.
 */
import { type ColumnType, PORTABLE_TYPES, type PortableTypeName } from "../ir/model.ts";
import { typeText } from "../ir/validate.ts";
import type { AlterColumn, Change } from "./changes.ts";
import { assertNever } from "./changes.ts";
import { compositeAlteration } from "../ir/composite.ts";

export interface DataLoss {
  readonly change: Change;
  readonly message: string;
}

const INT_RANK: Record<string, number> = { smallint: 1, int: 2, bigint: 3 };
const FLOAT_RANK: Record<string, number> = { real: 1, double: 2 };

/** Whether every value of type `a` fits type `b` unchanged (a widening or same type). */
/**
 * A native type that is a portable one written verbatim (`"INT"`, `"varchar(30)"`: how pull
 * keeps SQLite's declared types exactly) as that portable type; any other type as it is.
 */
function asPortable(t: ColumnType): ColumnType {
  if (t.kind !== "native" || t.array) return t;
  const m = /^([A-Za-z]+)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/.exec(t.name);
  const name = m?.[1]?.toLowerCase();
  if (!m || !name || !(PORTABLE_TYPES as readonly string[]).includes(name)) return t;
  // Arguments in the name (`"VARCHAR(30)"`, a pulled SQLite type) or apart (`VARCHAR(40)` as
  // lint reads it from SQL), but not both, and numbers only.
  if (t.args && (m[2] !== undefined || t.args.some((a) => !/^\d+$/.test(a)))) return t;
  const args = (t.args ?? [m[2], m[3]].filter((x) => x !== undefined)).map(Number);
  return { kind: "portable", name: name as PortableTypeName, ...(args.length ? { args } : {}) };
}

export function widens(a0: ColumnType, b0: ColumnType): boolean {
  const a = asPortable(a0),
    b = asPortable(b0);
  if (a.kind !== "portable" || b.kind !== "portable") return JSON.stringify(a) === JSON.stringify(b);
  if (a.name === b.name) {
    const [x = 0, y = 0] = a.args ?? [];
    const [p = 0, q = 0] = b.args ?? [];
    if (a.name === "varchar" || a.name === "char") return p >= x;
    if (a.name === "decimal") return q >= y && p - q >= x - y;
    return true;
  }
  if (INT_RANK[a.name] && INT_RANK[b.name]) return INT_RANK[b.name]! >= INT_RANK[a.name]!;
  if (FLOAT_RANK[a.name] && FLOAT_RANK[b.name]) return FLOAT_RANK[b.name]! >= FLOAT_RANK[a.name]!;
  // Every value but raw bytes has a text form that keeps it whole.
  if (b.name === "text") return a.name !== "bytes";
  if (a.name === "varchar" && b.name === "char") return false;
  if (a.name === "char" && b.name === "varchar") return (b.args?.[0] ?? 0) >= (a.args?.[0] ?? 0);
  if (a.name === "json" && b.name === "jsonb") return true;
  if (a.name === "timestamp" && b.name === "timestamptz") return true;
  return false;
}

export function dataLoss(c: Change): string | undefined {
  switch (c.kind) {
    case "drop-table":
      return `drops table \`${c.table.name}\` and every row in it`;
    case "drop-column":
      return `drops column \`${c.table}.${c.column.name}\` and its data`;
    case "alter-enum-values": {
      const removed = c.from.filter((v) => !c.to.includes(v));
      if (removed.length)
        return `removes value${removed.length > 1 ? "s" : ""} ${removed.map((v) => `'${v}'`).join(", ")} from enum \`${c.enum}\`: rows holding ${removed.length > 1 ? "them" : "it"} make the migration fail`;
      return undefined;
    }
    case "alter-column":
      return columnLoss(c);
    case "drop-sequence":
      return `drops sequence \`${c.sequence.name}\` and its current value (the next number it would give)`;
    case "alter-domain": {
      const added = c.to.checks.filter(
        (k) => !c.from.checks.some((f) => f.name === k.name && f.expr === k.expr),
      );
      if (!c.to.nullable && c.from.nullable)
        return `makes domain \`${c.to.name}\` NOT NULL: NULLs in its columns make the migration fail`;
      return added.length
        ? `adds check ${added.map((k) => `\`${k.name}\``).join(", ")} to domain \`${c.to.name}\`: values in its columns that fail it make the migration fail`
        : undefined;
    }
    case "alter-composite": {
      // Dropped, or dropped and added again at the end (PostgreSQL adds nowhere else).
      const { drop, moved } = compositeAlteration(c.from, c.to);
      const names = (xs: readonly string[]) => xs.map((n) => `\`${n}\``).join(", ");
      if (!drop.length) return undefined;
      return `drops attribute${drop.length > 1 ? "s" : ""} ${names(drop)} of type \`${c.to.name}\`${moved.length ? ` (${names(moved)} added again at the end, empty)` : ""}: ${drop.length > 1 ? "their values" : "its value"} in every column of the type ${drop.length > 1 ? "are" : "is"} lost`;
    }
    // A schema is dropped empty (its objects' drops come first, each judged on its own).
    // An extension holds no rows of its own (a column of one of its types is dropped first);
    // a dropped composite type is used by no column by then.
    case "create-namespace":
    case "drop-namespace":
    case "set-namespace-comment":
    case "create-extension":
    case "drop-extension":
    case "create-composite":
    case "drop-composite":
    case "rename-composite":
    // Nothing else destroys rows: the rest create, rename, or drop what can be rebuilt (a
    // view's rows are its query's; a materialized view computes them again when created).
    case "create-view":
    case "drop-view":
    case "create-function":
    case "drop-function":
    case "replace-function":
    case "rename-function":
    case "create-trigger":
    case "drop-trigger":
    case "rename-trigger":
    case "set-routine-doc":
    case "rename-view":
    case "set-view-comment":
    case "create-enum":
    case "drop-enum":
    case "rename-enum":
    case "add-enum-values":
    case "set-enum-comment":
    case "create-sequence":
    case "rename-sequence":
    case "alter-sequence":
    case "create-domain":
    case "drop-domain":
    case "rename-domain":
    case "create-table":
    case "rename-table":
    case "set-table-comment":
    case "set-table-options":
    case "add-column":
    case "rename-column":
    case "reorder-columns":
    case "add-primary-key":
    case "drop-primary-key":
    case "add-unique":
    case "drop-unique":
    case "create-index":
    case "drop-index":
    case "add-foreign-key":
    case "drop-foreign-key":
    case "add-check":
    case "drop-check":
    case "set-constraint-valid":
    case "set-item-comment":
    case "add-exclusion":
    case "drop-exclusion":
    case "rename-constraint":
    case "rename-index":
      return undefined;
    default:
      return assertNever(c);
  }
}

function columnLoss({ table, from, to, facets }: AlterColumn): string | undefined {
  const name = `\`${table}.${to.name}\``;
  if (facets.includes("type") && !widens(from.type, to.type)) {
    return `changes ${name} from \`${typeText(from.type)}\` to \`${typeText(to.type)}\`: values that do not fit are cut or make the migration fail`;
  }
  if (facets.includes("generated") && to.generated && !from.generated) {
    return `makes ${name} generated: its values are replaced by those of \`${to.generated.expr}\``;
  }
  if (facets.includes("nullable") && !to.nullable && !to.default) {
    return `makes ${name} NOT NULL with no default: existing NULLs make the migration fail (fill them first, or add a default)`;
  }
  return undefined;
}

export function dataLosses(changes: readonly Change[]): DataLoss[] {
  // A loop, not `flatMap`: no array per change of a plan of thousands, nearly none losing data.
  const out: DataLoss[] = [];
  for (const change of changes) {
    const message = dataLoss(change);
    if (message) out.push({ change, message });
  }
  return out;
}
