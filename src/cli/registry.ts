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
    usage: "generate -m MESSAGE",
    details:
      "Compares the schema files with the snapshot of the latest migration and writes\n" +
      "migrations/<timestamp>_<message>/ with up.sql, down.sql and snapshot.json, then updates\n" +
      "schemavc.sum. Writes nothing when nothing changed. Data-loss warnings are printed and\n" +
      "written in the header of the SQL file that loses data. A column that disappears while a\n" +
      "similar one appears is a rename only with a `renamed from` hint, or when you answer y at\n" +
      "a terminal; otherwise it is a drop and an add, with a warning.",
    options: { message: { type: "string", short: "m", description: "what the migration does (becomes part of its version)", valueName: "MSG" } },
    load: () => import("./generate.ts"),
  },
  {
    name: "diff",
    summary: "show the change between two schemas, as a summary and as SQL",
    usage: "diff [--from X] [--to Y] [--dialect D]",
    details:
      "X and Y: a .schema file or folder, a migration version (head, base, a timestamp or a\n" +
      "unique prefix), or `empty`. Defaults: from the latest migration to the schema files.\n" +
      "Exit 0 when there is no change, 3 when there is.",
    options: {
      from: { type: "string", description: "the old side (default: head)", valueName: "X" },
      to: { type: "string", description: "the new side (default: the schema files)", valueName: "Y" },
      dialect: dialectOption,
    },
    load: () => import("./diff.ts"),
  },
  {
    name: "rehash",
    summary: "rewrite schemavc.sum after deliberate hand edits of migrations",
    usage: "rehash",
    options: {},
    load: () => import("./rehash.ts"),
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
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name || c.aliases?.includes(name));
}
