/** What PostgreSQL cannot express or ignores: little, since the language follows it closely. */
import type { Schema, SourceInfo } from "../../ir/model.ts";
import { didYouMean, type Diagnostic } from "../../ir/diagnostics.ts";
import { splitQualified } from "../../ir/qualified.ts";
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
  out.push(...validateQualifiedNames(schema));
  return out;
}

/**
 * An object named `sales.orders` is in schema `sales`, which the schema files declare
 * (`schema sales`); `public.orders` is written `orders` (bare names are in the current schema,
 * `src/ir/qualified.ts`), so one object has one spelling.
 */
function validateQualifiedNames(schema: Schema): Diagnostic[] {
  const declared = new Set((schema.namespaces ?? []).map((n) => n.name));
  const out: Diagnostic[] = [];
  type Named = { readonly name: string; readonly src?: SourceInfo };
  const objects: [string, string, SourceInfo | undefined][] = [];
  const add = (kind: string, xs: readonly Named[] | undefined) => {
    for (const x of xs ?? []) objects.push([kind, x.name, x.src]);
  };
  add("table", schema.tables);
  add("enum", schema.enums);
  add("view", schema.views);
  add("domain", schema.domains);
  add("type", schema.composites);
  add("sequence", schema.sequences);
  for (const f of schema.functions ?? [])
    objects.push([f.procedure ? "procedure" : "function", f.name, f.src]);
  // An extension's schema is declared too (`extension citext (schema = ext)`).
  for (const x of schema.extensions ?? [])
    if (x.schema !== undefined) objects.push(["extension", `${x.schema}.${x.name}`, x.src]);
  for (const [kind, name, src] of objects) {
    const q = splitQualified(name);
    if (q.schema === undefined || declared.has(q.schema)) continue;
    out.push(
      q.schema === "public"
        ? dialectError(
            "current-schema",
            `${kind} \`${name}\`: bare names are in the current schema, public`,
            src,
            `write \`${q.name}\``,
            "name",
          )
        : dialectError(
            "unknown-schema",
            `${kind} \`${name}\` is in schema \`${q.schema}\`, which is not declared`,
            src,
            didYouMean(q.schema, [...declared]) ?? `declare it: \`schema ${q.schema}\``,
            "name",
          ),
    );
  }
  return out;
}
