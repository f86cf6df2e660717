/**
 * The command line's options, read the way `node:util` `parseArgs` reads them with `strict` and
 * `allowPositionals`, and with its messages: `--name value`, `--name=value`, `-n value`, `-nvalue`,
 * groups of short booleans (`-yq`), `--` before positionals, an unknown option or a missing,
 * ambiguous (`--url --json`) or unwanted (`--json=1`) value refused.
 *
 * Why not `parseArgs` itself: in Bun, importing `node:util` evaluates its whole module and the
 * internal modules under it before the first line of the command runs, about 4 ms of every
 * command on a 2-core machine (`--version` included); this reader is what the CLI used of it.
 * test/unit/cli/args.test.ts holds it to `parseArgs` case by case and on random command lines.
 */

/** One option: a flag (`boolean`) or one that takes a value (`string`), with its short letter. */
export interface ArgSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
}

export interface ParsedArgs {
  /** By long name; a string option given twice keeps the last value. */
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** A command line the options refuse; the message names the option as `parseArgs` does. */
export class ArgsError extends Error {}

export function parseOptions(
  args: readonly string[],
  options: Readonly<Record<string, ArgSpec>>,
): ParsedArgs {
  const values: Record<string, string | boolean | undefined> = Object.create(null);
  const positionals: string[] = [];
  const byShort = new Map<string, string>();
  for (const name of Object.keys(options)) {
    const s = options[name]!.short;
    if (s !== undefined) byShort.set(s, name);
  }
  const spec = (name: string): ArgSpec | undefined =>
    Object.hasOwn(options, name) ? options[name] : undefined;
  const described = (name: string, withValue: boolean) => {
    const s = options[name]!.short;
    return `${s === undefined ? "" : `-${s}, `}--${name}${withValue ? " <value>" : ""}`;
  };
  /** The value of a string option `name`, given as `token`, from the next argument. */
  const nextValue = (at: number, name: string, token: string): string => {
    const v = args[at];
    if (v === undefined) throw new ArgsError(`Option '${described(name, true)}' argument missing`);
    // An option-like value (`--url --json`) is most likely a forgotten value; "-" alone is a value.
    if (v.length > 1 && v[0] === "-") {
      const s = options[name]!.short;
      const how =
        token.startsWith("--") || s === undefined ? `'--${name}=-XYZ'` : `'--${name}=-XYZ' or '-${s}-XYZ'`;
      throw new ArgsError(
        `Option '${token}' argument is ambiguous.\nDid you forget to specify the option argument for '${token}'?\nTo specify an option argument starting with a dash use ${how}.`,
      );
    }
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.length < 2 || arg[0] !== "-") {
      positionals.push(arg);
      continue;
    }
    if (arg[1] === "-") {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq < 0 ? undefined : eq);
      const o = spec(name);
      if (o === undefined) throw unknown(eq < 0 || name === "" ? arg : arg.slice(0, eq));
      if (o.type === "boolean") {
        if (eq >= 0) throw new ArgsError(`Option '${described(name, false)}' does not take an argument`);
        values[name] = true;
      } else values[name] = eq >= 0 ? arg.slice(eq + 1) : nextValue(++i, name, arg);
      continue;
    }
    // Short letters: each a flag, until one that takes a value, which takes the rest of the
    // argument (`-uVALUE`, `-yuVALUE`) or, at the end, the next argument.
    for (let c = 1; c < arg.length; c++) {
      const name = byShort.get(arg[c]!);
      if (name === undefined) throw unknown(`-${arg[c]}`);
      if (options[name]!.type === "boolean") {
        values[name] = true;
        continue;
      }
      values[name] = c + 1 < arg.length ? arg.slice(c + 1) : nextValue(++i, name, `-${arg[c]}`);
      break;
    }
  }
  return { values, positionals };
}

const unknown = (token: string) => new ArgsError(`Unknown option '${token}'`);
