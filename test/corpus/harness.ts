/**
 * The corpus loop (issue 15), shared by `test/corpus/corpus.test.ts` and `scripts/corpus.ts`.
 * For one published schema on one dialect, through the compiled binary `dist/schemavc`, as a
 * user adopting an existing database runs it:
 *
 *   load     the schema.sql with the database's own client into an empty database A
 *   pull     `schemavc pull --json` on A (its `skipped` list: objects the language has not)
 *   generate `schemavc generate -m baseline`
 *   replay   `schemavc up` of that baseline on another empty database B (PostgreSQL: the
 *            baseline creates the extensions pull wrote)
 *   compare  A's and B's catalogs as the databases dump them (pg_dump --schema-only,
 *            mysqldump --no-data, sqlite_schema + PRAGMAs), normalised; the objects pull named
 *            as not pulled (views, triggers, functions, procedures, sequences) are left out of
 *            both sides, anything else that differs is a failure
 *   stamp    `schemavc stamp <baseline>` on A
 *   status   `schemavc status` on A: exit 0 (no drift, nothing pending)
 *   change   rows into one table of A with a simple key, then the pulled schema edited
 *            (a column renamed with `renamed from`, a varchar or int widened, an index added)
 *            and `schemavc generate -m change`
 *   up       `schemavc up` on A, then the rows read back (same values, the renamed column)
 *   down     `schemavc down` on A, then the rows read back under their old names
 *
 * `runCase` never throws for a failure of the product: it returns the step it reached and the
 * first failure (command, exit code, first lines of stderr, or the catalog difference).
 */
import { quoteQualified } from "../../src/dialects/common/sql.ts";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "../../src/dialects/registry.ts";
import type { Connection, DialectName } from "../../src/dialects/dialect.ts";
import { loadSources } from "../../src/dsl/load.ts";
import { printName, printType } from "../../src/dsl/printer.ts";
import type { Column, ColumnType, Schema, Table } from "../../src/ir/model.ts";
import { MYSQL_URL, PG_URL } from "../support/db.ts";

export const CORPUS_DIR = import.meta.dir;
const DIST = join(import.meta.dir, "../../dist/schemavc");

export const STEPS = [
  "load",
  "pull",
  "generate",
  "replay",
  "compare",
  "stamp",
  "status",
  "change",
  "up",
  "down",
] as const;
export type Step = (typeof STEPS)[number];

export interface Outcome {
  readonly dialect: DialectName;
  readonly name: string;
  /** The step that failed, or "done" when the whole loop passed. */
  readonly step: Step | "done";
  readonly failure?: string;
  /** pull's `skipped` list: what the comparison left out. */
  readonly skipped: readonly string[];
  /** The change made with rows present, once chosen. */
  readonly change?: string;
  readonly ms: number;
}

/** Every corpus schema, as `dialect/name`, sorted. */
export function corpusCases(dialects: readonly DialectName[] = ["postgres", "mysql", "sqlite"]) {
  return dialects.flatMap((d) =>
    readdirSync(join(CORPUS_DIR, d))
      .sort()
      .map((name) => ({ dialect: d, name })),
  );
}

class Failure extends Error {
  constructor(
    readonly step: Step,
    message: string,
  ) {
    super(message);
  }
}

const firstLines = (s: string, n = 6) =>
  s
    .split("\n")
    .filter((l) => l.trim())
    .slice(0, n)
    .join("\n");

/** Runs a program, failing `step` with its command, exit code and first stderr lines. */
async function sh(
  step: Step,
  cmd: string[],
  opts: { cwd?: string; stdin?: string; env?: Record<string, string> } = {},
): Promise<{ out: string; err: string }> {
  const p = Bun.spawn(cmd, {
    cwd: opts.cwd,
    env: { PATH: "/usr/bin:/bin", HOME: opts.cwd ?? tmpdir(), NO_COLOR: "1", TMPDIR: tmpdir(), ...opts.env },
    stdin: opts.stdin !== undefined ? Buffer.from(opts.stdin) : "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: 120_000,
  });
  const [out, err, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  if (code !== 0) {
    const shown = cmd.map((a) => (a.length > 80 ? `${a.slice(0, 77)}...` : a)).join(" ");
    throw new Failure(step, `\`${shown}\` exited ${code}:\n${firstLines(err || out)}`);
  }
  return { out, err };
}

// ---------------------------------------------------------------------------------------------
// Databases: one admin connection per dialect, reused by every case of a run.

const admins = new Map<DialectName, Promise<Connection>>();
const admin = (d: "postgres" | "mysql") => {
  let c = admins.get(d);
  if (!c) admins.set(d, (c = connect(d === "postgres" ? PG_URL : MYSQL_URL, { connectTimeoutMs: 3000 })));
  return c;
};

/** Closes the admin connections (end of a run). */
export async function closeAll(): Promise<void> {
  for (const c of admins.values()) await (await c).close();
  admins.clear();
}

interface Db {
  readonly url: string;
  /** Arguments naming the database for its command-line clients. */
  readonly cli: { host: string; port: string; user: string; name: string; path: string };
  drop(): Promise<void>;
}

let counter = 0;
async function createDb(dialect: DialectName, tag: string, dir: string): Promise<Db> {
  const name = `corpus_${tag.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${++counter}`.slice(
    0,
    60,
  );
  if (dialect === "sqlite") {
    const path = join(dir, `${name}.db`);
    return { url: `sqlite:${path}`, cli: { host: "", port: "", user: "", name, path }, drop: async () => {} };
  }
  const base = new URL(dialect === "postgres" ? PG_URL : MYSQL_URL);
  const q = dialect === "postgres" ? `"${name}"` : `\`${name}\``;
  const a = await admin(dialect);
  await a.exec(`DROP DATABASE IF EXISTS ${q}`);
  await a.exec(`CREATE DATABASE ${q}`);
  const u = new URL(base.toString());
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    cli: {
      host: base.hostname,
      port: base.port || (dialect === "postgres" ? "5432" : "3306"),
      user: decodeURIComponent(base.username) || "root",
      name,
      path: "",
    },
    // PostgreSQL refuses to drop a database with sessions on it; WITH (FORCE) ends them.
    drop: async () => {
      await a.exec(
        dialect === "postgres" ? `DROP DATABASE IF EXISTS ${q} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${q}`,
      );
    },
  };
}

