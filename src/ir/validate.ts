/**
 * Dialect-neutral validation of a whole schema (every file merged). Returns every problem, each
 * with the position of the name or reference at fault and a hint; never throws. Errors here are
 * what every database refuses (or the language cannot hold); what only some databases refuse
 * (a foreign key from `int` to `bigint`, `set null` on a NOT NULL column, a name used in two
 * tables) is decided per dialect, from its capabilities, in `dialects/common/validate.ts`:
 * an error where that database refuses it, a warning where it accepts it. Dialect-only rules
 * (what one database cannot express) live in each dialect's `validate.ts`.
 *
 * One file per kind of object in `validate/` (as Alembic's `autogenerate/compare/` is split):
 * tables and columns, keys and checks, indexes, foreign keys, enums; `validate/context.ts`
 * holds what they share. Linear in the size of the schema: tables, enums and columns are looked
 * up in maps by name.
 */
import type { Schema } from "./model.ts";
import type { Diagnostic } from "./diagnostics.ts";
import { Validation } from "./validate/context.ts";
import { declareNames, validateTable } from "./validate/tables.ts";
import { validateEnums } from "./validate/enums.ts";
import { validateChecks, validateKeys } from "./validate/constraints.ts";
import { validateExclusions, validateIndexes } from "./validate/indexes.ts";
import { validateForeignKeys } from "./validate/foreign-keys.ts";
import {
  validateDomains,
  validateExtensions,
  validateNamespaces,
  validateSequences,
} from "./validate/objects.ts";
import { validateRoutines } from "./validate/routines.ts";

export { locOf, typeKey, typeText } from "./validate/context.ts";

/**
 * The parts run in the order diagnostics are reported in (and constraint names claimed, first
 * come first served): the namespace of tables and enums, the enums, then table by table its
 * columns, keys, indexes, checks and foreign keys.
 */
export function validateSchema(schema: Schema): Diagnostic[] {
  const v = new Validation();
  declareNames(v, schema);
  validateNamespaces(v, schema);
  validateEnums(v, schema.enums);
  validateDomains(v, schema);
  validateExtensions(v, schema);
  for (const t of schema.tables) {
    v.startTable();
    const s = validateTable(v, t);
    validateKeys(v, s);
    validateIndexes(v, s);
    validateExclusions(v, s);
    validateChecks(v, s);
    validateForeignKeys(v, s);
  }
  validateSequences(v, schema);
  validateRoutines(v, schema);
  return v.out;
}
