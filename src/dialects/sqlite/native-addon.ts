/**
 * Makes the libsql native addon loadable inside the standalone binary.
 *
 * Why: `libsql/index.js` loads its addon with ``require(`@libsql/${target}`)``, a dynamic name
 * that `bun build --compile` cannot follow, so the addon would not be embedded and the binary
 * would look for `@libsql/linux-x64-gnu` next to the current folder at run time. build.ts
 * injects the addon's package name as LIBSQL_NATIVE; the literal `require` below makes Bun embed
 * the `.node` file, and the plugin answers libsql's dynamic require with it (../shared/bun-notes.md).
 *
 * libsql picks the addon's name with two modules, `@neon-rs/load` (`currentTarget`, through
 * `process.report.getReport()`) and `detect-libc` (`familySync`: reads /usr/bin/ldd, loads
 * `child_process`): 2–4 ms of every SQLite command, to choose a name that, in the binary, always
 * means the one embedded addon. build.ts leaves them out of the bundle (`--external`) and the
 * plugin answers them here without probing anything.
 *
 * Outside the compiled binary (bun run, bun test, the npm package on Bun or Node) this does
 * nothing: node_modules resolves them all.
 */
declare const LIBSQL_NATIVE: string | undefined;

// `typeof Bun` first: the npm package runs this on Node too, where there is no Bun (and no binary).
if (typeof LIBSQL_NATIVE === "string" && typeof Bun !== "undefined" && Bun.isStandaloneExecutable) {
  const addon = require(LIBSQL_NATIVE);
  Bun.plugin({
    name: "libsql-native",
    setup(build) {
      const targets = [
        "linux-x64-gnu",
        "linux-x64-musl",
        "linux-arm64-gnu",
        "linux-arm64-musl",
        "darwin-arm64",
        "darwin-x64",
        "win32-x64-msvc",
      ];
      for (const target of targets)
        build.module(`@libsql/${target}`, () => ({ exports: addon, loader: "object" }));
      // Any of the names above loads the embedded addon; `load` is libsql's development path.
      build.module("@neon-rs/load", () => ({
        exports: {
          currentTarget: () => targets[0],
          load: () => {
            throw new Error("the binary embeds its libsql addon");
          },
        },
        loader: "object",
      }));
      // libsql asks only whether the C library is glibc, to load a -gnu name for a -musl one.
      build.module("detect-libc", () => ({
        exports: { GLIBC: "glibc", MUSL: "musl", familySync: () => null },
        loader: "object",
      }));
    },
  });
}