const pgArgs = (db: Db) => ["-h", db.cli.host, "-p", db.cli.port, "-U", db.cli.user, "-d", db.cli.name];
const myArgs = (db: Db) => ["-h", db.cli.host, "-P", db.cli.port, "-u", db.cli.user];

async function loadWithClient(dialect: DialectName, db: Db, file: string): Promise<void> {
  if (dialect === "postgres")
    await sh("load", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", ...pgArgs(db), "-f", file], {
      env: { PGOPTIONS: "--client-min-messages=warning" },
    });
  else if (dialect === "mysql")
    await sh("load", ["mariadb", ...myArgs(db), db.cli.name], { stdin: readFileSync(file, "utf8") });
  else await sh("load", ["sqlite3", "-bail", db.cli.path], { stdin: readFileSync(file, "utf8") });
}

// ---------------------------------------------------------------------------------------------
// Catalogs: what each database's own dump says, as a map from object to normalised text.

/** `kind name` of an object the comparison knows how to leave out, from pull's skipped list. */
const OUT_OF_SCOPE =
  /^(view|materialized view|trigger|rule|function|procedure|aggregate|sequence|event|operator class|operator family|operator|cast|index|schema comment|schema privileges) (.+)$/;

/** A catalog entry: `KIND name` → normalised definition. Kinds are the dump's own words. */
type Catalog = Map<string, string>;

const ws = (s: string) => s.replace(/\s+/g, " ").trim();

/** pg_dump --schema-only, split into its TOC entries ("-- Name: X; Type: T; ..."). */
async function pgCatalog(db: Db): Promise<Catalog> {
  const { out } = await sh("compare", [
    "pg_dump",
    "--schema-only",
    "--no-owner",
    "--no-privileges",
    ...pgArgs(db),
  ]);
  const cat: Catalog = new Map();
  const header = /^-- Name: (.*); Type: (.*); Schema: (.*); Owner: .*$/gm;
  const heads = [...out.matchAll(header)];
  heads.forEach((m, i) => {
    const body = out
      .slice(m.index! + m[0].length, heads[i + 1]?.index ?? out.length)
      .split("\n")
      // pg_dump 15.14+ brackets its output in \restrict KEY ... \unrestrict KEY, a random key.
      .filter(
        (l) =>
          l.trim() &&
          !l.startsWith("--") &&
          !/^SET |^SELECT pg_catalog\.set_config|^\\(un)?restrict /.test(l),
      )
      .join("\n")
      .trim();
    // pg_dump lists the public schema, which every database has, only when its owner is not
    // the default one (Pagila's ALTER SCHEMA public OWNER TO postgres), with no statement ("not
    // creating schema, since initdb creates it"): owners are not compared (--no-owner).
    if (m[2] === "SCHEMA" && m[1] === "public" && (body === "" || body === "CREATE SCHEMA public;")) return;
    cat.set(`${m[2]} ${m[1]}`, body);
  });
  return cat;
}

