/**
 * The release binaries (`bun run build --all-targets`): one per platform in dist/release/, each
 * an executable of its platform's format that carries its own platform's libsql addon, listed in
 * a SHA256SUMS that `sha256sum -c` accepts; the one this machine can run works from an empty
 * folder with nothing else installed (init, generate, up on the embedded SQLite default).
 *
 * Cost: cross-compiling all four targets takes about 15-30 s (the first run also downloads three
 * Bun runtimes and three addons from the npm registry), so dist/release is reused when every
 * file there is newer than the sources and rebuilt otherwise (the whole file: about 9 s reused,
 * 25-35 s with the build, on 2 cores). Nothing here is skipped: a build
 * that cannot run (no registry, no npm) fails the file, under CI=true or not.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  addonPath,
  RELEASE_DIR,
  RELEASE_TARGETS,
  ROOT,
  SUMS_FILE,
  sha256,
  type ReleaseTarget,
} from "../../scripts/release.ts";

/** The newest modification time of the files a release binary is built from. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const s = statSync(path);
    if (s.isDirectory()) for (const e of readdirSync(path)) visit(join(path, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of ["src", "build.ts", "scripts/release.ts", "package.json", "bun.lock"]) visit(join(ROOT, p));
  return newest;
}

/** Whether dist/release holds every target and its checksums, all newer than the sources. */
function releaseIsFresh(): boolean {
  const files = [...RELEASE_TARGETS.map((t) => t.file), SUMS_FILE].map((f) => join(RELEASE_DIR, f));
  if (!files.every(existsSync)) return false;
  const oldest = Math.min(...files.map((f) => statSync(f).mtimeMs));
  return oldest > newestSource();
}

