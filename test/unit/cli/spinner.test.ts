/**
 * The spinner (src/cli/spinner.ts) on a fake terminal with short delays: silent before its
 * delay, drawn after, erased at the end, never drawn into something that is not a terminal or
 * with --json/--quiet; the reporter erases it before its own output.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { CLEAR_LINE, Spinner, withSpinner } from "../../../src/cli/spinner.ts";
import { Reporter } from "../../../src/cli/report.ts";
import { stdio } from "../../../src/cli/stdio.ts";

/** A stream that records what is written; a terminal unless told otherwise. */
function fakeStream(isTTY = true, columns = 60) {
  const writes: string[] = [];
  return {
    isTTY,
    columns,
    writes,
    write: (s: string) => {
      writes.push(s);
      return true;
    },
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A delay long enough that a loaded 2-core machine's timer lag (tens of ms) cannot cross it.
const FAST = { delayMs: 150, intervalMs: 10 };

let started: Spinner[] = [];
afterEach(() => {
  for (const s of started) s.stop();
  started = [];
});
const spin = (label: string, opts: ConstructorParameters<typeof Spinner>[1]) => {
  const s = new Spinner(label, opts);
  started.push(s);
  return s.start();
};

describe("Spinner", () => {
  test("nothing before the delay, frames with the label after it, the line erased at stop", async () => {
    const stream = fakeStream();
    const s = spin("connecting to sqlite:./dev.db", { stream, ...FAST });
    await sleep(15);
    expect(stream.writes).toEqual([]);
    await sleep(260);
    expect(stream.writes.length).toBeGreaterThan(1);
    for (const w of stream.writes) expect(w).toStartWith(CLEAR_LINE);
    expect(stream.writes[0]).toContain("connecting to sqlite:./dev.db");
    // Frames change: more than one distinct drawing.
    expect(new Set(stream.writes).size).toBeGreaterThan(1);
    s.stop();
    expect(stream.writes.at(-1)).toBe(CLEAR_LINE);
    const n = stream.writes.length;
    await sleep(40);
    expect(stream.writes.length).toBe(n); // stopped means stopped
    s.stop(); // twice is fine and writes nothing more
    expect(stream.writes.length).toBe(n);
  });

  test("work that ends before the delay prints nothing at all", async () => {
    const stream = fakeStream();
    const s = spin("quick", { stream, ...FAST });
    await sleep(10);
    s.stop();
    await sleep(200);
    expect(stream.writes).toEqual([]);
  });

  test("never draws into a stream that is not a terminal, or when disabled", async () => {
    const pipe = fakeStream(false);
    const off = fakeStream(true);
    spin("x", { stream: pipe, ...FAST });
    spin("x", { stream: off, enabled: false, ...FAST });
    await sleep(200);
    expect(pipe.writes).toEqual([]);
    expect(off.writes).toEqual([]);
  });

  test("a label longer than the terminal is cut to fit (a wrapped line could not be erased)", async () => {
    const stream = fakeStream(true, 30);
    spin("reading the database schema of a very long URL indeed", { stream, ...FAST });
    await sleep(260);
    for (const w of stream.writes) expect(w.slice(CLEAR_LINE.length).length).toBeLessThan(30);
    expect(stream.writes[0]).toEndWith("…");
  });

  test("the elapsed seconds follow the label once a second has passed", async () => {
    const stream = fakeStream();
    let now = 0;
    spin("reading", { stream, ...FAST, now: () => now });
    now = 2500;
    await sleep(260);
    expect(stream.writes.at(-1)).toEndWith("reading (2 s)");
  });
});

describe("a spinner after an open line (a migration's `applying V ... `)", () => {
  test("frames are drawn after the prefix, and erasing writes the prefix back", async () => {
    const stream = fakeStream();
    const s = spin("statement 2 of 3", { stream, ...FAST, prefix: "applying v1 ... " });
    await sleep(260);
    expect(stream.writes[0]).toStartWith(`${CLEAR_LINE}applying v1 ... `);
    expect(stream.writes[0]).toContain("statement 2 of 3");
    s.stop();
    expect(stream.writes.at(-1)).toBe(`${CLEAR_LINE}applying v1 ... `);
  });

  test("work that ends before the delay writes nothing, not even the prefix", async () => {
    const stream = fakeStream();
    const s = spin("statement 1 of 1", { stream, ...FAST, prefix: "applying v1 ... " });
    s.stop();
    expect(stream.writes).toEqual([]);
  });
});

describe("withSpinner and the reporter", () => {
  const reporter = (opts: { json?: boolean; quiet?: boolean }, stream = fakeStream()) => ({
    stream,
    report: new Reporter({
      json: opts.json ?? false,
      quiet: opts.quiet ?? false,
      color: false,
      spinnerStream: stream,
    }),
  });

  test("draws for slow work and erases itself, returning the work's value", async () => {
    const { stream, report } = reporter({});
    // The real delay is a second; this work takes 1.2 s so the spinner must show.
    const v = await withSpinner({ report }, "reading the database schema", async () => {
      await sleep(1200);
      return 42;
    });
    expect(v).toBe(42);
    expect(stream.writes.some((w) => w.includes("reading the database schema"))).toBe(true);
    expect(stream.writes.at(-1)).toBe(CLEAR_LINE);
    expect(report.currentSpinner).toBeUndefined();
  });

  test("silent with --quiet and with --json", async () => {
    for (const opts of [{ quiet: true }, { json: true }]) {
      const { stream, report } = reporter(opts);
      await withSpinner({ report }, "x", () => sleep(1100));
      expect(stream.writes).toEqual([]);
    }
  });

  test("a quick command prints nothing extra", async () => {
    const { stream, report } = reporter({});
    await withSpinner({ report }, "x", () => sleep(20));
    expect(stream.writes).toEqual([]);
  });

  test("nested work relabels the running spinner, then gives the label back", async () => {
    const { report } = reporter({});
    await withSpinner({ report }, "outer", async () => {
      const outer = report.currentSpinner!;
      await withSpinner({ report }, "inner", async () => {
        expect(report.currentSpinner).toBe(outer);
        expect(outer.label).toBe("inner");
      });
      expect(outer.label).toBe("outer");
    });
  });

  test("errors from the work pass through and the spinner still stops", async () => {
    const { report } = reporter({});
    await expect(
      withSpinner({ report }, "x", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(report.currentSpinner).toBeUndefined();
  });

  test("the reporter erases a drawn spinner before writing its own line", async () => {
    const { stream, report } = reporter({});
    const seen: string[] = [];
    const original = stdio.err;
    await withSpinner({ report }, "working", async () => {
      await sleep(1100);
      expect(stream.writes.at(-1)).not.toBe(CLEAR_LINE);
      stdio.err = (s: string) => {
        seen.push(`${stream.writes.at(-1) === CLEAR_LINE ? "cleared" : "dirty"}:${s}`);
      };
      try {
        report.warn("careful");
      } finally {
        stdio.err = original;
      }
    });
    expect(seen).toEqual(["cleared:warning: careful\n"]);
  });
});
