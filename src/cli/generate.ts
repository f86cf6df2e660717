/**
 * `schemavc generate -m MSG` (alias `migrate`; `revision --autogenerate`): compares the schema files with the snapshot of
 * the latest migration and writes the next migration folder (up.sql, down.sql, snapshot.json),
 * then updates schemavc.sum. Writes nothing when nothing changed. `--erd` also writes erd.md, a
 * Mermaid diagram of the new schema, into the folder (outside the sum: it is derived, never read).
 *
 * Renames: `renamed from` hints decide. Where a column (or table) disappears and a similar one
 * appears without a hint, a person at a terminal is asked; without a terminal the tool never
 * guesses: it warns, writes drop + add, and prints the hint line that would keep the data and
 * `generate --amend`, which rewrites the migration just written with it.
 *
 * `--amend` rewrites the newest migration from its parent snapshot (the one before it): same
 * timestamp, so it stays in its place; same name unless `-m` gives another; the sum file is
 * rewritten with it. Refused when that migration is recorded in any database the project names
 * (`amend-guard.ts`), since a database that ran it would never run the new one.
 */
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { flag, mayAsk, str, type Context } from "./context.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { loadMigrations, loadValidSchema, openProject } from "./project.ts";
import { emptySchema, type Schema } from "../ir/model.ts";
import {
  renameCandidates,
  renamesFromHints,
  withRenames,
  type RenameCandidate,
  type Renames,
} from "../diff/renames.ts";
import { plan, sqlFile } from "../diff/plan.ts";
import { describe } from "../diff/summary.ts";
import { slug, timestampOf, writeMigration, type Migration } from "../migrate/dir.ts";
import { refuseIfApplied } from "./amend-guard.ts";
import { askYesNo } from "./prompt.ts";
import { lintMigration } from "../lint/lint.ts";
import { withSpinner } from "./spinner.ts";
import { mermaidErd, mermaidMarkdown } from "../erd/mermaid.ts";
import type { GenerateResult } from "./results.ts";

export async function run(ctx: Context): Promise<number> {
  const amend = flag(ctx, "amend");
  let message = str(ctx, "message") ?? ctx.positionals[0];
  if (!amend && !message?.trim())
    throw new UsageError(
      `a message is needed: \`schemavc ${ctx.command === "revision" ? "revision" : "generate"} -m "add portfolio"\``,
    );
  if (flag(ctx, "empty")) {
    if (amend)
      throw new UsageError("--empty writes a new migration; --amend rewrites the newest one: pass one");
    return writeEmpty(ctx, message!);
  }
  const project = await openProject(ctx);
  const [to, all] = await withSpinner(ctx, "reading the schema and the migrations", async () => {
    const ms = await loadMigrations(project, ctx.cwd);
    return [await loadValidSchema(ctx, project.config.schema, project.dialect, async () => ms), ms] as const;
  });
  // --amend: the newest migration is written again after the ones before it.
  let amended: Migration | undefined;
  if (amend) {
    amended = all.at(-1);
    if (!amended)
      throw new UsageError(
        "--amend rewrites the newest migration, and there is none",
        'run `schemavc generate -m "initial"`',
      );
    await refuseIfApplied(ctx, project, amended);
    message = message?.trim() ? message : messageOf(amended);
  }
  const migrations = amended ? all.slice(0, -1) : all;
  const from: Schema = migrations[migrations.length - 1]?.snapshot.schema ?? emptySchema();

  let renames = renamesFromHints(from, to);
  const candidates = renameCandidates(from, to, renames);
  if (candidates.length) {
    const accepted: RenameCandidate[] = [];
    const interactive = mayAsk(ctx) && !flag(ctx, "json");
    for (const c of candidates) {
      const what =
        c.kind === "table" ? `table ${c.from} → ${c.to}` : `${c.table}.${c.from} → ${c.table}.${c.to}`;
      if (interactive && (await askYesNo(`rename ${what}? [y/N] `))) {
        accepted.push(c);
        continue;
      }
      const hint =
        c.kind === "table"
          ? `table ${c.to} renamed from ${c.from} { ... }`
          : `${c.to} ... renamed from ${c.from}   (in table ${c.table})`;
      ctx.report.warn(
        `${c.kind === "table" ? `table ${c.from}` : `column ${c.table}.${c.from}`} disappeared and ${c.kind === "table" ? `table ${c.to}` : `${c.table}.${c.to}`} appeared: writing drop + add, which loses the data of ${c.from}.\n  If it is a rename, write \`${hint}\` and run \`schemavc generate --amend\` to rewrite this migration with the rename.`,
      );
    }
    renames = withRenames(renames, accepted);
  }

  const p = plan(from, to, renames, project.dialect);
  if (!p.changes.length) {
    if (amended)
      throw new SchemavcError(
        `nothing to amend ${amended.version} with: the schema equals the snapshot before it, so the migration would be empty`,
        1,
        `to drop the migration, delete its folder (${relative(ctx.cwd, amended.dir) || amended.dir}) and run \`schemavc rehash\``,
      );
    ctx.report.json({ version: null, changes: [], warnings: [] } satisfies GenerateResult);
    ctx.report.note("no changes: the schema matches the latest migration; nothing written");
    // A `renamed from` added after generate wrote drop + add: the hint names what the newest
    // migration dropped, so it would take effect against the snapshot before that one.
    const parent = migrations.at(-2);
    if (parent && hasRenames(renamesFromHints(parent.snapshot.schema, to)))
      ctx.report.info(
        `  a \`renamed from\` names what ${migrations.at(-1)!.version} dropped: to make that migration a rename, run \`schemavc generate --amend\``,
      );
    return 0;
  }
  const msg = message ?? "";
  const last = migrations[migrations.length - 1];
  let stamp = amended ? amended.timestamp : timestampOf(new Date());
  // Two migrations within one second: keep versions strictly increasing.
  if (!amended && last && stamp <= last.timestamp) stamp = String(BigInt(last.timestamp) + 1n);
  const version = `${stamp}_${slug(msg)}`;
  const dialect = project.dialect.name;
  const upText = sqlFile({
    version,
    message: msg,
    direction: "up",
    dialect,
    statements: p.upSql,
    losses: p.upLosses,
  });
  const dir = await writeMigration(
    project.config.migrations,
    migrations,
    {
      version,
      dialect,
      schema: to,
      up: upText,
      down: sqlFile({
        version,
        message: msg,
        direction: "down",
        dialect,
        statements: p.downSql,
        losses: p.downLosses,
      }),
    },
    amended?.version,
  );
  // --erd: a picture of the new schema beside the migration. erd.md is derived from snapshot.json,
  // so schemavc.sum leaves it out and no command reads it: deleting or editing it breaks nothing.
  if (flag(ctx, "erd")) writeFileSync(join(dir, "erd.md"), mermaidMarkdown(mermaidErd(to)));
  // The same findings `schemavc lint` will give for this migration.
  const findings = lintMigration({
    dialect,
    file: join(relative(ctx.cwd, dir) || dir, "up.sql"),
    sql: upText,
    backslashEscapes: project.dialect.capabilities.backslashEscapes,
    qualifiedNames: project.dialect.capabilities.namespaces === true,
    transactionalDdl: project.dialect.capabilities.transactionalDdl,
    before: () => from,
    after: () => to,
  });
  // Each change described once: the JSON document and the printed lines say the same.
  const described = p.changes.map(describe);
  ctx.report.json({
    version,
    ...(amended ? { amended: amended.version } : {}),
    dir: relative(ctx.cwd, dir),
    ...(flag(ctx, "erd") ? { erd: join(relative(ctx.cwd, dir), "erd.md") } : {}),
    changes: described,
    warnings: p.upLosses.map((l) => l.message),
    findings,
  } satisfies GenerateResult);
  ctx.report.note(
    `${amended ? `rewrote ${amended.version === version ? "" : `${amended.version} as `}` : "wrote "}${relative(ctx.cwd, dir) || dir}/ (${p.changes.length} change${p.changes.length === 1 ? "" : "s"}):`,
  );
  // One write for the list (the same text as a line at a time: a write is a system call each).
  ctx.report.note(described.map((d) => `  ${d}`).join("\n"));
  for (const f of findings)
    ctx.report.warn(
      `${f.severity === "data-loss" ? "data loss " : f.severity === "error" ? "error " : ""}[${f.rule}] ${f.message} (${f.file}:${f.line})`,
    );
  if (findings.some((f) => f.severity === "data-loss")) {
    ctx.report.info(
      "  `schemavc up` refuses this migration until each data-loss statement has `-- schemavc:allow RULE` on the line above it (then run `schemavc rehash`), or you pass --allow-data-loss; `schemavc lint` explains each finding",
    );
  }
  ctx.report.note(
    "review up.sql and down.sql, commit the folder with your schema change, then run `schemavc up`",
  );
  return 0;
}

