/**
 * `schemavc pull [--split] [--out PATH] [--partial]`: reads the live database and writes
 * `.schema` files equivalent to it (adopting an existing database: `pull`, `generate -m
 * baseline`, `stamp`).
 *
 * Where the project has migrations, the live schema is written in the words of the latest
 * snapshot wherever they mean the same on this database (`reconcile`): a `uuid` column stays
 * `uuid` on MySQL, enum names and doc comments survive SQLite.
 *
 * `pull` never loses anything silently, and proves what it writes:
 * - views, functions, procedures and triggers are written (`views.schema`, `functions.schema`,
 *   `triggers.schema` with `--split`), in the database's words; what the language does not hold
 *   of them, and the objects beside the tables it does not version, are listed as warnings;
 * - what a table holds that the language cannot express yet (the introspection's
 *   `unsupported`, and names the language cannot hold) fails the pull with "cannot express
 *   <what> yet: <object>", all of them listed, and nothing is written; with `--partial` the rest
 *   is written and these are listed as warnings;
 * - before anything is written, the files are read again, their CREATE script is run on a
 *   scratch database beside the live one (`dialects/scratch.ts`), and that database is read
 *   back and compared with the live one in the normal form drift uses: any difference fails the
 *   pull, naming it, and nothing is written.
 * Existing `.schema` files are replaced only with `--yes`.
 */
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { flag, str, type Context } from "./context.ts";
import { SchemavcError } from "../core/errors.ts";
import { loadMigrations, openProject } from "./project.ts";
import { openDatabase } from "./database.ts";
import { OWN_TABLES } from "../migrate/history.ts";
import { reconcile, replayDifferences } from "../dialects/compare.ts";
import { describe } from "../diff/summary.ts";
import type { Schema, Table } from "../ir/model.ts";
import type { Connection, Dialect, Introspected, Unsupported } from "../dialects/dialect.ts";
import { withSpinner } from "./spinner.ts";
import { declaredTypeNames } from "../ir/declared.ts";
import { knownNativeType } from "../dialects/common/type-names.ts";

