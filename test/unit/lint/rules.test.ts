/**
 * Every lint rule fires on a minimal case and stays quiet on its safe twin, on every dialect
 * where it applies. A case is a schema change (planned and rendered exactly as `generate` does)
 * or a hand-written up.sql between two schemas; the finding is looked up by rule id.
 */
import { describe, expect, test } from "bun:test";
import { getDialect } from "../../../src/dialects/registry.ts";
import type { DialectName } from "../../../src/dialects/dialect.ts";
import { loadSources } from "../../../src/dsl/load.ts";
import { plan, sqlFile } from "../../../src/diff/plan.ts";
import { renamesFromHints } from "../../../src/diff/renames.ts";
import { emptySchema, type Schema } from "../../../src/ir/model.ts";
import { lintMigration, type Finding } from "../../../src/lint/lint.ts";
import { RULES, type RuleId } from "../../../src/lint/rules.ts";

const DIALECTS: DialectName[] = ["postgres", "mysql", "sqlite"];

const schemaOf = (text: string): Schema =>
  text ? loadSources(new Map([["a.schema", text]])).schema : emptySchema();

/** Findings for the migration from `from` to `to`: generated, or the given hand-written SQL. */
async function lint(d: DialectName, from: string, to: string, sql?: string): Promise<Finding[]> {
  const dialect = await getDialect(d);
  const a = schemaOf(from),
    b = schemaOf(to);
  const text =
    sql ??
    sqlFile({
      version: "v",
      message: "m",
      direction: "up",
      dialect: d,
      statements: plan(a, b, renamesFromHints(a, b), dialect).upSql,
      losses: [],
    });
  return lintMigration({
    dialect: d,
    file: "up.sql",
    sql: text,
    backslashEscapes: dialect.capabilities.backslashEscapes,
    transactionalDdl: dialect.capabilities.transactionalDdl,
    before: () => a,
    after: () => b,
  });
}

interface Case {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  /** Hand-written up.sql per dialect (else the generated one). */
  readonly sql?: Partial<Record<DialectName, string>>;
}

const T = "table t {\n  id int primary key\n  name varchar(100)\n  note text?\n}\n";
const withNote = (note: string) => T.replace("  note text?\n", note);

/** A view `v` read by a view `w`: dropped alone by hand, or after `w` (its safe twin, as generate writes it). */
const VIEWS = `${T}view v as (select id, name from t)\nview w as (select id from v)\n`;
const VIEW_CASES: [Case, Case] = [
  {
    name: "a view another view reads is dropped by hand",
    from: VIEWS,
    to: `${T}view w as (select id from t)\n`,
    sql: { postgres: 'DROP VIEW "v";', mysql: "DROP VIEW `v`;", sqlite: 'DROP VIEW "v";' },
  },
  { name: "the view that reads it is dropped first", from: VIEWS, to: T },
];

/** A PostgreSQL partitioned table with one partition, and the same on MySQL (partitions are options there). */
const PG_PARTS = `table pay (partition by = (range (d))) {\n  id bigint\n  d date\n}\n\ntable pay_2022 (partition of = pay, values = (from ('2022-01-01') to ('2023-01-01'))) {\n}\n`;
const PG_PARENT = "table pay (partition by = (range (d))) {\n  id bigint\n  d date\n}\n";
const MY_PARTS =
  "table pay (partition by = (range (year(d)) (partition p2022 values less than (2023), partition p2023 values less than (2024), partition pmax values less than maxvalue))) {\n  id bigint\n  d date\n}\n";
const PARTITION_SQL = {
  postgres: 'ALTER TABLE "pay" DETACH PARTITION "pay_2022";',
  mysql: "ALTER TABLE `pay` DROP PARTITION p2022, p2023;",
};

/** A function `f` used by a view: its argument list changed by hand, or as generate writes it. */
const FN = (args: string, body: string) =>
  `${T}function f(${args}) returns int language sql as $$ ${body} $$\nview v as (select f(id) from t)\n`;
const FUNCTION_CASES = {
  dropInUse: [
    {
      name: "a function a view uses is dropped by hand",
      from: FN("x int", "select x"),
      to: FN("x int, y int default 1", "select x + y"),
      sql: {
        postgres:
          'DROP FUNCTION "f"(x int);\nCREATE FUNCTION "f"(x int, y int default 1) RETURNS int LANGUAGE sql AS $$ select x + y $$;',
      },
    },
    {
      name: "the view is dropped first",
      from: FN("x int", "select x"),
      to: FN("x int, y int default 1", "select x + y"),
    },
  ] as [Case, Case],
  signature: [
    {
      name: "CREATE OR REPLACE with another argument list leaves the old overload",
      from: FN("x int", "select x"),
      to: FN("x int, y int default 1", "select x + y"),
      sql: {
        postgres:
          'CREATE OR REPLACE FUNCTION "f"(x int, y int default 1) RETURNS int LANGUAGE sql AS $$ select x + y $$;',
      },
    },
    {
      name: "the old signature is dropped first",
      from: FN("x int", "select x"),
      to: FN("x int, y int default 1", "select x + y"),
    },
  ] as [Case, Case],
};