/** Does a pg_dump entry belong to an object pull named as not pulled? */
function pgSkipped(key: string, skipped: readonly string[]): boolean {
  // The dump's kinds of more than one word first: "MATERIALIZED VIEW x" is not "MATERIALIZED".
  const [, type = "", name = ""] =
    /^(MATERIALIZED VIEW|SEQUENCE OWNED BY|OPERATOR CLASS|OPERATOR FAMILY|[A-Z]+) (.*)$/.exec(key) ?? [];
  return skipped.some((s) => {
    const m = OUT_OF_SCOPE.exec(s);
    if (!m) return false;
    const [, kind, obj] = m as unknown as [string, string, string];
    switch (kind) {
      case "view":
      case "materialized view":
        return (
          ((type === "VIEW" || type === "MATERIALIZED VIEW") && name === obj) ||
          (type === "RULE" && name.startsWith(`${obj} `)) ||
          (type === "COMMENT" && (name === `VIEW ${obj}` || name.startsWith(`COLUMN ${obj}.`)))
        );
      case "function":
      case "procedure":
      case "aggregate":
        return (
          (["FUNCTION", "PROCEDURE", "AGGREGATE"].includes(type) && name.startsWith(`${obj}(`)) ||
          (type === "COMMENT" && /^(FUNCTION|PROCEDURE|AGGREGATE) /.test(name) && name.includes(` ${obj}(`))
        );
      case "rule": {
        // pg_dump names a table's rule "table rule".
        const [rule, table] = obj.split(" on ");
        return type === "RULE" && name === `${table} ${rule}`;
      }
      case "trigger": {
        const [trg, table] = obj.split(" on ");
        return (type === "TRIGGER" && name === `${table} ${trg}`) || name === `TRIGGER ${trg} ON ${table}`;
      }
      case "sequence":
        return (type === "SEQUENCE" || type === "SEQUENCE OWNED BY") && name === obj;
      // pull names `index NAME on VIEW` (a materialized view's), pg_dump `INDEX NAME`.
      case "index":
        return type === "INDEX" && name === obj.split(" on ")[0];
      case "schema comment":
        return type === "COMMENT" && name === `SCHEMA ${obj}`;
      // A schema with privileges of its own is dumped as a SCHEMA entry (and its ACL).
      case "schema privileges":
        return (type === "SCHEMA" || type === "ACL") && (name === obj || name === `SCHEMA ${obj}`);
      // pull names `operator <(varchar_ci, varchar_ci)`, pg_dump the operator's name alone.
      case "operator":
        return (
          (type === "OPERATOR" || (type === "COMMENT" && name.startsWith("OPERATOR "))) &&
          name === obj.replace(/\(.*$/, "")
        );
      // pg_dump: `ci_ops USING btree`; pull: `ci_ops using btree`.
      case "operator class":
      case "operator family":
        // (The kind has two words: the whole key is compared.)
        return key.toLowerCase() === `${kind} ${obj}`.toLowerCase();
      // pg_dump qualifies the types (`CAST (integer AS public.year)`), pull names them as found.
      case "cast": {
        const bare = (x: string) => x.replace(/\b[a-z_][a-z0-9_]*\./gi, "");
        return type === "CAST" && bare(name) === bare(`CAST ${obj}`);
      }
      default:
        return false;
    }
  });
}

async function mysqlCatalog(db: Db): Promise<Catalog> {
  const c = await connect(db.url);
  const cat: Catalog = new Map();
  try {
    const objs = await c.query(
      `SELECT TABLE_NAME AS n, TABLE_TYPE AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1`,
    );
    const tables = objs.filter((r) => r["t"] === "BASE TABLE").map((r) => String(r["n"]));
    for (const r of objs.filter((r) => r["t"] !== "BASE TABLE" && r["t"] !== "VIEW"))
      cat.set(`${String(r["t"])} ${String(r["n"])}`, "");
    if (tables.length) {
      const { out } = await sh("compare", [
        "mysqldump",
        ...myArgs(db),
        "--no-data",
        "--compact",
        "--skip-triggers",
        "--skip-comments",
        db.cli.name,
        ...tables,
      ]);
      for (const stmt of out.split(/;\n/)) {
        const m = /CREATE TABLE `((?:[^`]|``)+)`/.exec(stmt);
        if (!m) continue;
        const body = stmt
          .slice(m.index)
          .split("\n")
          .filter((l) => !/^\/\*!\d+ SET /.test(l))
          .join("\n")
          // The counter is data, not schema.
          .replace(/ AUTO_INCREMENT=\d+/, "")
          .trim();
        cat.set(`TABLE ${m[1]!.replace(/``/g, "`")}`, sortKeys(body));
      }
    }
    const dbName = db.cli.name;
    // Definitions name their own database; the other side's is another name.
    const unqualify = (s: unknown) => ws(String(s ?? "")).replaceAll(`\`${dbName}\`.`, "");
    for (const r of await c.query(
      `SELECT TABLE_NAME AS n, VIEW_DEFINITION AS d FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()`,
    ))
      cat.set(`VIEW ${String(r["n"])}`, unqualify(r["d"]));
    for (const r of await c.query(
      `SELECT TRIGGER_NAME AS n, CONCAT(ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ON ', EVENT_OBJECT_TABLE, ' ', ACTION_STATEMENT) AS d FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()`,
    ))
      cat.set(`TRIGGER ${String(r["n"])}`, unqualify(r["d"]));
    for (const r of await c.query(
      `SELECT ROUTINE_TYPE AS t, ROUTINE_NAME AS n, ROUTINE_DEFINITION AS d FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()`,
    ))
      cat.set(`${String(r["t"])} ${String(r["n"])}`, unqualify(r["d"]));
    for (const r of await c.query(
      `SELECT EVENT_NAME AS n, EVENT_DEFINITION AS d FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()`,
    ))
      cat.set(`EVENT ${String(r["n"])}`, unqualify(r["d"]));
  } finally {
    await c.close();
  }
  return cat;
}

/**
 * SHOW CREATE TABLE lists keys and constraints in the order they were made, which is not part
 * of the schema: they are sorted (after the columns, whose order is), trailing commas dropped.
 */
function sortKeys(body: string): string {
  const lines = body.split("\n").map((l) => l.replace(/,$/, ""));
  const isKey = (l: string) =>
    /^\s+(PRIMARY KEY|UNIQUE KEY|KEY|FULLTEXT KEY|SPATIAL KEY|CONSTRAINT) /.test(l);
  const keys = lines.filter(isKey).sort();
  const rest = lines.filter((l) => !isKey(l));
  const close = rest.findIndex((l) => l.startsWith(")"));
  return close < 0 ? body : [...rest.slice(0, close), ...keys, ...rest.slice(close)].join("\n");
}

