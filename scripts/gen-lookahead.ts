/**
 * Generates src/dsl/lookahead.generated.json: the lookahead paths of every OR/OPTION/MANY of the
 * `.schema` grammar, computed by Chevrotain (`getLookaheadPaths`) from the rules in
 * src/dsl/parser.ts, with the fingerprint of that grammar, the recorded grammar itself and its follow sets. The
 * parser reads them at start-up instead of computing them (src/dsl/lookahead.ts, issue 19).
 *
 * Run `bun run gen:lookahead` after changing the grammar (with `bun run gen:cst`);
 * test/unit/dsl/grammar.test.ts fails while the checked-in file is stale (a stale table is
 * never used: the parser then computes lookahead itself, correctly but slower).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TokenType } from "chevrotain";
import {
  type LookaheadTable,
  RecordingLookaheadStrategy,
  storeFollows,
  storeRules,
} from "../src/dsl/lookahead.ts";
import { SchemaParser } from "../src/dsl/parser.ts";

const ROOT = join(import.meta.dir, "..");
export const LOOKAHEAD_TABLE_PATH = join(ROOT, "src/dsl/lookahead.generated.json");

/** The table for the grammar as it is now, built by the validating parser. */
export function lookaheadTable(): LookaheadTable {
  const recording = new RecordingLookaheadStrategy(3);
  // Recorded, never read from the table (`rules: null`), whatever the runtime.
  const parser = new SchemaParser({ validate: true, lookahead: recording, rules: null, follows: null });
  const { resyncFollows } = parser as unknown as { resyncFollows: Record<string, TokenType[]> };
  const paths: Record<string, string[][][]> = {};
  for (const key of Object.keys(recording.paths).sort())
    paths[key] = recording.paths[key]!.map((alt) => alt.map((path) => path.map((t) => t.name)));
  return {
    fingerprint: recording.fingerprint,
    paths,
    rules: storeRules(Object.values(parser.getGAstProductions())),
    follows: storeFollows(resyncFollows),
  };
}

/** The file's text, as Biome (the project's formatter) formats it, so it passes `biome ci`. */
export function lookaheadTableSource(table = lookaheadTable()): string {
  const biome = Bun.spawnSync(
    [join(ROOT, "node_modules/.bin/biome"), "format", `--stdin-file-path=${LOOKAHEAD_TABLE_PATH}`],
    { cwd: ROOT, stdin: Buffer.from(JSON.stringify(table)), stdout: "pipe", stderr: "pipe" },
  );
  if (biome.exitCode !== 0) throw new Error(`biome format failed:\n${biome.stderr.toString()}`);
  return biome.stdout.toString();
}

if (import.meta.main) {
  writeFileSync(LOOKAHEAD_TABLE_PATH, lookaheadTableSource());
  console.log(`gen-lookahead: wrote ${LOOKAHEAD_TABLE_PATH}`);
}