export async function run(ctx: Context): Promise<number> {
  const project = await openProject(ctx);
  const dialect = project.dialect;
  const partial = flag(ctx, "partial");
  const conn = await openDatabase(ctx, project, str(ctx, "url"), { readOnly: true });
  /** The scratch database's removal, going on while the files are compared and written. */
  const removals: Promise<void>[] = [];
  try {
    const live = await withSpinner(ctx, "reading the database schema", () =>
      dialect.introspect(conn, {
        exclude: OWN_TABLES,
        ...(project.config.schemas ? { schemas: project.config.schemas } : {}),
      }),
    );
    const unsupported = [...live.unsupported, ...unholdableNames(live.schema)];
    if (unsupported.length && !partial) {
      throw new SchemavcError(
        `${cannotExpress(unsupported).join("\n")}\nnothing was written`,
        1,
        "pass --partial to write the rest and list these as warnings",
      );
    }
    // What --partial leaves out is left out of both sides of the replay comparison.
    const liveSchema = leaveOut(live.schema, unsupported);
    const migrations = await loadMigrations(project, ctx.cwd, false).catch(() => []);
    const hint = migrations.at(-1)?.snapshot.schema;
    // The snapshot's views as the database prints them, where it can: a view it has as the
    // snapshot says is written in the snapshot's words.
    const stored =
      hint?.views?.length && dialect.viewsAsStored
        ? new Map((await dialect.viewsAsStored(conn, hint.views)).map((v) => [v.name, v.query]))
        : undefined;
    // The snapshot's functions and triggers likewise.
    const storedRoutines =
      hint && (hint.functions?.length || hint.triggers?.length) && dialect.routinesAsStored
        ? await dialect.routinesAsStored(conn, hint)
        : undefined;
    const schema = hint ? reconcile(dialect, liveSchema, hint, stored, storedRoutines) : liveSchema;

    const { printDeclarations } = await import("../dsl/printer.ts");
    const { loadSources, schemaFiles } = await import("../dsl/load.ts");
    const out = resolve(ctx.cwd, str(ctx, "out") ?? project.config.schema);
    const split = flag(ctx, "split");
    const isFolder = split || !out.endsWith(".schema");
    const files = new Map<string, string>();
    const others = {
      namespaces: schema.namespaces ?? [],
      sequences: schema.sequences ?? [],
      domains: schema.domains ?? [],
      views: schema.views ?? [],
      extensions: schema.extensions ?? [],
      composites: schema.composites ?? [],
      functions: schema.functions ?? [],
      triggers: schema.triggers ?? [],
    };
    // A native type the dialect's catalogue does not know (an extension's, a user's) is written
    // quoted: the deliberate pass-through that the type check leaves alone.
    const declared = new Set(declaredTypeNames(schema));
    const print = {
      unknownType: (name: string) =>
        !declared.has(name) && !knownNativeType(dialect.capabilities.types, name),
    };
    if (split) {
      if (others.namespaces.length)
        files.set(
          join(out, "schemas.schema"),
          printDeclarations([], [], undefined, [], { namespaces: others.namespaces }),
        );
      if (others.extensions.length)
        files.set(
          join(out, "extensions.schema"),
          printDeclarations([], [], undefined, [], { extensions: others.extensions }),
        );
      if (schema.enums.length) files.set(join(out, "enums.schema"), printDeclarations([], schema.enums));
      if (others.composites.length)
        files.set(
          join(out, "types.schema"),
          printDeclarations([], [], undefined, [], { composites: others.composites }),
        );
      // Beside the tables' files (a sequence's owner and a domain's columns may be in any).
      if (others.domains.length)
        files.set(
          join(out, "domains.schema"),
          printDeclarations([], [], undefined, [], { domains: others.domains }),
        );
      if (others.sequences.length)
        files.set(
          join(out, "sequences.schema"),
          printDeclarations([], [], undefined, [], { sequences: others.sequences }),
        );
      if (others.views.length)
        files.set(
          join(out, "views.schema"),
          printDeclarations([], [], undefined, [], { views: others.views }),
        );
      if (others.functions.length)
        files.set(
          join(out, "functions.schema"),
          printDeclarations([], [], undefined, [], { functions: others.functions }),
        );
      if (others.triggers.length)
        files.set(
          join(out, "triggers.schema"),
          printDeclarations([], [], undefined, [], { triggers: others.triggers }),
        );
      for (const t of schema.tables)
        files.set(
          join(out, `${fileName(t.name)}.schema`),
          printDeclarations([t], [], undefined, [], {}, print),
        );
    } else {
      files.set(
        isFolder ? join(out, "schema.schema") : out,
        printDeclarations(schema.tables, schema.enums, undefined, [], others, print),
      );
    }

    const existing = await stat(out).then(
      (s) => (s.isDirectory() ? schemaFiles(out).catch(() => [] as string[]) : [out]),
      () => [] as string[],
    );
    if (existing.length && !flag(ctx, "yes")) {
      throw new SchemavcError(
        `${relative(ctx.cwd, out) || out} already holds ${existing.length} .schema file${existing.length === 1 ? "" : "s"}`,
        1,
        "pass --yes to replace them, or --out PATH to write elsewhere",
      );
    }

    // The files must read back, and build a database equal to the live one.
    // They must pass the checks `generate` makes: the language's, then the dialect's.
    const reread = loadSources(new Map([...files].map(([p, text]) => [relative(ctx.cwd, p), text])));
    const readBack = reread.diagnostics.filter((d) => d.severity === "error");
    const errors = readBack.length
      ? readBack
      : dialect.validate(reread.schema).filter((d) => d.severity === "error");
    if (errors.length) {
      throw new SchemavcError(
        `cannot express this database in the schema language yet: the written files would not read back (${errors
          .map((d) => d.message)
          .join("; ")})`,
        1,
        "nothing was written",
      );
    }
    await withSpinner(ctx, "replaying the files on a scratch database", () =>
      proveReplay(dialect, conn, liveSchema, reread.schema, (r) => removals.push(r)),
    );

    for (const f of existing) await rm(f);
    for (const [path, text] of files) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
    }
    report(ctx, live, unsupported);
    const names = [...files.keys()].map((p) => relative(ctx.cwd, p) || p);
    ctx.report.json({
      files: names,
      tables: schema.tables.length,
      enums: schema.enums.length,
      schemas: schema.namespaces?.length ?? 0,
      sequences: schema.sequences?.length ?? 0,
      domains: schema.domains?.length ?? 0,
      views: schema.views?.length ?? 0,
      extensions: schema.extensions?.length ?? 0,
      composites: schema.composites?.length ?? 0,
      functions: schema.functions?.length ?? 0,
      triggers: schema.triggers?.length ?? 0,
      skipped: live.skipped,
      unsupported: unsupported.map((u) => ({
        what: u.what,
        object: u.object,
        table: u.table,
        leftOut: u.leaveOut !== undefined,
      })),
    });
    const objects = [
      ...(schema.namespaces?.length ? [plural(schema.namespaces.length, "schema")] : []),
      ...(schema.extensions?.length ? [plural(schema.extensions.length, "extension")] : []),
      ...(schema.composites?.length ? [plural(schema.composites.length, "composite type")] : []),
      ...(schema.sequences?.length ? [plural(schema.sequences.length, "sequence")] : []),
      ...(schema.domains?.length ? [plural(schema.domains.length, "domain")] : []),
      ...(schema.views?.length ? [plural(schema.views.length, "view")] : []),
      ...(schema.functions?.length ? [plural(schema.functions.length, "function")] : []),
      ...(schema.triggers?.length ? [plural(schema.triggers.length, "trigger")] : []),
    ];
    ctx.report.note(
      `wrote ${names.join(", ")} (${[count(schema, "tables"), count(schema, "enums"), ...objects].join(", ")})`,
    );
    return 0;
  } finally {
    await Promise.all(removals);
    await conn.close().catch(() => {});
  }
}

