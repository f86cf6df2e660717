/**
 * Benchmark: language-server diagnostics after an edit on a 1,000-table schema (20 columns,
 * 2 indexes, a check and an FK per table; scripts/gen-schema.ts), through the compiled binary
 * over stdio, as an editor drives it. Each edit alternately breaks and fixes one foreign key
 * (so every edit changes the published diagnostics); the time is from sending didChange to
 * receiving the publishDiagnostics that reflects it. Two layouts: the whole schema in one file,
 * and 20 files of 50 tables (one of them edited). Median and 90th percentile of 30 edits after
 * 3 warm-up edits. Target (issue 8): within 100 ms.
 * Run: `bun run build && bun scripts/bench-lsp.ts [TABLES=1000]`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from "vscode-languageserver-protocol/node";
import { generateSchema } from "./gen-schema.ts";
import { LspClient, uri } from "../test/support/lsp-client.ts";

const TABLES = Number(process.argv[2] ?? 1000);
const BIN = resolve("dist/schemavc");

async function measure(label: string, files: string[], edited: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-lsp-"));
  mkdirSync(join(dir, "schema"));
  writeFileSync(join(dir, "schemavc.toml"), 'dialect = "postgres"\n');
  const paths = files.map((text, i) => { const p = join(dir, "schema", `part${String(i).padStart(2, "0")}.schema`); writeFileSync(p, text); return p; });
  const client = new LspClient(BIN, dir);
  await client.initialize(dir);
  const path = paths[edited]!, good = files[edited]!;
  // The edited file's last foreign key: `references tN(id)` → `references tN_missing(id)`.
  const at = good.lastIndexOf("references t");
  const end = good.indexOf("(", at);
  const bad = `${good.slice(0, end)}_missing${good.slice(end)}`;
  let version = 1;
  const t0 = performance.now();
  await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(path), languageId: "schemavc", version, text: good } });
  await client.diagnosticsFor(uri(path), (ds) => ds.length === 0, 60_000);
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < 33; i++) {
    const broken = i % 2 === 0;
    const s = performance.now();
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(path), version: ++version }, contentChanges: [{ text: broken ? bad : good }] });
    await client.diagnosticsFor(uri(path), (ds) => (broken ? ds.some((d) => d.code === "unknown-table") : ds.length === 0), 60_000);
    if (i >= 3) times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(`${label}: open ${first.toFixed(0)} ms; after an edit median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms (target ≤ 100 ms)`);
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
}

const text = generateSchema(TABLES, 20);
await measure(`${TABLES} tables in one file (${text.split("\n").length} lines)`, [text], 0);
// Split at table boundaries into 20 files; the enum stays in the first.
const blocks = text.split(/\n(?=\/\/\/ Table number )/);
const per = Math.ceil((blocks.length - 1) / 20);
const parts = Array.from({ length: 20 }, (_, i) => blocks.slice(i === 0 ? 0 : 1 + i * per, 1 + (i + 1) * per).join("\n") + "\n");
await measure(`${TABLES} tables in 20 files`, parts, 10);
