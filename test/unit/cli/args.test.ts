/**
 * The command line's option reader (src/cli/args.ts) reads what `node:util` `parseArgs`
 * (strict, positionals allowed) reads, and refuses what it refuses with its message: case by
 * case for the forms a user types, then on random command lines over the real commands' options.
 */
import { expect, test } from "bun:test";
import { parseArgs } from "node:util";
import { parseOptions, type ArgSpec } from "../../../src/cli/args.ts";
import { COMMANDS, GLOBAL_OPTIONS } from "../../../src/cli/registry.ts";

const OPTIONS: Record<string, ArgSpec> = {
  url: { type: "string", short: "u" },
  env: { type: "string" },
  json: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  quiet: { type: "boolean", short: "q" },
  "no-color": { type: "boolean" },
};

/** What a reader makes of `args`: its values and positionals, or its message. */
function outcome(read: () => { values: object; positionals: string[] }): string {
  try {
    const r = read();
    return JSON.stringify({ values: { ...r.values }, positionals: r.positionals });
  } catch (e) {
    // parseArgs adds a sentence on how to pass a positional that starts with `-`; the CLI never showed it.
    return `error: ${(e as Error).message.replace(/\. To specify a positional.*$/s, "")}`;
  }
}
const ours = (args: string[], options = OPTIONS) => outcome(() => parseOptions(args, options));
const node = (args: string[], options: Record<string, ArgSpec> = OPTIONS) =>
  outcome(() => parseArgs({ args, options: options as never, strict: true, allowPositionals: true }));

/**
 * Bun's parseArgs names an unknown letter of a short group without its dash (`-yz`: "Unknown
 * option 'z'"), where Node's says '-z'; the reader says '-z'. Everything else is compared as is.
 */
const bunQuirk = (message: string) =>
  /^error: Unknown option '(?!-)|^error: Unknown option '-'$/.test(message);

const CASES: string[][] = [
  [],
  ["a", "b"],
  ["--json", "x", "--url", "sqlite:a.db", "y"],
  ["--url=sqlite:a.db"],
  ["--url="],
  ["--env=a=b"],
  ["--url", ""],
  ["--url", "-"],
  ["-u", "x"],
  ["-ux"],
  ["-u=x"],
  ["-yq"],
  ["-yqu", "x"],
  ["-yuVALUE"],
  ["-qu"],
  ["-uy", "z"],
  ["--json", "--json"],
  ["--url", "a", "--url", "b"],
  ["--", "--json", "-y"],
  ["--", "--"],
  ["-"],
  ["-", "--json"],
  ["--nope"],
  ["--nope=1"],
  ["--=x"],
  ["---x"],
  ["--URL", "a"],
  ["-Y"],
  ["-1"],
  ["--url"],
  ["-u"],
  ["--env"],
  ["--json=1"],
  ["--yes="],
  ["--url", "--json"],
  ["--url", "-1"],
  ["--url", "--"],
  ["-u", "-y"],
  ["-u", "--"],
  ["--env", "-x"],
  ["--constructor"],
  ["--__proto__", "x"],
  ["--toString"],
];

for (const args of CASES) {
  test(`${JSON.stringify(args)} reads as parseArgs reads it`, () => {
    expect(ours(args)).toBe(node(args));
  });
}

test("an unknown letter in a group of short flags is named with its dash", () => {
  expect(ours(["-yz"])).toBe("error: Unknown option '-z'");
  expect(ours(["-yq", "-ab"])).toBe("error: Unknown option '-a'");
});

test("random command lines over every command's options read as parseArgs reads them", () => {
  const words = ["--", "-", "x", "", "-1", "--nope", "-z", "-Z", "=", "a=b", "--=", "---"];
  const specs = COMMANDS.map((c) => ({ ...GLOBAL_OPTIONS, ...c.options }) as Record<string, ArgSpec>);
  let seed = 19;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let compared = 0;
  for (let run = 0; run < 20000; run++) {
    const options = specs[rand(specs.length)]!;
    const names = Object.keys(options);
    const shorts = names.flatMap((n) => (options[n]!.short ? [options[n]!.short!] : []));
    const args: string[] = [];
    for (let k = rand(6); k > 0; k--) {
      const pick = rand(8);
      const name = names[rand(names.length)]!;
      if (pick === 0) args.push(words[rand(words.length)]!);
      else if (pick === 1 && shorts.length) args.push(`-${shorts[rand(shorts.length)]}`);
      else if (pick === 2 && shorts.length)
        args.push(
          `-${Array.from({ length: 1 + rand(3) }, () => shorts[rand(shorts.length)]).join("")}${rand(2) ? "" : "v"}`,
        );
      else if (pick === 3) args.push(`--${name}=${words[rand(words.length)]}`);
      else args.push(`--${name}`);
    }
    const expected = node(args, options);
    const got = ours(args, options);
    if (bunQuirk(expected)) expect(got).toStartWith("error: Unknown option '-");
    else {
      expect(`${JSON.stringify(args)} ${got}`).toBe(`${JSON.stringify(args)} ${expected}`);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(15000);
});
