/**
 * The only writer to stdout and stderr for commands: human text, or exactly one JSON document
 * with `--json`. Three kinds of human output, so `--quiet` can keep what matters:
 * - `line`/`write`: the command's primary output on stdout (`current`'s version, `sql`'s SQL,
 *   `status`'s report), kept with `--quiet`;
 * - `note`: confirmations and progress on stdout ("applying … done", "wrote …"), dropped with
 *   `--quiet`;
 * - `info`: notes on stderr, dropped with `--quiet`; `warn` and `error` are always printed.
 * Colour per stream: only on a terminal, never with `NO_COLOR` or `--no-color` (see `colorFor`).
 * A spinner (spinner.ts) on stderr is erased before anything else is written, then redrawn.
 */
import { formatDiagnostic, type Diagnostic } from "../ir/diagnostics.ts";
import { Spinner, type SpinnerStream } from "./spinner.ts";
import { isTerminal, stdio } from "./stdio.ts";

export interface ReportOptions {
  json: boolean;
  /** Colour on stdout (and on stderr unless `colorErr` says otherwise). */
  color: boolean;
  /** Colour on stderr (default: `color`). */
  colorErr?: boolean;
  /** `--quiet`: no notes, no info lines, no spinner. */
  quiet?: boolean;
  /** Where spinners draw (default: stderr; tests pass a fake terminal). */
  spinnerStream?: SpinnerStream;
  /**
   * Instead of stdout and stderr (the library, src/lib/: it never prints): what would go to
   * each stream is handed here, and `flush` writes no JSON document (read it from `document`).
   */
  sink?: { out(text: string): void; err(text: string): void };
}

type Stream = "out" | "err";

export class Reporter {
  private jsonDoc: unknown = undefined;
  private active: Spinner | undefined;
  constructor(readonly opts: ReportOptions) {}

  /** Human chatter is wanted: neither `--json` nor `--quiet`. */
  get chatty(): boolean {
    return !this.opts.json && !this.opts.quiet;
  }

  /** A line of the command's primary human output on stdout (suppressed with --json only). */
  line(text = ""): void {
    if (!this.opts.json) this.out(`${text}\n`);
  }

  /** Raw primary human output on stdout, no newline added (suppressed with --json only). */
  write(text: string): void {
    if (!this.opts.json) this.out(text);
  }

  /** A confirmation or progress line on stdout (suppressed with --json and --quiet). */
  note(text = "", newline = true): void {
    if (this.chatty) this.out(newline ? `${text}\n` : text);
  }

  /** Progress and notes on stderr, never mixed into stdout (suppressed with --json and --quiet). */
  info(text: string): void {
    if (this.chatty) this.err(`${text}\n`);
  }

  warn(text: string): void {
    this.err(`${this.paint("warning:", "33", "err")} ${text}\n`);
  }

  error(text: string, hint?: string): void {
    this.err(`${this.paint("error:", "31", "err")} ${text}\n`);
    if (hint) this.err(`  hint: ${hint}\n`);
  }

  /** Prints diagnostics to stderr with their source excerpts. */
  diagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
    for (const d of ds) {
      const text = formatDiagnostic(d, sources);
      const colored = text.replace(/^(error|warning):/, (m) =>
        this.paint(m, m.startsWith("error") ? "31" : "33", "err"),
      );
      this.err(`${colored}\n`);
    }
  }

  /** Sets the one JSON document that `flush` prints with --json. */
  json(doc: unknown): void {
    this.jsonDoc = doc;
  }

  /** The JSON document set by the command (what `--json` prints). */
  get document(): unknown {
    return this.jsonDoc;
  }

  flush(): void {
    this.stopSpinner();
    if (this.opts.json && this.jsonDoc !== undefined && !this.opts.sink)
      stdio.out(`${JSON.stringify(this.jsonDoc, null, 2)}\n`);
  }

  /** `text` in SGR colour `code` when colour is on for that stream (stdout by default). */
  paint(text: string, code: string, stream: Stream = "out"): string {
    const on = stream === "err" ? (this.opts.colorErr ?? this.opts.color) : this.opts.color;
    return on ? `\x1b[${code}m${text}\x1b[0m` : text;
  }
  bold(text: string, stream: Stream = "out"): string {
    return this.paint(text, "1", stream);
  }

  /**
   * A spinner on stderr, registered so that other output erases it first; it draws only when
   * chatty and stderr is a terminal. Use `withSpinner` (spinner.ts) rather than this directly.
   */
  spinner(label: string, prefix?: string): Spinner {
    this.stopSpinner();
    // The prefix is the unfinished stdout line: it is on the spinner's terminal only when stdout
    // is a terminal too (a test's fake stream stands for both).
    const onScreen = prefix !== undefined && (this.opts.spinnerStream !== undefined || isTerminal(1));
    this.active = new Spinner(label, {
      enabled: this.chatty,
      ...(this.opts.spinnerStream ? { stream: this.opts.spinnerStream } : {}),
      ...(onScreen ? { prefix } : {}),
    });
    return this.active;
  }
  /** The spinner running now, if any (nested work relabels it). */
  get currentSpinner(): Spinner | undefined {
    return this.active;
  }
  /** Forgets `s` once it has stopped. */
  spinnerDone(s: Spinner): void {
    if (this.active === s) this.active = undefined;
  }
  private stopSpinner(): void {
    this.active?.stop();
    this.active = undefined;
  }

  private out(text: string): void {
    this.active?.clear();
    if (this.opts.sink) this.opts.sink.out(text);
    else stdio.out(text);
  }
  private err(text: string): void {
    this.active?.clear();
    if (this.opts.sink) this.opts.sink.err(text);
    else stdio.err(text);
  }
}

/** What decides colour: the environment and whether the stream is a terminal. */
export interface ColorEnv {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly isTTY?: boolean;
}

/**
 * Whether to colour one stream. In order: `--no-color` → no; `NO_COLOR` set to anything but the
 * empty string → no (no-color.org); `FORCE_COLOR` set → yes, unless it is `0` or `false`
 * (for CI logs that render colour); otherwise only on a terminal whose TERM is not `dumb`.
 */
export function colorFor(noColorFlag: boolean, { env = process.env, isTTY = false }: ColorEnv = {}): boolean {
  if (noColorFlag || (env["NO_COLOR"] ?? "") !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined && force !== "") return force !== "0" && force.toLowerCase() !== "false";
  return isTTY && env["TERM"] !== "dumb";
}

/** Colour on stdout and on stderr for this process (each decided on its own terminal). */
export function wantColor(noColorFlag: boolean): { out: boolean; err: boolean } {
  return {
    out: colorFor(noColorFlag, { isTTY: isTerminal(1) }),
    err: colorFor(noColorFlag, { isTTY: isTerminal(2) }),
  };
}
