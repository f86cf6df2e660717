/**
 * Release builds: the platforms schemavc is shipped for, the libsql native addon each one
 * embeds, and the SHA256SUMS file published next to the binaries.
 *
 * Used by build.ts (`bun run build --all-targets`, `--target NAME`) and by
 * test/binary/release.test.ts, so both agree on file names and on which addon belongs where.
 *
 * Why the addons are fetched here: `bun install` only installs the addon of the machine it runs
 * on (the others are optional dependencies for other platforms), and the lockfile is shared, so
 * a cross build must not reinstall with `--os='*' --cpu='*'`. Instead the missing addon package is
 * fetched with `npm pack` (which checks the tarball against the registry's integrity) into a
 * cache under node_modules/ (ignored by git, dropped with node_modules), and its sha512 is
 * checked once more against the integrity bun.lock recorded for that exact version.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, join, resolve } from "node:path";

/** The repository root (this file lives in scripts/). */
export const ROOT = resolve(import.meta.dir, "..");
/** Where release binaries and SHA256SUMS are written; nothing else in dist/ is touched. */
export const RELEASE_DIR = join(ROOT, "dist", "release");
/** The checksum file, in `sha256sum` format, so `sha256sum -c SHA256SUMS` verifies a download. */
export const SUMS_FILE = "SHA256SUMS";
/** Fetched addon packages, one folder per package and version. */
export const ADDON_CACHE = join(ROOT, "node_modules", ".cache", "schemavc-addons");

/** One platform a release binary is built for. */
export interface ReleaseTarget {
  /** The name used on the command line (`--target linux-arm64`) and in the file name. */
  readonly name: string;
  /** Bun's cross-compilation target (`bun build --compile --target=...`). */
  readonly bunTarget: string;
  /** The libsql addon package for that platform (one of libsql's optionalDependencies). */
  readonly addon: string;
  /** The file name in dist/release and in the GitHub release. */
  readonly file: string;
  /** The platform as Node names it, to find the binary this machine can run. */
  readonly platform: NodeJS.Platform;
  readonly arch: "x64" | "arm64";
}

/** Every release platform. Linux builds are for glibc distributions (the `-gnu` addons). */
export const RELEASE_TARGETS: readonly ReleaseTarget[] = [
  {
    name: "linux-x64",
    bunTarget: "bun-linux-x64",
    addon: "@libsql/linux-x64-gnu",
    file: "schemavc-linux-x64",
    platform: "linux",
    arch: "x64",
  },
  {
    name: "linux-arm64",
    bunTarget: "bun-linux-arm64",
    addon: "@libsql/linux-arm64-gnu",
    file: "schemavc-linux-arm64",
    platform: "linux",
    arch: "arm64",
  },
  {
    name: "darwin-arm64",
    bunTarget: "bun-darwin-arm64",
    addon: "@libsql/darwin-arm64",
    file: "schemavc-darwin-arm64",
    platform: "darwin",
    arch: "arm64",
  },
  {
    name: "windows-x64",
    bunTarget: "bun-windows-x64",
    addon: "@libsql/win32-x64-msvc",
    file: "schemavc-windows-x64.exe",
    platform: "win32",
    arch: "x64",
  },
];

/** A release target by its command-line name, or an error listing the valid names. */
export function releaseTarget(name: string): ReleaseTarget {
  const t = RELEASE_TARGETS.find((r) => r.name === name);
  if (!t)
    throw new Error(`unknown target \`${name}\` (known: ${RELEASE_TARGETS.map((r) => r.name).join(", ")})`);
  return t;
}

/**
 * The addon version libsql asks for: the exact version in its optionalDependencies, which is
 * the version of the addon `bun install` put in node_modules for this machine.
 */
export function addonVersion(addon: string): string {
  const file = join(ROOT, "node_modules", "libsql", "package.json");
  if (!existsSync(file)) throw new Error("node_modules/libsql is missing: run `bun install` first");
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { optionalDependencies?: Record<string, string> };
  const version = pkg.optionalDependencies?.[addon];
  if (!version) throw new Error(`libsql ${file} does not list ${addon} among its optionalDependencies`);
  return version;
}

/** The `sha512-...` integrity bun.lock recorded for `name@version` (read only; never written). */
export function lockedIntegrity(name: string, version: string): string {
  const lock = readFileSync(join(ROOT, "bun.lock"), "utf8");
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const m = new RegExp(`"${esc(name)}@${esc(version)}",[^\\n]*?"(sha512-[A-Za-z0-9+/]+={0,2})"`).exec(lock);
  if (!m?.[1])
    throw new Error(
      `bun.lock has no integrity for ${name}@${version}: run \`bun install\` so the lockfile lists it`,
    );
  return m[1];
}

/** The `sha512-<base64>` integrity of a file, as npm and bun.lock write it. */
function integrityOf(file: string): string {
  return `sha512-${createHash("sha512").update(readFileSync(file)).digest("base64")}`;
}

/** What a package's folder holds: its `.node` file, by the package's own `main`. */
function addonFile(packageDir: string, name: string, version: string): string {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
    name?: string;
    version?: string;
    main?: string;
  };
  if (pkg.name !== name || pkg.version !== version) {
    throw new Error(`${packageDir} holds ${pkg.name}@${pkg.version}, not ${name}@${version}`);
  }
  const file = join(packageDir, pkg.main ?? "index.node");
  if (!existsSync(file))
    throw new Error(`${name}@${version} has no ${pkg.main ?? "index.node"} in ${packageDir}`);
  return file;
}

