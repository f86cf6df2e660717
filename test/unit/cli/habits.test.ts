/**
 * The everyday habits that need no binary: when colour is on (NO_COLOR, --no-color,
 * FORCE_COLOR, a terminal), what --quiet keeps, and how help fills text to a width.
 */
import { describe, expect, test } from "bun:test";
import { Reporter, colorFor } from "../../../src/cli/report.ts";
import { commandHelp, fill, helpStyle, mainHelp, SECTIONS } from "../../../src/cli/help.ts";
import { COMMANDS, findCommand } from "../../../src/cli/registry.ts";

describe("colorFor", () => {
  test("a terminal gets colour, a pipe does not", () => {
    expect(colorFor(false, { env: {}, isTTY: true })).toBe(true);
    expect(colorFor(false, { env: {}, isTTY: false })).toBe(false);
    expect(colorFor(false, { env: { TERM: "dumb" }, isTTY: true })).toBe(false);
  });
  test("--no-color and any non-empty NO_COLOR switch it off, even with FORCE_COLOR", () => {
    expect(colorFor(true, { env: {}, isTTY: true })).toBe(false);
    expect(colorFor(false, { env: { NO_COLOR: "1" }, isTTY: true })).toBe(false);
    expect(colorFor(false, { env: { NO_COLOR: "0" }, isTTY: true })).toBe(false);
    expect(colorFor(false, { env: { NO_COLOR: "1", FORCE_COLOR: "1" }, isTTY: false })).toBe(false);
    expect(colorFor(true, { env: { FORCE_COLOR: "1" }, isTTY: true })).toBe(false);
    // An empty NO_COLOR is not set (no-color.org).
    expect(colorFor(false, { env: { NO_COLOR: "" }, isTTY: true })).toBe(true);
  });
  test("FORCE_COLOR colours a pipe; FORCE_COLOR=0 or false turns a terminal off", () => {
    expect(colorFor(false, { env: { FORCE_COLOR: "1" }, isTTY: false })).toBe(true);
    expect(colorFor(false, { env: { FORCE_COLOR: "true" }, isTTY: false })).toBe(true);
    expect(colorFor(false, { env: { FORCE_COLOR: "0" }, isTTY: true })).toBe(false);
    expect(colorFor(false, { env: { FORCE_COLOR: "false" }, isTTY: true })).toBe(false);
  });
});

describe("Reporter", () => {
  test("paints per stream", () => {
    const r = new Reporter({ json: false, color: true, colorErr: false });
    expect(r.paint("ok", "32")).toBe("\x1b[32mok\x1b[0m");
    expect(r.paint("error:", "31", "err")).toBe("error:");
    expect(new Reporter({ json: false, color: false }).bold("x")).toBe("x");
  });
  test("chatty only without --json and --quiet", () => {
    expect(new Reporter({ json: false, color: false }).chatty).toBe(true);
    expect(new Reporter({ json: false, color: false, quiet: true }).chatty).toBe(false);
    expect(new Reporter({ json: true, color: false }).chatty).toBe(false);
  });
});

describe("help", () => {
  test("fill keeps lines within the width and code spans whole", () => {
    const lines = fill(
      "one `-- schemavc:allow RULE` on the line above a statement accepts that rule for it",
      20,
    );
    for (const l of lines) if (!l.includes("`")) expect(l.length).toBeLessThanOrEqual(20);
    expect(lines).toContain("`-- schemavc:allow RULE`");
  });
  test("every command's page has every section, within the width (examples aside)", () => {
    for (const width of [60, 80, 120]) {
      for (const c of COMMANDS) {
        const page = commandHelp(c, { width, color: false });
        const lines = page.split("\n");
        for (const s of SECTIONS) expect(lines).toContain(s);
        const examples = new Set((c.examples ?? []).map((e) => `    ${e.command}`));
        for (const l of lines)
          if (!examples.has(l))
            expect({ command: c.name, width, l, len: l.length <= width }).toMatchObject({ len: true });
      }
    }
  });
  test("headings are bold only with colour", () => {
    const cmd = findCommand("generate")!;
    expect(commandHelp(cmd, { width: 80, color: true })).toContain("\x1b[1mEXAMPLES\x1b[0m");
    expect(commandHelp(cmd, { width: 80, color: false })).not.toContain("\x1b");
    expect(mainHelp({ width: 80, color: false })).not.toContain("\x1b");
  });
  test("the width is the terminal's, 80 for a pipe", () => {
    expect(helpStyle(false, { isTTY: true, columns: 132 }).width).toBe(132);
    expect(helpStyle(false, { isTTY: false, columns: 132 }).width).toBe(80);
    expect(helpStyle(false, { isTTY: true, columns: 0 }).width).toBe(80);
  });
});
