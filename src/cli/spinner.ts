/**
 * A spinner on stderr for work that can take more than a second (connecting to a database,
 * reading a schema back from it, parsing a large schema). It draws nothing for the first
 * `delayMs` (about a second), so quick commands print nothing extra; it only ever draws on a
 * terminal (never into a pipe, a file or a CI log), and never with `--json` or `--quiet`
 * (`Reporter.spinner` decides that); it erases its line when the work ends, so what follows
 * starts on a clean line. Timers are unref'd: a spinner never keeps the process alive.
 *
 * The spinner animates from timers, so it moves while the work awaits (network, files); a long
 * stretch of synchronous work (one huge parse) shows it at the next await, not during.
 */
import type { Reporter } from "./report.ts";
import { stderrTerminal } from "./stdio.ts";

/** The part of a stream the spinner uses; stdio.ts's `stderrTerminal` is one, a test can pass a fake. */
export interface SpinnerStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface SpinnerOptions {
  /** Where to draw (default: stderr). Nothing is drawn unless `isTTY` is true. */
  readonly stream?: SpinnerStream;
  /** Milliseconds of silence before the first frame (default 1000). */
  readonly delayMs?: number;
  /** Milliseconds between frames (default 80). */
  readonly intervalMs?: number;
  /** False: never draw (--json, --quiet). Default true. */
  readonly enabled?: boolean;
  /** The clock, for the elapsed seconds shown after the label (tests pass a fake). */
  readonly now?: () => number;
  /**
   * Text already on the terminal's line before the spinner (`applying V ... `, written to
   * stdout without a newline): frames are drawn after it, and erasing a frame writes it back,
   * so what follows (`done in 8642 ms`) ends that line as if no spinner had been there.
   */
  readonly prefix?: string;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** Carriage return, then erase the whole line (ECMA-48 EL 2). */
export const CLEAR_LINE = "\r\x1b[2K";

export class Spinner {
  private readonly stream: SpinnerStream;
  private readonly now: () => number;
  private readonly live: boolean;
  private delayTimer: ReturnType<typeof setTimeout> | undefined;
  private frameTimer: ReturnType<typeof setInterval> | undefined;
  private frame = 0;
  private startedAt = 0;
  /** A frame is on the screen (so `clear` has something to erase). */
  private drawn = false;
  private running = false;

  constructor(
    public label: string,
    private readonly opts: SpinnerOptions = {},
  ) {
    this.stream = opts.stream ?? stderrTerminal();
    this.now = opts.now ?? (() => performance.now());
    this.live = (opts.enabled ?? true) && this.stream.isTTY === true;
  }

  /** Starts the clock; the first frame comes after the delay. Does nothing when not live. */
  start(): this {
    if (!this.live || this.running) return this;
    this.running = true;
    this.startedAt = this.now();
    this.delayTimer = setTimeout(() => {
      this.delayTimer = undefined;
      this.draw();
      this.frameTimer = setInterval(() => this.draw(), this.opts.intervalMs ?? 80);
      unref(this.frameTimer);
    }, this.opts.delayMs ?? 1000);
    unref(this.delayTimer);
    return this;
  }

  /** Changes the label; shown with the next frame. */
  update(label: string): void {
    this.label = label;
  }

  /** Erases the frame if one is on the screen (before other output); the next tick redraws. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write(CLEAR_LINE + (this.opts.prefix ?? ""));
    this.drawn = false;
  }

  /** Stops drawing and erases the line. Safe to call more than once. */
  stop(): void {
    if (this.delayTimer) clearTimeout(this.delayTimer);
    if (this.frameTimer) clearInterval(this.frameTimer);
    this.delayTimer = this.frameTimer = undefined;
    this.running = false;
    this.clear();
  }

  private draw(): void {
    if (!this.running) return;
    const seconds = Math.floor((this.now() - this.startedAt) / 1000);
    const text = `${this.opts.prefix ?? ""}${FRAMES[this.frame++ % FRAMES.length]} ${this.label}${seconds >= 1 ? ` (${seconds} s)` : ""}`;
    // One character short of the width: a line that wraps could not be erased with \r.
    const width = Math.max(10, (this.stream.columns || 80) - 1);
    this.stream.write(CLEAR_LINE + (text.length > width ? `${text.slice(0, width - 1)}…` : text));
    this.drawn = true;
  }
}

function unref(t: unknown): void {
  (t as { unref?: () => void } | undefined)?.unref?.();
}

/**
 * Runs `fn` with a spinner saying `label` on stderr (see `Spinner` for when it shows). Nested
 * calls relabel the spinner already running instead of drawing a second one.
 */
export async function withSpinner<T>(
  ctx: { readonly report: Reporter },
  label: string,
  fn: () => Promise<T>,
): Promise<T> {
  const running = ctx.report.currentSpinner;
  if (running) {
    const before = running.label;
    running.update(label);
    try {
      return await fn();
    } finally {
      running.update(before);
    }
  }
  const spinner = ctx.report.spinner(label).start();
  try {
    return await fn();
  } finally {
    spinner.stop();
    ctx.report.spinnerDone(spinner);
  }
}
