/**
 * Every command: its usage text and options as data, and a lazy loader for its code, so that
 * `--version` and `--help` import nothing heavy (no parser, no driver).
 */
import type { ParseArgsConfig } from "node:util";
import type { Context } from "./context.ts";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>[string] & { description: string; valueName?: string };

export interface CommandSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  /** The usage line after `schemavc`, e.g. `fmt [--check] [PATH]`. */
  readonly usage: string;
  /** Longer explanation and examples for `help COMMAND`. */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly load: () => Promise<{ run: (ctx: Context) => Promise<number> }>;
}

/** Options every command accepts (cli-contract.md). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  config: { type: "string", description: "path to schemavc.toml (default: ./schemavc.toml)", valueName: "FILE" },
  url: { type: "string", description: "database URL (overrides DATABASE_URL and the config)", valueName: "URL" },
  json: { type: "boolean", description: "print exactly one JSON document on stdout" },
  yes: { type: "boolean", short: "y", description: "answer yes to every question (no prompts)" },
  "no-color": { type: "boolean", description: "no colours (also when NO_COLOR is set)" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

const dialectOption: OptionSpec = {
  type: "string",
  description: "sqlite, postgres or mysql (default: the config's dialect, else sqlite)",
  valueName: "D",
};

/** Options of the commands that can run over a fleet of databases. */
const FLEET_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  targets: { type: "string", description: "run on every database URL listed in FILE (# comments, ${VAR} from the environment)", valueName: "FILE" },
  "targets-glob": { type: "string", description: "run on every SQLite file matching a pattern, e.g. 'sqlite:tenants/*.db'", valueName: "PATTERN" },
  concurrency: { type: "string", description: "targets at once (default: the number of cores; at least 4 for servers)", valueName: "K" },
  "fail-fast": { type: "boolean", description: "start no new target after one fails" },
  canary: { type: "string", description: "run N targets first; if one fails, touch no other", valueName: "N" },
};

