/**
 * A migration plan: the changes between two schemas, their inverse, and both rendered as SQL
 * files for one dialect, with the data-loss warnings in the header of the file that loses data.
 * Shared by `generate` (which writes it) and `diff` (which prints it).
 */
import type { Schema } from "../ir/model.ts";
import type { Change } from "./changes.ts";
import { diffSchemas } from "./differ.ts";
import { invertAll } from "./invert.ts";
import { dataLosses, type DataLoss } from "./data-loss.ts";
import type { Renames } from "./renames.ts";
import { planSteps, type Step } from "./steps.ts";
import { VERSION } from "../version.ts";
import { SchemavcError } from "../core/errors.ts";

/**
 * What planning needs of a dialect: every `Dialect` is one. Declared here, not imported, because
 * the differ comes before the dialects in the one direction of imports.
 */
export interface PlanDialect {
  readonly capabilities: {
    readonly forwardForeignKeys: boolean;
    readonly columnOrder?: boolean;
    readonly repartitions?: boolean;
    readonly viewsPinColumns?: "drop" | "drop-and-type";
  };
  render(
    changes: readonly Change[],
    ctx: { readonly from: Schema; readonly to: Schema; readonly steps: readonly Step[] },
  ): readonly { readonly sql: string }[];
}

export interface Plan {
  readonly changes: Change[];
  readonly down: Change[];
  /** Each change with the schema before and after it, from `from` (`steps.ts`). */
  readonly steps: Step[];
  readonly downSteps: Step[];
  readonly upLosses: DataLoss[];
  readonly downLosses: DataLoss[];
  readonly upSql: string[];
  readonly downSql: string[];
}

export function plan(from: Schema, to: Schema, renames: Renames, dialect: PlanDialect): Plan {
  const changes = diffSchemas(from, to, renames, {
    forwardForeignKeys: dialect.capabilities.forwardForeignKeys,
    columnOrder: dialect.capabilities.columnOrder,
    repartitions: dialect.capabilities.repartitions,
    viewsPinColumns: dialect.capabilities.viewsPinColumns,
  });
  refuseDomainRetype(from, changes);
  const steps = planSteps(from, changes);
  // The inverse is computed the first time it is read: `pull` and `sql` ask for the up script
  // only, and rendering a 1,000-table inverse was a tenth of pull's planning.
  let inverse: { down: Change[]; downSteps: Step[]; downSql?: string[]; downLosses?: DataLoss[] } | undefined;
  const inv = () => {
    if (inverse) return inverse;
    const down = invertAll(changes);
    return (inverse = { down, downSteps: planSteps(to, down) });
  };
  return {
    changes,
    get down() {
      return inv().down;
    },
    steps,
    get downSteps() {
      return inv().downSteps;
    },
    upLosses: dataLosses(changes),
    get downLosses() {
      const i = inv();
      return (i.downLosses ??= dataLosses(i.down));
    },
    upSql: dialect.render(changes, { from, to, steps }).map((s) => s.sql),
    get downSql() {
      const i = inv();
      return (i.downSql ??= dialect
        .render(i.down, { from: to, to: from, steps: i.downSteps })
        .map((s) => s.sql));
    },
  };
}

/**
 * A domain whose base type or collation changes is dropped and created again (PostgreSQL alters
 * neither); that works only while no column uses it, so a plan that would drop a domain in use
 * is refused, naming the columns.
 */
function refuseDomainRetype(from: Schema, changes: readonly Change[]): void {
  // Loops, not `flatMap`: no array per change (a plan of thousands nearly never has domains).
  const created = new Set<string>();
  for (const c of changes) if (c.kind === "create-domain") created.add(c.domain.name);
  if (!created.size) return;
  for (const c of changes) {
    if (c.kind !== "drop-domain" || !created.has(c.domain.name)) continue;
    const users = from.tables.flatMap((t) =>
      t.columns
        .filter((col) => col.type.kind === "native" && !col.type.args && col.type.name === c.domain.name)
        .map((col) => `${t.name}.${col.name}`),
    );
    if (users.length)
      throw new SchemavcError(
        `cannot change the base type or collation of domain \`${c.domain.name}\` while columns use it (${users.join(", ")}): PostgreSQL alters neither, and the domain cannot be dropped and created again under them`,
        1,
        "declare a new domain with the new type, move the columns to it, then drop the old one",
      );
  }
}

/** The text of `up.sql` or `down.sql`: a header (with what is lost), then the statements. */
export function sqlFile(opts: {
  version: string;
  message: string;
  direction: "up" | "down";
  dialect: string;
  statements: readonly string[];
  losses: readonly DataLoss[];
}): string {
  const head = [
    `-- schemavc ${opts.direction} migration ${opts.version}${opts.message ? `: ${oneLine(opts.message)}` : ""}`,
    `-- dialect: ${opts.dialect}; written by schemavc ${VERSION}; review it before it is applied`,
  ];
  if (opts.losses.length) {
    head.push("--", "-- DATA LOSS: this file destroys data that the inverse migration cannot bring back:");
    for (const l of opts.losses) head.push(`--   ${l.message}`);
  }
  const body = opts.statements
    .map((s) => (s.trimEnd().endsWith(";") ? s.trimEnd() : `${s.trimEnd()};`))
    .join("\n\n");
  return `${head.join("\n")}\n\n${body}${body ? "\n" : ""}`;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
