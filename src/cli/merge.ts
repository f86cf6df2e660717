/**
 * `schemavc merge`: puts two lines of migrations in one. Two git branches that each generated
 * migrations on the same parent leave, after `git merge`, two migration folders that follow one
 * parent and a `schemavc.sum` with conflict markers; every other command refuses that folder.
 *
 * "Later" is by version: the line whose first migration has the newer timestamp goes on top,
 * since versions are the order every database applies migrations in.
 *
 * - The lines commute (their migrations' footprints, `src/lint/commute.ts`, are disjoint, and
 *   the later line's versions all come after the earlier's): the later line is re-chained on
 *   top. Its snapshots are computed again (the earlier line's schema with each later migration's
 *   changes applied), its first one follows the earlier line's last; up.sql and down.sql are
 *   not touched, so their checksums stay and a database that applied them keeps its history.
 * - They overlap (or their versions interleave): the objects both change are named and, after
 *   a `y` at a terminal or with `--yes`, the later line is regenerated as one migration from
 *   the merged schema files, after the earlier line, with `-- schemavc:replaces V...` in its
 *   up.sql (so `up` on a database that applied the old ones says what happened). A later line
 *   holding a hand-written migration is never regenerated (its statements would be lost).
 *
 * Then schemavc.sum is written for the one line. `--dry-run` says what would be done.
 */
