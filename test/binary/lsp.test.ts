/**
 * `schemavc lsp` through the compiled binary, driven over stdio by the protocol package's
 * client side (what an editor sends): diagnostics appear at the right range and clear when
 * fixed, formatting, go-to-definition across files, find-references, hover, completion of a
 * column inside `index (...)`, shutdown.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  HoverRequest,
  ReferencesRequest,
  type CompletionItem,
  type Location,
  type MarkupContent,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { LspClient, uri } from "../support/lsp-client.ts";

const BIN = join(import.meta.dir, "../../dist/schemavc");
const USERS = `/// People who write.
table users {
  id bigint primary key identity
  email varchar(255) unique
}
`;
const POSTS_BROKEN = `table posts {
  id bigint primary key identity
  author_id bigint references user(id)
  title text
}
`;
const POSTS = POSTS_BROKEN.replace("references user(id)", "references users(id)");

let dir: string;
let client: LspClient;
const usersPath = () => join(dir, "schema", "users.schema");
const postsPath = () => join(dir, "schema", "posts.schema");
let version = 1;
const change = (path: string, text: string) =>
  client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri: uri(path), version: ++version },
    contentChanges: [{ text }],
  });
const open = (path: string, text: string) =>
  client.conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: uri(path), languageId: "schemavc", version: ++version, text },
  });
/** Line/character of the n-th occurrence of `needle` in `text` (+ `shift` characters). */
const pos = (text: string, needle: string, shift = 0, nth = 0) => {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at + shift);
  return { line: before.split("\n").length - 1, character: before.length - before.lastIndexOf("\n") - 1 };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lsp-"));
  mkdirSync(join(dir, "schema"));
  writeFileSync(join(dir, "schemavc.toml"), 'dialect = "postgres"\n');
  writeFileSync(usersPath(), USERS);
  writeFileSync(postsPath(), POSTS_BROKEN);
  client = new LspClient(BIN, dir);
  const init = await client.initialize(dir);
  expect(init.capabilities).toMatchObject({
    documentFormattingProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    hoverProvider: true,
  });
});

afterAll(() => {
  client?.kill();
  rmSync(dir, { recursive: true, force: true });
});

test("a document with an error gets the CLI's diagnostic at the name's range; fixing it clears it", async () => {
  await open(postsPath(), POSTS_BROKEN);
  const [d] = await client.diagnosticsFor(uri(postsPath()), (ds) => ds.length > 0);
  expect(d!.message).toBe(
    "unknown table `user` in foreign key `posts_author_id_fkey`\nhint: did you mean `users`?",
  );
  expect(d!.code).toBe("unknown-table");
  expect(d!.range).toEqual({ start: pos(POSTS_BROKEN, "user("), end: pos(POSTS_BROKEN, "user(", 4) });
  // The same message the CLI prints for the same file.
  const cli = Bun.spawnSync([BIN, "check"], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  expect(cli.stderr.toString()).toContain(
    "schema/posts.schema:3:31: unknown table `user` in foreign key `posts_author_id_fkey`",
  );

  await change(postsPath(), POSTS);
  expect(await client.diagnosticsFor(uri(postsPath()), (ds) => ds.length === 0)).toEqual([]);
});

test("an edit in one file reports the error it causes in another file", async () => {
  await open(usersPath(), USERS);
  await change(usersPath(), USERS.replace("table users", "table people"));
  const [d] = await client.diagnosticsFor(uri(postsPath()), (ds) => ds.length > 0);
  expect(d!.message).toStartWith("unknown table `users`");
  await change(usersPath(), USERS);
  await client.diagnosticsFor(uri(postsPath()), (ds) => ds.length === 0);
});

test("formatting gives the fmt printer's text", async () => {
  const messy = "table   tags {\n id bigint  primary key identity\n      name text   }\n";
  const path = join(dir, "schema", "tags.schema");
  await open(path, messy);
  const edits = (await client.conn.sendRequest(DocumentFormattingRequest.type, {
    textDocument: { uri: uri(path) },
    options: { tabSize: 2, insertSpaces: true },
  })) as TextEdit[];
  expect(edits).toHaveLength(1);
  writeFileSync(path, messy);
  expect(Bun.spawnSync([BIN, "fmt"], { cwd: dir }).exitCode).toBe(0);
  expect(edits[0]!.newText).toBe(readFileSync(path, "utf8"));
  expect(edits[0]!.newText).toBe("table tags {\n  id    bigint  primary key identity\n  name  text\n}\n");
});

test("go to definition of a table referenced from another file", async () => {
  const loc = (await client.conn.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: uri(postsPath()) },
    position: pos(POSTS, "users(", 2),
  })) as Location;
  expect(loc).toEqual({
    uri: uri(usersPath()),
    range: { start: pos(USERS, "users"), end: pos(USERS, "users", 5) },
  });
  const col = (await client.conn.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: uri(postsPath()) },
    position: pos(POSTS, "(id)", 1),
  })) as Location;
  expect(col).toEqual({
    uri: uri(usersPath()),
    range: { start: pos(USERS, "id bigint"), end: pos(USERS, "id bigint", 2) },
  });
});

test("find references of a column across files", async () => {
  const refs = (await client.conn.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: uri(usersPath()) },
    position: pos(USERS, "id bigint"),
    context: { includeDeclaration: true },
  })) as Location[];
  expect(refs.map((r) => r.uri).sort()).toEqual([uri(postsPath()), uri(usersPath())].sort());
});

test("hover a column: type, keys, doc and what each dialect creates", async () => {
  const h = await client.conn.sendRequest(HoverRequest.type, {
    textDocument: { uri: uri(usersPath()) },
    position: pos(USERS, "email", 2),
  });
  const text = (h!.contents as MarkupContent).value;
  expect(text).toContain("users.email varchar(255)");
  expect(text).toContain("unique");
  expect(text).toContain('-- postgres\n"email" varchar(255) NOT NULL\n');
  expect(text).toContain("-- mysql\n`email` VARCHAR(255) NOT NULL\n");
  expect(text).toContain('-- sqlite\n"email" VARCHAR(255) NOT NULL\n');
  const t = await client.conn.sendRequest(HoverRequest.type, {
    textDocument: { uri: uri(postsPath()) },
    position: pos(POSTS, "users(", 1),
  });
  expect((t!.contents as MarkupContent).value).toContain("People who write.");
});

test("complete a column name inside index (...)", async () => {
  const text = POSTS.replace("  title text\n", "  title text\n  index (ti\n");
  await change(postsPath(), text);
  const items = (await client.conn.sendRequest(CompletionRequest.type, {
    textDocument: { uri: uri(postsPath()) },
    position: pos(text, "index (ti", 9),
  })) as CompletionItem[];
  expect(items.map((i) => i.label)).toEqual(["id", "author_id", "title"]);
  const refCols = POSTS.replace("references users(id)", "references users(");
  await change(postsPath(), refCols);
  const ref = (await client.conn.sendRequest(CompletionRequest.type, {
    textDocument: { uri: uri(postsPath()) },
    position: pos(refCols, "users(", 6),
  })) as CompletionItem[];
  expect(ref.map((i) => i.label)).toEqual(["id", "email"]);
  await change(postsPath(), POSTS);
});

test("shutdown and exit end the server with code 0", async () => {
  expect(await client.stop()).toBe(0);
});
