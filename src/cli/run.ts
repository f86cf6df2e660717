/**
 * From argv to a command's exit code. Parses options with `node:util` `parseArgs` (strict), so
 * an unknown flag is a usage error (exit 2) naming the flag. Never exits the process itself.
 */
import { parseArgs } from "node:util";
import { COMMANDS, GLOBAL_OPTIONS, findCommand } from "./registry.ts";
import { commandHelp, mainHelp } from "./help.ts";
import { CliError, UsageError } from "./errors.ts";
import { Reporter, wantColor } from "./report.ts";
import { VERSION } from "../version.ts";
import { didYouMean } from "../dsl/diagnostics.ts";

export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h") {
    process.stdout.write(mainHelp() + "\n");
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V" || first === "version") {
    process.stdout.write(`schemavc ${VERSION}\n`);
    return 0;
  }
  if (first === "help") {
    const name = rest[0];
    if (name === undefined) { process.stdout.write(mainHelp() + "\n"); return 0; }
    const cmd = findCommand(name);
    if (!cmd) throw unknownCommand(name);
    process.stdout.write(commandHelp(cmd) + "\n");
    return 0;
  }
  const cmd = findCommand(first);
  if (!cmd) throw unknownCommand(first);

  // Alembic's relative steps: `downgrade -1` would read as a flag, `upgrade +1` is fine as is.
  const args = cmd.name === "down" ? rest.map((a) => (/^-\d+$/.test(a) ? a.slice(1) : a)) : [...rest];
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...cmd.options }, allowPositionals: true, strict: true });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional.*$/s, "");
    // A mistyped flag: suggest the nearest of this command's own (and the global) options.
    const typo = /Unknown option '--([^']+)'/.exec(message)?.[1];
    const known = Object.keys({ ...GLOBAL_OPTIONS, ...cmd.options });
    const guess = typo ? didYouMean(typo, known) : undefined;
    throw new UsageError(message, guess ? `${guess.replace(/`([^`]+)`/, "`--$1`")} (\`schemavc help ${cmd.name}\` lists them all)` : `run \`schemavc help ${cmd.name}\``);
  }
  if (parsed.values.help) {
    process.stdout.write(commandHelp(cmd) + "\n");
    return 0;
  }
  const report = new Reporter({ json: parsed.values.json === true, color: wantColor(parsed.values["no-color"] === true) });
  const mod = await cmd.load();
  try {
    return await mod.run({ command: cmd.name, values: parsed.values, positionals: parsed.positionals, report, cwd });
  } finally {
    report.flush();
  }
}

function unknownCommand(name: string): UsageError {
  const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
  return new UsageError(`unknown command \`${name}\``, didYouMean(name, names) ?? "run `schemavc --help` for the list of commands");
}

export { CliError };
