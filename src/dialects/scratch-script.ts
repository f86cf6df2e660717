/** What every dialect's scratch (`scratch.ts`, `postgres/scratch.ts`) shares. */

/** The script failed on the scratch database: the database's message says where. */
export class ScratchScriptError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message.split("\n")[0]! : String(cause));
    this.name = "ScratchScriptError";
  }
}

/** The statements as one script: one round trip, not one per statement (thousands for a large schema). */
export function asScript(statements: readonly string[]): string {
  return statements.map((s) => (s.trimEnd().endsWith(";") ? s.trimEnd() : `${s.trimEnd()};`)).join("\n");
}
