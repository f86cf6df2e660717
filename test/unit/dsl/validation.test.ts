/**
 * Every validation of ../shared/schema-language.md produces its message at the right place:
 * file, line and column asserted, plus the hint where a near name exists. And one run reports
 * every error, not only the first. What only some databases refuse (foreign key types, `set
 * null` on a NOT NULL column, names in two tables, `default null` on NOT NULL, a table without
 * columns) is checked per dialect in validation-per-dialect.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatDiagnostic, type Diagnostic } from "../../../src/ir/diagnostics.ts";

function diagnose(text: string, file = "s.schema"): Diagnostic[] {
  return loadSources(new Map([[file, text]])).diagnostics;
}
/** The one error of `text`, checked for code, line and column. */
function expectError(text: string, code: string, line: number, col: number): Diagnostic {
  const errors = diagnose(text).filter((d) => d.severity === "error");
  expect(errors.map((e) => `${e.code} ${e.loc?.line}:${e.loc?.col}`)).toEqual([`${code} ${line}:${col}`]);
  expect(errors[0]!.loc!.file).toBe("s.schema");
  return errors[0]!;
}

const USERS = "table users {\n  id bigint primary key\n  email varchar(255) unique\n}\n";

describe("references", () => {
  test("unknown table in a reference, with a did-you-mean hint", () => {
    const e = expectError(
      `${USERS}table posts {\n  author bigint references user(id)\n}`,
      "unknown-table",
      6,
      28,
    );
    expect(e.message).toBe("unknown table `user` in foreign key `posts_author_fkey`");
    expect(e.hint).toBe("did you mean `users`?");
  });
  test("unknown referenced column", () => {
    const e = expectError(
      `${USERS}table posts {\n  author bigint references users(idd)\n}`,
      "unknown-column",
      6,
      34,
    );
    expect(e.hint).toBe("did you mean `id`?");
  });
  test("unknown column in an index", () => {
    expect(expectError("table t {\n  name text\n  index (nmae)\n}", "unknown-column", 3, 10).hint).toBe(
      "did you mean `name`?",
    );
  });
  test("unknown column in a primary key", () => {
    expectError("table t {\n  a int\n  primary key (a, b)\n}", "unknown-column", 3, 19);
  });
  test("unknown column in a unique constraint", () => {
    expectError("table t {\n  a int\n  unique (x)\n}", "unknown-column", 3, 11);
  });
  test("unknown local column in a foreign key", () => {
    expectError(
      `${USERS}table t {\n  a bigint\n  foreign key (b) references users(id)\n}`,
      "unknown-column",
      7,
      16,
    );
  });
  test("referenced columns that are not a primary key or unique", () => {
    const e = expectError(
      "table p {\n  id int primary key\n  code int\n}\ntable c {\n  p int references p(code)\n}",
      "reference-not-key",
      6,
      22,
    );
    expect(e.hint).toContain("add `unique`");
  });
  test("a unique constraint makes columns referenceable", () => {
    expect(
      diagnose(
        "table p {\n  id int primary key\n  code int unique\n}\ntable c {\n  p int references p(code)\n}",
      ),
    ).toEqual([]);
  });
  test("foreign key column counts differ", () => {
    expectError(
      `${USERS}table t {\n  a bigint\n  foreign key (a) references users(id, email)\n}`,
      "foreign-key-arity",
      7,
      30,
    );
  });
});

describe("duplicates", () => {
  test("a table defined twice names both places", () => {
    const e = expectError("table t { a int }\n\ntable t { b int }", "duplicate-name", 3, 7);
    expect(e.related?.loc.line).toBe(1);
  });
  test("a name defined twice across files names both files", () => {
    const r = loadSources(
      new Map([
        ["a.schema", "table t { a int }"],
        ["b.schema", "enum t { x }"],
      ]),
    );
    expect(
      r.diagnostics.map(
        (d) => `${d.code} ${d.loc?.file}:${d.loc?.line}:${d.loc?.col} (first: ${d.related?.loc.file})`,
      ),
    ).toEqual(["duplicate-name b.schema:1:6 (first: a.schema)"]);
  });
  test("a column declared twice", () => {
    expectError("table t {\n  a int\n  a text\n}", "duplicate-name", 3, 3);
  });
  test("two constraints with one name", () => {
    expectError("table t {\n  a int\n  b int\n  unique u1 (a)\n  index u1 (b)\n}", "duplicate-name", 5, 9);
  });
  test("an enum value listed twice", () => {
    expectError("enum e { a, b, a }", "duplicate-enum-value", 1, 16);
  });
  test("an attribute given twice", () => {
    expectError("table t {\n  a int unique unique\n}", "duplicate-attribute", 2, 16);
  });
});

describe("keys and identity", () => {
  test("two primary keys", () => {
    const e = expectError(
      "table t {\n  a int primary key\n  b int primary key\n}",
      "duplicate-primary-key",
      3,
      9,
    );
    expect(e.related?.loc.line).toBe(2);
  });
  test("a column primary key and a table primary key", () => {
    expectError(
      "table t {\n  a int primary key\n  b int\n  primary key (a, b)\n}",
      "duplicate-primary-key",
      4,
      3,
    );
  });
  test("identity on a non-integer column", () => {
    const e = expectError("table t {\n  id text primary key identity\n}", "identity-type", 2, 23);
    expect(e.hint).toContain("bigint");
  });
  test("a nullable primary key column is no error of the language (each database judges it: null-keys.test.ts)", () => {
    expect(diagnose("table t {\n  id int? primary key\n}")).toEqual([]);
    expect(diagnose("table t {\n  id bigint? primary key identity\n}")).toEqual([]);
  });
});

