/**
 * `pull` of PostgreSQL's partitioned tables and inheritance children, through the compiled
 * binary on a live database built as pg_dump writes them (Pagila: partitions created apart and
 * attached, a serial's free-standing sequence; Sakila: INHERITS children with their own checks):
 * the files say what each partition or child has of its own, the replay proves them, `status`
 * is clean after adopting, a detached partition is drift, and what the language cannot hold
 * yet (two parents, an inherited column with a default of its own) is named, not dropped.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect } from "../../src/dialects/registry.ts";

const targets = await databasesFor("pull_partitions", ["postgres"]);
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

async function sql(url: string, statements: string) {
  const c = await connect(url);
  try {
    await c.exec(statements);
  } finally {
    await c.close();
  }
}

const PAGILA_LIKE = `
CREATE TABLE customer (customer_id integer PRIMARY KEY);
CREATE SEQUENCE payment_payment_id_seq;
CREATE TABLE payment (
  payment_id integer DEFAULT nextval('payment_payment_id_seq'::regclass) NOT NULL,
  customer_id integer NOT NULL,
  payment_date timestamp with time zone NOT NULL,
  note text,
  PRIMARY KEY (payment_date, payment_id)
) PARTITION BY RANGE (payment_date);
CREATE INDEX payment_customer_idx ON payment (customer_id);
CREATE TABLE payment_p2022 (
  payment_id integer DEFAULT nextval('payment_payment_id_seq'::regclass) NOT NULL,
  customer_id integer NOT NULL,
  payment_date timestamp with time zone NOT NULL,
  note text
);
ALTER TABLE ONLY payment ATTACH PARTITION payment_p2022 FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2023-01-01 00:00:00+00');
CREATE TABLE payment_p2023 PARTITION OF payment FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00');
CREATE TABLE payment_rest PARTITION OF payment DEFAULT;
CREATE INDEX idx_fk_payment_p2022_customer_id ON payment_p2022 (customer_id);
ALTER TABLE ONLY payment_p2022 ADD CONSTRAINT payment_p2022_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer(customer_id);
CREATE TABLE rental (
  rental_id serial PRIMARY KEY,
  rental_date timestamp without time zone NOT NULL,
  CHECK (rental_id > 0)
);
CREATE TABLE rental_2007 (
  CONSTRAINT rental_2007_rental_date_check CHECK (rental_date >= '2007-01-01 00:00:00'::timestamp without time zone)
) INHERITS (rental);
CREATE TABLE rental_late (late_fee numeric(5,2)) INHERITS (rental);
CREATE INDEX rental_2007_date_idx ON rental_2007 (rental_date);
`;

for (const target of targets) {
  describe(`pull of partitions and inheritance on ${target.dialect}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("partitions, a default partition and inheritance children are pulled, replayed, and adopted clean", async () => {
      const { p, db, drop } = await projectOnFreshDatabase("postgres", "partitions");
      try {
        await sql(db.url, PAGILA_LIKE);
        const r = ok(p.run("pull", "--yes"));
        expect(r.err).not.toContain("cannot express");
        const pulled = readdirSync(join(p.dir, "schema"))
          .map((f) => readFileSync(join(p.dir, "schema", f), "utf8"))
          .join("\n");
        // The sequence is free-standing (not OWNED BY the column): a `sequence` and the parent's
        // raw nextval default, written once whatever its partitions copy of it.
        expect(pulled).toContain("sequence payment_payment_id_seq\n");
        expect(pulled).toContain(
          "table payment (partition by = (range (payment_date))) {\n  payment_id    int          default (nextval('payment_payment_id_seq'::regclass))\n",
        );
        expect(pulled).toContain(
          "table payment_p2022 (partition of = payment, values = (from ('2022-01-01 00:00:00+00') to ('2023-01-01 00:00:00+00'))) {\n  index idx_fk_payment_p2022_customer_id (customer_id)\n  foreign key (customer_id) references customer(customer_id)\n}",
        );
        expect(pulled).toContain(
          "table payment_p2023 (partition of = payment, values = (from ('2023-01-01 00:00:00+00') to ('2024-01-01 00:00:00+00'))) {\n}",
        );
        expect(pulled).toContain("table payment_rest (partition of = payment, values = (default)) {\n}");
        // A child's own check and index; the parent's check and columns are the parent's.
        expect(pulled).toContain(
          "table rental_2007 (inherits = rental) {\n  index rental_2007_date_idx (rental_date)\n",
        );
        expect(pulled).toContain("table rental_late (inherits = rental) {\n  late_fee  decimal(5,2)?\n}");
        expect(pulled).not.toContain("rental_check");
        ok(p.run("diff", "--from", db.url, "--to", "schema"));
        ok(p.run("stamp", p.generate("baseline")));
        expect(JSON.parse(ok(p.run("status", "--json")).out).drift).toEqual([]);
        // A partition detached by hand is drift: it is a table of its own now.
        await sql(db.url, "ALTER TABLE payment DETACH PARTITION payment_p2023");
        const drift = JSON.parse(ok(p.run("status", "--json"), 3).out).drift;
        expect(JSON.stringify(drift)).toContain("payment_p2023");
      } finally {
        await drop();
      }
    }, 60_000);

    test("a table with two parents, and an inherited column with a default of its own, are named", async () => {
      const { p, db, drop } = await projectOnFreshDatabase("postgres", "partitions_unsupported");
      try {
        await sql(
          db.url,
          `CREATE TABLE a (x int); CREATE TABLE b (y int); CREATE TABLE ab () INHERITS (a, b);
           CREATE TABLE c () INHERITS (a); ALTER TABLE c ALTER COLUMN x SET DEFAULT 7;`,
        );
        const r = ok(p.run("pull", "--yes"), 1);
        expect(r.err).toContain(
          "cannot express inheritance from more than one table yet: ab (inherits a, b)",
        );
        expect(r.err).toContain(
          "cannot express defaults or NOT NULL of their own on a partition's or child's inherited columns yet: c.x",
        );
      } finally {
        await drop();
      }
    }, 60_000);
  });
}
