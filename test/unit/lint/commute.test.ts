/**
 * Whether two migrations commute (src/lint/commute.ts), on every dialect: the objects each
 * writes and reads, from its snapshot diff and its SQL, and where two of them conflict.
 */
import { describe, expect, test } from "bun:test";
import { getDialect } from "../../../src/dialects/registry.ts";
import type { DialectName } from "../../../src/dialects/dialect.ts";
import { loadSources } from "../../../src/dsl/load.ts";
import { plan, sqlFile } from "../../../src/diff/plan.ts";
import { renamesFromHints } from "../../../src/diff/renames.ts";
import { emptySchema, type Schema } from "../../../src/ir/model.ts";
import type { Migration } from "../../../src/migrate/dir.ts";
import { conflicts, footprintOf, outOfOrderCheck, union } from "../../../src/lint/commute.ts";

const DIALECTS: DialectName[] = ["postgres", "mysql", "sqlite"];

const schemaOf = (text: string): Schema =>
  text ? loadSources(new Map([["a.schema", text]])).schema : emptySchema();

/** A migration from `from` to `to` as generate writes it (or with the given up.sql). */
async function migration(d: DialectName, version: string, from: string, to: string, up?: string) {
  const dialect = await getDialect(d);
  const a = schemaOf(from);
  const b = schemaOf(to);
  const p = plan(a, b, renamesFromHints(a, b), dialect);
  const text =
    up ??
    sqlFile({ version, message: "m", direction: "up", dialect: d, statements: p.upSql, losses: p.upLosses });
  const m: Migration = {
    version,
    timestamp: version.slice(0, 14),
    name: version.slice(15),
    dir: version,
    up: text,
    down: "",
    dialect: d,
    snapshot: { format: 1, id: version, prevId: null, dialect: d, schema: b },
  };
  return { dialect, m, parent: a };
}

const BASE = "table users {\n  id int primary key\n  name varchar(50)\n}\n";
const POSTS = "table posts {\n  id int primary key\n  user_id int references users(id)\n}\n";

/** The labels of the conflicts between the migrations base → `a` and base → `b`. */
async function clash(d: DialectName, a: string, b: string, sqlB?: string): Promise<string[]> {
  const x = await migration(d, "20260101000001_a", BASE, a);
  const y = await migration(d, "20260101000002_b", BASE, b, sqlB);
  return conflicts(footprintOf(x.dialect, x.parent, x.m), footprintOf(y.dialect, y.parent, y.m)).map(
    (c) => c.label,
  );
}

for (const d of DIALECTS)
  describe(`commute on ${d}`, () => {
    test("a new table and a new column of another table commute", async () => {
      expect(await clash(d, BASE + POSTS, BASE.replace("}\n", "  email varchar(80)?\n}\n"))).toEqual([]);
    });
    test("two new columns of one table commute (each is added in place)", async () => {
      expect(
        await clash(
          d,
          BASE.replace("}\n", "  email varchar(80)?\n}\n"),
          BASE.replace("}\n", "  nick varchar(80)?\n}\n"),
        ),
      ).toEqual([]);
    });
    test("a retyped column and an index on it overlap: the column is named", async () => {
      expect(
        await clash(
          d,
          BASE.replace("varchar(50)", "varchar(100)"),
          BASE.replace("}\n", "  index (name)\n}\n"),
        ),
      ).toContain("column users.name");
    });
    test("a dropped table and a foreign key to it overlap", async () => {
      const withPosts = await migration(d, "20260101000001_a", BASE, BASE + POSTS);
      const dropUsers = await migration(d, "20260101000002_b", BASE, "");
      expect(
        conflicts(
          footprintOf(dropUsers.dialect, dropUsers.parent, dropUsers.m),
          footprintOf(withPosts.dialect, withPosts.parent, withPosts.m),
        ).map((c) => c.label),
      ).toEqual(["column users.id"]);
    });
    test("a view overlaps a change of a table it reads", async () => {
      expect(
        await clash(
          d,
          `${BASE}view names as (select name from users)\n`,
          BASE.replace("}\n", "  email varchar(80)?\n}\n"),
        ),
      ).toContain("column users.email");
    });
    test("a data migration's unreadable statements commute with nothing", async () => {
      const labels = await clash(
        d,
        BASE + POSTS,
        BASE,
        "-- schemavc up migration 20260101000002_b: seed\nINSERT INTO users (id, name) VALUES (1, 'a');\n",
      );
      expect(labels).toEqual(["the hand-written statements of 20260101000002_b"]);
    });
    test("an UPDATE writes its whole table", async () => {
      expect(
        await clash(
          d,
          BASE.replace("}\n", "  email varchar(80)?\n}\n"),
          BASE,
          "-- schemavc up migration 20260101000002_b: fix\nUPDATE users SET name = 'x';\n",
        ),
      ).toEqual(["column users.email"]);
    });
    test("the runner's check: empty when they commute, the objects when not", async () => {
      // Each footprint is taken over the migration before it in the folder (the first: nothing).
      const first = await migration(d, "20260101000000_users", "", BASE);
      const a = await migration(d, "20260101000001_a", BASE, BASE + POSTS);
      const email = `${BASE.replace("}\n", "  email varchar(80)?\n}\n")}${POSTS}`;
      const b = await migration(d, "20260101000002_b", BASE + POSTS, email);
      const check = outOfOrderCheck(a.dialect, [first.m, a.m, b.m]);
      expect(check(a.m, [b.m])).toEqual([]);
      const c = await migration(d, "20260101000002_c", BASE + POSTS, BASE);
      expect(outOfOrderCheck(a.dialect, [first.m, a.m, c.m])(a.m, [c.m])).toEqual(["table posts"]);
      expect(union([]).writes).toEqual([]);
    });
  });

test("on SQLite a rebuilt table is written whole: a dropped column's rebuild overlaps a new column", async () => {
  const withNote = BASE.replace("}\n", "  note varchar(10)? unique\n}\n");
  const x = await migration(
    "sqlite",
    "20260101000001_a",
    withNote,
    withNote.replace("}\n", "  email text?\n}\n"),
  );
  const y = await migration("sqlite", "20260101000002_b", withNote, BASE);
  const labels = conflicts(footprintOf(x.dialect, x.parent, x.m), footprintOf(y.dialect, y.parent, y.m)).map(
    (c) => c.label,
  );
  expect(labels).toEqual(["column users.email"]);
});
