/**
 * Every command: its usage text and options as data, and a lazy loader for its code, so that
 * `--version` and `--help` import nothing heavy (no parser, no driver).
 */
import type { ArgSpec } from "./args.ts";
import type { Context } from "./context.ts";

export type OptionSpec = ArgSpec & {
  description: string;
  valueName?: string;
};

export interface CommandSpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly summary: string;
  /** The usage line after `schemavc`, e.g. `fmt [--check] [PATH]`. */
  readonly usage: string;
  /** Longer explanation and examples for `help COMMAND`. */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** EXAMPLES of `help COMMAND`: realistic command lines, each with a one-line comment. */
  readonly examples?: readonly Example[];
  /** SEE ALSO of `help COMMAND`: names of related commands. */
  readonly seeAlso?: readonly string[];
  /** EXIT STATUS of `help COMMAND`: what each code means here (help fills in 1 and 2 if absent). */
  readonly exit?: ExitMeanings;
  readonly load: () => Promise<{ run: (ctx: Context) => Promise<number> }>;
}

/** One example in `help COMMAND`: the command line as typed, and what it does. */
export interface Example {
  readonly command: string;
  readonly comment: string;
}

/** The contract's exit codes (0 success, 1 error, 2 bad usage, 3 changes found) for one command. */
export type ExitMeanings = Readonly<Partial<Record<0 | 1 | 2 | 3, string>>>;

/** Options every command accepts (cli-contract.md). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  config: {
    type: "string",
    description: "path to schemavc.toml (default: the nearest one, here or in a folder above)",
    valueName: "FILE",
  },
  env: {
    type: "string",
    description: "use the config's [env.NAME] settings (default: SCHEMAVC_ENV)",
    valueName: "NAME",
  },
  url: {
    type: "string",
    description: "database URL (overrides DATABASE_URL and the config)",
    valueName: "URL",
  },
  json: {
    type: "boolean",
    description:
      "print exactly one JSON document on stdout (on a failure: {error: {message, hint, exitCode}})",
  },
  yes: { type: "boolean", short: "y", description: "answer yes to every question (no prompts)" },
  "no-color": { type: "boolean", description: "no colours (also when NO_COLOR is set)" },
  quiet: {
    type: "boolean",
    short: "q",
    description: "no progress, notes or spinner (output and errors stay)",
  },
  help: { type: "boolean", short: "h", description: "show this help" },
};

const dialectOption: OptionSpec = {
  type: "string",
  description: "sqlite, postgres or mysql (default: the config's dialect, else sqlite)",
  valueName: "D",
};

/** Options of the commands that can run over a fleet of databases. */
const FLEET_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  targets: {
    type: "string",
    description: "run on every database URL listed in FILE (# comments, ${VAR} from the environment)",
    valueName: "FILE",
  },
  "targets-glob": {
    type: "string",
    description: "run on every SQLite file matching a pattern, e.g. 'sqlite:tenants/*.db'",
    valueName: "PATTERN",
  },
  concurrency: {
    type: "string",
    description: "targets at once (default: the number of cores; at least 4 for servers)",
    valueName: "K",
  },
  "fail-fast": { type: "boolean", description: "start no new target after one fails" },
  canary: {
    type: "string",
    description: "run N targets first; if one fails, touch no other",
    valueName: "N",
  },
};