function mysqlSkipped(key: string, skipped: readonly string[]): boolean {
  return skipped.some((s) => {
    const m = OUT_OF_SCOPE.exec(s);
    if (!m) return false;
    const obj = m[1] === "trigger" ? m[2]!.split(" on ")[0] : m[2];
    return key === `${m[1]!.toUpperCase()} ${obj}`;
  });
}

/** Each CHECK (...) of a CREATE TABLE, as written (parentheses balanced, quotes respected). */
function checksOf(sql: string): string[] {
  const out: string[] = [];
  const re = /\bcheck\s*\(/gi;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < sql.length; i++) {
      const ch = sql[i]!;
      if (ch === "'") i = sql.indexOf("'", i + 1);
      else if (ch === "(") depth++;
      else if (ch === ")" && --depth === 0) break;
      if (i < 0) break;
    }
    out.push(
      ws(sql.slice(m.index, i + 1))
        .replace(/["`[\]]/g, "")
        .replace(/^check\s*\(/i, "CHECK ("),
    );
  }
  return out.sort();
}

/**
 * A table's foreign keys, each as one line: PRAGMA numbers them in reverse order of
 * declaration, which is not part of the schema, so the lines are sorted and the ids dropped.
 */
function foreignKeys(rows: Record<string, unknown>[]): string {
  const byId = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const { id, seq: _seq, ...rest } = r;
    const list = byId.get(String(id)) ?? [];
    list.push(rest);
    byId.set(String(id), list);
  }
  return [...byId.values()]
    .map((parts) => JSON.stringify(parts))
    .sort()
    .join("\n");
}

async function sqliteCatalog(db: Db): Promise<Catalog> {
  const c = await connect(db.url);
  const cat: Catalog = new Map();
  const j = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify({ ...r })).join("\n");
  try {
    const objs = await c.query(
      `SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
    );
    for (const o of objs) {
      const name = String(o["name"]);
      const sql = String(o["sql"] ?? "");
      const lit = `'${name.replace(/'/g, "''")}'`;
      if (o["type"] === "table") {
        const cols = await c.query(
          `SELECT name, upper(type) AS type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(${lit}) ORDER BY cid`,
        );
        const fks = await c.query(
          `SELECT id, seq, "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list(${lit}) ORDER BY id, seq`,
        );
        const idx = await c.query(
          `SELECT l."unique", l.origin, l.partial, (SELECT group_concat(coalesce(x.name, '<expr>') || ' ' || x.desc || ' ' || coalesce(x.coll, ''), ', ') FROM pragma_index_xinfo(l.name) x WHERE x.key) AS cols FROM pragma_index_list(${lit}) l WHERE l.origin <> 'c' ORDER BY cols`,
        );
        const list = await c.query(`SELECT type, ncol, wr, strict FROM pragma_table_list(${lit})`);
        // NOT NULL exactly as declared, a rowid alias's too (pull keeps which was written,
        // AUTOINCREMENT or not, though the rowid never holds NULL either way).
        cat.set(
          `table ${name}`,
          [
            `columns:\n${j(cols)}`,
            `foreign keys:\n${foreignKeys(fks)}`,
            `keys:\n${j(idx)}`,
            `table:\n${j(list)}`,
            `checks ${JSON.stringify(checksOf(sql))}`,
            `autoincrement ${/\bautoincrement\b/i.test(sql)}`,
            `collations ${JSON.stringify((sql.match(/\bcollate\s+\w+/gi) ?? []).map((x) => ws(x).toLowerCase()))}`,
          ].join("\n"),
        );
      } else if (o["type"] === "index") {
        if (!o["sql"]) continue; // autoindexes: the table's keys above
        const cols = await c.query(
          `SELECT coalesce(name, '<expr>') AS name, "desc", coll FROM pragma_index_xinfo(${lit}) WHERE key ORDER BY seqno`,
        );
        const where = /\bwhere\b([\s\S]*)$/i.exec(sql)?.[1];
        cat.set(
          `index ${name}`,
          `on ${String(o["tbl_name"])} unique ${/^create\s+unique/i.test(sql)}\n${j(cols)}${where ? ` where ${ws(where).replace(/["`[\]]/g, "")}` : ""}`,
        );
      } else if (o["type"] === "view")
        // SQLite keeps the statement as written: the view's name is the entry's, its quoting
        // (`[Current Product List]`, `"v"`) no part of the view.
        cat.set(
          `view ${name}`,
          ws(sql).replace(
            /^CREATE\s+VIEW\s+(?:"(?:[^"]|"")*"|\[[^\]]*\]|`(?:[^`]|``)*`|[^\s(]+)\s*AS\s/i,
            "CREATE VIEW v AS ",
          ),
        );
      else if (o["type"] === "trigger") {
        // Likewise a trigger's: the quoting of the names in its head (`"t"`, `t`) and the spacing
        // of an `UPDATE OF a,b` list are no part of it; the head's words and the body are.
        const at = /\bBEGIN\b/i.exec(sql)?.index ?? sql.length;
        const head = ws(sql.slice(0, at))
          .replace(/"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|\[([^\]]*)\]/g, (_, a, b, c) => a ?? b ?? c)
          .replace(/\s*,\s*/g, ", ");
        cat.set(`trigger ${name}`, `${head} ${ws(sql.slice(at))}`);
      } else cat.set(`${String(o["type"])} ${name}`, ws(sql));
    }
  } finally {
    await c.close();
  }
  return cat;
}

function sqliteSkipped(key: string, skipped: readonly string[]): boolean {
  return skipped.some((s) => {
    const m = OUT_OF_SCOPE.exec(s);
    if (!m) return false;
    const obj = m[1] === "trigger" ? m[2]!.split(" on ")[0] : m[2];
    return key === `${m[1]} ${obj}`;
  });
}

async function catalog(dialect: DialectName, db: Db): Promise<Catalog> {
  const cat =
    dialect === "postgres"
      ? await pgCatalog(db)
      : dialect === "mysql"
        ? await mysqlCatalog(db)
        : await sqliteCatalog(db);
  // schemavc's own tables (history, lock) are not part of the schema.
  for (const k of [...cat.keys()]) if (k.includes("schemavc_")) cat.delete(k);
  return cat;
}

/** The differences between A and B, leaving out what pull named as not pulled. */
const ignoreFor = (dialect: DialectName) =>
  dialect === "postgres" ? pgSkipped : dialect === "mysql" ? mysqlSkipped : sqliteSkipped;

/** The definitions of what pull did not pull (views, triggers...), as one text. */
function outOfScopeText(dialect: DialectName, cat: Catalog, skipped: readonly string[]): string {
  const ignore = ignoreFor(dialect);
  return [...cat]
    .filter(([k]) => ignore(k, skipped))
    .map(([, v]) => v)
    .join("\n");
}

export function diffCatalogs(
  dialect: DialectName,
  a: Catalog,
  b: Catalog,
  skipped: readonly string[],
): string[] {
  const ignore = ignoreFor(dialect);
  const out: string[] = [];
  for (const [k, x] of a) {
    if (ignore(k, skipped)) continue;
    const v = dialect === "postgres" ? withoutNamedClusters(x, skipped) : x;
    const w = b.get(k);
    if (w === undefined) out.push(`missing after replay: ${k}`);
    else if (w !== v) out.push(`differs: ${k}\n${lineDiff(v, w)}`);
  }
  for (const k of b.keys()) if (!a.has(k) && !ignore(k, skipped)) out.push(`extra after replay: ${k}`);
  return out;
}

/**
 * A pg_dump entry without its `ALTER TABLE t CLUSTER ON "idx";` lines for the indexes pull named
 * as `clustered index idx on t` (a key's or an index's entry holds it).
 */
function withoutNamedClusters(body: string, skipped: readonly string[]): string {
  const named = new Set(skipped.flatMap((s) => /^clustered index (.+) on /.exec(s)?.[1] ?? []));
  if (!named.size) return body;
  return body
    .split("\n")
    .filter((l) => {
      const m = /^ALTER TABLE \S+ CLUSTER ON "?([^";]+)"?;$/.exec(l.trim());
      return !m || !named.has(m[1]!);
    })
    .join("\n");
}

