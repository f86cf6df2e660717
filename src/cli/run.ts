/**
 * From argv to a command's exit code. Parses options as `node:util` `parseArgs` (strict) does
 * (src/cli/args.ts), so an unknown flag is a usage error (exit 2) naming the flag, and a
 * mistyped command or flag gets a "did you mean" hint (aliases included). Never exits the
 * process itself.
 */
import { ArgsError, parseOptions, type ParsedArgs } from "./args.ts";
import { COMMANDS, GLOBAL_OPTIONS, findCommand } from "./registry.ts";
import { commandHelp, helpStyle, mainHelp } from "./help.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { Reporter, wantColor } from "./report.ts";
import { stdio } from "./stdio.ts";
import { VERSION } from "../version.ts";
import { didYouMean } from "../ir/diagnostics.ts";

export async function runCli(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  // Boolean global options may come before the command too (`schemavc -q up`): move them after it.
  const lead = argv.findIndex((a) => !BOOLEAN_GLOBALS.has(a));
  if (lead > 0 && !["--help", "-h", "--version", "-V"].includes(argv[lead]!))
    argv = [argv[lead]!, ...argv.slice(0, lead), ...argv.slice(lead + 1)];
  const [first, ...rest] = argv;
  // Help goes to stdout: bold headings only when stdout is a terminal and colour is allowed.
  const style = () => helpStyle(wantColor(argv.includes("--no-color")).out);
  if (first === undefined || first === "--help" || first === "-h") {
    stdio.out(`${mainHelp(style())}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === "--version" || first === "-V" || first === "version") {
    stdio.out(`schemavc ${VERSION}\n`);
    return 0;
  }
  if (first === "help") {
    // `help [COMMAND]`; global flags such as --no-color may stand anywhere.
    const name = rest.find((a) => !a.startsWith("-"));
    if (name === undefined || name === "help") {
      stdio.out(`${mainHelp(style())}\n`);
      return 0;
    }
    const cmd = findCommand(name);
    if (!cmd) throw unknownCommand(name);
    stdio.out(`${commandHelp(cmd, style())}\n`);
    return 0;
  }
  const cmd = findCommand(first);
  if (!cmd) throw unknownCommand(first);

  // Alembic's relative steps: `downgrade -1` would read as a flag, `upgrade +1` is fine as is.
  const args = cmd.name === "down" ? rest.map((a) => (/^-\d+$/.test(a) ? a.slice(1) : a)) : [...rest];
  let parsed: ParsedArgs;
  try {
    parsed = parseOptions(args, { ...GLOBAL_OPTIONS, ...cmd.options });
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    const message = e.message;
    // A mistyped flag: suggest the nearest of this command's own (and the global) options.
    const typo = /Unknown option '--([^']+)'/.exec(message)?.[1];
    const known = Object.keys({ ...GLOBAL_OPTIONS, ...cmd.options });
    const guess = typo ? didYouMean(typo, known) : undefined;
    throw new UsageError(
      message,
      guess
        ? `${guess.replace(/`([^`]+)`/, "`--$1`")} (\`schemavc help ${cmd.name}\` lists them all)`
        : `run \`schemavc help ${cmd.name}\``,
    );
  }
  if (parsed.values.help) {
    stdio.out(`${commandHelp(cmd, style())}\n`);
    return 0;
  }
  const color = wantColor(parsed.values["no-color"] === true);
  const report = new Reporter({
    json: parsed.values.json === true,
    quiet: parsed.values.quiet === true,
    color: color.out,
    colorErr: color.err,
  });
  const mod = await cmd.load();
  try {
    return await mod.run({
      command: cmd.name,
      values: parsed.values,
      positionals: parsed.positionals,
      report,
      cwd,
    });
  } catch (e) {
    // The failure is the one JSON document (main.ts prints it): a result set before it fails is dropped.
    report.json(undefined);
    throw e;
  } finally {
    report.flush();
  }
}

/** `--json`, `-q`, `--quiet`, `--no-color`, `-y`, `--yes`: the global options that take no value. */
const BOOLEAN_GLOBALS: ReadonlySet<string> = new Set(
  Object.entries(GLOBAL_OPTIONS)
    .filter(([n, o]) => o.type === "boolean" && n !== "help")
    .flatMap(([n, o]) => [`--${n}`, ...(o.short ? [`-${o.short}`] : [])]),
);

/**
 * An unknown command, exit 2: the nearest command or alias (`genrate` → `generate`), else the
 * commands it begins (`stat` → `status`, `do` → `down` or `downgrade`), else the list.
 */
function unknownCommand(name: string): UsageError {
  const names = [...COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]), "help", "version"];
  const starts = name.length >= 2 ? names.filter((n) => n.startsWith(name)).slice(0, 3) : [];
  const prefix = starts.length ? `did you mean ${starts.map((n) => `\`${n}\``).join(" or ")}?` : undefined;
  return new UsageError(
    `unknown command \`${name}\``,
    didYouMean(name, names) ?? prefix ?? "run `schemavc --help` for the list of commands",
  );
}

export { SchemavcError };
