/**
 * PostgreSQL schemas through the binary (issue 17.4): `pull` reads every schema the user owns,
 * with cross-schema references, writes `schema` declarations and qualified names, proves them
 * by replaying into a scratch database of their own (which it drops again), and a baseline of
 * them is no drift; `schemas = [...]` in schemavc.toml limits the schemas read, naming the rest;
 * a table moved to another schema (and renamed) by a migration keeps its rows, up and down.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ok, projectOnFreshDatabase } from "../support/cli.ts";
import { connect } from "../../src/dialects/registry.ts";

/** Runs `sql` on the database at `url`, on a connection of its own. */
async function exec(url: string, sql: string): Promise<void> {
  const c = await connect(url);
  try {
    await c.exec(sql);
  } finally {
    await c.close();
  }
}

/** The rows of `sql` on the database at `url`, on a connection of its own. */
async function query(url: string, sql: string): Promise<unknown[]> {
  const c = await connect(url);
  try {
    return await c.query(sql);
  } finally {
    await c.close();
  }
}

const LIVE = `
CREATE SCHEMA sales;
COMMENT ON SCHEMA sales IS 'Orders.';
CREATE SCHEMA archive;
CREATE TYPE sales.status AS ENUM ('open', 'shipped');
CREATE DOMAIN sales."Money" AS numeric(12, 2) CHECK (VALUE >= 0);
CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE sales.orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
  status sales.status NOT NULL DEFAULT 'open', total sales."Money");
CREATE INDEX orders_customer ON sales.orders (customer_id);
CREATE TABLE archive.invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES sales.orders (id));
CREATE VIEW sales.open_orders AS SELECT id, customer_id FROM sales.orders WHERE status = 'open';
CREATE FUNCTION sales.touch() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON sales.orders FOR EACH ROW EXECUTE FUNCTION sales.touch();
-- Quoted names with spaces on both sides of a trigger (its definition is read part by part).
CREATE TABLE sales."Line Items" (id bigint PRIMARY KEY);
CREATE FUNCTION sales."Keep Row"() RETURNS trigger LANGUAGE plpgsql AS $$ begin return new; end $$;
CREATE TRIGGER items_keep BEFORE INSERT ON sales."Line Items" FOR EACH ROW EXECUTE FUNCTION sales."Keep Row"();
`;

describe("pull of PostgreSQL schemas", () => {
  test("every schema is read, written qualified, replayed on a database of its own, and adopted without drift", async () => {
    const { p, db, drop } = await projectOnFreshDatabase("postgres", "pull_ns");
    try {
      await exec(db.url, LIVE);
      const r = ok(p.run("pull", "--yes", "--json"));
      const json = JSON.parse(r.out) as { tables: number; schemas: number; skipped: string[] };
      expect({ tables: json.tables, schemas: json.schemas, skipped: json.skipped }).toEqual({
        tables: 4,
        schemas: 2,
        skipped: [],
      });
      const text = readFileSync(join(p.dir, "schema", "schema.schema"), "utf8");
      for (const line of [
        "schema archive",
        "/// Orders.\nschema sales",
        "enum sales.status { open, shipped }",
        "domain sales.Money decimal(12,2)?",
        "table sales.orders {",
        "status       sales.status",
        "references sales.orders(id)",
        "view sales.open_orders as (",
        "function sales.touch()",
        "before update on sales.orders for each row execute function sales.touch()",
        'before insert on sales."Line Items" for each row execute function sales."Keep Row"()',
      ])
        expect(text).toContain(line);
      // The replay's scratch database is gone.
      expect(
        await query(db.url, "select datname from pg_database where datname like 'schemavc_pull_%'"),
      ).toEqual([]);
      ok(p.run("generate", "-m", "baseline"));
      ok(p.run("stamp", "head"));
      expect(ok(p.run("status")).out).toContain("drift: none");

      // A migration moving sales.orders to archive (renamed) keeps the rows, up and down.
      await exec(
        db.url,
        "INSERT INTO customers VALUES (1, 'a'); INSERT INTO sales.orders (customer_id) VALUES (1), (1)",
      );
      writeFileSync(
        join(p.dir, "schema", "schema.schema"),
        text
          .replace("table sales.orders {", "table archive.old_orders renamed from sales.orders {")
          .replaceAll("references sales.orders(id)", "references archive.old_orders(id)")
          .replace(
            /view sales\.open_orders as \([\s\S]*?\)\n/,
            "view sales.open_orders as (select id, customer_id from archive.old_orders where status = 'open')\n",
          )
          .replace("on sales.orders for each row", "on archive.old_orders for each row"),
      );
      ok(p.run("generate", "-m", "move"));
      ok(p.run("up", "--yes"));
      expect(await query(db.url, "select count(*)::int as n from archive.old_orders")).toEqual([{ n: 2 }]);
      expect(ok(p.run("status")).out).toContain("drift: none");
      ok(p.run("down", "--yes"));
      expect(await query(db.url, "select count(*)::int as n from sales.orders")).toEqual([{ n: 2 }]);
    } finally {
      await drop();
    }
  }, 60_000);

  test("`schemas` in schemavc.toml limits the schemas read: the others are named, a key into one is cannot express", async () => {
    const { p, db, drop } = await projectOnFreshDatabase("postgres", "pull_ns_some");
    try {
      await exec(db.url, LIVE);
      const toml = readFileSync(join(p.dir, "schemavc.toml"), "utf8");
      writeFileSync(join(p.dir, "schemavc.toml"), `${toml}schemas = ["archive"]\n`);
      const r = p.run("pull", "--yes");
      expect(r.code).toBe(1);
      expect(r.err).toContain(
        "cannot express foreign keys to a schema not read yet: archive.invoices.invoices_order_id_fkey (references sales.orders)",
      );
      writeFileSync(join(p.dir, "schemavc.toml"), `${toml}schemas = ["sales"]\n`);
      const some = ok(p.run("pull", "--yes", "--json"));
      expect((JSON.parse(some.out) as { skipped: string[] }).skipped).toContain(
        "schema archive (1 tables, views and sequences)",
      );
      expect(readFileSync(join(p.dir, "schema", "schema.schema"), "utf8")).not.toContain("archive");
      writeFileSync(
        join(p.dir, "schemavc.toml"),
        readFileSync(join(p.dir, "schemavc.toml"), "utf8").replace(
          'schemas = ["sales"]',
          'schemas = "sales"',
        ),
      );
      const bad = p.run("status");
      expect(bad.code).toBe(1);
      expect(bad.err).toContain("`schemas` must be a list of schema names");
    } finally {
      await drop();
    }
  }, 60_000);
});