let buildNote = "";
beforeAll(async () => {
  if (releaseIsFresh()) {
    buildNote = "reused dist/release (newer than the sources)";
    return;
  }
  const t0 = performance.now();
  const p = Bun.spawn(["bun", "run", "build.ts", "--all-targets"], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  if (code !== 0)
    throw new Error(
      `bun run build --all-targets failed (exit ${code}):\n${(out + err).split("\n").slice(-25).join("\n")}`,
    );
  buildNote = `built dist/release in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
}, 300_000);

/** Temporary folders of this file (each holds a 130 MB copy of a binary): removed at the end. */
const temporary: string[] = [];
afterAll(() => {
  for (const d of temporary) rmSync(d, { recursive: true, force: true });
});

/** What a binary's header says: its format, CPU and the details a platform insists on. */
interface Header {
  format: "ELF" | "Mach-O" | "PE32+" | "unknown";
  cpu: string;
  executable: boolean;
  detail: string;
}

/** Reads the executable header of a file: ELF (Linux), Mach-O 64 (macOS) or PE32+ (Windows). */
function readHeader(bytes: Buffer): Header {
  if (bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    // e_ident: class 2 = 64-bit, data 1 = little-endian; e_type 2 = executable, 3 = PIE; e_machine.
    const machine = bytes.readUInt16LE(18);
    const cpu = machine === 0x3e ? "x86-64" : machine === 0xb7 ? "aarch64" : `0x${machine.toString(16)}`;
    const type = bytes.readUInt16LE(16);
    return {
      format: "ELF",
      cpu,
      executable: bytes[4] === 2 && bytes[5] === 1 && (type === 2 || type === 3),
      detail: "",
    };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    // mach_header_64: cputype 0x0100000c = ARM64, filetype 2 = MH_EXECUTE; then ncmds load
    // commands. Apple silicon kills unsigned code, so LC_CODE_SIGNATURE (0x1d) must be there.
    const cputype = bytes.readUInt32LE(4);
    const cpu =
      cputype === 0x0100000c ? "arm64" : cputype === 0x01000007 ? "x86-64" : `0x${cputype.toString(16)}`;
    const commands: number[] = [];
    for (let i = 0, off = 32; i < bytes.readUInt32LE(16); i++, off += bytes.readUInt32LE(off + 4))
      commands.push(bytes.readUInt32LE(off));
    return {
      format: "Mach-O",
      cpu,
      executable: bytes.readUInt32LE(12) === 2,
      detail: commands.includes(0x1d) ? "signed" : "unsigned",
    };
  }
  if (bytes.toString("latin1", 0, 2) === "MZ") {
    // DOS header -> "PE\0\0" at e_lfanew; COFF machine 0x8664 = x86-64; optional header magic
    // 0x20b = PE32+; subsystem 3 = console (a CLI must not be a GUI program on Windows).
    const pe = bytes.readUInt32LE(0x3c);
    if (bytes.toString("latin1", pe, pe + 4) === "PE\0\0") {
      const machine = bytes.readUInt16LE(pe + 4);
      const optional = pe + 24;
      const subsystem = bytes.readUInt16LE(optional + 68);
      return {
        format: bytes.readUInt16LE(optional) === 0x20b ? "PE32+" : "unknown",
        cpu: machine === 0x8664 ? "x86-64" : `0x${machine.toString(16)}`,
        executable: true,
        detail: subsystem === 3 ? "console" : `subsystem ${subsystem}`,
      };
    }
  }
  return { format: "unknown", cpu: "", executable: false, detail: "" };
}

/** What each platform's binary must look like. */
const EXPECTED: Record<string, Header> = {
  "linux-x64": { format: "ELF", cpu: "x86-64", executable: true, detail: "" },
  "linux-arm64": { format: "ELF", cpu: "aarch64", executable: true, detail: "" },
  "darwin-arm64": { format: "Mach-O", cpu: "arm64", executable: true, detail: "signed" },
  "windows-x64": { format: "PE32+", cpu: "x86-64", executable: true, detail: "console" },
};

describe("release binaries (bun run build --all-targets)", () => {
  test("one file per platform and a SHA256SUMS that `sha256sum -c` accepts", async () => {
    console.log(`release.test: ${buildNote}`);
    const sums = readFileSync(join(RELEASE_DIR, SUMS_FILE), "utf8");
    const lines = sums.trimEnd().split("\n");
    expect(lines.map((l) => l.split("  ")[1])).toEqual(RELEASE_TARGETS.map((t) => t.file));
    for (const [i, t] of RELEASE_TARGETS.entries()) {
      expect(lines[i]).toBe(`${await sha256(join(RELEASE_DIR, t.file))}  ${t.file}`);
    }
    const check = Bun.spawnSync(["sha256sum", "-c", SUMS_FILE], { cwd: RELEASE_DIR });
    expect(check.stdout.toString()).toBe(RELEASE_TARGETS.map((t) => `${t.file}: OK\n`).join(""));
    expect(check.exitCode).toBe(0);
  });

  for (const t of RELEASE_TARGETS) {
    test(`${t.file} is a ${EXPECTED[t.name]!.format} ${EXPECTED[t.name]!.cpu} executable`, async () => {
      const head = Buffer.from(
        await Bun.file(join(RELEASE_DIR, t.file))
          .slice(0, 1 << 16)
          .arrayBuffer(),
      );
      expect(readHeader(head)).toEqual(EXPECTED[t.name]!);
    });
  }

  test("each binary embeds its own platform's libsql addon and no other", async () => {
    // The whole .node file of each addon, byte for byte (they are 8-9 MB, and differ per platform).
    const addons = new Map<ReleaseTarget, Buffer>(
      RELEASE_TARGETS.map((t) => [t, readFileSync(addonPath(t))]),
    );
    for (const t of RELEASE_TARGETS) {
      const binary = readFileSync(join(RELEASE_DIR, t.file));
      const found = RELEASE_TARGETS.filter((other) => binary.includes(addons.get(other)!)).map(
        (other) => other.addon,
      );
      expect({ file: t.file, addons: found }).toEqual({ file: t.file, addons: [t.addon] });
    }
  }, 60_000);

  test("the binary for this machine runs alone in an empty folder: --version, init, generate, up", () => {
    const host = RELEASE_TARGETS.find((t) => t.platform === process.platform && t.arch === process.arch);
    if (!host) throw new Error(`no release target runs on ${process.platform}-${process.arch}`);
    const dir = mkdtempSync(join(tmpdir(), "schemavc-release-"));
    const bin = join(dir, host.file);
    copyFileSync(join(RELEASE_DIR, host.file), bin);
    const project = mkdtempSync(join(tmpdir(), "schemavc-release-project-"));
    temporary.push(dir, project);
    const run = (...args: string[]) => {
      const p = Bun.spawnSync([bin, ...args], {
        cwd: project,
        env: { PATH: "/usr/bin:/bin", HOME: project, TMPDIR: tmpdir() },
      });
      return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
    };
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    expect(run("--version")).toEqual({ code: 0, out: `schemavc ${version}\n`, err: "" });
    expect(run("init")).toMatchObject({ code: 0, err: "" });
    const generated = run("generate", "-m", "initial");
    expect(generated).toMatchObject({ code: 0, err: "" });
    expect(generated.out).toContain("+ table users");
    const up = run("up");
    expect(up).toMatchObject({ code: 0, err: "" });
    expect(up.out).toContain("applied 1 migration");
    // The migration really ran through the embedded libsql addon: the table is in the file.
    const db = new Database(join(project, "dev.db"), { readonly: true });
    try {
      expect(
        db.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'users'").all(),
      ).toEqual([{ name: "users" }]);
    } finally {
      db.close();
    }
    expect(run("status").code).toBe(0);
  });
});
