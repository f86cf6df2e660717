/**
 * MySQL/MariaDB's stored functions, procedures and triggers, read from information_schema in
 * the words the language keeps: arguments from PARAMETERS (a procedure's `IN|OUT|INOUT name
 * type`, a function's `name type`: MariaDB reports IN for those too, which MySQL refuses in a
 * function; the type as the server prints it), the return type (DTD_IDENTIFIER), the characteristics that
 * differ from the defaults, the body verbatim (ROUTINE_DEFINITION, ACTION_STATEMENT). What the
 * language does not keep (a definer other than the user connected, a trigger's FOLLOWS or
 * PRECEDES order among several on one event) is named in `skipped`, never lost without a word.
 */
import type { Routine, Trigger } from "../../ir/model.ts";
import type { Executor } from "../dialect.ts";
import { quoteStringMysql } from "../common/sql.ts";

export async function readMysqlRoutines(
  ex: Executor,
  skipped: string[],
  why: Record<string, string>,
): Promise<Routine[]> {
  const rows = await ex.query(`
    SELECT r.ROUTINE_NAME AS name, r.ROUTINE_TYPE AS kind, r.DTD_IDENTIFIER AS returns,
      r.ROUTINE_DEFINITION AS body, r.IS_DETERMINISTIC AS det, r.SQL_DATA_ACCESS AS access,
      r.SECURITY_TYPE AS security, r.ROUTINE_COMMENT AS comment, r.DEFINER AS definer, CURRENT_USER() AS me,
      (SELECT GROUP_CONCAT(CONCAT_WS(' ', IF(r.ROUTINE_TYPE = 'FUNCTION', NULL, p.PARAMETER_MODE), p.PARAMETER_NAME, p.DTD_IDENTIFIER)
          ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
        FROM information_schema.PARAMETERS p
        WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME AND p.ORDINAL_POSITION > 0
          AND p.ROUTINE_TYPE = r.ROUTINE_TYPE) AS args
    FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = DATABASE() ORDER BY r.ROUTINE_NAME, r.ROUTINE_TYPE`);
  const out: Routine[] = [];
  for (const r of rows) {
    const name = String(r["name"]);
    const procedure = String(r["kind"]).toUpperCase() === "PROCEDURE";
    const entry = `${procedure ? "procedure" : "function"} ${name}`;
    const definer = String(r["definer"] ?? "");
    if (definer && r["me"] !== undefined && definer !== String(r["me"]))
      skipped.push(`${entry}: DEFINER ${definer} (not versioned)`);
    if (out.some((f) => f.name === name)) {
      skipped.push(entry);
      why[entry] = "a function and a procedure of one name (the language names them together)";
      continue;
    }
    const options: string[] = [];
    if (String(r["det"]).toUpperCase() === "YES") options.push("deterministic");
    const access = String(r["access"] ?? "CONTAINS SQL").toLowerCase();
    if (access !== "contains sql") options.push(access);
    if (String(r["security"] ?? "DEFINER").toUpperCase() === "INVOKER") options.push("sql security invoker");
    if (r["comment"]) options.push(`comment ${quoteStringMysql(String(r["comment"]))}`);
    out.push({
      name,
      ...(procedure ? { procedure: true } : {}),
      args: String(r["args"] ?? ""),
      ...(!procedure ? { returns: String(r["returns"]) } : {}),
      ...(options.length ? { options: options.join(" ") } : {}),
      body: String(r["body"] ?? ""),
    });
  }
  return out;
}

export async function readMysqlTriggers(ex: Executor, skipped: string[]): Promise<Trigger[]> {
  // EVENT_OBJECT_SCHEMA (a trigger's table is in the trigger's database) is the column MariaDB
  // reads one database by; on TRIGGER_SCHEMA alone it scanned all databases.
  const rows = await ex.query(`
    SELECT t.TRIGGER_NAME AS name, t.EVENT_OBJECT_TABLE AS tbl, t.ACTION_TIMING AS timing,
      t.EVENT_MANIPULATION AS event, t.ACTION_STATEMENT AS body, t.DEFINER AS definer, CURRENT_USER() AS me,
      (SELECT COUNT(*) FROM information_schema.TRIGGERS o WHERE o.EVENT_OBJECT_SCHEMA = t.EVENT_OBJECT_SCHEMA
        AND o.EVENT_OBJECT_TABLE = t.EVENT_OBJECT_TABLE AND o.ACTION_TIMING = t.ACTION_TIMING
        AND o.EVENT_MANIPULATION = t.EVENT_MANIPULATION) AS peers
    FROM information_schema.TRIGGERS t WHERE t.EVENT_OBJECT_SCHEMA = DATABASE() AND t.TRIGGER_SCHEMA = DATABASE()
    ORDER BY t.TRIGGER_NAME`);
  return rows.map((r) => {
    const name = String(r["name"]);
    const table = String(r["tbl"]);
    const definer = String(r["definer"] ?? "");
    if (definer && r["me"] !== undefined && definer !== String(r["me"]))
      skipped.push(`trigger ${name} on ${table}: DEFINER ${definer} (not versioned)`);
    if (Number(r["peers"]) > 1)
      skipped.push(
        `trigger ${name} on ${table}: its order among the ${Number(r["peers"])} triggers of one event (FOLLOWS/PRECEDES, not versioned)`,
      );
    return {
      name,
      table,
      timing: String(r["timing"]).toLowerCase() as Trigger["timing"],
      events: String(r["event"]).toLowerCase(),
      forEach: "row" as const,
      body: String(r["body"] ?? ""),
    };
  });
}
