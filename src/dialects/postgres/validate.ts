/** What PostgreSQL cannot express or ignores: little, since the language follows it closely. */
import type { Schema } from "../../ir/model.ts";
import type { Diagnostic } from "../../ir/diagnostics.ts";
import { validateSequencesAndDomains } from "../common/validate-objects.ts";
import {
  dialectError,
  dialectWarning,
  validateCollations,
  validateConstraintClauses,
  validateExclusions,
  validateIndexEntries,
  validateIdentity,
  validatePortable,
  validateUnsigned,
  validateTableOptions,
} from "../common/validate.ts";
import { CAPABILITIES } from "./capabilities.ts";
import { validatePartitions } from "./partitions.ts";

export function validatePostgres(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = validatePortable(schema, CAPABILITIES, "PostgreSQL");
  for (const t of schema.tables) {
    // PostgreSQL 15 computes a generated column only when a row is written: STORED only.
    for (const c of t.columns)
      if (c.generated && !c.generated.stored)
        out.push(
          dialectError(
            "postgres-virtual-generated",
            `PostgreSQL has no virtual generated columns (\`${t.name}.${c.name}\`)`,
            c.src,
            "write `stored`",
            "generated",
          ),
        );
    for (const i of t.indexes) {
      if (i.using === "hash" && (i.parts.length > 1 || i.unique)) {
        out.push(
          dialectError(
            "postgres-hash-index",
            `PostgreSQL hash indexes cover one column and cannot be unique (\`${i.name}\`)`,
            i.src,
            "use `using btree`, or index one column",
            "using",
          ),
        );
      }
      if (i.using && !CAPABILITIES.indexMethods.includes(i.using))
        out.push(
          dialectWarning(
            "index-method",
            `\`${i.using}\` is not a built-in PostgreSQL index method (an extension may provide it)`,
            i.src,
            undefined,
            "using",
          ),
        );
    }
  }
  out.push(...validateCollations(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validateUnsigned(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validateIdentity(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validateSequencesAndDomains(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validateTableOptions(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validatePartitions(schema));
  out.push(...validateConstraintClauses(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validateExclusions(schema, CAPABILITIES, "PostgreSQL"));
  out.push(...validateIndexEntries(schema, CAPABILITIES, "PostgreSQL"));
  return out;
}
