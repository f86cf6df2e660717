/**
 * `pull` on PostgreSQL reads what issue 15 listed, through the compiled binary, from tables
 * made by hand SQL (not by schemavc): NOT VALID checks and foreign keys, exclusion constraints,
 * comments on constraints and indexes, a table without columns, INCLUDE and WITH on keys,
 * deferrable keys and NULLS NOT DISTINCT unique constraints. One
 * case per construct: pull exits 0 (its replay proof passed), the file says the construct, and
 * the database and the files are the same schema (`diff` finds nothing).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect } from "../../src/dialects/registry.ts";

const targets = await databasesFor("pull_pg_constraints", ["postgres"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const CASES: readonly { name: string; ddl: string[]; expect: string[] }[] = [
  {
    name: "NOT VALID checks and foreign keys",
    ddl: [
      `CREATE TABLE users (id bigint PRIMARY KEY)`,
      `CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, amount int)`,
      `ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID`,
      `ALTER TABLE orders ADD CONSTRAINT positive CHECK (amount > 0) NOT VALID`,
    ],
    expect: [
      "foreign key orders_user_fk (user_id) references users(id) not valid",
      "check positive ((amount > 0)) not valid",
    ],
  },
  {
    name: "exclusion constraints",
    ddl: [
      `CREATE TABLE bookings (id bigint PRIMARY KEY, room text, during tstzrange,
        CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&) WHERE (room <> 'lobby'),
        EXCLUDE USING btree (room WITH =) INCLUDE (id) WITH (fillfactor = 80))`,
    ],
    expect: [
      "exclude no_overlap using gist (during with &&) where (room <> 'lobby'::text)",
      // PostgreSQL names a key after its INCLUDE columns too: the name is written.
      "exclude bookings_room_id_excl using btree (room with =) include (id) with (fillfactor = 80)",
    ],
  },
  {
    name: "comments on constraints and indexes",
    ddl: [
      `CREATE TABLE accounts (id bigint PRIMARY KEY, code text CONSTRAINT accounts_code_key UNIQUE)`,
      `CREATE INDEX accounts_code_id_idx ON accounts (code, id)`,
      `COMMENT ON CONSTRAINT accounts_code_key ON accounts IS 'One per code.'`,
      `COMMENT ON CONSTRAINT accounts_pkey ON accounts IS 'The number.'`,
      `COMMENT ON INDEX accounts_code_id_idx IS 'Lookups by code.'`,
    ],
    expect: [
      "/// The number.\n  primary key (id)",
      "/// One per code.\n  unique (code)",
      "/// Lookups by code.\n  index (code, id)",
    ],
  },
  {
    name: "a table without columns",
    ddl: [`CREATE TABLE marker ()`],
    expect: ["table marker {\n}"],
  },
  {
    name: "INCLUDE and WITH on a primary key and a unique constraint",
    ddl: [
      `CREATE TABLE ledgers (id bigint, name text, note text,
        PRIMARY KEY (id) INCLUDE (note) WITH (fillfactor = 70),
        UNIQUE (name) INCLUDE (id))`,
    ],
    expect: [
      "primary key (id) include (note) with (fillfactor = 70)",
      "unique ledgers_name_id_key (name) include (id)",
    ],
  },
  {
    name: "deferrable keys and exclusions, a unique constraint's NULLS NOT DISTINCT",
    ddl: [
      `CREATE TABLE seats (id bigint, row_no int, num int, during tstzrange,
        PRIMARY KEY (id) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT seats_place UNIQUE NULLS NOT DISTINCT (row_no, num) DEFERRABLE,
        CONSTRAINT seats_booked EXCLUDE USING gist (during WITH &&) DEFERRABLE INITIALLY DEFERRED)`,
    ],
    expect: [
      "primary key (id) deferrable initially deferred",
      "unique seats_place (row_no, num) nulls not distinct deferrable",
      "exclude seats_booked using gist (during with &&) deferrable initially deferred",
    ],
  },
];

for (const target of targets) {
  describe(`pull on ${target.dialect} reads PostgreSQL's constraint constructs`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }
    for (const c of CASES)
      test(c.name, async () => {
        const { p, db, drop } = await projectOnFreshDatabase("postgres", "pullcon");
        try {
          const conn = await connect(db.url);
          try {
            for (const s of c.ddl) await conn.exec(s);
          } finally {
            await conn.close();
          }
          ok(p.run("pull", "--yes"));
          const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
          for (const line of c.expect) expect(text).toContain(line);
          ok(p.run("diff", "--from", db.url, "--to", "schema"));
        } finally {
          await drop();
        }
      }, 60_000);
  });
}