import { relative, sep } from "node:path";
import { flag, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import { loadValidSchema, openProject } from "./project.ts";
import { askYesNo, canAsk } from "./prompt.ts";
import { findFork, readFork, REPLACES_DIRECTIVE, type ForkedFolder } from "../migrate/fork.ts";
import {
  MigrationDirError,
  readMigrations,
  rehash,
  slug,
  timestampOf,
  writeMigration,
  type Migration,
} from "../migrate/dir.ts";
import { messageOfSqlFile } from "../migrate/message.ts";
import { changesOf, conflicts, footprintOf, union, type Conflict } from "../lint/commute.ts";
import { applyChanges } from "../diff/apply.ts";
import { plan, sqlFile } from "../diff/plan.ts";
import { renamesFromHints } from "../diff/renames.ts";
import { describe } from "../diff/summary.ts";
import { serializeSnapshot } from "../ir/snapshot.ts";
import type { Schema } from "../ir/model.ts";
import type { Dialect } from "../dialects/dialect.ts";
import { SUM_FILE } from "../migrate/sum.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const dialect = project.dialect;
  const dryRun = flag(ctx, "dry-run");
  const own = (e: unknown) =>
    e instanceof MigrationDirError
      ? new SchemavcError(e.message.split(`${ctx.cwd}${sep}`).join(""), 1, e.hint)
      : e;
  let folder: ForkedFolder;
  let fork: ReturnType<typeof findFork>;
  try {
    folder = await readFork(project.config.migrations);
    fork = findFork(folder);
  } catch (e) {
    throw own(e);
  }
  const other = folder.migrations.find((m) => m.dialect && m.dialect !== dialect.name);
  if (other)
    throw new SchemavcError(
      `migration ${other.version} was written for ${other.dialect}, but this project's dialect is ${dialect.name}`,
      1,
    );

  if (fork.kind === "linear") {
    let intact = true;
    try {
      await readMigrations(folder.src);
    } catch {
      intact = false;
    }
    if (!intact && !dryRun) await rehash(folder.src).catch((e) => Promise.reject(own(e)));
    ctx.report.json({ merged: false, linear: true, sumRewritten: !intact && !dryRun });
    ctx.report.note(
      intact
        ? `nothing to merge: the ${folder.migrations.length} migration${folder.migrations.length === 1 ? "" : "s"} form one line`
        : `the migrations form one line; ${dryRun ? `${SUM_FILE} would be rewritten` : `rewrote ${SUM_FILE}`} (every file has the hash one side of it lists)`,
    );
    return 0;
  }

  const [x, y] = fork.lines;
  const [earlier, later] = x[0]!.version < y[0]!.version ? [x, y] : [y, x];
  const base = fork.base?.snapshot.schema;
  const parentOf = (line: readonly Migration[], i: number) => (i ? line[i - 1]!.snapshot.schema : base);
  const prints = (line: readonly Migration[]) =>
    line.map((m, i) => footprintOf(dialect, parentOf(line, i), m));
  const laterPrints = prints(later);
  let clash = conflicts(union(prints(earlier)), union(laterPrints));
  const interleaved = later[0]!.version < earlier.at(-1)!.version;
  const names = (line: readonly Migration[]) => line.map((m) => m.version).join(", ");
  const onTop = earlier.at(-1)!;

  // Commuting: each later migration's snapshot is the merged schema after it.
  let rechained: { m: Migration; prevId: string; schema: Schema }[] | undefined;
  if (!clash.length && !interleaved) {
    try {
      rechained = rechain(dialect, onTop, later, base);
    } catch (e) {
      // The footprints missed something the IR knows: the changes do not fit the other schema.
      clash = [{ label: (e as Error).message.replace(/^apply: /, ""), earlier: "", later: "" }];
    }
  }
  const json = {
    base: fork.base?.version ?? null,
    earlier: earlier.map((m) => m.version),
    later: later.map((m) => m.version),
    conflicts: clash.map((c) => c.label),
    interleaved,
  };

  if (rechained) {
    if (!dryRun) {
      for (const r of rechained)
        await folder.src.writeFile(
          `${r.m.version}/snapshot.json`,
          serializeSnapshot({ id: r.m.version, prevId: r.prevId, dialect: dialect.name, schema: r.schema }),
        );
      await rehash(folder.src).catch((e) => Promise.reject(own(e)));
    }
    const files = dryRun ? undefined : await schemaFilesAgainst(ctx, project, rechained.at(-1)!.schema);
    ctx.report.json({ ...json, merged: !dryRun, mode: "rechained", dryRun, schemaFiles: files?.status });
    ctx.report.note(
      `the two branches change different objects (they commute): ${dryRun ? "would re-chain" : "re-chained"} ${names(later)} on top of ${onTop.version} (${names(earlier)} ${earlier.length === 1 ? "comes" : "come"} first)`,
    );
    if (dryRun) return 0;
    ctx.report.note(
      `  ${later.length === 1 ? "its" : "their"} snapshot${later.length === 1 ? " was" : "s were"} computed from the merged schema; up.sql and down.sql are unchanged; ${SUM_FILE} rewritten`,
    );
    if (files?.message) ctx.report.warn(files.message);
    ctx.report.note(
      "commit the migrations folder (`git add` it, then `git commit`), then run `schemavc up`: a database that applied the later branch's migrations first gets the earlier ones",
    );
    return 0;
  }

  // Overlapping: name what both change, then regenerate the later line after asking.
  const why = interleaved
    ? `the branches' migrations interleave in time (${later[0]!.version} is older than ${onTop.version}), so the later line cannot keep its versions on top`
    : "both branches change the same objects";
  const lines = clash.map((c) => `  ${conflictText(c)}`);
  const handWritten = later.filter((_, i) => laterPrints[i]!.opaque);
  if (handWritten.length)
    throw new SchemavcError(
      `${why}${lines.length ? `:\n${lines.join("\n")}` : ""}\nand ${names(handWritten)} ${handWritten.length === 1 ? "is" : "are"} hand-written (a data migration): regenerating would lose ${handWritten.length === 1 ? "its" : "their"} statements; nothing was changed`,
      1,
      `merge by hand: delete the later branch's migration folders (${names(later)}), run \`schemavc rehash\`, then \`schemavc generate\` and write the data migration again with \`schemavc revision\``,
    );
  const question = `regenerate ${names(later)} as one migration after ${onTop.version}, from the schema files?`;
  if (dryRun) {
    ctx.report.json({ ...json, merged: false, mode: "regenerate", dryRun: true });
    ctx.report.line(`${why}:`);
    for (const l of lines) ctx.report.line(l);
    ctx.report.note(`would ${question.replace(/\?$/, "")} (after a y at a terminal, or with --yes)`);
    return 0;
  }
  const interactive = canAsk() && !flag(ctx, "json");
  if (interactive) {
    ctx.report.info(`${why}:`);
    for (const l of lines) ctx.report.info(l);
  }
  const yes = flag(ctx, "yes") || (interactive && (await askYesNo(`${question} [y/N] `)));
  if (!yes)
    throw new SchemavcError(
      `${why}${lines.length ? `:\n${lines.join("\n")}` : ""}\nnothing was changed`,
      1,
      `merge the schema files (resolve any git conflict in them), then run \`schemavc merge --yes\` to regenerate ${names(later)} as one migration after ${onTop.version}${interactive ? "" : " (no terminal to ask at)"}`,
    );
  return regenerate(ctx, project, folder, [...fork.trunk, ...earlier], later, { ...json, why });
}

/**
 * The later line re-chained on top of `onTop`: each migration's snapshot is the schema before
 * it with its own changes (from its old parent to its old snapshot) applied. Throws when a
 * change does not fit (an object the other line removed).
 */
function rechain(
  dialect: Dialect,
  onTop: Migration,
  later: readonly Migration[],
  base: Schema | undefined,
): { m: Migration; prevId: string; schema: Schema }[] {
  let schema = onTop.snapshot.schema;
  let prevId = onTop.version;
  const out: { m: Migration; prevId: string; schema: Schema }[] = [];
  for (const [i, m] of later.entries()) {
    schema = applyChanges(schema, changesOf(dialect, i ? later[i - 1]!.snapshot.schema : base, m));
    out.push({ m, prevId, schema });
    prevId = m.version;
  }
  return out;
}