/** rule → [minimal case, safe twin]. */
const CASES: Record<Exclude<RuleId, "unknown-rule">, readonly [Case, Case]> = {
  "drop-table": [
    { name: "a table with rows is dropped", from: T, to: "" },
    {
      name: "a table created in the same migration is dropped",
      from: "",
      to: "",
      sql: {
        postgres: 'CREATE TABLE "x" (id int);\nDROP TABLE "x";',
        mysql: "CREATE TABLE `x` (id int);\nDROP TABLE `x`;",
        sqlite: 'CREATE TABLE "x" (id int);\nDROP TABLE "x";',
      },
    },
  ],
  "drop-partition": [
    { name: "two partitions are dropped by hand", from: MY_PARTS, to: MY_PARTS, sql: PARTITION_SQL },
    {
      name: "a partitioned table created in the same migration drops one",
      from: "",
      to: "",
      sql: {
        mysql:
          "CREATE TABLE `q` (id int) PARTITION BY RANGE (id) (PARTITION a VALUES LESS THAN (5), PARTITION b VALUES LESS THAN MAXVALUE);\nALTER TABLE `q` DROP PARTITION a;",
      },
    },
  ],
  "drop-attribute": [
    {
      name: "an attribute of a type a column is of is dropped",
      from: `type address { street text, city text }\n${withNote("  home address?\n")}`,
      to: `type address { street text }\n${withNote("  home address?\n")}`,
    },
    {
      name: "an attribute of a type no column is of is dropped",
      from: `type address { street text, city text }\n${T}`,
      to: `type address { street text }\n${T}`,
      // PostgreSQL's only: the other dialects refuse composite types before any SQL.
      sql: { postgres: 'ALTER TYPE "address" DROP ATTRIBUTE "city";' },
    },
  ],
  "detach-partition": [
    { name: "a partition is detached by hand", from: PG_PARTS, to: PG_PARTS, sql: PARTITION_SQL },
    { name: "a partition is added", from: PG_PARENT, to: PG_PARTS },
  ],
  "drop-view-in-use": VIEW_CASES,
  "view-reader-broken": VIEW_CASES,
  "drop-function-in-use": FUNCTION_CASES.dropInUse,
  "function-signature-replaced": FUNCTION_CASES.signature,
  "drop-column": [
    { name: "a column is dropped", from: T, to: withNote("") },
    { name: "a column is added", from: withNote(""), to: T },
  ],
  "narrow-type": [
    { name: "varchar(100) → varchar(20)", from: T, to: T.replace("varchar(100)", "varchar(20)") },
    { name: "varchar(100) → varchar(200)", from: T, to: T.replace("varchar(100)", "varchar(200)") },
  ],
  "enum-value-removed": [
    {
      name: "a value is removed",
      from: `enum s { a, b, c }\n${withNote("  s s\n")}`,
      to: `enum s { a, b }\n${withNote("  s s\n")}`,
    },
    {
      name: "a value is appended",
      from: `enum s { a, b }\n${withNote("  s s\n")}`,
      to: `enum s { a, b, c }\n${withNote("  s s\n")}`,
    },
  ],
  "not-null-without-default": [
    {
      name: "NOT NULL on a nullable column with no default",
      from: T,
      to: T.replace("note text?", "note text"),
    },
    {
      name: "NOT NULL after an UPDATE that fills the NULLs",
      from: T,
      to: T.replace("note text?", "note text"),
      sql: {
        postgres: `UPDATE "t" SET "note" = '' WHERE "note" IS NULL;\nALTER TABLE "t" ALTER COLUMN "note" SET NOT NULL;`,
        mysql:
          "UPDATE `t` SET `note` = '' WHERE `note` IS NULL;\nALTER TABLE `t` MODIFY COLUMN `note` TEXT NOT NULL;",
        sqlite: `UPDATE "t" SET "note" = '' WHERE "note" IS NULL;\nCREATE TABLE "t__new" ("id" INTEGER NOT NULL PRIMARY KEY, "name" VARCHAR(100) NOT NULL, "note" TEXT NOT NULL);\nINSERT INTO "t__new" SELECT * FROM "t";\nDROP TABLE "t";\nALTER TABLE "t__new" RENAME TO "t";`,
      },
    },
  ],
  "volatile-default": [
    {
      name: "a column added with gen_uuid()",
      from: T,
      to: withNote("  note text?\n  token uuid default gen_uuid()\n"),
    },
    {
      name: "a column added with now() (stable: no rewrite)",
      from: T,
      to: withNote("  note text?\n  at timestamptz default now()\n"),
    },
  ],
  "index-not-concurrent": [
    { name: "an index on an existing table", from: T, to: T.replace("}\n", "\n  index (name)\n}\n") },
    {
      name: "CREATE INDEX CONCURRENTLY outside a transaction",
      from: T,
      to: T.replace("}\n", "\n  index (name)\n}\n"),
      sql: {
        postgres: '-- schemavc:no-transaction\nCREATE INDEX CONCURRENTLY "t_name_idx" ON "t" ("name");',
      },
    },
  ],
  "concurrently-in-transaction": [
    {
      name: "CREATE INDEX CONCURRENTLY in a transactional migration",
      from: T,
      to: T.replace("}\n", "\n  index (name)\n}\n"),
      sql: { postgres: 'CREATE INDEX CONCURRENTLY "t_name_idx" ON "t" ("name");' },
    },
    {
      name: "the same with `-- schemavc:no-transaction`",
      from: T,
      to: T.replace("}\n", "\n  index (name)\n}\n"),
      sql: {
        postgres: '-- schemavc:no-transaction\nCREATE INDEX CONCURRENTLY "t_name_idx" ON "t" ("name");',
      },
    },
  ],
  "constraint-not-valid": [
    {
      name: "a foreign key added to an existing table",
      from: `table p {\n  id int primary key\n}\n${withNote("  note text?\n  p_id int?\n")}`,
      to: `table p {\n  id int primary key\n}\n${withNote("  note text?\n  p_id int? references p(id)\n")}`,
    },
    {
      name: "the same foreign key NOT VALID",
      from: `table p {\n  id int primary key\n}\n${withNote("  note text?\n  p_id int?\n")}`,
      to: `table p {\n  id int primary key\n}\n${withNote("  note text?\n  p_id int? references p(id)\n")}`,
      sql: {
        postgres:
          'ALTER TABLE "t" ADD CONSTRAINT "t_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "p" ("id") NOT VALID;',
      },
    },
  ],
  "type-rewrite": [
    {
      name: "int → bigint",
      from: withNote("  note text?\n  n int?\n"),
      to: withNote("  note text?\n  n bigint?\n"),
    },
    { name: "varchar(100) → text (binary-coercible)", from: T, to: T.replace("varchar(100)", "text") },
  ],
  "mysql-table-copy": [
    {
      name: "int → bigint",
      from: withNote("  note text?\n  n int?\n"),
      to: withNote("  note text?\n  n bigint?\n"),
    },
    {
      name: "varchar(10) → varchar(20) (same length prefix: in place)",
      from: T.replace("varchar(100)", "varchar(10)"),
      to: T.replace("varchar(100)", "varchar(20)"),
    },
  ],
  "sqlite-rebuild": [
    { name: "a check added to an existing table", from: T, to: T.replace("}\n", "\n  check (id > 0)\n}\n") },
    {
      name: "a nullable column added (ALTER in place)",
      from: T,
      to: withNote("  note text?\n  extra int?\n"),
    },
  ],
  "rename-column": [
    {
      name: "a column renamed",
      from: T,
      to: T.replace("  name varchar(100)", "  title varchar(100) renamed from name"),
    },
    {
      name: "a column of a table created in the same migration renamed",
      from: "",
      to: "",
      sql: {
        postgres: 'CREATE TABLE "x" (a int);\nALTER TABLE "x" RENAME COLUMN "a" TO "b";',
        mysql: "CREATE TABLE `x` (a int);\nALTER TABLE `x` RENAME COLUMN `a` TO `b`;",
        sqlite: 'CREATE TABLE "x" (a int);\nALTER TABLE "x" RENAME COLUMN "a" TO "b";',
      },
    },
  ],
  "rename-table": [
    { name: "a table renamed", from: T, to: T.replace("table t {", "table u renamed from t {") },
    {
      name: "a table created in the same migration renamed",
      from: "",
      to: "",
      sql: {
        postgres: 'CREATE TABLE "x" (a int);\nALTER TABLE "x" RENAME TO "y";',
        mysql: "CREATE TABLE `x` (a int);\nRENAME TABLE `x` TO `y`;",
        sqlite: 'CREATE TABLE "x" (a int);\nALTER TABLE "x" RENAME TO "y";',
      },
    },
  ],
  "mysql-text-unique": [
    {
      name: "a unique index on a prefix of a text column",
      from: T,
      to: T,
      sql: { mysql: "CREATE UNIQUE INDEX `t_note_key` ON `t` (`note`(100));" },
    },
    { name: "a unique index on a varchar column", from: T, to: T.replace("}\n", "\n  unique (name)\n}\n") },
  ],
};