describe("renames and enums", () => {
  test("renamed from claimed by two columns", () => {
    expectError("table t {\n  a int renamed from x\n  b int renamed from x\n}", "rename-conflict", 3, 22);
  });
  test("renamed from claimed by two tables", () => {
    expectError(
      "table a renamed from x { i int }\ntable b renamed from x { i int }",
      "rename-conflict",
      2,
      22,
    );
  });
  test("renamed from naming a table that still exists", () => {
    expectError("table a { i int }\ntable b renamed from a { i int }", "rename-conflict", 2, 22);
  });
  test("an enum default that is not one of its values", () => {
    const e = expectError(
      "enum st { draft, published }\ntable t {\n  s st default 'drafts'\n}",
      "enum-default",
      3,
      16,
    );
    expect(e.hint).toBe("did you mean `draft`?");
  });
  test("an unknown default function", () => {
    const e = expectError("table t {\n  c timestamptz default nwo()\n}", "unknown-function", 2, 25);
    expect(e.hint).toContain("did you mean `now`?");
  });
  test("a near-miss type name is judged per dialect (type-names.test.ts), not here", () => {
    // The verdict is the database's: an error on PostgreSQL and MySQL, a warning on SQLite.
    expect(diagnose("table t {\n  c bigitn\n}")).toEqual([]);
  });
  test("a type with wrong parameters", () => {
    expectError("table t {\n  c varchar\n}", "bad-type-parameter", 2, 5);
  });
});

describe("syntax errors", () => {
  test("a syntax error has a position and says what was expected", () => {
    const e = expectError("table t {\n  a int\n  b int default\n}", "syntax", 4, 1);
    expect(e.message).toStartWith("unexpected `}`");
  });
  test("a keyword used as a name suggests quoting it", () => {
    const e = diagnose("table t {\n  check int\n}").find((d) => d.code === "syntax")!;
    expect(e.hint).toBe('`check` is a keyword; if it is meant as a column name, write `"check"`');
  });
  test("a missing closing brace points at the end of the file", () => {
    const e = diagnose("table t {\n  a int\n").find((d) => d.code === "syntax")!;
    expect(e.message).toContain("end of the file");
    expect(e.loc?.line).toBe(2);
  });
  test("an unterminated string", () => {
    expect(
      diagnose("table t {\n  a text default 'abc\n}").some((d) => d.code === "syntax" && d.loc?.line === 2),
    ).toBe(true);
  });
  test("one run reports every error, not only the first", () => {
    const ds = diagnose(
      "table a {\n  x int references nope(id)\n}\ntable b {\n  y int\n  index (zz)\n}\ntable c {\n  q qq(\n}\n",
    ).filter((d) => d.severity === "error");
    expect(ds.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ds.map((d) => d.loc?.line)).size).toBeGreaterThanOrEqual(3);
  });
});

describe("formatting a diagnostic", () => {
  test("file:line:col, the source line and a caret under the spot, and the hint", () => {
    const text = `${USERS}table posts {\n  author bigint references user(id)\n}`;
    const d = diagnose(text).find((x) => x.code === "unknown-table")!;
    expect(formatDiagnostic(d, new Map([["s.schema", text]]))).toBe(
      [
        "error: s.schema:6:28: unknown table `user` in foreign key `posts_author_fkey`",
        "  6 |   author bigint references user(id)",
        "    |                            ^^^^",
        "  hint: did you mean `users`?",
      ].join("\n"),
    );
  });
});

describe("a column declaration ends at the end of its line", () => {
  const errorsOf = (text: string) => diagnose(text).filter((d) => d.severity === "error");
  test("a misspelt attribute is an error at the word, with did-you-mean, never a second column", () => {
    const [e, ...rest] = errorsOf(
      "table users {\n  id bigint primary key\n  is_admin bool defualt false\n}\n",
    );
    expect(rest).toEqual([]);
    expect(`${e!.code} ${e!.loc?.line}:${e!.loc?.col}`).toBe("syntax 3:17");
    expect(e!.message).toBe(
      "unexpected `defualt` after column `is_admin`: a column declaration ends at the end of its line",
    );
    expect(e!.hint).toBe("did you mean `default`?");
  });
  test("two columns on one line are an error at the second", () => {
    const [e] = errorsOf("table t {\n  a int b int\n}\n");
    expect(`${e!.code} ${e!.loc?.line}:${e!.loc?.col}`).toBe("syntax 2:9");
    expect(e!.hint).toBe("put the next column on a line of its own");
  });
  test("raw SQL and attributes may span lines inside parentheses, and `}` may close the line", () => {
    expect(errorsOf("table t {\n  a int check (\n    a > 0\n  ) default 1\n  b int }\n")).toEqual([]);
  });
});
