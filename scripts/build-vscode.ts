/**
 * Packages the VS Code extension (editors/vscode) as dist/schemavc-vscode.vsix: bundles the
 * client with its `vscode-languageclient` dependency into one CommonJS file (VS Code loads
 * extensions as CommonJS; `vscode` itself is provided by the editor), copies the TextMate
 * grammar from grammar/ (one source of truth), and packs with `@vscode/vsce`, the packager the
 * Marketplace uses. Run by build.ts after the binary; alone: `bun run scripts/build-vscode.ts`.
 */
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

export async function buildVscodeExtension(root = resolve(import.meta.dir, "..")): Promise<string> {
  const ext = join(root, "editors", "vscode");
  rmSync(join(ext, "dist"), { recursive: true, force: true });
  const bundle = await Bun.build({
    entrypoints: [join(ext, "src", "extension.ts")],
    outdir: join(ext, "dist"),
    target: "node",
    format: "cjs",
    external: ["vscode"],
    minify: true,
  });
  if (!bundle.success) throw new Error(`bundling the extension failed:\n${bundle.logs.join("\n")}`);
  mkdirSync(join(ext, "syntaxes"), { recursive: true });
  cpSync(
    join(root, "grammar", "schemavc.tmLanguage.json"),
    join(ext, "syntaxes", "schemavc.tmLanguage.json"),
  );
  const out = join(root, "dist", "schemavc-vscode.vsix");
  mkdirSync(join(root, "dist"), { recursive: true });
  // --no-dependencies: the bundle already holds them; the extension folder has no node_modules.
  const vsce = Bun.spawnSync(
    [
      "node",
      join(root, "node_modules", "@vscode", "vsce", "vsce"),
      "package",
      "--no-dependencies",
      "--out",
      out,
    ],
    { cwd: ext, stdout: "pipe", stderr: "pipe" },
  );
  if (vsce.exitCode !== 0)
    throw new Error(`vsce package failed:\n${vsce.stdout.toString()}${vsce.stderr.toString()}`);
  return out;
}

if (import.meta.main) {
  const out = await buildVscodeExtension();
  console.log(`build: ${out}`);
}
