/**
 * `pull`'s replay proof and `status` drift compare the same way: for every kind of difference
 * between two schemas (the live one and the one the pulled files recreate), the replay
 * comparison finds it, names its table and object, and drift reports it too, with the same
 * kind and target. Looped over every dialect; the database-side proof is in
 * test/integration/pull-replay.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES } from "../../../src/dialects/dialect.ts";
import { drift, replayDifferences } from "../../../src/dialects/compare.ts";
import { changeTarget, describe as describeChange } from "../../../src/diff/summary.ts";
import type { Change } from "../../../src/diff/changes.ts";
import type { Schema } from "../../../src/ir/model.ts";

const schema = (text: string): Schema => {
  const r = loadSources(new Map([["s.schema", text]]));
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};

const BASE = `enum state { open, closed }
/// People.
table users {
  id    bigint       primary key
  /// Where to write.
  email varchar(80)  unique
  name  text?        default 'x'
  state state        default 'open'
  score int          check (score >= 0)
  index users_name_idx (name)
}
table posts {
  id      bigint  primary key
  user_id bigint  references users(id)
}
`;

/** BASE with a sequence and a domain (PostgreSQL): the live side of their cases. */
const SEQ = `${BASE}sequence s (start = 5, owned by = users.score)\n`;
const DOM = `${BASE}domain d text? default 'a' check (VALUE <> '')\n`;
const LIVE: Readonly<Record<string, string>> = { s: SEQ, d: DOM };

/**
 * One case per kind of difference: [name, the changed text, the objects it may be named by
 * (inline enums are their columns' types; MySQL keeps no primary key name), dialects].
 */
const CASES: [string, string, string | string[], (readonly string[])?][] = [
  ["a table more", `${BASE}table tags {\n  id bigint primary key\n}\n`, "tags"],
  ["a table less", BASE.slice(0, BASE.indexOf("table posts")), "posts"],
  ["a column more", BASE.replace("  score int", "  extra int?\n  score int"), "users.extra"],
  [
    "a column less",
    BASE.replace("  name  text?        default 'x'\n", "").replace(" (name)", " (email)"),
    "users.name",
  ],
  ["a column's type", BASE.replace("varchar(80)", "varchar(90)"), "users.email"],
  ["a column's nullability", BASE.replace("text?", "text "), "users.name"],
  ["a column's default", BASE.replace("default 'x'", "default 'y'"), "users.name"],
  [
    "a column's identity",
    BASE.replace("bigint       primary key", "bigint primary key identity"),
    "users.id",
  ],
  [
    "a column's comment",
    BASE.replace("/// Where to write.", "/// Elsewhere."),
    "users.email",
    ["postgres", "mysql"],
  ],
  ["a table's comment", BASE.replace("/// People.", "/// Persons."), "users", ["postgres", "mysql"]],
  [
    "a column's collation",
    BASE.replace("text?        default 'x'", "text? default 'x' collate COLL"),
    "users.name",
  ],
  ["an enum value more", BASE.replace("open, closed", "open, closed, held"), ["state", "users.state"]],
  ["an enum value less", BASE.replace("open, closed", "open"), ["state", "users.state"]],
  ["an enum more", `${BASE}enum mood { calm }\n`, "mood", ["postgres"]],
  [
    "a primary key less",
    BASE.replace("  id      bigint  primary key", "  id      bigint"),
    ["posts.posts_pkey", "posts"],
  ],
  ["a unique less", BASE.replace("varchar(80)  unique", "varchar(80)"), "users.users_email_key"],
  [
    "a unique renamed",
    BASE.replace("varchar(80)  unique", "varchar(80)\n  unique other_key (email)"),
    ["users.other_key", "users.users_email_key"],
  ],
  ["an index less", BASE.replace("  index users_name_idx (name)\n", ""), "users.users_name_idx"],
  ["an index changed", BASE.replace("(name)", "(name desc)"), "users.users_name_idx"],
  ["a check less", BASE.replace(" check (score >= 0)", ""), "users.users_score_check"],
  ["a check changed", BASE.replace("score >= 0", "score > 0"), "users.users_score_check"],
  ["a foreign key less", BASE.replace(" references users(id)", ""), "posts.posts_user_id_fkey"],
  [
    "a foreign key's action",
    BASE.replace("references users(id)", "references users(id) on delete cascade"),
    "posts.posts_user_id_fkey",
  ],
  ["a sequence more", `${BASE}sequence s\n`, "s", ["postgres"]],
  ["a sequence's options", `${SEQ}`.replace("start = 5", "start = 6"), "s", ["postgres"]],
  ["a sequence's owner", `${SEQ}`.replace(", owned by = users.score", ""), "s", ["postgres"]],
  ["a domain more", `${BASE}domain d text\n`, "d", ["postgres"]],
  ["a domain's check", `${DOM}`.replace("VALUE <> ''", "VALUE <> 'x'"), "d", ["postgres"]],
  ["a domain's default", `${DOM}`.replace("default 'a'", "default 'b'"), "d", ["postgres"]],
];

const COLL = { postgres: '"C"', mysql: "utf8mb4_bin", sqlite: "NOCASE" } as const;

/** Where a change is, as `table.object` (or the table, or the enum). */
const where = (c: Change) => {
  const t = changeTarget(c);
  return t.enum ?? [t.table, t.column ?? t.name].filter(Boolean).join(".");
};
const key = (c: Change) => JSON.stringify([c.kind, changeTarget(c)]);

for (const name of DIALECT_NAMES) {
  describe(`replay comparison and drift on ${name}`, async () => {
    const dialect = await getDialect(name);
    for (const [what, text, object, only] of CASES) {
      if (only && !only.includes(name)) continue;
      test(`${what}: the replay comparison names ${[object].flat()[0]}, and drift reports it too`, () => {
        // Cases changing a sequence or a domain start from BASE with one.
        const names0 = [object].flat();
        const live = schema(
          what.startsWith("a sequence's") || what.startsWith("a domain's") ? LIVE[names0[0]!]! : BASE,
        );
        const replayed = schema(text.replace("COLL", COLL[name]));
        const found = replayDifferences(dialect, live, replayed);
        expect(found.length).toBeGreaterThan(0);
        const names = [object].flat();
        expect(found.map(where).filter((w) => names.includes(w))).not.toEqual([]);
        for (const c of found) expect(describeChange(c)).not.toBe("");
        const status = new Set(drift(dialect, live, replayed).map(key));
        for (const c of found) expect(status.has(key(c))).toBe(true);
      });
    }
    test("the same schema: no difference, and no drift", () => {
      expect(replayDifferences(dialect, schema(BASE), schema(BASE))).toEqual([]);
      expect(drift(dialect, schema(BASE), schema(BASE))).toEqual([]);
    });
  });
}