/** The lines only one side has (the first few of each). */
function lineDiff(a: string, b: string): string {
  const x = a.split("\n").map((l) => l.trim());
  const y = b.split("\n").map((l) => l.trim());
  const only = (p: string[], q: string[]) => p.filter((l) => !q.includes(l)).slice(0, 3);
  return [...only(x, y).map((l) => `  loaded:   ${l}`), ...only(y, x).map((l) => `  replayed: ${l}`)].join(
    "\n",
  );
}

// ---------------------------------------------------------------------------------------------
// The change with rows present.

const INTS = new Set([
  "smallint",
  "int",
  "bigint",
  "integer",
  "int2",
  "int4",
  "int8",
  "mediumint",
  "tinyint",
]);
const STRINGS = new Set([
  "text",
  "varchar",
  "char",
  "character varying",
  "character",
  "bpchar",
  "citext",
  "nvarchar",
  "nchar",
  "national character varying",
]);

/** The type's name without parameters: a native `"varchar(128)"` (SQLite) is a varchar. */
const typeName = (t: ColumnType) =>
  t.name
    .toLowerCase()
    .replace(/\s*\(.*\)$/, "")
    .trim();
const isInt = (t: ColumnType) =>
  t.kind !== "enum" && INTS.has(typeName(t)) && !(t.kind === "native" && t.array);
const isString = (t: ColumnType) =>
  t.kind !== "enum" &&
  (STRINGS.has(typeName(t)) || /text$/.test(typeName(t))) &&
  !(t.kind === "native" && t.array);
const length = (t: ColumnType): number | undefined => {
  const a = t.kind === "enum" ? undefined : (t.args?.[0] ?? /\((\d+)\)$/.exec(t.name)?.[1]);
  return a === undefined ? undefined : Number(a);
};