/** Options of every command that talks to a database. */
const DB_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "connect-timeout": {
    type: "string",
    description: "seconds (from the command's start) to wait for the database to answer (default 10)",
    valueName: "S",
  },
  "lock-timeout": {
    type: "string",
    description: "seconds to wait for another schemavc run's lock (default 60)",
    valueName: "S",
  },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "init",
    summary: "start a project: schemavc.toml, schema/ and migrations/",
    usage: "init [--dialect D] [--url URL]",
    details:
      "With no flags the project uses the embedded SQLite default (url sqlite:./dev.db), so\n" +
      "`generate` and `up` work with no server. Never overwrites an existing schemavc.toml.",
    options: {
      dialect: { type: "string", description: "sqlite (default), postgres or mysql", valueName: "D" },
    },
    examples: [
      {
        command: "schemavc init",
        comment: "a project on the embedded SQLite default (sqlite:./dev.db), no server needed",
      },
      {
        command: "schemavc init --dialect postgres --url postgres://app@localhost:5432/app",
        comment: "a PostgreSQL project",
      },
      {
        command: "schemavc init --dialect mysql --url mysql://root@127.0.0.1:3306/shop",
        comment: "a MySQL or MariaDB project",
      },
    ],
    seeAlso: ["generate", "up", "completion"],
    exit: {
      0: "the project was written",
      1: "schemavc.toml already exists here, or a file could not be written",
      2: "an unknown dialect or option",
    },
    load: () => import("./init.ts"),
  },
  {
    name: "generate",
    aliases: ["migrate"],
    summary: "write the next migration from the schema files",
    usage: "generate -m MESSAGE [--erd] | generate --empty -m MESSAGE | generate --amend [-m MESSAGE]",
    details:
      "Compares the schema files with the snapshot of the latest migration and writes\n" +
      "migrations/<timestamp>_<message>/ with up.sql, down.sql and snapshot.json, then updates\n" +
      "schemavc.sum. Writes nothing when nothing changed. Data-loss warnings are printed and\n" +
      "written in the header of the SQL file that loses data. A column that disappears while a\n" +
      "similar one appears is a rename only with a `renamed from` hint, or when you answer y at\n" +
      "a terminal; otherwise it is a drop and an add, with a warning. --erd also writes erd.md,\n" +
      "the new schema as a Mermaid diagram, into the folder (not covered by schemavc.sum: it is\n" +
      "a picture of snapshot.json, never read back).\n" +
      "--amend rewrites the newest migration instead, from the snapshot before it (a rename\n" +
      "noticed after generate: add `renamed from`, then amend). It keeps its timestamp, and its\n" +
      "name unless -m gives another; hand edits to its SQL are replaced. Refused when that\n" +
      "migration is recorded in a database the project names (--url, DATABASE_URL, .env, the\n" +
      "config's url) or when one of them cannot be asked.\n" +
      "--empty writes a migration of no statements (a data migration: write its SQL in up.sql\n" +
      "and down.sql, then run `schemavc rehash`); its snapshot is the one before it, so the\n" +
      "schema files are not read and the next generate still writes their changes.",
    options: {
      empty: {
        type: "boolean",
        description: "write an empty migration (no schema change) for hand-written SQL, as `revision` does",
      },
      amend: {
        type: "boolean",
        description: "rewrite the newest migration (not applied anywhere) from the snapshot before it",
      },
      message: {
        type: "string",
        short: "m",
        description: "what the migration does (becomes part of its version)",
        valueName: "MSG",
      },
      erd: {
        type: "boolean",
        description: "also write erd.md (a Mermaid diagram of the new schema) into the migration folder",
      },
    },
    examples: [
      {
        command: 'schemavc generate -m "add portfolio"',
        comment: "write the next migration from the schema files",
      },
      {
        command: 'schemavc generate --empty -m "backfill slugs"',
        comment: "an empty migration for a hand-written data migration",
      },
      {
        command: "schemavc generate --amend",
        comment: "after adding `renamed from`: rewrite the migration just written as a rename",
      },
      {
        command: 'schemavc generate -m "drop legacy" --json',
        comment: "the version, changes, warnings and lint findings as one JSON document",
      },
    ],
    seeAlso: ["revision", "diff", "up", "lint", "rehash"],
    exit: {
      0: "the migration was written, or nothing changed and nothing was written",
      1: "the schema files do not parse or validate, the migrations folder is broken (schemavc.sum), or --amend is refused (the migration is applied somewhere, or the schema equals the one before it)",
      2: "no message: pass -m MESSAGE (or --amend with no migration to amend)",
    },
    load: () => import("./generate.ts"),
  },
  {
    name: "revision",
    summary: "write an empty migration for hand-written SQL (Alembic's revision)",
    usage: "revision -m MESSAGE [--autogenerate]",
    details:
      "As Alembic's `revision`: without --autogenerate it writes an empty migration (up.sql and\n" +
      "down.sql with their header and no statements, the snapshot of the migration before it),\n" +
      "for a data migration you write by hand: put its SQL in up.sql and down.sql, run\n" +
      "`schemavc rehash`, then `schemavc up`. It is applied, rolled back, summed and linted like\n" +
      "any other. With --autogenerate it is `generate -m MESSAGE`.",
    options: {
      message: {
        type: "string",
        short: "m",
        description: "what the migration does (becomes part of its version)",
        valueName: "MSG",
      },
      autogenerate: {
        type: "boolean",
        description: "write the migration from the schema files, as `generate` does",
      },
    },
    examples: [
      {
        command: 'schemavc revision -m "backfill slugs"',
        comment: "an empty migration to write a data migration in",
      },
      {
        command: 'schemavc revision --autogenerate -m "add portfolio"',
        comment: 'the same as `schemavc generate -m "add portfolio"`',
      },
    ],
    seeAlso: ["generate", "rehash", "up"],
    exit: {
      0: "the migration was written (with --autogenerate: or nothing changed)",
      1: "the migrations folder is broken (schemavc.sum), or with --autogenerate the schema files do not parse or validate",
      2: "no message: pass -m MESSAGE",
    },
    load: () => import("./revision.ts"),
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
    examples: [
      { command: "schemavc diff", comment: "what the schema files change since the latest migration" },
      {
        command: "schemavc diff --from 20261123 --to head",
        comment: "between a migration (a unique timestamp prefix) and the newest one",
      },
      {
        command: "schemavc diff --from postgres://app@db.internal/app",
        comment: "the live database against the schema files (drift before you generate)",
      },
      {
        command: "schemavc diff --from empty --dialect mysql",
        comment: "the whole schema as MySQL statements",
      },
    ],
    seeAlso: ["generate", "status", "sql"],
    exit: {
      0: "no change between the two sides",
      1: "a side could not be read (schema errors, a broken folder, a database that does not answer)",
      2: "a side is neither a path, a version, `empty` nor a URL",
      3: "the two sides differ (the change is printed)",
    },
    load: () => import("./diff.ts"),
  },
  {
    name: "up",
    aliases: ["upgrade"],
    summary: "apply pending migrations",
    usage:
      "up [N | VERSION | head] [--to VERSION] [--dry-run] | up --sql [--from VERSION|base] [--to VERSION]",
    details:
      "Applies pending migrations in order, each in its own transaction where the database\n" +
      "allows DDL in transactions (PostgreSQL, SQLite); `-- schemavc:no-transaction` as the first\n" +
      "line of up.sql opts out. One runner at a time per database: a second one waits for the\n" +
      "lock, then finds nothing pending. Refuses an applied migration whose file changed, applied\n" +
      "migrations missing from the folder, and an unresolved failed migration. An unapplied\n" +
      "migration older than the newest applied one (a branch merged after another branch's\n" +
      "migration was applied here) is applied when it commutes with every applied migration\n" +
      "after it (they change different objects, as `schemavc merge` judges), and refused,\n" +
      "naming the objects, when it does not (unless --allow-out-of-order).\n\n" +
      "Data-loss guard: before anything runs, the pending migrations are linted; one that drops a\n" +
      "table or column, narrows a type or removes an enum value is refused unless the statement\n" +
      "has `-- schemavc:allow RULE` on the line above it, or --allow-data-loss is given.\n\n" +
      "--sql (Alembic's upgrade --sql) prints, without any database, the script a DBA runs with\n" +
      "the database's own client: the history table's DDL when it starts from base, then each\n" +
      "migration's statements and its history row, in one transaction where `up` uses one\n" +
      "(else with the progress rows `up` writes around each statement). --from (default base)\n" +
      "is the version the database is at; --to (default head) the last one to apply.",
    options: {
      to: { type: "string", description: "apply up to and including VERSION", valueName: "VERSION" },
      sql: { type: "boolean", description: "print the offline SQL script instead of connecting" },
      from: {
        type: "string",
        description: "with --sql: the version the database is at (default base)",
        valueName: "VERSION",
      },
      "allow-data-loss": {
        type: "boolean",
        description: "apply migrations that lose data without a directive",
      },
      ...FLEET_OPTIONS,
      "dry-run": { type: "boolean", description: "print the SQL that would run; change nothing" },
      "allow-out-of-order": {
        type: "boolean",
        description: "apply a pending migration older than the newest applied one",
      },
      ...DB_OPTIONS,
    },
    examples: [
      { command: "schemavc up", comment: "apply every pending migration" },
      {
        command: "schemavc up --sql > migrate.sql",
        comment: "the offline script from base, for psql -f or mariadb <",
      },
      {
        command: "schemavc upgrade --to 20261124",
        comment: "apply up to and including that version (Alembic's name works too)",
      },
      {
        command: "schemavc up --targets-glob 'sqlite:tenants/*.db' --concurrency 8",
        comment: "every tenant database, eight at a time",
      },
    ],
    seeAlso: ["down", "status", "lint", "resolve"],
    exit: {
      0: "every migration asked for was applied, or nothing was pending",
      1: "a migration failed or was refused (edited after it was applied, out of order, data loss, an unresolved failure, the lock not taken in time); over a fleet: a target failed or was not started",
      2: "bad usage: a VERSION that matches no migration, an unknown option",
    },
    load: () => import("./up.ts"),
  },
  {
    name: "down",
    aliases: ["downgrade"],
    summary: "roll back applied migrations (default: the last one)",
    usage:
      "down [N | -N | VERSION | base] [--to VERSION] [--dry-run] | down --sql [--from VERSION] [--to VERSION|base]",
    details:
      "Rolls back the newest N applied migrations (default 1), or every one after --to VERSION;\n" +
      "`base` rolls back all. Uses the folder's down.sql, or the down SQL stored when the\n" +
      "migration was applied if its folder is gone. Alembic's `downgrade -1` works too.\n\n" +
      "Data-loss guard: before anything runs, the down SQL of each migration to roll back is\n" +
      "linted; one that drops a table or column or narrows a type is listed with the rows it\n" +
      "would delete, and runs only after a `y` at a terminal or with --allow-data-loss. The\n" +
      "baseline of an adopted database (a migration recorded by `stamp`, never run here) is\n" +
      "never rolled back into dropping the database's tables without --allow-data-loss.\n\n" +
      "--sql prints, without any database, the rollback script for the database's own client:\n" +
      "from --from (default head) back to --to (default the migration before it; base = all),\n" +
      "each migration's down SQL and the removal of its history row.",
    options: {
      to: {
        type: "string",
        description: "roll back every migration after VERSION (base = all)",
        valueName: "VERSION",
      },
      sql: { type: "boolean", description: "print the offline rollback script instead of connecting" },
      from: {
        type: "string",
        description: "with --sql: the version the database is at (default head)",
        valueName: "VERSION",
      },
      "allow-data-loss": {
        type: "boolean",
        description: "roll back migrations whose down SQL loses data without asking",
      },
      "dry-run": { type: "boolean", description: "print the SQL that would run; change nothing" },
      ...FLEET_OPTIONS,
      ...DB_OPTIONS,
    },
    examples: [
      { command: "schemavc down", comment: "roll back the newest applied migration" },
      { command: "schemavc downgrade -1", comment: "the same, Alembic style" },
      { command: "schemavc down 2", comment: "roll back the last two" },
      {
        command: "schemavc down --to base --dry-run",
        comment: "print the SQL that would roll back everything; change nothing",
      },
    ],
    seeAlso: ["up", "history", "status"],
    exit: {
      0: "the migrations asked for were rolled back, or nothing was applied",
      1: "a rollback failed or was refused; over a fleet: a target failed or was not started",
      2: "bad usage: a VERSION that matches no migration, an unknown option",
    },
    load: () => import("./down.ts"),
  },
  {
    name: "reset",
    summary: "roll back and re-apply every migration (a development database)",
    usage: "reset [--yes]",
    details:
      "As `prisma migrate reset`: rolls back every applied migration with its down SQL (what\n" +
      "the migrations made goes, with its rows), then applies every migration again, so the\n" +
      "database is exactly what the migrations folder makes. Data loss is what it is for, so\n" +
      "it needs no --allow-data-loss. Refused unless the database is on this machine (a SQLite\n" +
      "file, localhost, 127.0.0.1, ::1 or a Unix socket) or --yes is given at a terminal; at a\n" +
      "terminal a local database is asked about first, unless --yes. What no migration made\n" +
      "is left alone.",
    options: { ...DB_OPTIONS },
    examples: [
      { command: "schemavc reset", comment: "empty the local development database and migrate it again" },
      {
        command: "schemavc reset --url postgres://app@localhost/app_test --yes",
        comment: "the same on a test database, without the question",
      },
    ],
    seeAlso: ["down", "up", "status"],
    exit: {
      0: "every migration was rolled back and applied again",
      1: "refused (not a local database, or no at the question), or a migration failed",
    },
    load: () => import("./reset.ts"),
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
    examples: [
      { command: "schemavc status", comment: "current version, pending and failed migrations, drift" },
      {
        command: "schemavc status --json | jq -r '.pending[]'",
        comment: "the pending versions, one a line, for a script",
      },
      {
        command: "schemavc status --url postgres://app@db.internal/app",
        comment: "another database than the configured one",
      },
      { command: "schemavc status --targets targets.txt", comment: "one line per database of a fleet" },
    ],
    seeAlso: ["current", "history", "up", "diff"],
    exit: {
      0: "up to date: nothing pending, nothing failed, no drift",
      1: "the database could not be read, or the migrations folder is broken; over a fleet: a target failed",
      3: "something is pending or failed, or the database drifted from its snapshot",
    },
    load: () => import("./status.ts"),
  },
  {
    name: "pull",
    summary: "write .schema files equivalent to the live database",
    usage: "pull [--split] [--out PATH] [--partial] [--yes]",
    details:
      "Reads the database and writes its schema to the project's schema path (or --out). With\n" +
      "migrations present, the latest snapshot's words are kept wherever they mean the same on\n" +
      "this database. Views, triggers, functions and free-standing sequences are listed as\n" +
      "warnings (the language has none yet). What a table holds that the language cannot\n" +
      "express yet (an exclusion constraint, a generated column, a fulltext index, ...) stops the\n" +
      'pull: it exits 1 with "cannot express <what> yet: <object>", all of them listed, and\n' +
      "writes nothing; --partial writes the rest and lists them as warnings. Before writing, the\n" +
      "files are replayed on a scratch database (PostgreSQL: the temporary schema in a\n" +
      "rolled-back transaction; MySQL/MariaDB: a database schemavc_pull_<random>, dropped; SQLite: in\n" +
      "memory) and read back: any difference from the live database fails the pull, naming it.\n" +
      "Existing .schema files are replaced only with --yes.\n" +
      "Adopting a database: `pull`, `generate -m baseline`, `stamp <version>`.",
    options: {
      split: { type: "boolean", description: "one file per table (and enums.schema) in a folder" },
      partial: {
        type: "boolean",
        description: "write what can be expressed; list the rest (constructs the language lacks) as warnings",
      },
      out: {
        type: "string",
        description: "where to write (default: the config's schema path)",
        valueName: "PATH",
      },
      ...DB_OPTIONS,
    },
    examples: [
      { command: "schemavc pull", comment: "write the live database's schema to the project's schema path" },
      {
        command: "schemavc pull --split --out schema --yes",
        comment: "one file per table, replacing the .schema files there",
      },
      {
        command: "schemavc pull --url mysql://root@legacy-db/shop",
        comment: "adopt a database: then `generate -m baseline` and `stamp head`",
      },
    ],
    seeAlso: ["generate", "stamp", "diff"],
    exit: {
      0: "the .schema files were written",
      1: "the database did not answer, it holds something the language cannot express yet (see --partial), .schema files exist already (pass --yes), or the files replayed on a scratch database differ from it",
    },
    load: () => import("./pull.ts"),
  },
  {
    name: "current",
    summary: "print the current version alone",
    usage: "current",
    options: { ...DB_OPTIONS },
    examples: [
      {
        command: "schemavc current",
        comment: "the version the database is at (`base` when nothing is applied)",
      },
      { command: "schemavc current --json", comment: '{"current": …} for a script' },
      {
        command: "schemavc current --url sqlite:./staging.db",
        comment: "another database than the configured one",
      },
    ],
    seeAlso: ["status", "history"],
    exit: {
      0: "the version was printed",
      1: "the database could not be read, or the migrations folder is broken",
    },
    load: () => import("./current.ts"),
  },
  {
    name: "history",
    aliases: ["log"],
    summary: "every migration, applied or not, with its applied time",
    usage: "history [-r A:B] [--verbose]",
    details:
      "One aligned row per migration: version, status (applied, stamped, failed or pending),\n" +
      "applied time (UTC), how long it ran and the message it was written with. A stamped\n" +
      "migration was recorded by `stamp` without running, so it has no time of its own.\n" +
      "-r A:B (Alembic's --rev-range) keeps the migrations from A to B, both included; each\n" +
      "side is a version, a prefix of one, base, head or current, or empty (from the first, to\n" +
      "the last). --verbose adds, under each row, its parent and its changes (as `show`).",
    options: {
      ...DB_OPTIONS,
      "rev-range": {
        type: "string",
        short: "r",
        description: "only the migrations from A to B (both included): -r base:current, -r 2026:",
        valueName: "A:B",
      },
      verbose: { type: "boolean", description: "each migration's parent and changes under its row" },
    },
    examples: [
      { command: "schemavc history", comment: "every migration with its status and applied time" },
      { command: "schemavc log --json", comment: "the same as JSON, under its Alembic-style alias" },
      {
        command: "schemavc history -r current:head --verbose",
        comment: "what is left to apply, with its changes",
      },
      {
        command: "schemavc history --url postgres://app@db.internal/app",
        comment: "what another database has applied",
      },
    ],
    seeAlso: ["status", "current", "show", "down"],
    exit: {
      0: "the history was printed",
      1: "the database could not be read, or the migrations folder is broken",
    },
    load: () => import("./history.ts"),
  },
  {
    name: "show",
    summary: "one migration: its message, parent, changes, data losses and files",
    usage: "show VERSION",
    details:
      "As Alembic's `show`: the migration's message, the one before it, its files, its changes\n" +
      "(from the snapshots: the same lines `generate` printed) and what each direction loses.\n" +
      "VERSION is a version, a unique prefix of one, or head. Where the project names a\n" +
      "database, whether it is applied there (a database that does not answer is a warning:\n" +
      "the files still answer).",
    options: { ...DB_OPTIONS },
    examples: [
      { command: "schemavc show head", comment: "the newest migration" },
      {
        command: "schemavc show 20261202 --json",
        comment: "a migration by a prefix of its version, as JSON",
      },
    ],
    seeAlso: ["history", "heads", "diff"],
    exit: {
      0: "the migration was shown",
      1: "the migrations folder is broken",
      2: "no VERSION, or it names no migration",
    },
    load: () => import("./show.ts"),
  },
  {
    name: "edit",
    summary: "open a migration's up.sql in $EDITOR, then rehash",
    usage: "edit VERSION [--down]",
    details:
      "As Alembic's `edit`: opens $VISUAL or $EDITOR (else vi) on the migration's up.sql\n" +
      "(down.sql with --down) and then rewrites schemavc.sum, as `rehash` does. Refused before\n" +
      "the editor opens when the migration is recorded in a database the project names\n" +
      "(--url, DATABASE_URL, .env, the config's url) or one of them cannot be asked: a\n" +
      "database that ran it would never run the edited file. An editor that fails leaves\n" +
      "schemavc.sum as it was.",
    options: {
      ...DB_OPTIONS,
      down: { type: "boolean", description: "edit down.sql instead of up.sql" },
    },
    examples: [
      { command: "schemavc edit head", comment: "edit the newest migration's up.sql, then rehash" },
      { command: "EDITOR='code --wait' schemavc edit 20261202 --down", comment: "its down.sql, in VS Code" },
    ],
    seeAlso: ["show", "rehash", "generate"],
    exit: {
      0: "the file was edited and schemavc.sum rewritten",
      1: "refused (applied somewhere, or a database cannot be asked), or the editor failed",
      2: "no VERSION, or it names no migration",
    },
    load: () => import("./edit.ts"),
  },
  {
    name: "heads",
    summary: "the newest migration of each line of history",
    usage: "heads",
    details:
      "As Alembic's `heads`. One line of migrations has one head; two migrations that follow the\n" +
      "same parent (two git branches that each generated one) are two heads, listed with the\n" +
      "parent they follow, and a warning: they must be put in one line before `up`\n" +
      "(`schemavc merge`).",
    options: {},
    examples: [
      { command: "schemavc heads", comment: "the newest migration" },
      { command: "schemavc heads --json", comment: "the heads and their parents as JSON" },
    ],
    seeAlso: ["history", "show", "merge"],
    exit: { 0: "the heads were printed" },
    load: () => import("./heads.ts"),
  },
  {
    name: "merge",
    summary: "put two branches' migrations in one line (after git merge)",
    usage: "merge [--dry-run] [--yes]",
    details:
      "Run after `git merge` reports a conflict in schemavc.sum, or on a folder where two\n" +
      "migrations follow the same parent (`schemavc heads` lists two). The later branch is the\n" +
      "one whose first migration has the newer version: versions are the order `up` applies.\n\n" +
      "When the two branches change different objects (tables, columns, indexes, constraints,\n" +
      "enums, views; a table its SQL rebuilds, drops or updates counts whole; a new foreign key or\n" +
      "view reads what it names), they commute: the later branch's migrations are re-chained on\n" +
      "top of the earlier's (their snapshots computed again from the merged schema, up.sql and\n" +
      "down.sql unchanged) and schemavc.sum is rewritten. A database that applied the later\n" +
      "branch's migration first gets the earlier one from `up`.\n\n" +
      "When they change the same objects (or their versions interleave), the objects are named\n" +
      "and, after a `y` at a terminal or with --yes, the later branch's migrations are\n" +
      "regenerated as one migration after the earlier branch's, from the schema files (merge\n" +
      "them first); its up.sql says `-- schemavc:replaces VERSION...`, and `up` on a database that\n" +
      "applied the old ones refuses, saying to roll them back first. Without a terminal and\n" +
      "without --yes it is refused. A hand-written (data) migration is never regenerated.",
    options: {
      "dry-run": { type: "boolean", description: "say what would be done; change nothing" },
    },
    examples: [
      {
        command: "git merge feature && schemavc merge",
        comment: "after git reports the conflict in migrations/schemavc.sum",
      },
      { command: "schemavc merge --dry-run", comment: "whether the branches commute, and what would change" },
      {
        command: "schemavc merge --yes",
        comment: "regenerate the later branch's migration when both change the same objects",
      },
    ],
    seeAlso: ["heads", "generate", "up", "rehash"],
    exit: {
      0: "the migrations form one line (merged, or nothing to merge; with --dry-run: what would be done)",
      1: "refused: the branches change the same objects and no yes was given, a hand-written migration would be regenerated, more than two lines, or a file edited since it was written",
    },
    load: () => import("./merge.ts"),
  },
  {
    name: "stamp",
    summary: "record VERSION and all before it as applied, without running them",
    usage: "stamp VERSION",
    options: { ...DB_OPTIONS },
    examples: [
      { command: "schemavc stamp head", comment: "adopt a database that already has the whole schema" },
      {
        command: "schemavc stamp 20261123120000",
        comment: "record that migration and every one before it as applied",
      },
      { command: "schemavc stamp base", comment: "clear the record: nothing applied (the tables stay)" },
    ],
    seeAlso: ["pull", "resolve", "history"],
    exit: {
      0: "the database is recorded at VERSION",
      1: "the database could not be written, or the migrations folder is broken",
      2: "no VERSION, or one that matches no migration",
    },
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
    examples: [
      {
        command: "schemavc resolve 20261124093000 --applied",
        comment: "you finished the failed migration by hand: record it as applied",
      },
      {
        command: "schemavc resolve 20261124 --rolled-back",
        comment: "you undid it by hand: `up` will run it again",
      },
      {
        command: "schemavc resolve head --applied --url mysql://root@db-7/shop",
        comment: "settle it on one database of a fleet",
      },
    ],
    seeAlso: ["status", "up", "stamp"],
    exit: {
      0: "the migration's record was settled",
      1: "the database could not be written, or VERSION is not recorded as failed",
      2: "no VERSION, or not exactly one of --applied and --rolled-back",
    },
    load: () => import("./resolve.ts"),
  },
  {
    name: "rehash",
    summary: "rewrite schemavc.sum after deliberate hand edits of migrations",
    usage: "rehash",
    options: {},
    examples: [
      { command: "schemavc rehash", comment: "accept the hand edits you made to migration files" },
      {
        command: "$EDITOR migrations/20261124093000_add_orders/up.sql && schemavc rehash",
        comment: "edit a generated migration before it is applied, then record the edit",
      },
    ],
    seeAlso: ["generate", "check"],
    exit: {
      0: "schemavc.sum was rewritten",
      1: "the migrations folder is broken beyond the sum (a snapshot chain, an unreadable file)",
    },
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
      rules: {
        type: "boolean",
        description: "list the rules (id, severity, dialects, why, safer way) and exit",
      },
      targets: FLEET_OPTIONS["targets"]!,
      "targets-glob": FLEET_OPTIONS["targets-glob"]!,
      ...DB_OPTIONS,
    },
    examples: [
      { command: "schemavc lint", comment: "the migrations the database has not applied yet" },
      {
        command: "schemavc lint --all --strict",
        comment: "every migration of the folder; warnings fail too",
      },
      {
        command: "schemavc lint --since 20261123120000 --json",
        comment: "the migrations after a version, as JSON",
      },
      {
        command: "schemavc lint --rules",
        comment: "every rule: severity, dialects, why it matters, the safer way",
      },
    ],
    seeAlso: ["check", "up", "generate"],
    exit: {
      0: "no finding that fails",
      1: "the migrations folder is broken",
      3: "a data-loss or error finding is not accepted by a directive (warnings too with --strict)",
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
    examples: [
      { command: "schemavc check", comment: "in CI: everything that must hold before a merge" },
      { command: "schemavc check --strict -q", comment: "lint warnings fail too; print only what failed" },
      {
        command: "schemavc check --targets targets.txt",
        comment: "lint what is pending on any database of a fleet",
      },
    ],
    seeAlso: ["lint", "diff", "fmt", "generate"],
    exit: {
      0: "every check passed",
      1: "the schema files or the migrations folder are broken",
      3: "a schema change has no migration, or lint failed",
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
    examples: [
      { command: "schemavc fmt", comment: "rewrite the project's .schema files in the canonical style" },
      {
        command: "schemavc fmt --check",
        comment: "in CI: list the files that are not formatted (exit 3); write nothing",
      },
      { command: "schemavc fmt schema/billing.schema", comment: "one file only" },
    ],
    seeAlso: ["check", "sql"],
    exit: {
      0: "formatted (or already formatted)",
      1: "a file does not parse (nothing is rewritten)",
      3: "with --check: a file is not formatted",
    },
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
    examples: [
      { command: "schemavc sql", comment: "the CREATE script for the project's dialect" },
      { command: "schemavc sql --dialect postgres > schema.sql", comment: "for PostgreSQL, into a file" },
      {
        command: "schemavc sql --dialect mysql schema/billing.schema",
        comment: "one file of the schema, for MySQL",
      },
    ],
    seeAlso: ["diff", "erd", "fmt"],
    exit: {
      0: "the script was printed",
      1: "the schema files do not parse or validate",
      2: "an unknown dialect",
    },
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
      output: {
        type: "string",
        short: "o",
        description: "write to FILE instead of stdout",
        valueName: "FILE",
      },
    },
    examples: [
      { command: "schemavc erd", comment: "the diagram as Mermaid text on stdout" },
      {
        command: "schemavc erd -o docs/schema.md",
        comment: "inside a ```mermaid fence, which GitHub renders",
      },
      {
        command: "schemavc erd schema/billing.schema -o billing.mmd",
        comment: "one file of the schema only",
      },
    ],
    seeAlso: ["sql", "fmt"],
    exit: {
      0: "the diagram was written",
      1: "the schema files do not parse or validate, or FILE could not be written",
      2: "an unknown --format",
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
    examples: [
      { command: "schemavc lsp", comment: "what an editor runs: the protocol on stdin/stdout" },
      { command: "schemavc lsp --stdio", comment: "the same, for clients that always pass --stdio" },
    ],
    seeAlso: ["fmt", "check"],
    exit: { 0: "the editor asked the server to exit", 1: "the server could not start" },
    load: () => import("./lsp.ts"),
  },
  {
    name: "completion",
    summary: "print a shell completion script (bash, zsh or fish)",
    usage: "completion bash|zsh|fish",
    details:
      "Generated from the commands and their options, so it never falls behind them. Install it\n" +
      "where your shell looks for completions (see EXAMPLES).",
    options: {},
    examples: [
      {
        command: "schemavc completion bash > /etc/bash_completion.d/schemavc",
        comment: "bash, for every user",
      },
      { command: 'schemavc completion zsh > "${fpath[1]}/_schemavc"', comment: "zsh" },
      { command: "schemavc completion fish > ~/.config/fish/completions/schemavc.fish", comment: "fish" },
    ],
    seeAlso: ["init"],
    exit: { 0: "the script was printed", 2: "no shell, or one other than bash, zsh and fish" },
    load: () => import("./completion.ts"),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
