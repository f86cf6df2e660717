/**
 * The validator may refuse only what the database itself would refuse (grammar/README.md,
 * "Errors and warnings"). Each check that depends on the database, once per dialect: an error
 * where the database refuses the schema, a warning (with file:line:col and a hint) where it
 * accepts it. And each such verdict is proved on the real database: the schema's CREATE script
 * runs there when the check is a warning, and fails when it is an error.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { loadSources } from "../../src/dsl/load.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import type { DialectName } from "../../src/dialects/dialect.ts";
import { plan } from "../../src/diff/plan.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { databasesFor } from "../support/db.ts";
import { applyStatements } from "../support/apply.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";

/** "accepted": the database accepts it and nothing about it is odd there (no diagnostic at all). */
type Verdict = "error" | "warning" | "accepted";

interface Case {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  /** Where the diagnostic points: line and column. */
  readonly at: readonly [number, number];
  readonly verdict: Readonly<Record<DialectName, Verdict>>;
}

const PARENT =
  "table parent {\n  id   bigint  primary key\n  code int\n  name text\n  index parent_code_idx (code)\n}\n";

const CASES: readonly Case[] = [
  {
    name: "a foreign key from int to bigint",
    text: `${PARENT}table child {\n  id        bigint  primary key\n  parent_id int     references parent(id)\n}\n`,
    code: "foreign-key-type",
    at: [9, 13],
    verdict: { postgres: "warning", mysql: "error", sqlite: "warning" },
  },
  {
    name: "a foreign key from int to varchar",
    text: `table parent {\n  id varchar(20) primary key\n}\ntable child {\n  id        bigint  primary key\n  parent_id int     references parent(id)\n}\n`,
    code: "foreign-key-type",
    at: [6, 13],
    verdict: { postgres: "error", mysql: "error", sqlite: "warning" },
  },
  {
    name: "on delete set null on a NOT NULL column",
    text: `${PARENT}table child {\n  id        bigint  primary key\n  parent_id bigint  references parent(id) on delete set null\n}\n`,
    code: "set-null-not-nullable",
    at: [9, 3],
    verdict: { postgres: "warning", mysql: "error", sqlite: "warning" },
  },
  {
    name: "the same index name on two tables",
    text: `table a {\n  x int primary key\n  index same (x)\n}\ntable b {\n  x int primary key\n  index same (x)\n}\n`,
    code: "duplicate-name",
    at: [7, 9],
    verdict: { postgres: "error", mysql: "warning", sqlite: "error" },
  },
  {
    name: "the same unique constraint name on two tables",
    text: `table a {\n  x int primary key\n  y int\n  unique same (y)\n}\ntable b {\n  x int primary key\n  y int\n  unique same (y)\n}\n`,
    code: "duplicate-name",
    at: [9, 10],
    verdict: { postgres: "error", mysql: "warning", sqlite: "warning" },
  },
  {
    name: "the same foreign key name on two tables",
    text: `${PARENT}table a {\n  x bigint primary key\n  foreign key same (x) references parent(id)\n}\ntable b {\n  x bigint primary key\n  foreign key same (x) references parent(id)\n}\n`,
    code: "duplicate-name",
    at: [13, 15],
    verdict: { postgres: "warning", mysql: "error", sqlite: "warning" },
  },
  {
    name: "the same check name on two tables",
    text: `table a {\n  x int primary key\n  check same (x > 0)\n}\ntable b {\n  x int primary key\n  check same (x > 0)\n}\n`,
    code: "duplicate-name",
    at: [7, 9],
    verdict: { postgres: "warning", mysql: "warning", sqlite: "warning" },
  },
  {
    name: "a nullable primary key column",
    text: `table a {\n  code varchar(10)? primary key\n}\n`,
    code: "nullable-primary-key",
    at: [2, 8],
    verdict: { postgres: "warning", mysql: "warning", sqlite: "warning" },
  },
  {
    name: "a nullable INTEGER primary key column (SQLite's rowid, which never holds NULL)",
    text: `table a {\n  id int? primary key\n}\n`,
    code: "nullable-primary-key",
    at: [2, 6],
    verdict: { postgres: "warning", mysql: "warning", sqlite: "accepted" },
  },
  {
    name: "default null on a NOT NULL column",
    text: `table a {\n  id   int  primary key\n  note text default null\n}\n`,
    code: "null-default",
    at: [3, 21],
    verdict: { postgres: "warning", mysql: "error", sqlite: "warning" },
  },
  {
    name: "a bare type name that is no type of the dialect",
    text: "table a {\n  id int   primary key\n  s  strng\n}\n",
    code: "unknown-type",
    at: [3, 6],
    verdict: { postgres: "error", mysql: "error", sqlite: "warning" },
  },
  {
    name: "a table without columns",
    text: "table a {\n}\n",
    code: "empty-table",
    at: [1, 7],
    verdict: { postgres: "warning", mysql: "error", sqlite: "error" },
  },
];