describe("lint rules", () => {
  test("every rule has a case, a why and a fix for each of its dialects", () => {
    for (const r of RULES) {
      if (r.id === "unknown-rule") continue;
      expect(Object.keys(CASES)).toContain(r.id);
      expect(r.why.length).toBeGreaterThan(20);
      for (const d of r.dialects)
        expect(
          (r.fix as Record<string, string>)[d] ?? (r.fix as Record<string, string>)["default"],
        ).toBeTruthy();
    }
  });
  for (const r of RULES) {
    if (r.id === "unknown-rule") continue;
    const [bad, safe] = CASES[r.id];
    for (const d of DIALECTS) {
      const applies = (r.dialects as readonly DialectName[]).includes(d);
      const sqlFor = (c: Case) => (c.sql ? c.sql[d] : undefined);
      if (applies && (!bad.sql || sqlFor(bad))) {
        test(`${r.id} fires on ${d}: ${bad.name}`, async () => {
          const f = (await lint(d, bad.from, bad.to, sqlFor(bad))).filter((x) => x.rule === r.id);
          expect(f.length).toBeGreaterThan(0);
          expect(f[0]!.severity).toBe(r.severity);
          expect(f[0]!.silenced).toBe(false);
        });
      }
      if (!safe.sql || sqlFor(safe)) {
        test(`${r.id} stays quiet on ${d}: ${safe.name}`, async () => {
          expect((await lint(d, safe.from, safe.to, sqlFor(safe))).filter((x) => x.rule === r.id)).toEqual(
            [],
          );
        });
      }
    }
  }
  test("a dropped partition (PostgreSQL's, a table) is a drop-table that names its parent", async () => {
    const f = (await lint("postgres", PG_PARTS, PG_PARENT)).filter((x) => x.rule === "drop-table");
    expect(f.map((x) => [x.severity, x.message, x.table])).toEqual([
      ["data-loss", "drops partition `pay_2022` of `pay` and every row in it", "pay_2022"],
    ]);
  });
  test("a rule applies only on its dialects: CREATE INDEX without CONCURRENTLY is fine on MySQL and SQLite", async () => {
    const [bad] = CASES["index-not-concurrent"];
    for (const d of ["mysql", "sqlite"] as const)
      expect((await lint(d, bad.from, bad.to)).filter((x) => x.rule === "index-not-concurrent")).toEqual([]);
  });
  test("`-- schemavc:allow RULE` silences that rule for the statement below it, and only that rule", async () => {
    const sql = '-- schemavc:allow drop-table\nDROP TABLE "t";\nALTER TABLE "p" DROP COLUMN "x";';
    const f = await lint(
      "postgres",
      `${T}table p {\n  id int primary key\n  x int?\n}\n`,
      "table p {\n  id int primary key\n}\n",
      sql,
    );
    expect(f.map((x) => [x.rule, x.silenced, x.line])).toEqual([
      ["drop-table", true, 2],
      ["drop-column", false, 3],
    ]);
  });
  test("a directive naming no rule is an error, with the line", async () => {
    const f = await lint("sqlite", T, "", '-- schemavc:allow drop-tabel\nDROP TABLE "t";');
    expect(f.map((x) => [x.rule, x.severity, x.silenced])).toEqual([
      ["unknown-rule", "error", false],
      ["drop-table", "data-loss", false],
    ]);
    expect(f[0]!.message).toContain("drop-tabel");
  });
  test("a SQLite rebuild that loses a column reports the loss at the rebuild's first statement", async () => {
    const to = T.replace("  note text?\n", "").replace("}\n", "\n  check (id > 0)\n}\n");
    const f = await lint("sqlite", T, to);
    const create = f.find((x) => x.rule === "sqlite-rebuild")!;
    expect(f.find((x) => x.rule === "drop-column")?.line).toBe(create.line);
    expect(f.filter((x) => x.rule === "drop-table")).toEqual([]);
  });
  test("a NOT NULL column with no default added to an existing table fires on every dialect (SQLite: in its rebuild)", async () => {
    for (const d of DIALECTS) {
      const f = await lint(d, T, withNote("  note text?\n  rank int\n"));
      expect(f.filter((x) => x.rule === "not-null-without-default").length).toBe(1);
      expect(
        (await lint(d, T, withNote("  note text?\n  rank int default 0\n"))).filter(
          (x) => x.rule === "not-null-without-default",
        ),
      ).toEqual([]);
    }
  });
  test("renamed columns are followed: a renamed and narrowed column is one narrow-type finding, not a drop", async () => {
    const to = T.replace("  name varchar(100)", "  title varchar(20) renamed from name");
    for (const d of DIALECTS) {
      const f = await lint(d, T, to);
      expect(f.filter((x) => x.rule === "narrow-type").length).toBe(1);
      expect(f.filter((x) => x.rule === "drop-column")).toEqual([]);
    }
  });
});