/** A value for row i of a column, or undefined when this harness cannot make one. */
function valueFor(c: Column, i: number, schema: Schema): unknown {
  const t = c.type;
  if (t.kind === "enum") return schema.enums.find((e) => e.name === t.name)?.values[0]?.name;
  if (t.kind === "native" && t.array) return undefined;
  const n = typeName(t);
  if (isInt(t)) return i;
  if (isString(t)) {
    const len = length(t);
    return len !== undefined && len < 4 ? String(i).slice(0, len) : `r${i}`;
  }
  if (/^(real|double|decimal|numeric|float|double precision)/.test(n)) return i;
  if (n === "bool" || n === "boolean") return true;
  if (n === "date") return `2020-01-0${i}`;
  if (n === "time") return `00:00:0${i}`;
  if (/^(timestamp|timestamptz|datetime)/.test(n)) return `2020-01-01 00:00:0${i}`;
  if (n === "uuid") return `00000000-0000-4000-8000-00000000000${i}`;
  if (n === "json" || n === "jsonb") return "{}";
  if (n === "bytes" || /blob$|^bytea$|binary$/.test(n)) return Buffer.from(`r${i}`);
  return undefined;
}

interface Plan {
  table: Table;
  keys: readonly string[];
  rename?: { from: string; to: string };
  widen?: { column: string; to: string };
  index?: string;
  /** A new nullable integer column (then also the indexed one). */
  add?: string;
  rows: Map<string, unknown>[];
}

/** The column the change adds to a table it can change no other way. */
const ADDED = "corpus_added";

const ROWS = [1, 2, 3];

/** The tables the change can be made on, those where more of the three edits can be made first (a primary key of integer and string columns, rows that can be made). */
function planChanges(schema: Schema, outside: string): Plan[] {
  const plans: Plan[] = [];
  const referenced = new Set(
    schema.tables.flatMap((t) => t.foreignKeys.flatMap((f) => f.refColumns.map((c) => `${f.refTable}.${c}`))),
  );
  for (const t of schema.tables) {
    const pk = t.primaryKey?.columns ?? [];
    const keys = pk.map((n) => t.columns.find((c) => c.name === n)!);
    if (!keys.length || keys.some((k) => !isInt(k.type) && !isString(k.type))) continue;
    const fkCols = new Set(t.foreignKeys.flatMap((f) => f.columns));
    const uniqueCols = new Set([
      ...t.uniques.flatMap((u) => u.columns),
      ...t.indexes
        .filter((i) => i.unique)
        .flatMap((i) => i.parts.map((x) => (x.kind === "column" ? x.column : ""))),
    ]);
    if (t.columns.some((c) => fkCols.has(c.name) && !c.nullable)) continue; // rows would need parents
    const rows = ROWS.map((i) => {
      const row = new Map<string, unknown>();
      for (const c of t.columns) {
        if (fkCols.has(c.name)) continue;
        const v = valueFor(c, i, schema);
        if (v === undefined) {
          // Three rows of one default would collide in a unique key.
          if ((!c.nullable && !c.default && !c.identity) || uniqueCols.has(c.name)) return undefined;
          continue;
        }
        row.set(c.name, v);
      }
      return row;
    });
    if (rows.some((r) => !r)) continue;
    // Columns named by something else of the table (or of another table), or by a view, a
    // trigger or a function (which schemavc does not manage, so they would break), stay as they are.
    const text = JSON.stringify([t.indexes, t.uniques, t.checks]);
    const word = (n: string) => new RegExp(`\\b${n.replace(/[^\w]/g, ".")}\\b`, "i");
    const mentioned = (c: Column) =>
      pk.includes(c.name) ||
      fkCols.has(c.name) ||
      referenced.has(`${t.name}.${c.name}`) ||
      text.includes(c.name) ||
      word(c.name).test(outside);
    const free = t.columns.filter((c) => !mentioned(c) && (isInt(c.type) || isString(c.type)));
    const renameCol = free.find((c) => isString(c.type)) ?? free[0];
    const widenCol =
      t.columns.find(
        (c) =>
          c !== renameCol &&
          !mentioned(c) &&
          isString(c.type) &&
          length(c.type) !== undefined &&
          typeName(c.type) === "varchar",
      ) ??
      t.columns.find(
        (c) =>
          c !== renameCol && !mentioned(c) && isInt(c.type) && !["bigint", "int8"].includes(typeName(c.type)),
      );
    const widen = widenCol
      ? {
          column: widenCol.name,
          to: isString(widenCol.type) ? `varchar(${length(widenCol.type)! + 10})` : "bigint",
        }
      : undefined;
    // The index goes on a column every dialect can index as it is: an integer, or a short varchar.
    const indexable = (c: Column) =>
      isInt(c.type) || (/^n?varchar$/.test(typeName(c.type)) && (length(c.type) ?? 999) <= 190);
    const indexCol = t.columns.find(
      (c) => c !== renameCol && !pk.includes(c.name) && indexable(c) && !fkCols.has(c.name),
    );
    // A table whose every column something else names (Pagila's views and triggers name them
    // all) still takes a change: a new nullable column, indexed.
    const add = !renameCol && !widen && !indexCol ? ADDED : undefined;
    if (add && t.columns.some((c) => c.name === add)) continue;
    const plan: Plan = {
      table: t,
      keys: pk,
      ...(renameCol ? { rename: { from: renameCol.name, to: `${renameCol.name}_renamed` } } : {}),
      ...(widen ? { widen } : {}),
      ...(add ? { add, index: add } : indexCol ? { index: indexCol.name } : {}),
      rows: rows as Map<string, unknown>[],
    };
    plans.push(plan);
  }
  // More edits first; a table with a CHECK (which may refuse made-up rows: phpBB checks every
  // column) after those without; among equals, the first table of the schema first (stable).
  const score = (p: Plan) =>
    Number(!!p.rename) + Number(!!p.widen) + Number(!!p.index && !p.add) - (p.table.checks.length ? 4 : 0);
  return plans.sort((x, y) => score(y) - score(x));
}

