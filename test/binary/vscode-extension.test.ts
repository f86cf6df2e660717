/**
 * The VS Code extension package: the build makes dist/schemavc-vscode.vsix with @vscode/vsce,
 * and the package holds the manifest (language, grammar, configuration), the TextMate grammar
 * identical to grammar/, the language configuration, and the bundled client that starts
 * `schemavc lsp` through vscode-languageclient.
 */
import { beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildVscodeExtension } from "../../scripts/build-vscode.ts";

const ROOT = join(import.meta.dir, "../..");
let dir: string;
let files: string[];

beforeAll(async () => {
  const vsix = await buildVscodeExtension(ROOT);
  dir = mkdtempSync(join(tmpdir(), "vsix-"));
  // A .vsix is a zip file; Python's zipfile lists and extracts it (no unzip on every machine).
  const py = Bun.spawnSync(
    [
      "python3",
      "-c",
      "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print('\\n'.join(z.namelist()))",
      vsix,
      dir,
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  expect(py.stderr.toString()).toBe("");
  files = py.stdout.toString().trim().split("\n");
}, 60_000);

test("the .vsix holds the manifest, the grammar, the language configuration and the client", () => {
  expect(files).toEqual(
    expect.arrayContaining([
      "extension.vsixmanifest",
      "extension/package.json",
      "extension/syntaxes/schemavc.tmLanguage.json",
      "extension/language-configuration.json",
      "extension/dist/extension.js",
      "extension/readme.md",
    ]),
  );
  expect(files.some((f) => f.includes("node_modules") || f.endsWith(".ts"))).toBe(false);
});

test("the manifest declares the language, its grammar and the client entry, all present in the package", () => {
  const manifest = JSON.parse(readFileSync(join(dir, "extension/package.json"), "utf8"));
  expect(manifest.contributes.languages[0]).toMatchObject({ id: "schemavc", extensions: [".schema"] });
  expect(manifest.contributes.grammars[0]).toMatchObject({
    language: "schemavc",
    scopeName: "source.schemavc",
  });
  for (const rel of [
    manifest.main,
    manifest.contributes.grammars[0].path,
    manifest.contributes.languages[0].configuration,
  ]) {
    expect(existsSync(join(dir, "extension", rel))).toBe(true);
  }
});

test("the grammar is the repository's grammar/ file, byte for byte", () => {
  expect(readFileSync(join(dir, "extension/syntaxes/schemavc.tmLanguage.json"), "utf8")).toBe(
    readFileSync(join(ROOT, "grammar/schemavc.tmLanguage.json"), "utf8"),
  );
});

test("the client is bundled (vscode-languageclient inside, vscode left to the editor) and starts `schemavc lsp`", () => {
  const js = readFileSync(join(dir, "extension/dist/extension.js"), "utf8");
  expect(js).toContain('require("vscode")');
  expect(js).not.toContain('require("vscode-languageclient');
  expect(js).toContain("textDocument/publishDiagnostics");
  expect(js).toMatch(/args:\s*\["lsp"\]/);
});