/**
 * The absolute path of the target's libsql `.node` file: the installed package when
 * node_modules has it at the right version (this machine's own addon), otherwise a verified
 * copy fetched from the npm registry into ADDON_CACHE. `log` receives one line per download.
 */
export function addonPath(target: ReleaseTarget, log: (line: string) => void = () => {}): string {
  const version = addonVersion(target.addon);
  const installed = join(ROOT, "node_modules", target.addon);
  if (existsSync(join(installed, "package.json"))) {
    const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { version?: string };
    if (pkg.version === version) return addonFile(installed, target.addon, version);
  }
  return fetchAddon(target.addon, version, log);
}

/**
 * Fetches `name@version` with `npm pack` into ADDON_CACHE (once), checks the tarball against
 * bun.lock's integrity, extracts it, and returns its `.node` file. A cached tarball is
 * re-checked on every call, so a corrupted cache is fetched again rather than embedded.
 */
export function fetchAddon(name: string, version: string, log: (line: string) => void = () => {}): string {
  const expected = lockedIntegrity(name, version);
  const dir = join(ADDON_CACHE, `${name.replace("/", "+")}@${version}`);
  const tarball = join(dir, `${name.replace("@", "").replace("/", "-")}-${version}.tgz`);
  const packageDir = join(dir, "package");

  if (!existsSync(tarball) || integrityOf(tarball) !== expected) {
    log(`fetching ${name}@${version} from the npm registry (npm pack)`);
    mkdirSync(dir, { recursive: true });
    rmSync(packageDir, { recursive: true, force: true });
    const npm = Bun.which("npm");
    if (!npm)
      throw new Error(`npm is needed to fetch ${name}@${version} for a cross build, and it is not on PATH`);
    const p = Bun.spawnSync([npm, "pack", `${name}@${version}`, "--json", "--pack-destination", dir], {
      cwd: dir,
      stdout: "pipe",
      stderr: "pipe",
    });
    if (p.exitCode !== 0)
      throw new Error(
        `could not fetch ${name}@${version} from the npm registry (npm pack exited ${p.exitCode}):\n  ${npmError(p)}`,
      );
    const [packed] = JSON.parse(p.stdout.toString()) as { filename: string; integrity: string }[];
    if (!packed || join(dir, basename(packed.filename)) !== tarball || !existsSync(tarball)) {
      throw new Error(`npm pack ${name}@${version} did not write ${tarball}`);
    }
    const actual = integrityOf(tarball);
    if (actual !== expected || packed.integrity !== expected) {
      rmSync(tarball, { force: true });
      throw new Error(
        `${name}@${version}: the downloaded tarball's integrity ${actual} is not the one bun.lock records (${expected}); refusing to embed it`,
      );
    }
  }

  if (!existsSync(join(packageDir, "package.json"))) {
    // Extract next to the final folder, then rename, so an interrupted run leaves no half folder.
    const tmp = mkdtempSync(join(dir, "extract-"));
    const t = Bun.spawnSync(["tar", "-xzf", tarball, "-C", tmp], { stdout: "pipe", stderr: "pipe" });
    if (t.exitCode !== 0) {
      rmSync(tmp, { recursive: true, force: true });
      throw new Error(`could not extract ${tarball}: ${t.stderr.toString().trim()}`);
    }
    rmSync(packageDir, { recursive: true, force: true });
    renameSync(join(tmp, "package"), packageDir);
    rmSync(tmp, { recursive: true, force: true });
  }
  return addonFile(packageDir, name, version);
}

/**
 * Why an `npm pack --json` run failed, in a line or two: npm's own JSON error on stdout
 * (`{error: {summary, detail}}`) when it wrote one, else its `npm error` lines without the stack.
 */
function npmError(p: { stdout: Buffer; stderr: Buffer }): string {
  try {
    const { error } = JSON.parse(p.stdout.toString()) as { error?: { summary?: string; detail?: string } };
    if (error?.summary) return [error.summary, error.detail].filter(Boolean).join("\n  ");
  } catch {
    // not JSON: fall back to stderr
  }
  const lines = p.stderr
    .toString()
    .split("\n")
    .filter((l) => l.startsWith("npm error ") && !/^npm error\s+(at |[a-z]+: |}|$)/.test(l));
  return lines.slice(0, 5).join("\n  ") || "(npm printed no reason)";
}

/** The hex SHA-256 of a file, streamed (release binaries are over 100 MB). */
export async function sha256(file: string): Promise<string> {
  const hasher = new Bun.CryptoHasher("sha256");
  for await (const chunk of Bun.file(file).stream()) hasher.update(chunk);
  return hasher.digest("hex");
}

/**
 * Writes RELEASE_DIR/SHA256SUMS for every release binary present there (so a single
 * `--target` build keeps the others' lines, with hashes of the files as they are now), in
 * `sha256sum` text format: `<hex>  <file>`. Written to a temporary file and renamed into place.
 * Returns the files listed.
 */
export async function writeSums(dir: string = RELEASE_DIR): Promise<string[]> {
  const files = RELEASE_TARGETS.map((t) => t.file).filter((f) => existsSync(join(dir, f)));
  const lines: string[] = [];
  for (const f of files) lines.push(`${await sha256(join(dir, f))}  ${f}`);
  const tmp = join(dir, `.${SUMS_FILE}.tmp`);
  writeFileSync(tmp, lines.map((l) => `${l}\n`).join(""));
  renameSync(tmp, join(dir, SUMS_FILE));
  return files;
}

/** A file's size in MB, for progress lines. */
export function megabytes(file: string): string {
  return `${(statSync(file).size / 1e6).toFixed(0)} MB`;
}