/**
 * The replay proof: the CREATE script of `files` (the schema the written files read back as)
 * runs on a scratch database beside the live one; that database, read back, must equal `live`
 * in the normal form drift uses. Throws naming every difference, or the statement the database
 * refused. The scratch's removal is handed to `removeLater` (it goes on during the comparison).
 */
async function proveReplay(
  dialect: Dialect,
  conn: Connection,
  live: Schema,
  files: Schema,
  removeLater: (removal: Promise<void>) => void,
): Promise<void> {
  const { plan } = await import("../diff/plan.ts");
  const { noRenames } = await import("../diff/renames.ts");
  const { inScratch, ScratchScriptError } = await import("../dialects/scratch.ts");
  // PostgreSQL refuses a materialized view over the scratch schema's temporary tables: it is
  // replayed as a plain view (the query PostgreSQL prints back is the same) and read back as
  // the files declare it.
  const materialized = new Set((files.views ?? []).filter((v) => v.materialized).map((v) => v.name));
  // The scratch stands inside the live database, which has the extensions already (a database
  // holds one of each, and a temporary schema none): the script leaves them out, and what they
  // make resolves there as it does live. They are the files' on the replayed side too, which
  // the files were written from.
  // Schemas (PostgreSQL namespaces) cannot be made in the temporary schema: such files replay
  // in a scratch database of their own, extensions and materialized views included.
  const ownDatabase = (files.namespaces?.length ?? 0) > 0;
  const { extensions: _, ...withoutExtensions } = files;
  const script = plan(
    { tables: [], enums: [] },
    ownDatabase ? files : withoutExtensions,
    noRenames(),
    dialect,
  ).upSql.map((sql) =>
    materialized.size && !ownDatabase ? sql.replace(/^CREATE MATERIALIZED VIEW /, "CREATE VIEW ") : sql,
  );
  let replayed: Schema;
  try {
    replayed =
      // In the temporary schema (the current one there), only it is read: the live database's
      // schemas are beside it.
      (
        await inScratch(
          conn,
          script,
          (ex) => dialect.introspect(ex, { exclude: OWN_TABLES, ...(ownDatabase ? {} : { schemas: [] }) }),
          {
            removeLater,
            ownDatabase,
          },
        )
      ).schema;
    if (files.extensions?.length && !ownDatabase) replayed = { ...replayed, extensions: files.extensions };
    if (materialized.size && !ownDatabase && replayed.views)
      replayed = {
        ...replayed,
        views: replayed.views.map((v) => (materialized.has(v.name) ? { ...v, materialized: true } : v)),
      };
  } catch (e) {
    if (!(e instanceof ScratchScriptError))
      throw new SchemavcError(
        `pull could not replay the files on a scratch database beside this one: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
        1,
        "nothing was written; the user needs TEMP on PostgreSQL (CREATEDB when the database has several schemas), CREATE and DROP on databases named schemavc_pull_% on MySQL/MariaDB",
      );
    throw new SchemavcError(
      `the written files do not recreate the database: their CREATE script failed on a scratch database: ${e.message}`,
      1,
      "nothing was written; what the database holds there cannot be expressed yet (--partial does not help)",
    );
  }
  const diff = replayDifferences(dialect, live, replayed);
  if (diff.length) {
    throw new SchemavcError(
      `the written files do not recreate the database: replayed on a scratch database and read back, they differ from it:\n${diff
        .map((c) => `  ${describe(c)}`)
        .join("\n")}\n(each line turns the live database into the replayed one)`,
      1,
      "nothing was written; what the database holds there cannot be expressed yet",
    );
  }
}

/** "cannot express <what> yet: <object>, <object>", one line per kind of construct. */
function cannotExpress(list: readonly Unsupported[]): string[] {
  const byWhat = new Map<string, string[]>();
  for (const u of list) (byWhat.get(u.what) ?? byWhat.set(u.what, []).get(u.what)!).push(u.object);
  return [...byWhat].map(([what, objects]) => `cannot express ${what} yet: ${objects.join(", ")}`);
}

/** A kind's plural: `policy` → `policies`, `index` → `indexes`, `view` → `views`. */
const kinds = (kind: string) =>
  /[^aeiou]y$/.test(kind) ? `${kind.slice(0, -1)}ies` : /(x|s|ch|sh)$/.test(kind) ? `${kind}es` : `${kind}s`;

/** The warnings of a pull that wrote its files: objects beside tables, then what --partial did. */
function report(ctx: Context, live: Introspected, unsupported: readonly Unsupported[]) {
  // An entry that says why itself (a view's clause the language does not keep) says it alone.
  for (const s of live.skipped)
    ctx.report.warn(
      live.skippedWhy?.[s] !== undefined
        ? `not pulled: ${s} (${live.skippedWhy[s]})`
        : s.endsWith(")")
          ? `not pulled: ${s}`
          : `not pulled: ${s} (the schema language has no ${kinds(s.split(" ")[0]!)} yet)`,
    );
  for (const u of unsupported)
    ctx.report.warn(
      `cannot express ${u.what} yet: ${u.object} (${
        u.leaveOut === "table"
          ? "the table is not pulled"
          : u.leaveOut?.startsWith("column:")
            ? "the column is not pulled"
            : u.leaveOut !== undefined
              ? "not pulled"
              : `table ${u.table} is pulled without it`
      })`,
    );
}

/** The schema without what `--partial` leaves out: whole tables, columns (with their keys and indexes), or an index or constraint. */
function leaveOut(schema: Schema, list: readonly Unsupported[]): Schema {
  const gone = new Map<string, Set<string>>();
  for (const u of list)
    if (u.leaveOut !== undefined)
      (gone.get(u.table) ?? gone.set(u.table, new Set()).get(u.table)!).add(u.leaveOut);
  if (!gone.size) return schema;
  const tables = schema.tables.flatMap((table): Table[] => {
    const t = table;
    const names = gone.get(t.name);
    if (!names) return [t];
    if (names.has("table")) return [];
    const columns = new Set([...names].flatMap((n) => (n.startsWith("column:") ? [n.slice(7)] : [])));
    const on = (cols: readonly string[]) => cols.some((c) => columns.has(c));
    const keep = <X extends { name: string }>(
      xs: readonly X[],
      cols: (x: X) => readonly string[] = () => [],
    ) => xs.filter((x) => !names.has(x.name) && !on(cols(x)));
    const { primaryKey, ...rest } = t;
    return [
      {
        ...rest,
        ...(primaryKey && !on(primaryKey.columns) ? { primaryKey } : {}),
        columns: t.columns.filter((c) => !columns.has(c.name)),
        uniques: keep(t.uniques, (u) => u.columns),
        indexes: keep(t.indexes, (i) => i.parts.flatMap((p) => (p.kind === "column" ? [p.column] : []))),
        foreignKeys: keep(t.foreignKeys, (f) => f.columns),
        checks: keep(t.checks),
      },
    ];
  });
  // A sequence owned by a column left out goes with nothing: the column is named as not pulled.
  const kept = (o: { table: string; column: string }) =>
    tables.some((t) => t.name === o.table && t.columns.some((c) => c.name === o.column));
  const sequences = schema.sequences?.map((q) => {
    if (!q.ownedBy || kept(q.ownedBy)) return q;
    const { ownedBy: _, ...rest } = q;
    return rest;
  });
  return { ...schema, tables, ...(sequences ? { sequences } : {}) };
}

/**
 * Names the language cannot hold (a quoted name ends at a line break), as unsupported
 * entries; such an object is left out with `--partial`.
 */
function unholdableNames(schema: Schema): Unsupported[] {
  const bad = (n: string) => /[\r\n]/.test(n) || n === "";
  const what = "names with a line break (or empty names)";
  const out: Unsupported[] = [];
  for (const t of schema.tables) {
    if (bad(t.name)) {
      out.push({ what, object: JSON.stringify(t.name), table: t.name, leaveOut: "table" });
      continue;
    }
    for (const c of t.columns)
      if (bad(c.name))
        out.push({ what, object: `${t.name}.${JSON.stringify(c.name)}`, table: t.name, leaveOut: "table" });
    for (const x of [...t.uniques, ...t.indexes, ...t.foreignKeys, ...t.checks])
      if (bad(x.name))
        out.push({ what, object: `${t.name}.${JSON.stringify(x.name)}`, table: t.name, leaveOut: x.name });
  }
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const count = (s: Schema, k: "tables" | "enums") =>
  `${s[k].length} ${s[k].length === 1 ? k.slice(0, -1) : k}`;

/** A table name as a file name: characters a file system may refuse become `_`. */
const fileName = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, "_") || "_";
