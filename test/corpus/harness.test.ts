/**
 * The catalog comparison of the corpus harness leaves out exactly what pull named as not
 * pulled (views, triggers, functions, sequences, operators, casts) and reports everything else,
 * per dialect.
 */
import { expect, test } from "bun:test";
import { diffCatalogs } from "./harness.ts";

test("PostgreSQL: pg_dump entries of skipped views, functions, triggers, sequences, operators and casts are left out, nothing else", () => {
  const loaded = new Map([
    ["TABLE actor", "CREATE TABLE public.actor (id integer);"],
    ["VIEW actor_info", "CREATE VIEW public.actor_info AS SELECT 1;"],
    ["FUNCTION last_updated()", "CREATE FUNCTION public.last_updated() ..."],
    ["AGGREGATE group_concat(text)", "CREATE AGGREGATE public.group_concat(text) ..."],
    ["TRIGGER actor last_updated", "CREATE TRIGGER last_updated ..."],
    ["SEQUENCE actor_id_seq", "CREATE SEQUENCE public.actor_id_seq ..."],
    ["COMMENT FUNCTION last_updated()", "COMMENT ON FUNCTION ..."],
    ["DOMAIN year", "CREATE DOMAIN public.year AS integer;"],
    ["OPERATOR <", "CREATE OPERATOR public.< (...);"],
    ["OPERATOR CLASS ci_ops USING btree", "CREATE OPERATOR CLASS public.ci_ops ..."],
    ["CAST CAST (integer AS public.year)", "CREATE CAST (integer AS public.year) ..."],
    ["INDEX actor_idx", "CREATE INDEX actor_idx ON public.actor USING btree (id);"],
  ]);
  const replayed = new Map([
    ["TABLE actor", "CREATE TABLE public.actor (id integer);"],
    ["INDEX actor_idx", "CREATE INDEX actor_idx ON public.actor USING btree (id DESC);"],
  ]);
  const skipped = [
    "view actor_info",
    "function last_updated",
    "function group_concat",
    "trigger last_updated on actor",
    "sequence actor_id_seq",
    "operator <(varchar_ci, varchar_ci)",
    "operator class ci_ops using btree",
    "cast (integer AS public.year)",
    "generated column actor.x (read as a plain column)",
  ];
  expect(diffCatalogs("postgres", loaded, replayed, skipped)).toEqual([
    "missing after replay: DOMAIN year",
    "differs: INDEX actor_idx\n  loaded:   CREATE INDEX actor_idx ON public.actor USING btree (id);\n  replayed: CREATE INDEX actor_idx ON public.actor USING btree (id DESC);",
  ]);
  // Not named by pull: the same objects are differences.
  expect(diffCatalogs("postgres", loaded, replayed, []).length).toBe(11);
});

test("MySQL and SQLite: skipped views, triggers and routines are left out, an extra object is reported", () => {
  const mysqlA = new Map([
    ["TABLE a", "CREATE TABLE `a` (...)"],
    ["VIEW v", "select 1"],
    ["TRIGGER t", "BEFORE INSERT ON a ..."],
    ["PROCEDURE p", "BEGIN END"],
    ["EVENT e", "DO 1"],
  ]);
  const mysqlB = new Map([
    ["TABLE a", "CREATE TABLE `a` (...)"],
    ["TABLE b", "CREATE TABLE `b` (...)"],
  ]);
  expect(diffCatalogs("mysql", mysqlA, mysqlB, ["view v", "trigger t on a", "procedure p"])).toEqual([
    "missing after replay: EVENT e",
    "extra after replay: TABLE b",
  ]);
  const sqliteA = new Map([
    ["table a", "columns: ..."],
    ["view v", "CREATE VIEW v AS SELECT 1"],
    ["trigger t", "CREATE TRIGGER t ..."],
  ]);
  expect(
    diffCatalogs("sqlite", sqliteA, new Map([["table a", "columns: ..."]]), ["view v", "trigger t on a"]),
  ).toEqual([]);
  expect(diffCatalogs("sqlite", sqliteA, new Map([["table a", "columns: ..."]]), ["view v"])).toEqual([
    "missing after replay: trigger t",
  ]);
});
