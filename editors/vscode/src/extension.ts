/**
 * The VS Code side of schemavc: starts `schemavc lsp --stdio` (the binary named by the
 * `schemavc.path` setting) and lets `vscode-languageclient` carry every feature — diagnostics,
 * formatting, definition, references, hover, completion — for `.schema` files. Highlighting
 * comes from the TextMate grammar in syntaxes/, copied from the repository's grammar/ at build.
 */
import { workspace, type ExtensionContext } from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const command = workspace.getConfiguration("schemavc").get<string>("path") || "schemavc";
  const server: ServerOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "schemavc" }],
    synchronize: { fileEvents: workspace.createFileSystemWatcher("**/{*.schema,schemavc.toml}") },
  };
  client = new LanguageClient("schemavc", "schemavc", server, options);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
