/**
 * `schemavc generate -m MSG` (alias `migrate`): compares the schema files with the snapshot of
 * the latest migration and writes the next migration folder (up.sql, down.sql, snapshot.json),
 * then updates schemavc.sum. Writes nothing when nothing changed. `--erd` also writes erd.md, a
 * Mermaid diagram of the new schema, into the folder (outside the sum: it is derived, never read).
 *
 * Renames: `renamed from` hints decide. Where a column (or table) disappears and a similar one
 * appears without a hint, a person at a terminal is asked; without a terminal the tool never
 * guesses: it warns, writes drop + add, and prints the hint line that would keep the data.
 */
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { flag, str, type Context } from "./context.ts";
import { UsageError } from "../core/errors.ts";
import { loadMigrations, loadValidSchema, openProject } from "./project.ts";
import { emptySchema, type Schema } from "../ir/model.ts";
import { renameCandidates, renamesFromHints, withRenames, type RenameCandidate } from "../diff/renames.ts";
import { plan, sqlFile } from "../diff/plan.ts";
import { describe } from "../diff/summary.ts";
import { slug, timestampOf, writeMigration } from "../migrate/dir.ts";
import { askYesNo, canAsk } from "./prompt.ts";
import { lintMigration } from "../lint/lint.ts";
import { withSpinner } from "./spinner.ts";
import { mermaidErd, mermaidMarkdown } from "../erd/mermaid.ts";

export async function run(ctx: Context): Promise<number> {
  const message = str(ctx, "message") ?? ctx.positionals[0];
  if (!message?.trim()) throw new UsageError('a message is needed: `schemavc generate -m "add portfolio"`');
  const project = await openProject(ctx);
  const [to, migrations] = await withSpinner(
    ctx,
    "reading the schema and the migrations",
    async () =>
      [
        await loadValidSchema(ctx, project.config.schema, project.dialect),
        await loadMigrations(project, ctx.cwd),
      ] as const,
  );
  const from: Schema = migrations[migrations.length - 1]?.snapshot.schema ?? emptySchema();

  let renames = renamesFromHints(from, to);
  const candidates = renameCandidates(from, to, renames);
  if (candidates.length) {
    const accepted: RenameCandidate[] = [];
    const interactive = canAsk() && !flag(ctx, "json");
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
        `${c.kind === "table" ? `table ${c.from}` : `column ${c.table}.${c.from}`} disappeared and ${c.kind === "table" ? `table ${c.to}` : `${c.table}.${c.to}`} appeared: writing drop + add, which loses the data of ${c.from}.\n  If it is a rename, write \`${hint}\` and run generate again.`,
      );
    }
    renames = withRenames(renames, accepted);
  }

  const p = plan(from, to, renames, project.dialect);
  if (!p.changes.length) {
    ctx.report.json({ version: null, changes: [], warnings: [] });
    ctx.report.note("no changes: the schema matches the latest migration; nothing written");
    return 0;
  }
  const last = migrations[migrations.length - 1];
  let stamp = timestampOf(new Date());
  // Two migrations within one second: keep versions strictly increasing.
  if (last && stamp <= last.timestamp) stamp = String(BigInt(last.timestamp) + 1n);
  const version = `${stamp}_${slug(message)}`;
  const dialect = project.dialect.name;
  const upText = sqlFile({
    version,
    message,
    direction: "up",
    dialect,
    statements: p.upSql,
    losses: p.upLosses,
  });
  const dir = await writeMigration(project.config.migrations, migrations, {
    version,
    dialect,
    schema: to,
    up: upText,
    down: sqlFile({
      version,
      message,
      direction: "down",
      dialect,
      statements: p.downSql,
      losses: p.downLosses,
    }),
  });
  // --erd: a picture of the new schema beside the migration. erd.md is derived from snapshot.json,
  // so schemavc.sum leaves it out and no command reads it: deleting or editing it breaks nothing.
  if (flag(ctx, "erd")) await writeFile(join(dir, "erd.md"), mermaidMarkdown(mermaidErd(to)));
  // The same findings `schemavc lint` will give for this migration.
  const findings = lintMigration({
    dialect,
    file: join(relative(ctx.cwd, dir) || dir, "up.sql"),
    sql: upText,
    backslashEscapes: project.dialect.capabilities.backslashEscapes,
    transactionalDdl: project.dialect.capabilities.transactionalDdl,
    before: () => from,
    after: () => to,
  });
  ctx.report.json({
    version,
    dir: relative(ctx.cwd, dir),
    ...(flag(ctx, "erd") ? { erd: join(relative(ctx.cwd, dir), "erd.md") } : {}),
    changes: p.changes.map(describe),
    warnings: p.upLosses.map((l) => l.message),
    findings,
  });
  ctx.report.note(
    `wrote ${relative(ctx.cwd, dir) || dir}/ (${p.changes.length} change${p.changes.length === 1 ? "" : "s"}):`,
  );
  for (const c of p.changes) ctx.report.note(`  ${describe(c)}`);
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