/** Options of every command that talks to a database. */
const DB_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "connect-timeout": { type: "string", description: "seconds to wait for the database to answer (default 10)", valueName: "S" },
  "lock-timeout": { type: "string", description: "seconds to wait for another schemavc run's lock (default 60)", valueName: "S" },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "init",
    summary: "start a project: schemavc.toml, schema/ and migrations/",
    usage: "init [--dialect D] [--url URL]",
    details:
      "With no flags the project uses the embedded SQLite default (url sqlite:./dev.db), so\n" +
      "`generate` and `up` work with no server. Never overwrites an existing schemavc.toml.",
    options: { dialect: { type: "string", description: "sqlite (default), postgres or mysql", valueName: "D" } },
    load: () => import("./init.ts"),
  },
  {
    name: "generate",
    aliases: ["migrate", "revision"],
    summary: "write the next migration from the schema files",
    usage: "generate -m MESSAGE [--erd]",
    details:
      "Compares the schema files with the snapshot of the latest migration and writes\n" +
      "migrations/<timestamp>_<message>/ with up.sql, down.sql and snapshot.json, then updates\n" +
      "schemavc.sum. Writes nothing when nothing changed. Data-loss warnings are printed and\n" +
      "written in the header of the SQL file that loses data. A column that disappears while a\n" +
      "similar one appears is a rename only with a `renamed from` hint, or when you answer y at\n" +
      "a terminal; otherwise it is a drop and an add, with a warning. --erd also writes erd.md,\n" +
      "the new schema as a Mermaid diagram, into the folder (not covered by schemavc.sum: it is\n" +
      "a picture of snapshot.json, never read back).",
    options: {
      message: { type: "string", short: "m", description: "what the migration does (becomes part of its version)", valueName: "MSG" },
      erd: { type: "boolean", description: "also write erd.md (a Mermaid diagram of the new schema) into the migration folder" },
    },
    load: () => import("./generate.ts"),
  },
  {
    name: "diff",
    summary: "show the change between two schemas, as a summary and as SQL",
    usage: "diff [--from X] [--to Y] [--dialect D]",
    details:
      "X and Y: a .schema file or folder, a migration version (head, base, a timestamp or a\n" +
      "unique prefix), `empty`, or a database URL (read back live). Defaults: from the latest\n" +
      "migration to the schema files. Exit 0 when there is no change, 3 when there is.",
    options: {
      from: { type: "string", description: "the old side (default: head)", valueName: "X" },
      to: { type: "string", description: "the new side (default: the schema files)", valueName: "Y" },
      dialect: dialectOption,
      ...DB_OPTIONS,
    },
    load: () => import("./diff.ts"),
  },
  {
    name: "up",
    aliases: ["upgrade"],
    summary: "apply pending migrations",
    usage: "up [N | VERSION | head] [--to VERSION] [--dry-run]",
    details:
      "Applies pending migrations in order, each in its own transaction where the database\n" +
      "allows DDL in transactions (PostgreSQL, SQLite); `-- schemavc:no-transaction` as the first\n" +
      "line of up.sql opts out. One runner at a time per database: a second one waits for the\n" +
      "lock, then finds nothing pending. Refuses an applied migration whose file changed, applied\n" +
      "migrations missing from the folder, an unapplied migration older than the newest applied\n" +
      "one (unless --allow-out-of-order), and an unresolved failed migration.\n" +
      "Data-loss guard: before anything runs, the pending migrations are linted; one that drops a\n" +
      "table or column, narrows a type or removes an enum value is refused unless the statement\n" +
      "has `-- schemavc:allow RULE` on the line above it, or --allow-data-loss is given.",
    options: {
      to: { type: "string", description: "apply up to and including VERSION", valueName: "VERSION" },
      "allow-data-loss": { type: "boolean", description: "apply migrations that lose data without a directive" },
      ...FLEET_OPTIONS,
      "dry-run": { type: "boolean", description: "print the SQL that would run; change nothing" },
      "allow-out-of-order": { type: "boolean", description: "apply a pending migration older than the newest applied one" },
      ...DB_OPTIONS,
    },
    load: () => import("./up.ts"),
  },
  {
    name: "down",
    aliases: ["downgrade"],
    summary: "roll back applied migrations (default: the last one)",
    usage: "down [N | -N | VERSION | base] [--to VERSION] [--dry-run]",
    details:
      "Rolls back the newest N applied migrations (default 1), or every one after --to VERSION;\n" +
      "`base` rolls back all. Uses the folder's down.sql, or the down SQL stored when the\n" +
      "migration was applied if its folder is gone. Alembic's `downgrade -1` works too.",
    options: {
      to: { type: "string", description: "roll back every migration after VERSION (base = all)", valueName: "VERSION" },
      "dry-run": { type: "boolean", description: "print the SQL that would run; change nothing" },
      ...FLEET_OPTIONS,
      ...DB_OPTIONS,
    },
    load: () => import("./down.ts"),
  },
  {
    name: "status",
    summary: "current version, pending and failed migrations, drift (exit 3 if any)",
    usage: "status",
    details:
      "Drift: the live database is read back and compared with the snapshot of its current\n" +
      "version; each difference is named (table, column, what differs). Compared as the database\n" +
      "stores things, so `uuid` and CHAR(36) are one type on MySQL. Over a fleet (--targets,\n" +
      "--targets-glob): one line per target with its version and what it still lacks.",
    options: { ...FLEET_OPTIONS, ...DB_OPTIONS },
    load: () => import("./status.ts"),
  },
  {
    name: "pull",
    summary: "write .schema files equivalent to the live database",
    usage: "pull [--split] [--out PATH] [--yes]",
    details:
      "Reads the database and writes its schema to the project's schema path (or --out). With\n" +
      "migrations present, the latest snapshot's words are kept wherever they mean the same on\n" +
      "this database. Views, triggers, functions and free-standing sequences are listed as\n" +
      "warnings (the language has none). Existing .schema files are replaced only with --yes.\n" +
      "Adopting a database: `pull`, `generate -m baseline`, `stamp <version>`.",
    options: {
      split: { type: "boolean", description: "one file per table (and enums.schema) in a folder" },
      out: { type: "string", description: "where to write (default: the config's schema path)", valueName: "PATH" },
      ...DB_OPTIONS,
    },
    load: () => import("./pull.ts"),
  },
  {
    name: "current",
    summary: "print the current version alone",
    usage: "current",
    options: { ...DB_OPTIONS },
    load: () => import("./current.ts"),
  },
  {
    name: "history",
    aliases: ["log"],
    summary: "every migration, applied or not, with its applied time",
    usage: "history",
    options: { ...DB_OPTIONS },
    load: () => import("./history.ts"),
  },
  {
    name: "stamp",
    summary: "record VERSION and all before it as applied, without running them",
    usage: "stamp VERSION",
    options: { ...DB_OPTIONS },
    load: () => import("./stamp.ts"),
  },
  {
    name: "resolve",
    summary: "settle a failed migration after finishing or undoing it by hand",
    usage: "resolve VERSION --applied | --rolled-back",
    options: {
      applied: { type: "boolean", description: "record it as applied" },
      "rolled-back": { type: "boolean", description: "remove its failed record" },
      ...DB_OPTIONS,
    },
    load: () => import("./resolve.ts"),
  },
  {
    name: "rehash",
    summary: "rewrite schemavc.sum after deliberate hand edits of migrations",
    usage: "rehash",
    options: {},
    load: () => import("./rehash.ts"),
  },
  {
    name: "lint",
    summary: "check pending migrations for data loss, table rewrites and long locks",
    usage: "lint [--all | --since VERSION | --targets FILE | --targets-glob P] [--strict] [--rules]",
    details:
      "Lints the migrations not yet applied to the database (every migration when it cannot be\n" +
      "reached, or with --all; those after VERSION with --since). Each finding names the file and\n" +
      "line, the rule, why it matters and the safer way. `-- schemavc:allow RULE` on the line above\n" +
      "a statement accepts that rule for it. Exit 3 when a data-loss or error finding is not\n" +
      "accepted (warnings too with --strict), 0 otherwise. --rules lists every rule.",
    options: {
      all: { type: "boolean", description: "lint every migration of the folder" },
      since: { type: "string", description: "lint the migrations after VERSION", valueName: "VERSION" },
      strict: { type: "boolean", description: "warnings fail too" },
      rules: { type: "boolean", description: "list the rules (id, severity, dialects, why, safer way) and exit" },
      targets: FLEET_OPTIONS["targets"]!,
      "targets-glob": FLEET_OPTIONS["targets-glob"]!,
      ...DB_OPTIONS,
    },
    load: () => import("./lint.ts"),
  },
  {
    name: "check",
    summary: "for CI: schema valid, sum intact, nothing left to generate, lint clean",
    usage: "check [--all | --since VERSION | --targets FILE | --targets-glob P] [--strict]",
    details:
      "Runs every check and reports each failure with the file it concerns: the schema files parse\n" +
      "and validate, schemavc.sum matches the migrations, the schema files hold no change that no\n" +
      "migration records (run `schemavc generate`), and the pending migrations lint clean (as\n" +
      "`schemavc lint`; with no reachable database every migration is linted). Exit 0 when all\n" +
      "pass, 1 when the schema or the migrations folder is broken, 3 when a change has no\n" +
      "migration or lint fails. Over a fleet (--targets, --targets-glob) the migrations pending\n" +
      "on any target are linted; a target that cannot be asked fails the check.",
    options: {
      all: { type: "boolean", description: "lint every migration of the folder" },
      since: { type: "string", description: "lint the migrations after VERSION", valueName: "VERSION" },
      strict: { type: "boolean", description: "lint warnings fail too" },
      targets: FLEET_OPTIONS["targets"]!,
      "targets-glob": FLEET_OPTIONS["targets-glob"]!,
      ...DB_OPTIONS,
    },
    load: () => import("./check.ts"),
  },
  {
    name: "fmt",
    summary: "rewrite .schema files in the canonical style",
    usage: "fmt [--check] [PATH]",
    details:
      "PATH is a .schema file or a folder of them (default: the config's schema path, else ./schema).\n" +
      "Comments and doc comments are kept. With --check nothing is written: the files that would\n" +
      "change are listed and the exit code is 3 when there are any.",
    options: { check: { type: "boolean", description: "only report files that are not formatted (exit 3)" } },
    load: () => import("./fmt.ts"),
  },
  {
    name: "sql",
    summary: "print the full CREATE script of the schema for a dialect",
    usage: "sql [--dialect D] [PATH]",
    details:
      "Tables come in dependency order; foreign keys that form a cycle are added after the tables.\n" +
      "PATH is a .schema file or a folder (default: the config's schema path, else ./schema).",
    options: { dialect: dialectOption },
    load: () => import("./sql.ts"),
  },
  {
    name: "erd",
    summary: "draw the schema as an entity-relationship diagram (Mermaid or SVG)",
    usage: "erd [--format mermaid|svg|dot] [-o FILE] [PATH]",
    details:
      "Mermaid `erDiagram` text (the default), which GitHub renders inside Markdown: tables with\n" +
      "their columns (PK, FK and UK marked; the full type, nullability and doc comment in each\n" +
      "column's note) and every foreign key as a crow's-foot edge. With -o FILE.md the diagram is\n" +
      "wrapped in a ```mermaid fence. --format svg draws the same as a picture laid out by\n" +
      "Graphviz (built in; nothing to install); --format dot prints its Graphviz source. Without\n" +
      "--format, -o FILE.svg means svg and FILE.dot or FILE.gv means dot.\n" +
      "PATH: a .schema file or folder (default: the config's schema path).",
    options: {
      format: { type: "string", description: "mermaid (the default), svg or dot", valueName: "F" },
      output: { type: "string", short: "o", description: "write to FILE instead of stdout", valueName: "FILE" },
    },
    load: () => import("./erd.ts"),
  },
  {
    name: "lsp",
    summary: "run the language server for editors (stdio)",
    usage: "lsp [--stdio]",
    details:
      "Speaks the Language Server Protocol on stdin/stdout: diagnostics as you type (the same\n" +
      "messages and positions as the CLI), formatting (the `fmt` printer), go to definition and\n" +
      "find references for tables, columns and enums across files, hover (type, keys, doc comment\n" +
      "and the SQL each dialect creates), completion of keywords, types, tables and columns.\n" +
      "The project is found from each file: the nearest schemavc.toml above it.",
    options: {
      stdio: { type: "boolean", description: "talk over stdin/stdout (the default and only transport)" },
    },
    load: () => import("./lsp.ts"),
  },
  {
    name: "completion",
    summary: "print a shell completion script (bash, zsh or fish)",
    usage: "completion bash|zsh|fish",
    details:
      "Generated from the commands and their options. Install:\n" +
      "  schemavc completion bash > /etc/bash_completion.d/schemavc\n" +
      "  schemavc completion zsh > \"${fpath[1]}/_schemavc\"\n" +
      "  schemavc completion fish > ~/.config/fish/completions/schemavc.fish",
    options: {},
    load: () => import("./completion.ts"),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
