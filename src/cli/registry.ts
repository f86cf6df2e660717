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
