/**
 * MySQL scopes index names per table (Employees, Kanboard, Petclinic: `KEY dept_no (dept_no)` on
 * two tables): two tables' indexes of the same name are planned, rendered, applied and read back
 * each on its own table. The IR is built by renaming (the language's validator may scope names
 * per schema); the plans run on the real MariaDB and read back equal.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { databasesFor } from "../support/db.ts";
import { applyStatements } from "../support/apply.ts";
import { expectIntrospectionMatches } from "../support/introspect.ts";
import { getDialect } from "../../src/dialects/registry.ts";
import { emptySchema, type Schema } from "../../src/ir/model.ts";
import { noRenames } from "../../src/diff/renames.ts";
import { plan } from "../../src/diff/plan.ts";
import { loadSources } from "../../src/dsl/load.ts";

const targets = await databasesFor("mysql_index_names", ["mysql"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

/** The schema of `text`, every index and unique named `n_<x>` renamed `<x>` (the same on both tables). */
function schema(text: string): Schema {
  const r = loadSources(new Map([["s.schema", text]]));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const strip = (n: string) => n.replace(/^[a-z]_/, "");
  return {
    ...r.schema,
    tables: r.schema.tables.map((t) => ({
      ...t,
      indexes: t.indexes.map((i) => ({ ...i, name: strip(i.name) })),
      uniques: t.uniques.map((u) => ({ ...u, name: strip(u.name) })),
    })),
  };
}

const FROM = schema(`
table a {
  id      bigint primary key
  user_id bigint
  code    varchar(10)
  index a_user_id (user_id)
  unique a_code (code)
}
table b {
  id      bigint primary key
  user_id bigint
  code    varchar(10)
  index b_user_id (user_id)
  unique b_code (code)
}
`);
/** `a` loses its index and renames its unique; `b` keeps both, its index on another column. */
const TO = schema(`
table a {
  id      bigint primary key
  user_id bigint
  code    varchar(10)
  unique a_code2 (code)
}
table b {
  id      bigint primary key
  user_id bigint
  code    varchar(10)
  index b_user_id (user_id, id)
  unique b_code (code)
}
`);

for (const target of targets) {
  describe("index names per table on MySQL", () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    test("same-named indexes on two tables: each changed on its own table, up and down, read back", async () => {
      const mysql = await getDialect("mysql");
      const c = await target.db!.connect();
      try {
        await applyStatements(c, plan(emptySchema(), FROM, noRenames(), mysql).upSql);
        await expectIntrospectionMatches(c, FROM, "created");
        const p = plan(FROM, TO, noRenames(), mysql);
        expect(p.upSql.join(";\n")).toContain("DROP INDEX `user_id` ON `a`");
        await applyStatements(c, p.upSql);
        await expectIntrospectionMatches(c, TO, "after up");
        await applyStatements(c, p.downSql);
        await expectIntrospectionMatches(c, FROM, "after down");
      } finally {
        await c.close();
      }
    });
  });
}
