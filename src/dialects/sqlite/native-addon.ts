/**
 * Makes the libsql native addon loadable inside the standalone binary.
 *
 * Why: `libsql/index.js` loads its addon with ``require(`@libsql/${target}`)``, a dynamic name
 * that `bun build --compile` cannot follow, so the addon would not be embedded and the binary
 * would look for `@libsql/linux-x64-gnu` next to the current folder at run time. build.ts
 * injects the addon's package name as LIBSQL_NATIVE; the literal `require` below makes Bun embed
 * the `.node` file, and the plugin answers libsql's dynamic require with it (../shared/bun-notes.md).
 * Outside the compiled binary (bun run, bun test, the npm package on Bun or Node) this does
 * nothing: node_modules resolves it.
 */
declare const LIBSQL_NATIVE: string | undefined;

// `typeof Bun` first: the npm package runs this on Node too, where there is no Bun (and no binary).
if (typeof LIBSQL_NATIVE === "string" && typeof Bun !== "undefined" && Bun.isStandaloneExecutable) {
  const addon = require(LIBSQL_NATIVE);
  Bun.plugin({
    name: "libsql-native",
    setup(build) {
      for (const name of [
        "@libsql/linux-x64-gnu",
        "@libsql/linux-x64-musl",
        "@libsql/linux-arm64-gnu",
        "@libsql/linux-arm64-musl",
        "@libsql/darwin-arm64",
        "@libsql/darwin-x64",
        "@libsql/win32-x64-msvc",
      ]) {
        build.module(name, () => ({ exports: addon, loader: "object" }));
      }
    },
  });
}
