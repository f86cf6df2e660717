/**
 * `--help` (a short overview of every command) and `help COMMAND` / `COMMAND --help` (a manual
 * page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXAMPLES, EXIT STATUS, SEE ALSO), all built from
 * the registry's data, so help never falls behind the commands. The page is wrapped to the
 * terminal's width (80 columns into a pipe or a file); headings are bold only when colour is on.
 */
import {
  COMMANDS,
  GLOBAL_OPTIONS,
  findCommand,
  type CommandSpec,
  type ExitMeanings,
  type OptionSpec,
} from "./registry.ts";
import { VERSION } from "../version.ts";
import { wrapWords } from "../util/wrap.ts";
import { isTerminal, terminalColumns } from "./stdio.ts";

/** How help is laid out: the width to wrap to and whether headings are bold. */
export interface HelpStyle {
  readonly width: number;
  readonly color: boolean;
}

/** 80 columns, no colour: what a pipe, a file and the tests get. */
export const PLAIN: HelpStyle = { width: 80, color: false };

/** The sections of a command's page, in order (the tests check each one is there). */
export const SECTIONS = [
  "NAME",
  "SYNOPSIS",
  "DESCRIPTION",
  "OPTIONS",
  "EXAMPLES",
  "EXIT STATUS",
  "SEE ALSO",
] as const;

/** What codes 1 and 2 mean for a command that does not say more (cli-contract.md). */
const DEFAULT_EXIT: ExitMeanings = {
  1: "an error; the message on stderr says what went wrong and where",
  2: "bad usage: an unknown option, a missing or malformed argument",
};

const INDENT = "    ";

/** stdout as help sees it: a terminal (and its width) or not. */
const stdoutTerminal = () => ({ isTTY: isTerminal(1), columns: terminalColumns() });

/** A style for stdout: its terminal's width (at least 40 columns) or 80, colour as decided. */
export function helpStyle(
  color: boolean,
  stream: { isTTY?: boolean; columns?: number } = stdoutTerminal(),
): HelpStyle {
  const width = stream.isTTY && stream.columns ? Math.max(40, stream.columns) : 80;
  return { width, color };
}

/**
 * Words of `text` filled into lines of at most `width` (a longer word gets a line of its own).
 * A `code span` is never broken: `-- schemavc:allow RULE` stays on one line.
 */
export function fill(text: string, width: number): string[] {
  const lines = wrapWords(words(text), width);
  return lines.length ? lines : [""];
}

/**
 * `text` filled after `first` on its first line and after `rest` on the others (a hanging
 * indent), so that no line is wider than `width` (text gets at least 20 columns).
 */
function hang(first: string, rest: string, text: string, width: number): string[] {
  return fill(text, Math.max(20, width - Math.max(first.length, rest.length))).map(
    (l, i) => (i ? rest : first) + l,
  );
}

/** The words of `text`; the words of a `code span` joined into one, so it is never broken. */
function words(text: string): string[] {
  const raw = text.split(/\s+/).filter(Boolean);
  // A fence (```) is not a span: it neither opens nor closes one.
  const odd = (w: string) => !w.includes("```") && (w.split("`").length - 1) % 2 === 1;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const close = odd(raw[i]!) ? raw.findIndex((w, j) => j > i && odd(w)) : -1;
    if (close < 0) {
      out.push(raw[i]!);
      continue;
    }
    out.push(raw.slice(i, close + 1).join(" "));
    i = close;
  }
  return out;
}

/**
 * The registry's prose as paragraphs to fill: blank lines separate paragraphs, other line
 * breaks are only where the source was wrapped; a line that starts with spaces is kept as is
 * (an install command, a code sample).
 */
function reflow(text: string, width: number, indent = INDENT): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    if (out.length) out.push("");
    let prose: string[] = [];
    const flush = () => {
      if (prose.length) out.push(...hang(indent, indent, prose.join(" "), width));
      prose = [];
    };
    for (const line of para.split("\n")) {
      if (/^\s/.test(line)) {
        flush();
        out.push(indent + line);
      } else prose.push(line.trim());
    }
    flush();
  }
  return out;
}

/** `-m, --message MSG`, or `    --config FILE` (aligned past where a short flag would be). */
function flagText(name: string, o: OptionSpec): string {
  const short = o.short ? `-${o.short}, ` : "    ";
  return `${short}--${name}${o.type === "string" ? ` ${o.valueName ?? "VALUE"}` : ""}`;
}

/**
 * Option rows: the flags, then the description filled beside them (hanging indent); when the
 * terminal is too narrow for two columns, the description goes under the flags.
 */
