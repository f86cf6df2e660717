/**
 * A relative SQLite path in the config (or a `.env`) is relative to that file's folder: run from
 * a subfolder, it is rewritten relative to the working folder, where the driver opens it.
 * Absolute paths, `:memory:` and server URLs are left as they are.
 */
import { describe, expect, test } from "bun:test";
import { rebaseFileUrl } from "../../../src/dialects/url.ts";

describe("rebaseFileUrl", () => {
  const root = "/home/u/app";
  const sub = "/home/u/app/src/models";
  const cases: [string, string][] = [
    ["sqlite:./dev.db", "sqlite:../../dev.db"],
    ["sqlite:dev.db", "sqlite:../../dev.db"],
    ["file:data/dev.db?mode=rwc", "file:../../data/dev.db?mode=rwc"],
    ["sqlite:///dev.db", "sqlite:///../../dev.db"],
    ["sqlite:////var/db/dev.db", "sqlite:////var/db/dev.db"],
    ["sqlite:/var/db/dev.db", "sqlite:/var/db/dev.db"],
    ["sqlite::memory:", "sqlite::memory:"],
    ["postgres://u@h/db", "postgres://u@h/db"],
    ["libsql://db.turso.io", "libsql://db.turso.io"],
  ];
  for (const [from, to] of cases)
    test(`${from} from a subfolder → ${to}`, () => {
      expect(rebaseFileUrl(from, root, sub)).toBe(to);
    });
  test("the same folder: unchanged", () => {
    expect(rebaseFileUrl("sqlite:./dev.db", root, root)).toBe("sqlite:./dev.db");
  });
  test("a working folder beside the project", () => {
    expect(rebaseFileUrl("sqlite:./dev.db", root, "/home/u/other")).toBe("sqlite:../app/dev.db");
  });
});