/**
 * `generate --empty` (`revision` without `--autogenerate`, Alembic's way to start a data
 * migration): a migration of no statements whose snapshot is its parent's, so the schema files
 * are not read and the next `generate` still finds every schema change. The user writes its SQL
 * (a backfill, say) into up.sql and down.sql and runs `rehash`; it is applied, rolled back,
 * summed and linted as any other.
 */
async function writeEmpty(ctx: Context, message: string): Promise<number> {
  const project = await openProject(ctx);
  const migrations = await loadMigrations(project, ctx.cwd);
  const last = migrations.at(-1);
  let stamp = timestampOf(new Date());
  if (last && stamp <= last.timestamp) stamp = String(BigInt(last.timestamp) + 1n);
  const version = `${stamp}_${slug(message)}`;
  const dialect = project.dialect.name;
  const file = (direction: "up" | "down", hint: string) =>
    `${sqlFile({ version, message, direction, dialect, statements: [], losses: [] })}${hint}\n`;
  const dir = await writeMigration(project.config.migrations, migrations, {
    version,
    dialect,
    schema: last?.snapshot.schema ?? emptySchema(),
    up: file(
      "up",
      "-- Write this migration's statements here (UPDATE ..., INSERT ...), then run `schemavc rehash`.",
    ),
    down: file("down", "-- Write the statements that undo up.sql here, then run `schemavc rehash`."),
  });
  const where = relative(ctx.cwd, dir) || dir;
  ctx.report.json({
    version,
    dir: where,
    empty: true,
    changes: [],
    warnings: [],
    findings: [],
  } satisfies GenerateResult);
  ctx.report.note(`wrote ${where}/ (empty: no schema change)`);
  ctx.report.note(
    "write its SQL in up.sql and down.sql, run `schemavc rehash` to record the edit, then `schemavc up`",
  );
  return 0;
}

/** The message a migration was written with: its up.sql's first line says it (else its name). */
function messageOf(m: Migration): string {
  const first = m.up.split("\n", 1)[0] ?? "";
  const said = new RegExp(`^-- schemavc up migration ${m.version}: (.*)$`).exec(first)?.[1];
  return said ?? m.name.replace(/_/g, " ");
}

const hasRenames = (r: Renames) => r.tables.size > 0 || r.enums.size > 0 || r.columns.size > 0;
