/**
 * `schemavc lsp`: the Language Server Protocol over stdio, through the `vscode-languageserver`
 * package (the protocol, framing and document sync are theirs; the language is ours). Every
 * answer comes from the same code as the CLI: the parser and validator for diagnostics (same
 * messages, positions and hints), the `fmt` printer and its safety check for formatting, the IR's
 * recorded positions for definitions and references, the dialect renderers for hovers.
 *
 * Diagnostics are published for every file of the edited document's project, so an error caused
 * in another file by an edit here (a table renamed that another file references) shows up there.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Location,
  type Range,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../ir/diagnostics.ts";
import type { Loc } from "../ir/model.ts";
import { formatFile } from "../dsl/format.ts";
import { complete, type CompletionKind } from "./completion.ts";
import { hoverText } from "./hover.ts";
import { occurrenceAt } from "./symbols.ts";
import { Workspace, type Analysis } from "./workspace.ts";

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  type: CompletionItemKind.TypeParameter,
  table: CompletionItemKind.Class,
  column: CompletionItemKind.Field,
  enum: CompletionItemKind.Enum,
};

const pathOf = (uri: string): string | undefined =>
  uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
const uriOf = (path: string): string => pathToFileURL(path).href;

/** Runs the server on the given streams until the client says exit. */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Connection {
  const connection = createConnection(input, output);
  const documents = new TextDocuments(TextDocument);
  const workspace = new Workspace();
  /** What each file was last sent, so a fixed file is cleared and an unchanged one not sent again. */
  const sent = new Map<string, string>();

  /** Documents made for files that are not open (positions in their disk text), by text. */
  const closedDocs = new Map<string, TextDocument>();
  /** A document of any project file: the open one, else its text on disk. */
  const docOf = (path: string): TextDocument | undefined => {
    const open = documents.get(uriOf(path));
    if (open) return open;
    const text = workspace.text(path);
    if (text === undefined) return undefined;
    const hit = closedDocs.get(path);
    if (hit?.getText() === text) return hit;
    const doc = TextDocument.create(uriOf(path), "schemavc", 0, text);
    closedDocs.set(path, doc);
    return doc;
  };
  const rangeOf = (loc: Loc, doc: TextDocument | undefined): Range =>
    doc
      ? { start: doc.positionAt(loc.offset), end: doc.positionAt(loc.offset + Math.max(1, loc.length)) }
      : {
          start: { line: loc.line - 1, character: loc.col - 1 },
          end: { line: loc.line - 1, character: loc.col - 1 + Math.max(1, loc.length) },
        };
  const locationOf = (loc: Loc): Location => ({ uri: uriOf(loc.file), range: rangeOf(loc, docOf(loc.file)) });

  const toLsp = (d: Diagnostic, doc: TextDocument | undefined): LspDiagnostic => ({
    severity: d.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    range: d.loc ? rangeOf(d.loc, doc) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    message: d.hint ? `${d.message}\nhint: ${d.hint}` : d.message,
    code: d.code,
    source: "schemavc",
    ...(d.related
      ? { relatedInformation: [{ location: locationOf(d.related.loc), message: d.related.message }] }
      : {}),
  });

  const publish = async (path: string) => {
    const a = await workspace.analyze(path);
    const byFile = new Map<string, LspDiagnostic[]>(a.files.map((f) => [f, []]));
    for (const d of a.diagnostics) {
      const file = d.loc?.file ?? path;
      const list = byFile.get(file) ?? [];
      list.push(toLsp(d, docOf(file)));
      byFile.set(file, list);
    }
    // Files that showed diagnostics before and left the project (deleted, or now outside it).
    for (const f of sent.keys()) if (!byFile.has(f) && sent.get(f) !== "[]") byFile.set(f, []);
    for (const [f, diagnostics] of byFile) {
      const json = JSON.stringify(diagnostics);
      const before = sent.get(f);
      // Unchanged: nothing to send. A clean file never sent anything needs nothing either,
      // except the edited one (the editor waits for its answer).
      if (json === before || (before === undefined && !diagnostics.length && f !== path)) continue;
      sent.set(f, json);
      await connection.sendDiagnostics({ uri: uriOf(f), diagnostics });
    }
  };
  const analysisAt = async (uri: string): Promise<{ a: Analysis; path: string } | undefined> => {
    const path = pathOf(uri);
    return path ? { a: await workspace.analyze(path), path } : undefined;
  };

  connection.onInitialize(() => ({
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      documentFormattingProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      hoverProvider: true,
      completionProvider: { triggerCharacters: ["(", ",", " "] },
    },
    serverInfo: { name: "schemavc" },
  }));

  documents.onDidChangeContent(async ({ document }) => {
    const path = pathOf(document.uri);
    if (!path) return;
    workspace.setOpen(path, document.getText());
    await publish(path).catch((e: unknown) =>
      connection.console.error(`schemavc: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  });
  documents.onDidClose(async ({ document }) => {
    const path = pathOf(document.uri);
    if (!path) return;
    workspace.setOpen(path, undefined);
    await publish(path).catch(() => {});
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const c of changes) {
      const p = pathOf(c.uri);
      if (p) workspace.touched(p);
    }
  });

  connection.onDocumentFormatting(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    const path = pathOf(textDocument.uri);
    if (!doc || !path) return null;
    const formatted = formatFile(doc.getText(), path);
    // Nothing to do, or not safe to do (syntax errors, or a printer bug caught by the check).
    if (formatted.text === undefined || formatted.text === doc.getText()) return [];
    return [
      {
        range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) },
        newText: formatted.text,
      },
    ];
  });

  connection.onDefinition(async ({ textDocument, position }) => {
    const at = await analysisAt(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!at || !doc) return null;
    const o = occurrenceAt(at.a.occurrences, at.path, doc.offsetAt(position));
    const def = o && at.a.occurrences.find((x) => x.definition && x.key === o.key);
    return def ? locationOf(def.loc) : null;
  });

  connection.onReferences(async ({ textDocument, position, context }) => {
    const at = await analysisAt(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!at || !doc) return null;
    const o = occurrenceAt(at.a.occurrences, at.path, doc.offsetAt(position));
    if (!o) return [];
    return at.a.occurrences
      .filter((x) => x.key === o.key && (context.includeDeclaration || !x.definition))
      .map((x) => locationOf(x.loc));
  });

  connection.onHover(async ({ textDocument, position }) => {
    const at = await analysisAt(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!at || !doc) return null;
    const o = occurrenceAt(at.a.occurrences, at.path, doc.offsetAt(position));
    const text = o && (await hoverText(at.a.loaded.schema, o.key));
    return text ? { contents: { kind: MarkupKind.Markdown, value: text }, range: rangeOf(o.loc, doc) } : null;
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const at = await analysisAt(textDocument.uri);
    const doc = documents.get(textDocument.uri);
    if (!at || !doc) return [];
    const natives = at.a.project.dialect.capabilities.types.names;
    return complete(at.a.loaded.schema, doc.getText().slice(0, doc.offsetAt(position)), natives).map((s) => ({
      label: s.label,
      kind: KINDS[s.kind],
      ...(s.detail ? { detail: s.detail } : {}),
    }));
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}
