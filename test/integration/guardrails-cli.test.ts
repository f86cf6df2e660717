/**
 * Guardrails of the language and `generate` (issue 16, items 2 to 4), through the compiled
 * binary on every database: a bare type name that is no type, a `renamed from` that names
 * nothing that ever existed, and `generate --amend` (a rename noticed after generate) with its
 * refusal once the migration is applied.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { databasesFor } from "../support/db.ts";
import { ok, projectOnFreshDatabase, rowsAt } from "../support/cli.ts";

const targets = await databasesFor("guardrails_cli");
afterAll(async () => {
  for (const t of targets) await t.db?.drop().catch(() => {});
});

const V1 = "table notes {\n  id   int          primary key\n  body varchar(100)\n}\n";
/** The column renamed without a hint, then with one. */
const V2 = V1.replace("body varchar(100)", "text varchar(100)");
const V2_HINTED = V1.replace("body varchar(100)", "text varchar(100) renamed from body");

for (const target of targets) {
  const d = target.dialect;
  const q = (n: string) => (d === "mysql" ? `\`${n}\`` : `"${n}"`);
  describe(`guardrails on ${d}`, () => {
    if (target.unavailable) {
      test("the database server is reachable", () => {
        throw new Error(target.unavailable);
      });
      return;
    }

    test("a misspelt type: an error with a caret and did-you-mean where the database refuses it, a warning on SQLite", async () => {
      const { p, drop } = await projectOnFreshDatabase(d, "types");
      try {
        p.schema("table notes {\n  id   int primary key\n  body varchr(100)\n}\n");
        const g = p.run("generate", "-m", "v1");
        expect(g.err).toContain("schema/app.schema:3:8");
        expect(g.err).toContain("unknown type `varchr`");
        expect(g.err).toContain("did you mean `varchar`?");
        if (d === "sqlite") {
          ok(g);
          expect(g.err).toContain("warning");
          expect(g.err).toContain("NUMERIC affinity");
        } else {
          ok(g, 1);
          expect(p.versions()).toEqual([]);
        }
        // Quoted, a name is passed through on purpose: no diagnostic at all.
        p.schema('table notes {\n  id   int primary key\n  body "varchr"(100)?\n}\n');
        expect(p.run("check").err).not.toContain("unknown type");
      } finally {
        await drop();
      }
    }, 120_000);

    test("a misspelt attribute is an error with a caret and did-you-mean, and generate writes no migration (never a column `defualt`)", async () => {
      const { p, drop } = await projectOnFreshDatabase(d, "typo");
      try {
        p.schema("table users {\n  id       int primary key\n  is_admin bool defualt false\n}\n");
        const g = ok(p.run("generate", "-m", "v1"), 1);
        expect(g.err).toContain("schema/app.schema:3:17");
        expect(g.err).toContain("unexpected `defualt` after column `is_admin`");
        expect(g.err).toContain("did you mean `default`?");
        expect(g.err).toContain("  3 |   is_admin bool defualt false\n    |                 ^^^^^^^\n");
        expect(p.versions()).toEqual([]);
      } finally {
        await drop();
      }
    }, 120_000);

    test("each kind of unknown bare type names the nearest one the dialect has", async () => {
      const { p, drop } = await projectOnFreshDatabase(d, "types2");
      try {
        p.schema("table notes {\n  id   int primary key\n  body strng\n}\n");
        const s = p.run("check");
        expect(s.err).toContain("unknown type `strng`");
        // Not a type of any dialect: the nearest portable one (`string` is no type here).
        expect(s.err).toContain("did you mean `text`?");
        if (d === "postgres") {
          // A native type of another dialect: MySQL's datetime is no PostgreSQL type.
          p.schema("table notes {\n  id   int primary key\n  at   datetime\n}\n");
          const g = ok(p.run("generate", "-m", "v1"), 1);
          expect(g.err).toContain("unknown type `datetime`");
          expect(g.err).toMatch(/did you mean `(timestamp|timestamptz)`\?/);
          expect(p.versions()).toEqual([]);
        }
      } finally {
        await drop();
      }
    }, 120_000);

    test("a `renamed from` that names nothing that ever existed is an error with did-you-mean; a stale one is silent", async () => {
      const { p, drop } = await projectOnFreshDatabase(d, "renames");
      try {
        p.schema(V1);
        p.generate("v1");
        p.schema(V1.replace("body varchar(100)", "text varchar(100) renamed from bdy"));
        const g = ok(p.run("generate", "-m", "v2"), 1);
        expect(g.err).toContain("schema/app.schema:3:34");
        expect(g.err).toContain("`notes.text` is `renamed from bdy`, but no column `bdy` ever existed");
        expect(g.err).toContain("did you mean `body`?");
        expect(p.versions().length).toBe(1);
        expect(ok(p.run("check"), 1).err).toContain("renamed from bdy");
        // A migrations folder that cannot be read is check's own failure: the hint is not judged then.
        const sum = join(p.dir, "migrations", "schemavc.sum");
        const intact = readFileSync(sum, "utf8");
        writeFileSync(sum, `${intact}<<<<<<< ours\n`);
        const broken = ok(p.run("check"), 1);
        expect(broken.err).toContain("merge conflict");
        expect(broken.err).not.toContain("ever existed");
        writeFileSync(sum, intact);
        // The same for a table and an enum.
        p.schema(`${V1}table people renamed from persons {\n  id int primary key\n}\n`);
        expect(ok(p.run("generate", "-m", "v2"), 1).err).toContain("no table `persons` ever existed");
        // A hint whose old name existed in an earlier snapshot is stale: it stays silent.
        p.schema(V2_HINTED);
        p.generate("v2");
        p.schema(V2_HINTED.replace("text varchar(100)", "text varchar(200)"));
        const v3 = ok(p.run("generate", "-m", "v3"));
        expect(v3.err).not.toContain("renamed from");
        expect(ok(p.run("check")).out).toContain("schema files valid");
      } finally {
        await drop();
      }
    }, 120_000);

    test("generate --amend rewrites the newest migration as a rename; refused once it is applied", async () => {
      const { p, db, drop } = await projectOnFreshDatabase(d, "amend");
      try {
        p.schema(V1);
        p.generate("v1");
        ok(p.run("up"));
        await rowsAt(db.url, `INSERT INTO ${q("notes")} (${q("id")}, ${q("body")}) VALUES (1, 'kept')`);
        p.schema(V2);
        const g = ok(p.run("generate", "-m", "rename body"));
        expect(g.err).toContain("writing drop + add");
        expect(g.err).toContain("run `schemavc generate --amend` to rewrite this migration");
        const [, v2] = p.versions();
        expect(p.read(v2!, "up.sql")).toContain("DATA LOSS");

        p.schema(V2_HINTED);
        // A plain generate writes nothing (the drop + add exists) and names --amend.
        const again = ok(p.run("generate", "-m", "again"));
        expect(again.out).toContain("no changes");
        expect(again.err).toContain("run `schemavc generate --amend`");

        const amend = ok(p.run("generate", "--amend"));
        expect(amend.out).toContain(`rewrote migrations/${v2}/`);
        expect(p.versions()).toEqual([p.versions()[0]!, v2!]);
        const up = p.read(v2!, "up.sql");
        expect(up).toContain(`-- schemavc up migration ${v2}: rename body`);
        expect(up).not.toContain("DATA LOSS");
        expect(up).toMatch(/RENAME COLUMN/);
        // The sum file and the snapshot chain agree with it: check passes, up applies it.
        ok(p.run("check"));
        ok(p.run("up"));
        expect(await rowsAt(db.url, `SELECT ${q("text")} AS t FROM ${q("notes")}`)).toEqual([{ t: "kept" }]);

        // Applied now: amending it again is refused, and nothing is written.
        const before = readFileSync(join(p.dir, "migrations", "schemavc.sum"), "utf8");
        p.schema(V2_HINTED.replace("varchar(100)", "varchar(200)"));
        const refused = ok(p.run("generate", "--amend"), 1);
        expect(refused.err).toContain(`cannot amend ${v2}: it is applied on`);
        expect(refused.err).toContain("schemavc down");
        expect(readFileSync(join(p.dir, "migrations", "schemavc.sum"), "utf8")).toBe(before);
        expect(p.read(v2!, "up.sql")).toBe(up);
      } finally {
        await drop();
      }
    }, 120_000);

    if (d === "sqlite")
      test("generate --amend: -m gives a new name (same timestamp); nothing to amend is an error; a missing database file is not created", async () => {
        const { p, drop } = await projectOnFreshDatabase(d, "amend_name");
        try {
          const dbFile = join(p.dir, "..", "never.db");
          p.schema(V1);
          expect(ok(p.run("generate", "--amend", "--url", `sqlite:${dbFile}`), 2).err).toContain(
            "there is none",
          );
          const v1 = p.generate("v1");
          p.schema(V1.replace("body varchar(100)", "body varchar(100)?"));
          ok(p.run("generate", "--amend", "-m", "notes table", "--url", `sqlite:${dbFile}`));
          expect(existsSync(dbFile)).toBe(false);
          const [only] = p.versions();
          expect(only).toBe(`${v1.slice(0, 14)}_notes_table`);
          expect(p.read(only!, "up.sql")).toContain("-- schemavc up migration");
          ok(p.run("check"));
          p.schema("");
          const empty = ok(p.run("generate", "--amend"), 1);
          expect(empty.err).toContain("the migration would be empty");
          expect(p.versions()).toEqual([only!]);
        } finally {
          await drop();
        }
      }, 120_000);
  });
}
