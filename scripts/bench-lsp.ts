/**
 * Benchmark: language-server diagnostics after an edit on a 1,000-table schema (20 columns,
 * 2 indexes, a check and an FK per table; scripts/gen-schema.ts), through the compiled binary
 * over stdio, as an editor drives it. Each edit alternately breaks and fixes one foreign key
 * (so every edit changes the published diagnostics); the time is from sending didChange to
 * receiving the publishDiagnostics that reflects it. Two layouts: the whole schema in one file,
 * and 20 files of 50 tables (one of them edited). Median and 90th percentile of 30 edits after
 * 3 warm-up edits. Target (issue 8): within 100 ms.
 *
 * Yardstick, in the same run: Prisma's language server (`@prisma/language-server`, the one in
 * Prisma's VS Code extension) on the same schema written as 1,000 Prisma models with the same
 * columns, relations and indexes, with the same edit (a relation's model name broken and fixed).
 * It is installed with npm into node_modules/.cache/bench-prisma-ls the first time (skipped,
 * with a note, when npm cannot fetch it).
 * Run: `bun run build && bun scripts/bench-lsp.ts [TABLES=1000]`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { generateSchema } from "./gen-schema.ts";
import { LspClient, uri } from "../test/support/lsp-client.ts";

const TABLES = Number(process.argv[2] ?? 1000);
const BIN = resolve("dist/schemavc");
const PRISMA_LS_VERSION = "31.12.10";

interface Case {
  readonly label: string;
  readonly command: string | readonly string[];
  /** File name → text; `edited` names the one to edit, `bad` is its broken text. */
  readonly files: ReadonlyMap<string, string>;
  readonly edited: string;
  readonly bad: string;
  readonly languageId: string;
  readonly setup?: (dir: string) => void;
}

async function measure(c: Case): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-lsp-"));
  c.setup?.(dir);
  for (const [name, text] of c.files) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const client = new LspClient(c.command, dir);
  await client.initialize(dir);
  const path = join(dir, c.edited),
    good = c.files.get(c.edited)!;
  const errors = (ds: Diagnostic[]) => ds.some((d) => d.severity === 1);
  let version = 1;
  const t0 = performance.now();
  await client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: uri(path), languageId: c.languageId, version, text: good },
  });
  await client.diagnosticsFor(uri(path), (ds) => !errors(ds), 120_000);
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 33; i++) {
    const broken = i % 2 === 0;
    const s = performance.now();
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(path), version: ++version },
      contentChanges: [{ text: broken ? c.bad : good }],
    });
    await client.diagnosticsFor(uri(path), (ds) => errors(ds) === broken, 120_000);
    if (i >= 3) times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(
    `${c.label}: open ${first.toFixed(0)} ms; after an edit median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms`,
  );
  client.kill();
  rmSync(dir, { recursive: true, force: true });
}

/** The edited file's last foreign key pointed at a table that does not exist. */
const breakLastReference = (text: string, marker: string) => {
  const at = text.lastIndexOf(marker);
  const end = at + marker.length + text.slice(at + marker.length).search(/[^A-Za-z0-9_]/);
  return `${text.slice(0, end)}_missing${text.slice(end)}`;
};
const schemavcSetup = (dir: string) => writeFileSync(join(dir, "schemavc.toml"), 'dialect = "postgres"\n');

const text = generateSchema(TABLES, 20);
console.log(`${TABLES} tables × 20 columns; didChange → publishDiagnostics, 30 edits (target ≤ 100 ms)`);
await measure({
  label: `schemavc, one file (${text.split("\n").length} lines)`,
  command: BIN,
  files: new Map([["schema/all.schema", text]]),
  edited: "schema/all.schema",
  bad: breakLastReference(text, "references t"),
  languageId: "schemavc",
  setup: schemavcSetup,
});
// Split at table boundaries into 20 files; the enum stays in the first.
const blocks = text.split(/\n(?=\/\/\/ Table number )/);
const per = Math.ceil((blocks.length - 1) / 20);
const parts = new Map(
  Array.from({ length: 20 }, (_, i) => [
    `schema/part${String(i).padStart(2, "0")}.schema`,
    `${blocks.slice(i === 0 ? 0 : 1 + i * per, 1 + (i + 1) * per).join("\n")}\n`,
  ]),
);
await measure({
  label: "schemavc, 20 files",
  command: BIN,
  files: parts,
  edited: "schema/part10.schema",
  bad: breakLastReference(parts.get("schema/part10.schema")!, "references t"),
  languageId: "schemavc",
  setup: schemavcSetup,
});

const prismaBin = prismaLanguageServer();
if (prismaBin) {
  const prisma = prismaSchema(TABLES, 20);
  await measure({
    label: `Prisma language server ${PRISMA_LS_VERSION}, one file (${prisma.split("\n").length} lines)`,
    command: ["node", prismaBin, "--stdio"],
    files: new Map([["schema.prisma", prisma]]),
    edited: "schema.prisma",
    bad: breakLastReference(prisma, "  parent T"),
    languageId: "prisma",
  });
}

/** The Prisma language server's entry, installed into a cache folder on first use. */
function prismaLanguageServer(): string | undefined {
  const dir = resolve("node_modules/.cache/bench-prisma-ls");
  const bin = join(dir, "node_modules/@prisma/language-server/dist/bin.js");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const npm = Bun.spawnSync(
    [
      "npm",
      "install",
      "--prefix",
      dir,
      "--no-audit",
      "--no-fund",
      "--silent",
      `@prisma/language-server@${PRISMA_LS_VERSION}`,
    ],
    { stdout: "pipe", stderr: "pipe" },
  );
  if (npm.exitCode !== 0 || !existsSync(bin)) {
    console.log(`(yardstick skipped: npm could not install @prisma/language-server@${PRISMA_LS_VERSION})`);
    return undefined;
  }
  return bin;
}

/** The benchmark schema as Prisma models: same columns, a relation to the previous model (and its back-relation), the same two indexes. */
function prismaSchema(tables: number, columns: number): string {
  const types = [
    "BigInt",
    "Int",
    "String",
    "String @db.VarChar(120)",
    "Boolean",
    "DateTime @db.Timestamptz",
    "Decimal @db.Decimal(12, 2)",
    "DateTime @db.Date",
    "Json",
    "String @db.Uuid",
  ];
  const out = [
    'datasource db {\n  provider = "postgresql"\n}\n',
    "enum Status {\n  active\n  suspended\n  closed\n}\n",
  ];
  for (let t = 0; t < tables; t++) {
    const lines = [`/// Table number ${t}.`, `model T${t} {`, "  id BigInt @id @default(autoincrement())"];
    if (t > 0)
      lines.push(
        "  parentId BigInt?",
        `  parent T${t - 1}? @relation(fields: [parentId], references: [id], onDelete: SetNull)`,
      );
    if (t < tables - 1) lines.push(`  children T${t + 1}[]`);
    lines.push("  status Status @default(active)");
    for (let c = 0; c < columns - 3; c++) {
      const [ty, ...attr] = types[(t + c) % types.length]!.split(" ");
      lines.push(`  c${c} ${ty}${(t + c) % 3 === 0 ? "?" : ""}${attr.length ? ` ${attr.join(" ")}` : ""}`);
    }
    lines.push("  @@index([c0])", `  @@index([status, c2(sort: Desc)], map: "t${t}_recent")`, "}", "");
    out.push(lines.join("\n"));
  }
  return out.join("\n");
}