/** One overlapping object, and what each branch changes of it when the two differ. */
function conflictText(c: Conflict): string {
  if (!c.earlier || !c.later || c.earlier === c.later) return c.label;
  return `${c.label} (the earlier branch changes ${c.earlier}, the later ${c.later})`;
}

/**
 * The schema files against the merged schema: after a merge they should be equal (git merged
 * both branches' edits); a difference is left for `generate`, and said.
 */
async function schemaFilesAgainst(
  ctx: Context,
  project: Awaited<ReturnType<typeof openProject>>,
  merged: Schema,
): Promise<{ status: "equal" | "differ" | "unreadable"; message?: string }> {
  let files: Schema;
  try {
    files = await loadValidSchema(ctx, project.config.schema, project.dialect);
  } catch (e) {
    if (!(e instanceof SchemavcError)) throw e;
    return {
      status: "unreadable",
      message: `the schema files could not be read (${e.message}): fix them (a git conflict in them?), then \`schemavc check\` compares them with the migrations`,
    };
  }
  const changes = plan(merged, files, renamesFromHints(merged, files), project.dialect).changes;
  if (!changes.length) return { status: "equal" };
  return {
    status: "differ",
    message: `the schema files differ from the merged migrations' schema in ${changes.length} change${changes.length === 1 ? "" : "s"}:\n${changes
      .slice(0, 10)
      .map((c) => `    ${describe(c)}`)
      .join("\n")}\n  run \`schemavc generate\` to write them as a new migration`,
  };
}

/**
 * The later line regenerated: its folders removed, one migration written after `kept` from the
 * schema files (the merged ones), its up.sql naming what it replaces. Nothing left to write
 * (the earlier line already has every change) removes the later line only.
 */
async function regenerate(
  ctx: Context,
  project: Awaited<ReturnType<typeof openProject>>,
  folder: ForkedFolder,
  kept: readonly Migration[],
  later: readonly Migration[],
  json: Record<string, unknown>,
): Promise<number> {
  const dialect = project.dialect;
  const to = await loadValidSchema(ctx, project.config.schema, dialect);
  const onTop = kept.at(-1)!;
  const from = onTop.snapshot.schema;
  const p = plan(from, to, renamesFromHints(from, to), dialect);
  const rel = (path: string) => relative(ctx.cwd, path) || path;
  const replaced = later.map((m) => m.version);
  for (const m of later) await folder.src.removeFolder(m.version);
  if (!p.changes.length) {
    await rehash(folder.src);
    ctx.report.json({ ...json, merged: true, mode: "regenerated", version: null, replaced, changes: [] });
    ctx.report.note(
      `removed ${replaced.join(", ")}: the schema files equal ${onTop.version}'s snapshot, so nothing is left to regenerate; ${SUM_FILE} rewritten`,
    );
    return 0;
  }
  const message = later.map((m) => messageOfSqlFile(m.up) ?? m.name.replace(/_/g, " ")).join("; ");
  const newest = [...folder.migrations.map((m) => m.timestamp)].sort().at(-1)!;
  let stamp = timestampOf(new Date());
  if (stamp <= newest) stamp = String(BigInt(newest) + 1n);
  const version = `${stamp}_${slug(message)}`;
  const file = (direction: "up" | "down") => {
    const text = sqlFile({
      version,
      message,
      direction,
      dialect: dialect.name,
      statements: direction === "up" ? p.upSql : p.downSql,
      losses: direction === "up" ? p.upLosses : p.downLosses,
    });
    // The directive goes in the header, before the first statement (where directives are read).
    return direction === "up"
      ? text.replace("\n\n", `\n${REPLACES_DIRECTIVE} ${replaced.join(" ")}\n\n`)
      : text;
  };
  const dir = await writeMigration(folder.src, kept, {
    version,
    dialect: dialect.name,
    schema: to,
    up: file("up"),
    down: file("down"),
  });
  ctx.report.json({
    ...json,
    merged: true,
    mode: "regenerated",
    version,
    replaced,
    changes: p.changes.map(describe),
    warnings: p.upLosses.map((l) => l.message),
  });
  ctx.report.note(
    `regenerated ${replaced.join(", ")} as ${rel(dir)}/ after ${onTop.version} (${p.changes.length} change${p.changes.length === 1 ? "" : "s"}):`,
  );
  for (const c of p.changes) ctx.report.note(`  ${describe(c)}`);
  for (const l of p.upLosses) ctx.report.warn(`data loss: ${l.message}`);
  ctx.report.note(
    `review its up.sql and down.sql, commit the migrations folder, then run \`schemavc up\` (a database that applied ${replaced.join(", ")} is told to roll ${replaced.length === 1 ? "it" : "them"} back first)`,
  );
  return 0;
}
