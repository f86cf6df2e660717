/** `schemavc erd` through the compiled binary: stdout, `-o FILE.md` (fenced), `--json`, bad format. */
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const BIN = join(import.meta.dir, "../../dist/schemavc");
const BLOG = join(import.meta.dir, "../../schema-examples/blog.schema");
const run = (cwd: string, ...args: string[]) => {
  const p = Bun.spawnSync([BIN, ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
};

test("erd prints the diagram, writes a fenced one into a .md file, and reports in --json", () => {
  const dir = mkdtempSync(join(tmpdir(), "erd-"));
  const out = run(dir, "erd", BLOG);
  expect(out.code).toBe(0);
  expect(out.out.startsWith("erDiagram\n")).toBe(true);
  expect(out.out).toContain("users ||..}o posts");
  const w = run(dir, "erd", BLOG, "-o", "schema.md");
  expect(w.code).toBe(0);
  expect(w.out).toContain("wrote schema.md");
  expect(readFileSync(join(dir, "schema.md"), "utf8")).toBe(`\`\`\`mermaid\n${out.out}\`\`\`\n`);
  expect(JSON.parse(run(dir, "erd", BLOG, "--json").out)).toMatchObject({ format: "mermaid", diagram: out.out });
  const bad = run(dir, "erd", BLOG, "--format", "png");
  expect(bad.code).toBe(2);
  expect(bad.err).toContain("unknown --format `png`");
});
