/**
 * PostgreSQL's partitioned tables, partitions and inheritance children (`partition by`,
 * `partition of` + `values`, `inherits` table options) through the stages that need no
 * database: parsed, printed by fmt, validated per dialect, diffed. The databases are in the
 * golden cases partition_* and inherits_* and in test/integration/pull-partitions.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { formatFile } from "../../../src/dsl/format.ts";
import { getDialect } from "../../../src/dialects/registry.ts";
import { DIALECT_NAMES } from "../../../src/dialects/dialect.ts";
import { diffSchemas } from "../../../src/diff/differ.ts";
import { noRenames, renamesFromHints } from "../../../src/diff/renames.ts";
import { dataLoss } from "../../../src/diff/data-loss.ts";
import type { Schema } from "../../../src/ir/model.ts";
import { partitionKey, schemaColumnsOf, tableParent } from "../../../src/ir/inheritance.ts";
import { partitionClauseOf } from "../../../src/dialects/mysql/partitions.ts";

const load = (text: string) => loadSources(new Map([["s.schema", text]]));
const schema = (text: string): Schema => {
  const r = load(text);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.schema;
};
const errors = async (dialect: (typeof DIALECT_NAMES)[number], text: string) =>
  (await getDialect(dialect))
    .validate(schema(text))
    .filter((d) => d.severity === "error")
    .map((d) => d.code);

const PARENT = `table payment (partition by = (range (paid_at))) {
  id       bigint
  paid_at  date
}
`;
const PARTITIONED = `${PARENT}
table payment_2022 (partition of = payment, values = (from ('2022-01-01') to ('2023-01-01'))) {
  index (id)
}

table payment_other (partition of = payment, values = (default)) {
}
`;
const INHERITED = `table base {
  id  int
}

table child (inherits = base) {
  extra  int?

  check (id > 0)
}
`;

describe("partitions and inheritance", () => {
  test("are table options: the key and the bound raw SQL in parentheses, the parent a name", () => {
    const s = schema(PARTITIONED);
    expect(s.tables.map((t) => t.options)).toEqual([
      { "partition by": "(range (paid_at))" },
      { "partition of": "payment", values: "(from ('2022-01-01') to ('2023-01-01'))" },
      { "partition of": "payment", values: "(default)" },
    ]);
    expect(partitionKey(s.tables[0]!)).toBe("range (paid_at)");
    expect(tableParent(s.tables[1]!)).toEqual({
      kind: "partition",
      parent: "payment",
      bound: "from ('2022-01-01') to ('2023-01-01')",
    });
    expect(tableParent(schema(INHERITED).tables[1]!)).toEqual({ kind: "inherits", parent: "base" });
  });

  test("fmt prints them back, and is a fixpoint", () => {
    for (const text of [PARTITIONED, INHERITED]) {
      const r = formatFile(text, "s.schema");
      expect(r.text).toBe(text);
    }
  });

  test("a partition or child has its parent's columns, then its own", () => {
    const s = schema(INHERITED);
    expect(schemaColumnsOf(s, s.tables[1]!).map((c) => c.name)).toEqual(["id", "extra"]);
  });

  test("a partition's index and a child's check may name the parent's columns", async () => {
    expect(await errors("postgres", PARTITIONED)).toEqual([]);
    expect(await errors("postgres", INHERITED)).toEqual([]);
  });

  test("MySQL/MariaDB and SQLite refuse them (no such table options there)", async () => {
    for (const d of DIALECT_NAMES.filter((x) => x !== "postgres")) {
      expect(await errors(d, PARTITIONED)).toContain("unknown-table-option");
      expect(await errors(d, INHERITED)).toContain("unknown-table-option");
    }
  });

  test("PostgreSQL refuses what it cannot create", async () => {
    const cases: [string, string][] = [
      [`${PARENT}\ntable p1 (partition of = payment) {\n}\n`, "partition-bound"],
      [`${PARENT}\ntable p1 (values = (default)) {\n}\n`, "partition-bound"],
      [`${PARENT}\ntable p1 (partition of = nothing, values = (default)) {\n}\n`, "unknown-table"],
      [`${INHERITED}\ntable p1 (partition of = base, values = (default)) {\n}\n`, "partition-parent"],
      [`${PARENT}\ntable p1 (inherits = payment) {\n}\n`, "partition-inherits"],
      [
        `${PARENT}\ntable p1 (partition of = payment, values = (default)) {\n  x int\n}\n`,
        "partition-columns",
      ],
      [`table t (partition by = (paid_at)) {\n  paid_at date\n}\n`, "partition-key"],
      [`table a (inherits = b) {\n}\n\ntable b (inherits = a) {\n}\n`, "inheritance-cycle"],
      [`${INHERITED}\ntable kid (inherits = base) {\n  id  bigint\n}\n`, "inherited-column-conflict"],
      [
        `${INHERITED}\ntable kid (inherits = base) {\n  id  int  collate "C"\n}\n`,
        "inherited-column-conflict",
      ],
    ];
    for (const [text, code] of cases)
      expect({ text, codes: await errors("postgres", text) }).toMatchObject({
        text,
        codes: expect.arrayContaining([code]),
      });
  });

  test("a child may declare an inherited column again as its parent has it (PostgreSQL merges them)", async () => {
    expect(await errors("postgres", `${INHERITED}\ntable kid (inherits = base) {\n  id  int\n}\n`)).toEqual(
      [],
    );
  });

  test("a partition without columns is no empty-table warning", async () => {
    const all = (await getDialect("postgres")).validate(schema(PARTITIONED)).map((d) => d.code);
    expect(all).not.toContain("empty-table");
  });
});

describe("the differ on partitions", () => {
  const diff = (a: string, b: string) => diffSchemas(schema(a), schema(b), noRenames());

  test("a new bound is one set-table-options change (DETACH and ATTACH), no data lost", () => {
    const changes = diff(PARTITIONED, PARTITIONED.replace("to ('2023-01-01')", "to ('2024-01-01')"));
    expect(changes.map((c) => c.kind)).toEqual(["set-table-options"]);
    expect(changes.flatMap(dataLoss)).toEqual([]);
  });

  test("a bound written with other spacing is no change", () => {
    expect(
      diff(PARTITIONED, PARTITIONED.replace("(from ('2022-01-01') to", "(from ( '2022-01-01' )   to")),
    ).toEqual([]);
  });

  test("a dropped partition is a drop-table, and loses its rows", () => {
    const changes = diff(PARTITIONED, PARTITIONED.replace(/table payment_other[^}]*}\n/, ""));
    expect(changes.map((c) => c.kind)).toEqual(["drop-table"]);
    expect(changes.flatMap(dataLoss).length).toBe(1);
  });

  test("a column added to the parent is added there only", () => {
    const changes = diff(
      PARTITIONED,
      PARTITIONED.replace("paid_at  date\n", "paid_at  date\n  note text?\n"),
    );
    expect(changes.map((c) => [c.kind, "table" in c ? c.table : ""])).toEqual([["add-column", "payment"]]);
  });

  test("a column added to a parent and its child is added to the child first, and dropped from it last", () => {
    const both = INHERITED.replace("  id  int\n", "  id  int\n  note text?\n").replace(
      "  extra  int?\n",
      "  extra  int?\n  note   text?\n",
    );
    const where = (cs: ReturnType<typeof diff>) => cs.map((c) => [c.kind, "table" in c ? c.table : ""]);
    expect(where(diff(INHERITED, both))).toEqual([
      ["add-column", "child"],
      ["add-column", "base"],
    ]);
    expect(where(diff(both, INHERITED))).toEqual([
      ["drop-column", "base"],
      ["drop-column", "child"],
    ]);
  });

  test("another partition key remakes the table and its partitions, partitions dropped first", () => {
    const changes = diff(PARTITIONED, PARTITIONED.replace("range (paid_at)", "range (id)"));
    const tables = changes.map(
      (c) =>
        `${c.kind} ${c.kind.endsWith("-table") && "table" in c && typeof c.table === "object" ? c.table.name : ""}`,
    );
    expect(tables.slice(0, 6)).toEqual([
      "drop-table payment_other",
      "drop-table payment_2022",
      "drop-table payment",
      "create-table payment",
      "create-table payment_2022",
      "create-table payment_other",
    ]);
  });

  test("a renamed parent is no change of its partitions", () => {
    const to = PARTITIONED.replace("table payment (", "table payments renamed from payment (").replaceAll(
      "partition of = payment,",
      "partition of = payments,",
    );
    const changes = diffSchemas(
      schema(PARTITIONED),
      schema(to),
      renamesFromHints(schema(PARTITIONED), schema(to)),
    );
    expect(changes.map((c) => c.kind)).toEqual(["rename-table"]);
  });
});

describe("MySQL/MariaDB partitioning", () => {
  const RANGED = `table events (partition by = (range (year(at)) (partition p0 values less than (2000), partition p1 values less than maxvalue))) {
  id  bigint
  at  date

  primary key (id, at)
}
`;
  test("`partition by` is a table option there, the whole clause as raw SQL", async () => {
    expect(await errors("mysql", RANGED)).toEqual([]);
    expect(await errors("sqlite", RANGED)).toContain("unknown-table-option");
  });

  test("a key that does not hold the columns the partitioning reads is an error (MariaDB refuses it)", async () => {
    expect(await errors("mysql", RANGED.replace("primary key (id, at)", "primary key (id)"))).toContain(
      "mysql-partition-key",
    );
  });

  test("a foreign key on or to a partitioned table is an error (MariaDB refuses it)", async () => {
    const to = `${RANGED}\ntable notes {\n  id  bigint  primary key\n  event_id  bigint\n  event_at  date\n\n  foreign key (event_id, event_at) references events(id, at)\n}\n`;
    expect(await errors("mysql", to)).toContain("mysql-partition-foreign-key");
  });

  test("a new clause is one set-table-options change there (ALTER TABLE ... PARTITION BY), not a new table", () => {
    const changes = diffSchemas(schema(RANGED), schema(RANGED.replace("(2000)", "(2010)")), noRenames(), {
      repartitions: true,
    });
    expect(changes.map((c) => c.kind)).toEqual(["set-table-options"]);
  });
});

describe("MySQL/MariaDB's partition clause as SHOW CREATE TABLE prints it", () => {
  test("MariaDB's: the partitions' ENGINE left out, keywords lower-cased, names and strings kept", () => {
    const sql =
      "CREATE TABLE `t3` (\n  `a` int(11) DEFAULT NULL\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4\n PARTITION BY LIST  COLUMNS(`a`,`b`)\n(PARTITION `x` VALUES IN ((1,'A'),(2,'b')) ENGINE = InnoDB,\n PARTITION `y` DEFAULT ENGINE = InnoDB)";
    expect(partitionClauseOf(sql)).toBe(
      "list columns(`a`,`b`) (partition `x` values in ((1,'A'),(2,'b')), partition `y` default)",
    );
  });
  test("MySQL's, in a version comment", () => {
    const sql =
      "CREATE TABLE `t` (\n  `id` int NOT NULL\n) ENGINE=InnoDB\n/*!50100 PARTITION BY HASH (`id`)\nPARTITIONS 3 */";
    expect(partitionClauseOf(sql)).toBe("hash (`id`) partitions 3");
  });
  test("a table that is not partitioned has none", () => {
    expect(partitionClauseOf("CREATE TABLE `t` (\n  `id` int NOT NULL\n) ENGINE=InnoDB")).toBeUndefined();
  });
});