/** The edited schema text: the plan's edits made at the columns' and table's source positions. */
function editSchema(text: string, plan: Plan, loaded: Schema): string {
  const t = loaded.tables.find((x) => x.name === plan.table.name)!;
  const edits: { at: number; del: number; ins: string }[] = [];
  for (const c of t.columns) {
    const src = c.src!;
    const span = text.slice(src.offset, src.end);
    if (plan.rename?.from === c.name) {
      const printed = printName(c.name);
      if (!span.startsWith(printed))
        throw new Failure("change", `cannot find column ${c.name} in the pulled file`);
      edits.push({ at: src.offset, del: printed.length, ins: printName(plan.rename.to) });
      edits.push({ at: src.end, del: 0, ins: ` renamed from ${printed}` });
    }
    if (plan.widen?.column === c.name) {
      const printed = printType(c.type, Boolean(c.src?.quotedType));
      const at = span.indexOf(printed, printName(c.name).length);
      if (at < 0)
        throw new Failure("change", `cannot find the type ${printed} of ${c.name} in the pulled file`);
      edits.push({ at: src.offset + at, del: printed.length, ins: plan.widen.to });
    }
  }
  if (plan.index) {
    const close = t.src!.end - 1;
    if (text[close] !== "}")
      throw new Failure("change", `cannot find the end of table ${t.name} in the pulled file`);
    edits.push({ at: close, del: 0, ins: `\n  index corpus_change_idx (${printName(plan.index)})\n` });
    // The new column goes after the last one (MySQL and SQLite keep column order).
    if (plan.add)
      edits.push({ at: t.columns.at(-1)!.src!.end, del: 0, ins: `\n  ${printName(plan.add)} int?` });
  }
  let out = text;
  for (const e of edits.sort((x, y) => y.at - x.at))
    out = out.slice(0, e.at) + e.ins + out.slice(e.at + e.del);
  return out;
}

const quote = (dialect: DialectName, n: string) =>
  dialect === "mysql" ? `\`${n.replace(/`/g, "``")}\`` : `"${n.replace(/"/g, '""')}"`;
/** A table's name: PostgreSQL's `sales.orders` is in schema sales (src/ir/qualified.ts). */
const quoteTable = (dialect: DialectName, n: string) =>
  dialect === "postgres" ? quoteQualified(n) : quote(dialect, n);

/** Inserts the plan's rows in one transaction: all of them, or none when one is refused. */
async function insertPlanRows(dialect: DialectName, url: string, plan: Plan): Promise<void> {
  const c = await connect(url);
  try {
    const identity = plan.table.columns.some((x) => x.identity);
    await c.transaction(async (tx) => {
      for (const row of plan.rows) {
        const cols = [...row.keys()];
        // A GENERATED ALWAYS identity refuses a given value unless told to take it.
        const overriding = dialect === "postgres" && identity ? " OVERRIDING SYSTEM VALUE" : "";
        await tx.query(
          `INSERT INTO ${quoteTable(dialect, plan.table.name)} (${cols.map((k) => quote(dialect, k)).join(", ")})${overriding} VALUES (${cols.map(() => "?").join(", ")})`,
          cols.map((k) => row.get(k)),
        );
      }
    });
  } finally {
    await c.close();
  }
}

const asText = (v: unknown) =>
  v === null || v === undefined ? null : typeof v === "boolean" ? (v ? "1" : "0") : String(v).trimEnd();

