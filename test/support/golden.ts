/**
 * Golden cases: `test/golden/<case>/from.schema` and `to.schema`, with the expected SQL per
 * dialect in `<dialect>.up.sql` and `<dialect>.down.sql`. `UPDATE_GOLDEN=1 bun test test/golden`
 * rewrites the expected files (review the diff before committing them).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadSources } from "../../src/dsl/load.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { DIALECT_NAMES, type DialectName } from "../../src/dialects/dialect.ts";
import type { Schema } from "../../src/ir/model.ts";
import { renamesFromHints } from "../../src/diff/renames.ts";
import { plan, type Plan } from "../../src/diff/plan.ts";

export const GOLDEN_DIR = join(import.meta.dir, "../golden");
export const goldenCases = (): string[] =>
  readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/**
 * The dialects a case is for: all of them, unless its folder has a `dialects` file naming some
 * (a case whose words exist on one database only, such as its collations).
 */
export function caseDialects(name: string): readonly DialectName[] {
  const file = join(GOLDEN_DIR, name, "dialects");
  if (!existsSync(file)) return DIALECT_NAMES;
  const named = readFileSync(file, "utf8").split(/\s+/).filter(Boolean);
  const unknown = named.filter((d) => !DIALECT_NAMES.includes(d as DialectName));
  if (unknown.length) throw new Error(`${file}: unknown dialect ${unknown.join(", ")}`);
  return named as DialectName[];
}

export function loadSchemaText(text: string, file: string): Schema {
  const r = loadSources(new Map([[file, text]]));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${file}: ${errors.map((d) => d.message).join("; ")}`);
  return r.schema;
}

export interface GoldenCase {
  readonly name: string;
  readonly from: Schema;
  readonly to: Schema;
}

export function loadCase(name: string): GoldenCase {
  const read = (f: string) => readFileSync(join(GOLDEN_DIR, name, f), "utf8");
  return {
    name,
    from: loadSchemaText(read("from.schema"), `${name}/from.schema`),
    to: loadSchemaText(read("to.schema"), `${name}/to.schema`),
  };
}

export async function planCase(c: GoldenCase, dialect: DialectName): Promise<Plan> {
  return plan(c.from, c.to, renamesFromHints(c.from, c.to), await getDialect(dialect));
}

/** The text of a golden SQL file: statements separated by a blank line. */
export const sqlText = (statements: readonly string[]) =>
  statements.length ? `${statements.map((s) => `${s};`).join("\n\n")}\n` : "-- no statements\n";

/**
 * The reviewed text of a golden file. With `update` (UPDATE_GOLDEN=1) the file is first
 * rewritten from `actual`; otherwise a missing file is an error: a golden file is written only
 * on request and reviewed, never blessed by the run that compares with it.
 */
export function expectedGolden(file: string, actual: string, update: boolean): string {
  if (update) writeFileSync(file, actual);
  if (!existsSync(file))
    throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 bun test test/golden and review it`);
  return readFileSync(file, "utf8");
}