function optionRows(
  groups: readonly Readonly<Record<string, OptionSpec>>[],
  width: number,
  indent: string,
): string[][] {
  const all = groups.flatMap((g) => Object.entries(g).map(([n, o]) => flagText(n, o)));
  const col = Math.max(0, ...all.map((f) => f.length)) + 2;
  const twoColumns = col <= 34 && width - indent.length - col >= 30;
  return groups.map((g) =>
    Object.entries(g).flatMap(([name, o]) => {
      const flags = flagText(name, o);
      if (!twoColumns)
        return [indent + flags, ...hang(`${indent}        `, `${indent}        `, o.description, width)];
      return hang(indent + flags.padEnd(col), indent + " ".repeat(col), o.description, width);
    }),
  );
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `schemavc --help`: one line per command, the options every command takes; short on purpose. */
export function mainHelp(style: HelpStyle = PLAIN): string {
  const b = bolder(style);
  const names = COMMANDS.map((c) => c.name);
  const col = Math.max(...names.map((n) => n.length), "help".length) + 4;
  const row = (name: string, text: string) =>
    hang(`  ${name.padEnd(col - 2)}`, " ".repeat(col), text, style.width);
  return [
    `schemavc ${VERSION}: version control for database schemas`,
    "",
    `${b("Usage:")} schemavc COMMAND [OPTIONS]`,
    "",
    b("Commands:"),
    ...COMMANDS.flatMap((c) =>
      row(c.name, `${c.summary}${c.aliases?.length ? ` (alias: ${c.aliases.join(", ")})` : ""}`),
    ),
    ...row("help", "show a command's manual: options, examples, exit status"),
    "",
    b("Options for every command:"),
    ...optionRows([GLOBAL_OPTIONS], style.width, "  ")[0]!,
    "",
    "Run `schemavc help COMMAND` for its manual, with examples.",
    "Exit codes: 0 success, 1 error, 2 bad usage, 3 changes, pending work or drift found.",
  ].join("\n");
}

/** `schemavc help COMMAND`: the command's manual page. */
export function commandHelp(cmd: CommandSpec, style: HelpStyle = PLAIN): string {
  const b = bolder(style);
  const w = style.width;
  const names = [cmd.name, ...(cmd.aliases ?? [])].join(", ");
  const [own, global] = optionRows([cmd.options, GLOBAL_OPTIONS], w, INDENT);
  const exit: ExitMeanings = { ...DEFAULT_EXIT, ...cmd.exit };
  const codes = ([0, 1, 2, 3] as const).filter((c) => exit[c] !== undefined);
  const related = (cmd.seeAlso ?? [])
    .map((n) => findCommand(n))
    .filter((c): c is CommandSpec => c !== undefined);
  const seeCol = Math.max(0, ...related.map((c) => `schemavc help ${c.name}`.length)) + 2;

  const sections: [string, string[]][] = [
    ["NAME", hang(INDENT, `${INDENT}  `, `schemavc ${names} - ${cmd.summary}`, w)],
    ["SYNOPSIS", hang(INDENT, `${INDENT}  `, `schemavc ${cmd.usage} [OPTIONS]`, w)],
    [
      "DESCRIPTION",
      [
        ...reflow(`${capitalise(cmd.summary)}.`, w),
        ...(cmd.details ? ["", ...reflow(cmd.details, w)] : []),
        ...(cmd.aliases?.length
          ? ["", ...reflow(`Also run as ${cmd.aliases.map((a) => `\`schemavc ${a}\``).join(" and ")}.`, w)]
          : []),
      ],
    ],
    [
      "OPTIONS",
      [
        ...(own!.length ? [...own!, ""] : []),
        `${INDENT}${own!.length ? "Options every command takes:" : "No options of its own; every command takes:"}`,
        ...global!,
      ],
    ],
    [
      "EXAMPLES",
      (cmd.examples ?? []).flatMap((e, i) => [
        ...(i ? [""] : []),
        ...hang(`${INDENT}# `, `${INDENT}# `, e.comment, w),
        `${INDENT}${e.command}`,
      ]),
    ],
    ["EXIT STATUS", codes.flatMap((c) => hang(`${INDENT}${c}   `, `${INDENT}    `, exit[c]!, w))],
    [
      "SEE ALSO",
      [
        ...related.flatMap((c) =>
          hang(INDENT + `schemavc help ${c.name}`.padEnd(seeCol), INDENT + " ".repeat(seeCol), c.summary, w),
        ),
        `${INDENT}schemavc --help${related.length ? " ".repeat(Math.max(2, seeCol - "schemavc --help".length)) : "  "}every command`,
      ],
    ],
  ];
  return sections.map(([title, body]) => [b(title), ...body].join("\n")).join("\n\n");
}

function bolder(style: HelpStyle): (s: string) => string {
  return (s) => (style.color ? `\x1b[1m${s}\x1b[0m` : s);
}
