/**
 * Sequences, domains, functions and triggers against the dialect: only PostgreSQL has them as objects of their own
 * (`Capabilities.standaloneSequences`, `Capabilities.domains`); elsewhere the database would
 * refuse them, so they are errors. On PostgreSQL, a sequence's option values it refuses
 * (CREATE SEQUENCE's rules: increment not 0, cache at least 1, min below max, start between
 * them, the bounds within the sequence's type).
 */
import type { Schema } from "../../ir/model.ts";
import type { Capabilities } from "../dialect.ts";
import type { Diagnostic } from "../../ir/diagnostics.ts";
import { dialectError } from "./validate.ts";

const TYPE_MAX: Readonly<Record<string, bigint>> = {
  smallint: 32767n,
  int: 2147483647n,
  bigint: 9223372036854775807n,
};

export function validateSequencesAndDomains(schema: Schema, caps: Capabilities, db: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const q of schema.sequences ?? []) {
    if (!caps.standaloneSequences) {
      out.push(
        dialectError(
          "sequence-dialect",
          `${db} has no sequences (\`${q.name}\`)`,
          q.src,
          "draw the values from an `identity` column instead",
        ),
      );
      continue;
    }
    const o = q.options;
    const fail = (message: string) =>
      out.push(dialectError("sequence-option-value", `${message} (sequence \`${q.name}\`)`, q.src));
    const typeMax = TYPE_MAX[o.as ?? "bigint"]!;
    const n = (s: string | undefined) => (s === undefined ? undefined : BigInt(s));
    const inc = n(o.increment) ?? 1n;
    const min = n(o.min) ?? (inc > 0n ? 1n : -typeMax - 1n);
    const max = n(o.max) ?? (inc > 0n ? typeMax : -1n);
    const start = n(o.start) ?? (inc > 0n ? min : max);
    if (inc === 0n) fail("the increment cannot be 0");
    else if (n(o.cache) !== undefined && n(o.cache)! < 1n) fail("the cache must be at least 1");
    else if (min < -typeMax - 1n || max > typeMax)
      fail(`min and max must fit the sequence's type (up to ${typeMax})`);
    else if (min >= max) fail(`min (${min}) must be less than max (${max})`);
    else if (start < min || start > max)
      fail(`start (${start}) must lie between min (${min}) and max (${max})`);
  }
  if (!caps.domains)
    for (const d of schema.domains ?? [])
      out.push(
        dialectError(
          "domain-dialect",
          `${db} has no domains (\`${d.name}\`)`,
          d.src,
          "write the type and its checks on each column",
        ),
      );
  if (!caps.extensions)
    for (const x of schema.extensions ?? [])
      out.push(
        dialectError(
          "extension-dialect",
          `${db} has no extensions (\`extension ${x.name}\`)`,
          x.src,
          "remove it: what it would bring must come with the database",
        ),
      );
  if (!caps.namespaces)
    for (const x of schema.namespaces ?? [])
      out.push(
        dialectError(
          "namespace-dialect",
          `${db} has no schemas inside a database (\`schema ${x.name}\`)`,
          x.src,
          "keep these objects in a database of their own, or prefix their names instead",
        ),
      );
  if (!caps.compositeTypes)
    for (const t of schema.composites ?? [])
      out.push(
        dialectError(
          "composite-type-dialect",
          `${db} has no composite types (\`type ${t.name}\`)`,
          t.src,
          "write the attributes as columns, or as a json column",
        ),
      );
  if (!caps.materializedViews)
    for (const view of schema.views ?? [])
      if (view.materialized)
        out.push(
          dialectError(
            "materialized-view-dialect",
            `${db} has no materialized views (\`${view.name}\`)`,
            view.src,
            "make it a plain `view`, or a table that a job fills",
          ),
        );
  if (!caps.functions)
    for (const f of schema.functions ?? [])
      out.push(
        dialectError(
          "function-dialect",
          `${db} has no stored ${f.procedure ? "procedures" : "functions"} (\`${f.name}\`)`,
          f.src,
          "compute it in the application, or in a trigger's body",
        ),
      );
  for (const t of schema.triggers ?? []) {
    const runs = caps.triggers?.runs;
    if (runs === "function" && !t.execute)
      out.push(
        dialectError(
          "trigger-dialect",
          `a trigger on ${db} runs a function (\`${t.name}\`)`,
          t.src,
          "`execute function f()`, with `function f() returns trigger language plpgsql as $$ ... $$`",
        ),
      );
    else if (runs === "body" && t.execute)
      out.push(
        dialectError(
          "trigger-dialect",
          `a trigger on ${db} runs its own body, not a function (\`${t.name}\`)`,
          t.src,
          "`as $$ begin ... end $$`",
        ),
      );
    else if (
      caps.triggers?.oneEventPerRow &&
      (t.timing === "instead of" || t.forEach === "statement" || /\bor\b|\btruncate\b|\bof\b/.test(t.events))
    )
      out.push(
        dialectError(
          "trigger-dialect",
          `${db} triggers are BEFORE or AFTER one of INSERT, UPDATE or DELETE, for each row (\`${t.name}\`)`,
          t.src,
          "one trigger per event",
        ),
      );
    else if (caps.triggers?.oneEvent && (t.forEach === "statement" || /\bor\b|\btruncate\b/.test(t.events)))
      out.push(
        dialectError(
          "trigger-dialect",
          `${db} triggers fire on one of INSERT, UPDATE [OF] or DELETE, for each row (\`${t.name}\`)`,
          t.src,
          "one trigger per event",
        ),
      );
  }
  return out;
}
