/**
 * A language-server client for tests: starts `schemavc lsp --stdio` (the compiled binary) and
 * talks to it with `vscode-languageserver-protocol`'s own client-side connection, the messages
 * an editor sends. Published diagnostics are collected per URI; `diagnosticsFor` waits for the
 * next publication that satisfies a condition.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";

export const uri = (path: string) => pathToFileURL(path).href;

export class LspClient {
  readonly conn: ProtocolConnection;
  private readonly proc: ChildProcess;
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly waiters: {
    uri: string;
    ok: (ds: Diagnostic[]) => boolean;
    resolve: (ds: Diagnostic[]) => void;
  }[] = [];
  stderr = "";

  /** `bin`: the schemavc binary (started as `lsp --stdio`), or a whole command line of another server. */
  constructor(bin: string | readonly string[], cwd: string) {
    const [cmd, ...args] = typeof bin === "string" ? [bin, "lsp", "--stdio"] : bin;
    this.proc = spawn(cmd!, args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr!.on("data", (b: Buffer) => {
      this.stderr += b.toString();
    });
    this.conn = createProtocolConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.latest.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.ok(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.conn.listen();
  }

  async initialize(root: string) {
    const r = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(root),
      capabilities: {},
      workspaceFolders: [{ uri: uri(root), name: "test" }],
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return r;
  }

  /** The diagnostics of `u` once a publication satisfies `ok` (the last one already received counts). */
  diagnosticsFor(u: string, ok: (ds: Diagnostic[]) => boolean, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const now = this.latest.get(u);
    if (now && ok(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${u} within ${timeoutMs} ms; last: ${JSON.stringify(this.latest.get(u))}; stderr: ${this.stderr}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        uri: u,
        ok,
        resolve: (ds) => {
          clearTimeout(t);
          resolve(ds);
        },
      });
    });
  }

  /** shutdown + exit, as an editor closes; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.proc.on("exit", (code) => r(code)));
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    const code = await exited;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    this.proc.kill("SIGKILL");
  }
}