/** Reads the plan's checked columns back and compares them with what went in. */
async function checkRows(dialect: DialectName, url: string, plan: Plan, renamed: boolean, step: Step) {
  const checked = [...plan.keys, plan.rename?.from, plan.widen?.column].filter((x): x is string => !!x);
  const now = (n: string) => (renamed && n === plan.rename?.from ? plan.rename.to : n);
  const c = await connect(url);
  try {
    let got: Record<string, unknown>[];
    try {
      got = await c.query(
        `SELECT ${checked.map((n) => quote(dialect, now(n))).join(", ")} FROM ${quoteTable(dialect, plan.table.name)} ORDER BY ${plan.keys.map((k) => quote(dialect, k)).join(", ")}`,
      );
    } catch (e) {
      throw new Failure(step, `reading the rows back: ${(e as Error).message.split("\n")[0]}`);
    }
    const want = plan.rows.map((r) => checked.map((n) => asText(r.get(n))).join(" | "));
    const have = got.map((r) => checked.map((n) => asText(r[now(n)])).join(" | "));
    if (JSON.stringify(want) !== JSON.stringify(have))
      throw new Failure(
        step,
        `rows of ${plan.table.name} (${checked.map(now).join(", ")}) after ${step}: expected ${JSON.stringify(want)}, got ${JSON.stringify(have)}`,
      );
  } finally {
    await c.close();
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The whole loop for one corpus schema. `partial` passes `--partial` to pull (what it cannot
 * express yet becomes warnings): for seeing past a refused pull, never for the test.
 */
export async function runCase(
  dialect: DialectName,
  name: string,
  opts: { partial?: boolean } = {},
): Promise<Outcome> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), `schemavc-corpus-${dialect}-${name}-`));
  const dbs: Db[] = [];
  let skipped: string[] = [];
  let change: string | undefined;
  const done = (step: Outcome["step"], failure?: string): Outcome => ({
    dialect,
    name,
    step,
    ...(failure !== undefined ? { failure } : {}),
    skipped,
    ...(change !== undefined ? { change } : {}),
    ms: Math.round(performance.now() - started),
  });
  try {
    // The binary runs from dist/ (test/binary checks it alone in a folder; copying 130 MB per
    // schema would cost more than the loop).
    const bin = DIST;
    const a = await createDb(dialect, `${dialect}_${name}_a`, dir);
    dbs.push(a);
    const b = await createDb(dialect, `${dialect}_${name}_b`, dir);
    dbs.push(b);
    const proj = join(dir, "project");
    mkdirSync(proj);
    writeFileSync(
      join(proj, "schemavc.toml"),
      `dialect = "${dialect}"\nschema = "schema"\nmigrations = "migrations"\nurl = "${a.url}"\n`,
    );
    const run = async (step: Step, ...args: string[]) => await sh(step, [bin, ...args], { cwd: proj });

    await loadWithClient(dialect, a, join(CORPUS_DIR, dialect, name, "schema.sql"));

    const pulled = JSON.parse(
      (await run("pull", "pull", "--json", "--yes", ...(opts.partial ? ["--partial"] : []))).out,
    ) as { skipped?: string[] };
    skipped = pulled.skipped ?? [];

    await run("generate", "generate", "-m", "baseline");
    const versions = () => {
      try {
        return readdirSync(join(proj, "migrations"))
          .filter((f) => /^\d{14}_/.test(f))
          .sort();
      } catch {
        return [];
      }
    };
    const baseline = versions().at(-1);

    // The baseline creates the extensions (pull writes them: OpenStreetMap's gist indexes on
    // integers need btree_gist), as it creates everything else.
    // No baseline (pull found no table): B stays empty, and the comparison says what was lost.
    if (baseline) await run("replay", "up", "--yes", "--url", b.url);

    const catA = await catalog(dialect, a);
    const diffs = diffCatalogs(dialect, catA, await catalog(dialect, b), skipped);
    if (diffs.length)
      throw new Failure(
        "compare",
        `${diffs.length} difference(s) between the loaded and the replayed database:\n${diffs.slice(0, 3).join("\n")}`,
      );
    if (!baseline) throw new Failure("generate", "generate -m baseline wrote no migration");

    await run("stamp", "stamp", baseline);
    await run("status", "status");

    const schemaDir = join(proj, "schema");
    const files = readdirSync(schemaDir).filter((f) => f.endsWith(".schema"));
    const sources = new Map(files.map((f) => [f, readFileSync(join(schemaDir, f), "utf8")]));
    const loaded = loadSources(sources).schema;
    // A schema file of no tables (phpBB's PostgreSQL one holds its domain, functions and
    // operators; the installer makes the tables) has nothing to change: the loop ends here.
    if (!loaded.tables.length) {
      change = "none: the schema has no table";
      return done("done");
    }
    // Rows the database refuses (a trigger that needs rows elsewhere, say) move the change to
    // the next table: the harness cannot know every table's rules.
    let plan: Plan | undefined;
    const refusals: string[] = [];
    // The views' queries too: the change renames a column in the files without rewriting the
    // queries that name it (a person renaming it would rewrite them, and the views be made again).
    const outside = [
      outOfScopeText(dialect, catA, skipped),
      ...(loaded.views ?? []).map((v) => v.query),
    ].join("\n");
    for (const p of planChanges(loaded, outside)) {
      try {
        await insertPlanRows(dialect, a.url, p);
        plan = p;
        break;
      } catch (e) {
        refusals.push(`${p.table.name}: ${(e as Error).message.split("\n")[0]}`);
        if (refusals.length >= 8) break;
      }
    }
    if (!plan)
      throw new Failure(
        "change",
        refusals.length
          ? `no table took the rows: ${refusals.join("; ")}`
          : "no table with a primary key of integer and string columns that rows can be made for",
      );
    change = [
      `${plan.rows.length} rows in ${plan.table.name}`,
      plan.rename && `${plan.rename.from} renamed to ${plan.rename.to}`,
      plan.widen && `${plan.widen.column} widened to ${plan.widen.to}`,
      plan.add && `column ${plan.add} added`,
      plan.index && `index on ${plan.index}`,
    ]
      .filter(Boolean)
      .join(", ");
    const file = plan.table.src!.file;
    writeFileSync(join(schemaDir, file), editSchema(sources.get(file)!, plan, loaded));
    await run("change", "generate", "-m", "change");
    if (versions().length !== 2) throw new Failure("change", "generate -m change wrote no migration");

    await run("up", "up", "--yes");
    await checkRows(dialect, a.url, plan, true, "up");
    // The change's rollback narrows the widened column back: data loss, accepted by name.
    await run("down", "down", "--yes", "--allow-data-loss");
    await checkRows(dialect, a.url, plan, false, "down");
    return done("done");
  } catch (e) {
    if (e instanceof Failure) return done(e.step, e.message);
    throw e;
  } finally {
    for (const db of dbs) await db.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
