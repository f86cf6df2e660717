/**
 * Builds the npm package (`bun run build` writes it to dist/npm/; `npm pack dist/npm` packs it):
 * the library of src/lib/index.ts (`import { upgrade } from "schemavc"`) and the CLI as the
 * package's `bin`, both for Node 20+ and Bun.
 *
 * - JavaScript: `bun build --target node`, ESM, with the two entries sharing chunks. The
 *   project's runtime dependencies (but BUNDLED) stay external and are the package's `dependencies`, so
 *   `npm install` fetches them from the registry, the libsql native addon included (@libsql/client
 *   resolves it as on any Node install; the standalone binary's embedding is Bun-only).
 * - Types: the declarations of src/lib/index.ts and of the files its public types come from
 *   (src/lib/types.ts, src/cli/results.ts, src/core/errors.ts, src/version.ts, which import nothing), each emitted
 *   on its own by TypeScript, with the `.ts` of their import specifiers rewritten to `.js`.
 * - bin/schemavc.js: `#!/usr/bin/env node` and the CLI, so `npx schemavc` and `bunx schemavc`
 *   run the same commands as the binary.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");

/**
 * Dependencies bundled into the package's JavaScript instead of installed: pure JavaScript.
 * Chevrotain 13 declares `engines: node >= 22` (npm warns on Node 20) though it parses on Node
 * 20 (test/package/npm-package.test.ts runs `generate` there); bundled, the package's own
 * `engines` (>= 20) is the one npm reads.
 */
const BUNDLED: readonly string[] = ["chevrotain", "smol-toml"];

/** The files of src/ whose declarations the package ships (see above). */
const DECLARATIONS = [
  "lib/index.d.ts",
  "lib/types.d.ts",
  "cli/results.d.ts",
  "core/errors.d.ts",
  "version.d.ts",
];

/** Builds the package into `outDir` (emptied first); returns its package.json's version. */
export async function buildNpmPackage(outDir: string): Promise<string> {
  const root = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
    version: string;
    description: string;
    dependencies: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    Object.entries(root.dependencies).filter(([name]) => !BUNDLED.includes(name)),
  );
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "bin"), { recursive: true });

  const built = await Bun.build({
    entrypoints: [join(ROOT, "src/lib/index.ts"), join(ROOT, "src/main.ts")],
    root: join(ROOT, "src"),
    outdir: join(outDir, "dist"),
    target: "node",
    format: "esm",
    splitting: true,
    minify: false,
    external: Object.keys(dependencies),
    naming: { entry: "[dir]/[name].[ext]", chunk: "chunks/[name]-[hash].[ext]" },
  });
  if (!built.success) throw new Error(`bun build failed:\n${built.logs.map(String).join("\n")}`);

  // Declarations: TypeScript's one-file declaration emit (`transpileDeclaration`, no program to
  // build: ~1 s, not the ~20 s of a tsc run over everything index.ts imports). It needs each
  // export's type written out, as isolatedDeclarations checks; the files are small and do.
  const ts = (await import("typescript")).default;
  for (const file of DECLARATIONS) {
    const source = join(ROOT, "src", file.replace(/\.d\.ts$/, ".ts"));
    const out = ts.transpileDeclaration(readFileSync(source, "utf8"), {
      fileName: source,
      reportDiagnostics: true,
      compilerOptions: { isolatedDeclarations: true, allowImportingTsExtensions: true, strict: true },
    });
    if (out.diagnostics?.length)
      throw new Error(
        `declarations of src/${file}: ${out.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`,
      );
    const text = out.outputText.replace(/(from\s+["'][^"']+)\.ts(["'])/g, "$1.js$2");
    mkdirSync(join(outDir, "dist", file, ".."), { recursive: true });
    writeFileSync(join(outDir, "dist", file), text);
  }

  writeFileSync(join(outDir, "bin/schemavc.js"), '#!/usr/bin/env node\nimport "../dist/main.js";\n', {
    mode: 0o755,
  });
  cpSync(join(ROOT, "README.md"), join(outDir, "README.md"));
  const pkg = {
    name: "schemavc",
    version: root.version,
    description: root.description,
    type: "module",
    exports: { ".": { types: "./dist/lib/index.d.ts", default: "./dist/lib/index.js" } },
    main: "./dist/lib/index.js",
    types: "./dist/lib/index.d.ts",
    bin: { schemavc: "bin/schemavc.js" },
    files: ["dist", "bin", "README.md"],
    engines: { node: ">=20" },
    dependencies,
  };
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  return root.version;
}

if (import.meta.main) {
  const out = join(ROOT, "dist/npm");
  await buildNpmPackage(out);
  console.log("build-npm: dist/npm (npm pack dist/npm packs it)");
}
