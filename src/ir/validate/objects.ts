/**
 * Sequences and domains, whatever the dialect (which of them it has is checked per dialect,
 * `dialects/common/validate-objects.ts`): a sequence's `owned by` names a column of the
 * schema; a domain's checks have distinct names.
 */
import type { Extension, Namespace, Schema } from "../model.ts";
import { didYouMean } from "../diagnostics.ts";
import { locOf, type Validation } from "./context.ts";

export function validateSequences(v: Validation, schema: Schema) {
  for (const q of schema.sequences ?? []) {
    const own = q.ownedBy;
    if (!own) continue;
    const t = v.tables.get(own.table);
    if (!t) {
      v.err(
        "unknown-table",
        `sequence \`${q.name}\` is owned by \`${own.table}.${own.column}\`, but there is no table \`${own.table}\``,
        locOf(q.src, "option:owned by"),
        didYouMean(own.table, [...v.tables.keys()]),
      );
      continue;
    }
    if (!t.columns.some((c) => c.name === own.column))
      v.err(
        "unknown-column",
        `sequence \`${q.name}\` is owned by \`${own.table}.${own.column}\`, but table \`${own.table}\` has no column \`${own.column}\``,
        locOf(q.src, "option:owned by"),
        didYouMean(
          own.column,
          t.columns.map((c) => c.name),
        ),
      );
  }
}

export function validateDomains(v: Validation, schema: Schema) {
  for (const d of schema.domains ?? []) {
    const seen = new Set<string>();
    for (const c of d.checks) {
      if (seen.has(c.name))
        v.err(
          "duplicate-name",
          `domain \`${d.name}\` has two checks named \`${c.name}\``,
          locOf(c.src, "expr"),
          "rename one",
        );
      seen.add(c.name);
    }
  }
}

/** An extension is declared once (PostgreSQL installs one of each name). */
export function validateExtensions(v: Validation, schema: Schema) {
  const seen = new Map<string, Extension>();
  for (const x of schema.extensions ?? []) {
    const first = seen.get(x.name);
    if (first) {
      const firstLoc = locOf(first.src);
      v.err(
        "duplicate-name",
        `extension \`${x.name}\` is declared twice`,
        locOf(x.src),
        "remove one of them",
        firstLoc ? { message: "first declared here", loc: firstLoc } : undefined,
      );
    } else seen.set(x.name, x);
  }
}

/**
 * A schema (`schema sales`) is declared once, and never as the current schema: bare names are
 * in it already, so `schema public` would say the same thing twice, differently.
 */
export function validateNamespaces(v: Validation, schema: Schema) {
  const seen = new Map<string, Namespace>();
  for (const x of schema.namespaces ?? []) {
    const first = seen.get(x.name);
    if (first) {
      const firstLoc = locOf(first.src);
      v.err(
        "duplicate-name",
        `schema \`${x.name}\` is declared twice`,
        locOf(x.src),
        "remove one of them",
        firstLoc ? { message: "first declared here", loc: firstLoc } : undefined,
      );
    } else seen.set(x.name, x);
    if (x.name === "public")
      v.err(
        "current-schema",
        "`schema public` declares the current schema, where bare names already are",
        locOf(x.src, "name"),
        "remove the declaration, and write the objects in it without `public.`",
      );
  }
}
