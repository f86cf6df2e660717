/**
 * The only writer to stdout and stderr for commands: human text, or exactly one JSON document
 * with `--json`. Colours only on a terminal, never with `NO_COLOR` or `--no-color`.
 */
import { formatDiagnostic, type Diagnostic } from "../dsl/diagnostics.ts";

export interface ReportOptions {
  json: boolean;
  color: boolean;
}

export class Reporter {
  private jsonDoc: unknown = undefined;
  constructor(readonly opts: ReportOptions) {}

  /** A line of human output on stdout (suppressed with --json). */
  line(text = ""): void {
    if (!this.opts.json) process.stdout.write(text + "\n");
  }

  /** Raw human output on stdout, no newline added (suppressed with --json). */
  write(text: string): void {
    if (!this.opts.json) process.stdout.write(text);
  }

  /** Progress and notes on stderr, never mixed into stdout (suppressed with --json). */
  info(text: string): void {
    if (!this.opts.json) process.stderr.write(text + "\n");
  }

  warn(text: string): void {
    process.stderr.write(`${this.paint("warning:", "33")} ${text}\n`);
  }

  error(text: string, hint?: string): void {
    process.stderr.write(`${this.paint("error:", "31")} ${text}\n`);
    if (hint) process.stderr.write(`  hint: ${hint}\n`);
  }

  /** Prints diagnostics to stderr with their source excerpts. */
  diagnostics(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>): void {
    for (const d of ds) {
      const text = formatDiagnostic(d, sources);
      const colored = text.replace(/^(error|warning):/, (m) => this.paint(m, m.startsWith("error") ? "31" : "33"));
      process.stderr.write(colored + "\n");
    }
  }

  /** Sets the one JSON document that `flush` prints with --json. */
  json(doc: unknown): void {
    this.jsonDoc = doc;
  }

  flush(): void {
    if (this.opts.json && this.jsonDoc !== undefined) process.stdout.write(JSON.stringify(this.jsonDoc, null, 2) + "\n");
  }

  paint(text: string, code: string): string {
    return this.opts.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }
  bold(text: string): string {
    return this.paint(text, "1");
  }
}

/** Colour when stdout/stderr is a terminal, unless NO_COLOR is set or --no-color was given. */
export function wantColor(noColorFlag: boolean): boolean {
  if (noColorFlag || (process.env.NO_COLOR ?? "") !== "") return false;
  return Boolean(process.stderr.isTTY);
}
