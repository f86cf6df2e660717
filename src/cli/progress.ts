/**
 * A migration's progress line for `up` and `down`: `applying V ... done in N ms`. A statement
 * that runs for more than a second shows, on a terminal, a spinner after the line with the
 * statement's number and its elapsed seconds (`applying V ... ⠼ statement 2 of 3 (8 s)`), erased
 * when it ends; off a terminal, with `--json` or `--quiet`, nothing extra is printed (the
 * spinner decides). On SQLite a statement runs on the main thread and the spinner cannot draw
 * while it runs; the time still shows in `done in N ms`.
 */
import type { Reporter } from "./report.ts";
import type { Spinner } from "./spinner.ts";

export class MigrationProgress {
  private prefix = "";
  private spinner: Spinner | undefined;
  /** A migration's line is open: a failure ends it with "failed". */
  open = false;

  constructor(private readonly report: Reporter) {}

  start(version: string, direction: "up" | "down"): void {
    this.prefix = `${direction === "up" ? "applying" : "rolling back"} ${version} ... `;
    this.open = true;
    this.report.note(this.prefix, false);
  }

  /** Statement `n` of `total` begins: its own spinner, shown once it has run for a second. */
  statement(n: number, total: number): void {
    this.stopSpinner();
    this.spinner = this.report.spinner(`statement ${n} of ${total}`, this.prefix).start();
  }

  done(ms: number): void {
    this.stopSpinner();
    this.open = false;
    this.report.note(`done in ${ms} ms`);
  }

  failed(): void {
    this.stopSpinner();
    if (this.open) this.report.note("failed");
    this.open = false;
  }

  private stopSpinner(): void {
    if (!this.spinner) return;
    this.spinner.stop();
    this.report.spinnerDone(this.spinner);
    this.spinner = undefined;
  }
}
