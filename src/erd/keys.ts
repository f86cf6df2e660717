/**
 * What a diagram says about keys, shared by the Mermaid and Graphviz diagrams so both draw the
 * same facts: the PK/FK/UK marks of a column, and the ends of a foreign-key edge (optional
 * parent, one or many children, identifying or not).
 */
import type { Column, ForeignKey, Table } from "../ir/model.ts";

/**
 * PK, FK and UK for one column. UK is a unique constraint or a unique index on that column
 * alone; a partial unique index (`where …`) does not make the column unique, so it is no UK.
 */
export function keyMarks(t: Table, c: Column): string[] {
  const marks: string[] = [];
  if (t.primaryKey?.columns.includes(c.name)) marks.push("PK");
  if (t.foreignKeys.some((k) => k.columns.includes(c.name))) marks.push("FK");
  const uniqueAlone =
    t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name) ||
    t.indexes.some(
      (i) =>
        i.unique &&
        i.where === undefined &&
        i.parts.length === 1 &&
        i.parts[0]!.kind === "column" &&
        i.parts[0]!.column === c.name,
    );
  if (uniqueAlone) marks.push("UK");
  return marks;
}

/** The ends of a foreign-key edge, in entity-relationship terms. */
export interface FkEnds {
  /** A nullable key column: a child row may have no parent ("zero or one" parent). */
  readonly optionalParent: boolean;
  /** The key columns are the child's primary key or a unique constraint: at most one child per parent. */
  readonly singleChild: boolean;
  /** The key is part of the child's primary key (an identifying relationship, drawn solid). */
  readonly identifying: boolean;
}

export function fkEnds(t: Table, fk: ForeignKey): FkEnds {
  const same = (xs: readonly string[]) =>
    xs.length === fk.columns.length && xs.every((x) => fk.columns.includes(x));
  return {
    optionalParent: fk.columns.some((n) => t.columns.find((c) => c.name === n)?.nullable),
    singleChild:
      (t.primaryKey !== undefined && same(t.primaryKey.columns)) || t.uniques.some((u) => same(u.columns)),
    identifying: fk.columns.every((n) => t.primaryKey?.columns.includes(n)),
  };
}
