/**
 * `renamed from OLD` must name what existed (issue 16 item 3): OLD in the current schema or in
 * some snapshot of the history. A stale hint (OLD in an earlier snapshot) is silent; one whose
 * OLD never existed is an error at the hint with did-you-mean. A column's table is followed
 * back through its own `renamed from` hints.
 */
import { describe, expect, test } from "bun:test";
import { loadSources } from "../../../src/dsl/load.ts";
import { unknownRenames } from "../../../src/diff/unknown-renames.ts";
import type { Schema } from "../../../src/ir/model.ts";

const load = (text: string): Schema => loadSources(new Map([["s.schema", text]])).schema;
/** The errors for `now` with `history` given oldest first (as the folder lists it). */
const errors = (now: string, ...history: string[]) =>
  unknownRenames(load(now), history.map(load).reverse()).map((d) => `${d.loc?.line}:${d.loc?.col} ${d.hint}`);

describe("renamed from that names nothing", () => {
  test("a column: an error at the hint with did-you-mean", () => {
    expect(errors("table t {\n  b int renamed from emial\n}", "table t {\n  email int\n}")).toEqual([
      "2:22 did you mean `email`?",
    ]);
  });
  test("a table and an enum", () => {
    expect(
      errors(
        "table pople renamed from persn { i int }\nenum s renamed from stat { a }",
        "table person { i int }\nenum state { a }",
      ),
    ).toEqual(["1:26 did you mean `person`?", "2:21 did you mean `state`?"]);
  });
  test("a view: an error at the hint with did-you-mean; one naming a view of a snapshot is not", () => {
    const t = "table t { i int }\n";
    expect(errors(`${t}view w renamed from vv as (select 1)`, `${t}view v as (select 1)`)).toEqual([
      "2:21 did you mean `v`?",
    ]);
    expect(errors(`${t}view w renamed from v as (select 1)`, `${t}view v as (select 1)`)).toEqual([]);
  });
  test("a composite type: an error at the hint with did-you-mean; one naming a type of a snapshot is not", () => {
    expect(errors("type place renamed from adress { a int }", "type address { a int }")).toEqual([
      "1:25 did you mean `address`?",
    ]);
    expect(errors("type place renamed from address { a int }", "type address { a int }")).toEqual([]);
  });
  test("with no migration yet, hints are not judged: they can rename nothing", () => {
    expect(errors("table t {\n  b int renamed from a\n}")).toEqual([]);
  });
  test("a hint the latest snapshot already carries was written before: silent (the contract's example)", () => {
    const example = "table posts {\n  id int\n  content text? renamed from body\n}";
    expect(errors(example.replace("id int", "id bigint"), example)).toEqual([]);
    // A new hint in that same file is judged.
    expect(errors(example.replace("id int", "id2 int renamed from idd"), example)).toEqual([
      "2:24 did you mean `id`?",
    ]);
  });
  test("a stale hint (its old name is in an earlier snapshot) is silent", () => {
    expect(
      errors(
        "table t {\n  b int renamed from a\n}",
        "table t {\n  a int\n}",
        "table t {\n  b int renamed from a\n}",
      ),
    ).toEqual([]);
  });
  test("a column of a table that was renamed since: the table is followed through its hints", () => {
    expect(
      errors(
        "table u {\n  b int renamed from a\n}",
        "table t {\n  a int\n}",
        "table t {\n  b int renamed from a\n}",
        "table u renamed from t {\n  b int\n}",
      ),
    ).toEqual([]);
  });
  test("a column name of another table does not count", () => {
    expect(
      errors(
        "table t {\n  b int renamed from xyzzy\n}",
        "table t {\n  alpha int\n}\ntable o {\n  xyzzy int\n}",
      ),
    ).toEqual(["2:22 remove the `renamed from` if `b` is new, or name what it was called"]);
  });
  test("the history is read only as far as needed, newest first", () => {
    let read = 0;
    function* history() {
      read++;
      yield load("table t {\n  a int\n}");
      read++;
      yield load("table t {\n  z int\n}");
    }
    expect(unknownRenames(load("table t {\n  b int renamed from a\n}"), history())).toEqual([]);
    expect(read).toBe(1);
  });
});
