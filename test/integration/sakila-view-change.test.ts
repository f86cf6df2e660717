/**
 * Issue 17's Sakila case, through the binary on every dialect: the published Sakila schema
 * (the corpus' copy) loaded with the database's own client and given a customer and a member
 * of staff, pulled, baselined, and then `address.phone` widened. PostgreSQL refused that
 * ALTER ("cannot alter type of a column used by a view or rule") because `customer_list` and
 * `staff_list` read the column; the plan now drops those views and creates them again around
 * it. Up and down both leave the views there, with their rows.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DialectName } from "../../src/dialects/dialect.ts";
import { connect } from "../../src/dialects/registry.ts";
import { ok, projectOnFreshDatabase, rowsAt } from "../support/cli.ts";

const CORPUS = join(import.meta.dir, "../corpus");
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
});

/** Loads a script with the database's own client, as a user restores a dump. */
function loadWithClient(dialect: DialectName, url: string, file: string): void {
  const u = new URL(url);
  const cmd =
    dialect === "postgres"
      ? ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-f", file]
      : dialect === "mysql"
        ? [
            "mariadb",
            "-h",
            u.hostname,
            "-P",
            u.port || "3306",
            "-u",
            decodeURIComponent(u.username) || "root",
            ...(u.password ? [`-p${decodeURIComponent(u.password)}`] : []),
            u.pathname.slice(1),
          ]
        : ["sqlite3", "-bail", url.replace(/^sqlite:/, "")];
  const p = Bun.spawnSync(cmd, {
    stdin: dialect === "postgres" ? "ignore" : readFileSync(file),
    env: { PATH: "/usr/bin:/bin", PGOPTIONS: "--client-min-messages=warning" },
  });
  if (p.exitCode !== 0) throw new Error(`${cmd[0]} failed: ${p.stderr.toString()}`);
}

/** Foreign-key checks off for the rows' insertion: store and staff reference each other. */
const FK_OFF: Record<DialectName, string> = {
  postgres: "SET session_replication_role = replica",
  mysql: "SET FOREIGN_KEY_CHECKS = 0",
  sqlite: "PRAGMA foreign_keys = OFF",
};
const ROWS = [
  "INSERT INTO country (country_id, country, last_update) VALUES (1, 'Freedonia', '2020-01-01 00:00:00')",
  "INSERT INTO city (city_id, city, country_id, last_update) VALUES (1, 'Fredville', 1, '2020-01-01 00:00:00')",
  `INSERT INTO address (address_id, address, district, city_id, postal_code, phone, last_update)
   VALUES (1, '1 Main Street', 'Centre', 1, '12345', '555-0100', '2020-01-01 00:00:00')`,
  `INSERT INTO staff (staff_id, first_name, last_name, address_id, store_id, username, last_update)
   VALUES (1, 'Mike', 'Hillyer', 1, 1, 'mike', '2020-01-01 00:00:00')`,
  "INSERT INTO store (store_id, manager_staff_id, address_id, last_update) VALUES (1, 1, 1, '2020-01-01 00:00:00')",
  `INSERT INTO customer (customer_id, store_id, first_name, last_name, address_id, create_date, last_update)
   VALUES (1, 1, 'Mary', 'Smith', 1, '2020-01-01', '2020-01-01 00:00:00')`,
];

const viewRows = async (url: string) => ({
  customers: await rowsAt(url, "SELECT name, phone FROM customer_list"),
  staff: await rowsAt(url, "SELECT name, phone FROM staff_list"),
});
const EXPECTED = {
  customers: [{ name: "Mary Smith", phone: "555-0100" }],
  staff: [{ name: "Mike Hillyer", phone: "555-0100" }],
};

/** `address.phone`'s declared length, as the catalog has it. */
async function phoneLength(dialect: DialectName, url: string): Promise<number> {
  if (dialect === "sqlite") {
    const [row] = await rowsAt(url, "SELECT sql FROM sqlite_schema WHERE name = 'address'");
    return Number(/\bphone"?\s+varchar\((\d+)\)/i.exec(String(row!["sql"]))?.[1]);
  }
  const [row] = await rowsAt(
    url,
    `SELECT character_maximum_length AS n FROM information_schema.columns
     WHERE table_name = 'address' AND column_name = 'phone'${dialect === "mysql" ? " AND table_schema = DATABASE()" : ""}`,
  );
  return Number(row!["n"]);
}

for (const dialect of ["postgres", "mysql", "sqlite"] as DialectName[]) {
  describe(`Sakila on ${dialect}`, () => {
    test("widening a column that customer_list and staff_list read applies and rolls back, the views and their rows intact", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(dialect, "sakila_views");
      cleanups.push(drop);
      loadWithClient(dialect, db.url, join(CORPUS, dialect, "sakila", "schema.sql"));
      const c = await connect(db.url);
      try {
        await c.exec(FK_OFF[dialect]);
        for (const r of ROWS) await c.exec(r);
      } finally {
        await c.close();
      }
      expect(await viewRows(db.url)).toEqual(EXPECTED);

      ok(p.run("pull", "--yes"));
      const baseline = p.generate("baseline");
      ok(p.run("stamp", baseline));
      const files = readdirSync(join(p.dir, "schema")).map((f) => join(p.dir, "schema", f));
      const holder = files.find((f) => /\bphone\s+varchar\(20\)/i.test(readFileSync(f, "utf8")))!;
      expect(holder).toBeDefined();
      writeFileSync(
        holder,
        readFileSync(holder, "utf8").replace(/(\bphone\s+)varchar\(20\)/i, "$1varchar(40)"),
      );
      const widen = p.generate("widen phone");
      if (dialect === "postgres") {
        // The views that read the column are dropped before the ALTER and created after it.
        const up = p.read(widen, "up.sql");
        for (const v of ["customer_list", "staff_list"]) {
          expect(up.indexOf(`DROP VIEW "${v}"`)).toBeGreaterThan(-1);
          expect(up.indexOf(`DROP VIEW "${v}"`)).toBeLessThan(up.indexOf("ALTER TABLE"));
          expect(up.lastIndexOf(`CREATE VIEW "${v}"`)).toBeGreaterThan(up.indexOf("ALTER TABLE"));
        }
      }

      ok(p.run("up", "--yes"));
      expect(await phoneLength(dialect, db.url)).toBe(40);
      expect(await viewRows(db.url)).toEqual(EXPECTED);
      ok(p.run("status"));

      ok(p.run("down", "--yes", "--allow-data-loss"));
      expect(await phoneLength(dialect, db.url)).toBe(20);
      expect(await viewRows(db.url)).toEqual(EXPECTED);
      // The migration is pending again (status exits 3), and nothing drifted.
      expect(ok(p.run("status"), 3).out).toContain("drift: none");
    }, 180_000);
  });
}
