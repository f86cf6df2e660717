/**
 * The trap of ../shared/architecture.md: rebuilding a parent table on SQLite must not
 * cascade-delete its children. A parent with `on delete cascade` children is rebuilt (a column
 * type change forces it); the child rows are all still there, `PRAGMA foreign_key_check` is
 * clean, and the foreign key is still enforced afterwards.
 */
import { expect, test } from "bun:test";
import { freshDatabase } from "../support/db.ts";
import { applyStatements } from "../support/apply.ts";
import { loadSchemaText } from "../support/golden.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { emptySchema } from "../../src/ir/model.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";

const BEFORE = `table parent {\n  id bigint primary key\n  name varchar(20)\n}\ntable child {\n  id bigint primary key\n  parent_id bigint references parent(id) on delete cascade\n}\n`;
const AFTER = BEFORE.replace("name varchar(20)", "name varchar(40) default 'x'");

test("a child table with rows survives a SQLite rebuild of its parent", async () => {
  const sqlite = await getDialect("sqlite");
  const db = await freshDatabase("sqlite", "rebuild");
  if ("unavailable" in db) throw new Error(db.unavailable);
  const c = await db.connect();
  try {
    const from = loadSchemaText(BEFORE, "before.schema"),
      to = loadSchemaText(AFTER, "after.schema");
    await applyStatements(c, plan(emptySchema(), from, noRenames(), sqlite).upSql);
    await c.exec("PRAGMA foreign_keys = ON");
    await c.exec(
      "INSERT INTO parent VALUES (1, 'a'), (2, 'b'); INSERT INTO child VALUES (10, 1), (11, 1), (12, 2);",
    );
    const up = plan(from, to, noRenames(), sqlite).upSql;
    expect(up.some((s) => s.startsWith('DROP TABLE "parent"'))).toBe(true); // it is a rebuild
    await applyStatements(c, up);
    expect(await c.query("SELECT id, parent_id FROM child ORDER BY id")).toEqual([
      { id: 10, parent_id: 1 },
      { id: 11, parent_id: 1 },
      { id: 12, parent_id: 2 },
    ]);
    expect(await c.query("PRAGMA foreign_key_check")).toEqual([]);
    await c.exec("PRAGMA foreign_keys = ON");
    await expect(c.exec("INSERT INTO child VALUES (13, 99)")).rejects.toThrow(/FOREIGN KEY/);
    await c.exec("DELETE FROM parent WHERE id = 2");
    expect(await c.query("SELECT count(*) AS n FROM child")).toEqual([{ n: 2 }]); // the cascade still works
  } finally {
    await c.close();
  }
});

/** Hand-written triggers and views (the language has neither) on a table that gets rebuilt. */
async function rebuiltWith(extra: string, after = AFTER) {
  const sqlite = await getDialect("sqlite");
  const db = await freshDatabase("sqlite", "rebuild-deps");
  if ("unavailable" in db) throw new Error(db.unavailable);
  const c = await db.connect();
  const from = loadSchemaText(BEFORE, "before.schema"),
    to = loadSchemaText(after, "after.schema");
  await applyStatements(c, plan(emptySchema(), from, noRenames(), sqlite).upSql);
  await c.exec(extra);
  const up = plan(from, to, noRenames(), sqlite).upSql;
  expect(up.some((s) => s.startsWith('DROP TABLE "parent"'))).toBe(true);
  return { c, apply: () => applyStatements(c, up) };
}

test("a trigger and a view on a rebuilt SQLite table are still there and working afterwards", async () => {
  const { c, apply } = await rebuiltWith(`
    CREATE TABLE audit (what TEXT);
    CREATE TRIGGER parent_audit AFTER INSERT ON parent BEGIN INSERT INTO audit VALUES ('insert ' || NEW.name); END;
    CREATE VIEW parent_names AS SELECT name FROM parent;`);
  try {
    await apply();
    await c.exec("INSERT INTO parent (id, name) VALUES (5, 'e')");
    expect(await c.query("SELECT what FROM audit")).toEqual([{ what: "insert e" }]);
    expect(await c.query("SELECT name FROM parent_names")).toEqual([{ name: "e" }]);
  } finally {
    await c.close();
  }
});

test("a view that a rebuild breaks (its column dropped) rolls the migration back, naming the view", async () => {
  const { c, apply } = await rebuiltWith(
    "CREATE VIEW parent_names AS SELECT name FROM parent;",
    BEFORE.replace("  name varchar(20)\n", "  label varchar(20)?\n  check (id > 0)\n"),
  );
  try {
    await expect(apply()).rejects.toThrow(/view parent_names no longer works/);
    expect((await c.query(`SELECT name FROM pragma_table_info('parent')`)).map((r) => r["name"])).toEqual([
      "id",
      "name",
    ]); // rolled back
  } finally {
    await c.close();
  }
});

test("a trigger that the migration drops itself is not brought back", async () => {
  const sqlite = await getDialect("sqlite");
  const { c } = await rebuiltWith(`
    CREATE TABLE audit (what TEXT);
    CREATE TRIGGER "parent audit" AFTER INSERT ON parent BEGIN INSERT INTO audit VALUES (NEW.name); END;`);
  try {
    const up = plan(
      loadSchemaText(BEFORE, "b.schema"),
      loadSchemaText(AFTER, "a.schema"),
      noRenames(),
      sqlite,
    ).upSql;
    await applyStatements(c, ['DROP TRIGGER "parent audit"', ...up]);
    expect(await c.query(`SELECT name FROM sqlite_schema WHERE type = 'trigger'`)).toEqual([]);
  } finally {
    await c.close();
  }
});
