/**
 * `schemavc lsp [--stdio]`: runs the language server on stdin/stdout for an editor (the VS Code
 * extension in editors/vscode starts it this way). Nothing else may be written to stdout while
 * it runs: stdout carries the protocol.
 */
import type { Context } from "./context.ts";
import { endQuietlyOnClosedStream } from "./stdio.ts";
import { normalJit } from "../core/jit.ts";

export async function run(_ctx: Context): Promise<number> {
  const { startServer } = await import("../lsp/server.ts");
  normalJit(); // a server runs for hours: compiled code pays (src/core/jit.ts)
  endQuietlyOnClosedStream(process.stdout);
  const connection = startServer(process.stdin, process.stdout);
  // The library ends the process on the client's `exit`; until then the server lives.
  await new Promise<void>((resolve) => connection.onExit(() => resolve()));
  return 0;
}
