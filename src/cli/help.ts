/** `--help`, `help [COMMAND]` and `COMMAND --help`: usage built from the registry's data. */
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from "./registry.ts";
import { VERSION } from "../version.ts";

function optionLines(opts: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(opts).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : "    ";
    const value = o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : "";
    return [`  ${short}--${name}${value}`, o.description] as const;
  });
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, d]) => l.padEnd(width) + d);
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `schemavc ${VERSION}: version control for database schemas`,
    "",
    "Usage: schemavc COMMAND [OPTIONS]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}${c.aliases?.length ? ` (alias: ${c.aliases.join(", ")})` : ""}`),
    `  ${"help".padEnd(width)}show help for a command`,
    "",
    "Options for every command:",
    ...optionLines(GLOBAL_OPTIONS),
    "",
    "Run `schemavc help COMMAND` for a command's options.",
    "Exit codes: 0 success, 1 error, 2 bad usage, 3 changes, pending work or drift found.",
  ].join("\n");
}

export function commandHelp(cmd: CommandSpec): string {
  return [
    `Usage: schemavc ${cmd.usage}`,
    "",
    cmd.summary.charAt(0).toUpperCase() + cmd.summary.slice(1) + ".",
    ...(cmd.details ? ["", cmd.details] : []),
    ...(cmd.aliases?.length ? ["", `Aliases: ${cmd.aliases.join(", ")}`] : []),
    ...(Object.keys(cmd.options).length ? ["", "Options:", ...optionLines(cmd.options)] : []),
    "",
    "Options for every command:",
    ...optionLines(GLOBAL_OPTIONS),
  ].join("\n");
}