const DIALECTS: readonly DialectName[] = ["postgres", "mysql", "sqlite"];

/** Every diagnostic of `text` on `d`: the language's, then the dialect's (as `check` runs them). */
async function diagnose(d: DialectName, text: string) {
  const loaded = loadSources(new Map([["s.schema", text]]));
  const lang = loaded.diagnostics;
  if (lang.some((x) => x.severity === "error")) return { schema: loaded.schema, all: lang };
  return { schema: loaded.schema, all: [...lang, ...(await getDialect(d)).validate(loaded.schema)] };
}

describe("what the database accepts is a warning, what it refuses an error", () => {
  for (const c of CASES) {
    test(c.name, async () => {
      for (const d of DIALECTS) {
        const { all } = await diagnose(d, c.text);
        const found = all.filter((x) => x.code === c.code);
        expect({
          d,
          found: found.map((x) => `${x.severity} ${x.loc?.file}:${x.loc?.line}:${x.loc?.col}`),
        }).toEqual({
          d,
          found: c.verdict[d] === "accepted" ? [] : [`${c.verdict[d]} s.schema:${c.at[0]}:${c.at[1]}`],
        });
        if (c.verdict[d] !== "accepted") expect(found[0]!.hint).toBeTruthy();
        // Nothing else is an error: the verdict is this check's alone.
        expect(all.filter((x) => x.severity === "error" && x.code !== c.code)).toEqual([]);
      }
    });
  }
});

const targets = await databasesFor("validation_legal");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

for (const target of targets) {
  const d = target.dialect;
  describe(`the verdicts hold on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    test("generate, check and lint print a warning with file:line:col and a hint, and do not fail", async () => {
      const { p, drop } = await projectOnFreshDatabase(d, "warn");
      try {
        p.schema(
          "table a {\n  id    int  primary key\n  check same (id > 0)\n}\ntable b {\n  id    int  primary key\n  check same (id > 0)\n}\n",
        );
        for (const args of [["generate", "-m", "initial"], ["check"], ["lint"]]) {
          const r = ok(p.run(...args));
          expect(r.err).toContain(
            "warning: schema/app.schema:7:9: check name `same` is already used in table `a`",
          );
          expect(r.err).toContain("hint: give it another name");
        }
      } finally {
        await drop();
      }
    }, 60_000);
    CASES.forEach((c, n) => {
      const v = c.verdict[d];
      test(`${c.name}: ${v === "error" ? "the database refuses it" : "the database accepts it"}`, async () => {
        const { schema } = await diagnose(d, c.text);
        // Each case in a schema of its own, so names from other cases cannot clash.
        const statements = plan({ tables: [], enums: [] }, schema, noRenames(), await getDialect(d)).upSql;
        const conn = await target.db!.connect();
        const prefix = `v${n}_`;
        try {
          const renamed = statements.map((s) => renameTables(s, schema, prefix, d));
          const run = applyStatements(conn, renamed);
          if (v !== "error") await run;
          else await expect(run).rejects.toThrow();
        } finally {
          await conn.close();
        }
      });
    });
  });
}

/**
 * The statements with every table and constraint name prefixed (all cases share one database):
 * quoted names are replaced where they appear, which is every name in a CREATE script.
 */
function renameTables(
  sql: string,
  schema: ReturnType<typeof loadSources>["schema"],
  prefix: string,
  d: DialectName,
) {
  const names = new Set<string>();
  for (const t of schema.tables) {
    names.add(t.name);
    for (const x of [...t.uniques, ...t.indexes, ...t.foreignKeys, ...t.checks]) names.add(x.name);
    if (t.primaryKey) names.add(t.primaryKey.name);
  }
  const q = d === "mysql" ? "`" : '"';
  return sql.replace(new RegExp(`${q}([^${q}]+)${q}`, "g"), (m, n: string) =>
    names.has(n) ? `${q}${prefix}${n}${q}` : m,
  );
}
