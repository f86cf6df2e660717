/**
 * PostgreSQL's functions, procedures and triggers, read from the catalog in the words the
 * language keeps (`Routine`, `Trigger`): arguments and return type as PostgreSQL prints them
 * (`pg_get_function_arguments`, `pg_get_function_result`), the body verbatim (`prosrc`), the
 * options from their flags; a trigger's timing and events from `pg_get_triggerdef`. What the
 * language does not keep (overloads, C functions, SQL-standard bodies, SET clauses, aggregates,
 * constraint triggers, transition tables, disabled triggers) is named in `skipped`, never lost
 * without a word. `postgresRoutinesAsStored` puts a schema's own in the same words, for drift.
 */
import type { Routine, Schema, SourceInfo, Trigger } from "../../ir/model.ts";
import type { Connection, Executor } from "../dialect.ts";
import { oneSchema, qualified, readSchemas, type SchemaFilter } from "./namespaces.ts";
import { quoteQualified, quoteString } from "../common/sql.ts";
import { qualify, schemaOf } from "../../ir/qualified.ts";

const isExtensions = (cls: string, alias: string) =>
  `exists (select 1 from pg_depend x where x.classid = '${cls}'::regclass and x.objid = ${alias}.oid and x.deptype = 'e')`;

/** The functions and procedures of the schemas `where` reads (by default, those pull reads). */
export async function readFunctions(
  ex: Executor,
  skipped: string[] = [],
  why: Record<string, string> = {},
  where: SchemaFilter = readSchemas(),
): Promise<Routine[]> {
  const rows = await ex.query(`
    select ${qualified("n", "p.proname", where.current, where.bare)} as name, p.prokind as kind, pg_get_function_arguments(p.oid) as args,
      case when p.prokind = 'f' then pg_get_function_result(p.oid) end as returns,
      l.lanname as language, p.provolatile as volatile, p.proisstrict as strict, p.prosecdef as definer,
      p.proleakproof as leakproof, p.proparallel as parallel, p.procost::float8 as cost,
      p.prorows::float8 as rows, p.proretset as retset, p.proconfig is not null as config,
      p.prosqlbody is not null as sql_body, p.prosrc as body, p.probin as bin
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
    where ${where.cond("n")} and not ${isExtensions("pg_proc", "p")}
    order by 1, p.oid`);
  const out: Routine[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const name = String(r["name"]);
    const kind = String(r["kind"]);
    const entry = `${kind === "p" ? "procedure" : kind === "a" ? "aggregate" : "function"} ${name}`;
    const skip = (reason?: string) => {
      skipped.push(entry);
      if (reason) why[entry] = reason;
    };
    if (kind !== "f" && kind !== "p") {
      skip();
      continue;
    }
    const language = String(r["language"]);
    if (seen.has(name))
      skip(
        `its overload (${String(r["args"] ?? "")}) is another function of that name (the language has no overloads)`,
      );
    else if (language === "c" || language === "internal") skip(`its body is ${language} code, not SQL text`);
    else if (r["sql_body"] === true)
      skip("its body is an SQL-standard BEGIN ATOMIC body, which is not kept as text");
    else if (r["config"] === true) skip("it has SET clauses, which are not versioned");
    else {
      seen.add(name);
      const options: string[] = [];
      if (r["volatile"] === "i") options.push("immutable");
      else if (r["volatile"] === "s") options.push("stable");
      if (r["strict"] === true) options.push("strict");
      if (r["definer"] === true) options.push("security definer");
      if (r["leakproof"] === true) options.push("leakproof");
      if (r["parallel"] === "s") options.push("parallel safe");
      else if (r["parallel"] === "r") options.push("parallel restricted");
      if (kind === "f" && Number(r["cost"]) !== 100) options.push(`cost ${Number(r["cost"])}`);
      if (r["retset"] === true && Number(r["rows"]) !== 1000) options.push(`rows ${Number(r["rows"])}`);
      out.push({
        name,
        ...(kind === "p" ? { procedure: true } : {}),
        args: String(r["args"] ?? ""),
        ...(kind === "f" ? { returns: String(r["returns"]) } : {}),
        language,
        ...(options.length ? { options: options.join(" ") } : {}),
        body: String(r["body"] ?? ""),
      });
    }
  }
  return out;
}

/**
 * `pg_get_triggerdef`'s text: timing, events, FOR EACH, WHEN and the function's arguments
 * (constraint triggers and transition tables are left out before). The table and the function
 * may be schema-qualified, each part quoted or bare: a quoted part may hold spaces
 * (`ON s1."Line Items"`), so a name is read as its parts, not as a run of non-spaces.
 */
const TRIGGER_DEF =
  /^CREATE TRIGGER (?:"(?:[^"]|"")+"|\S+) (BEFORE|AFTER|INSTEAD OF) (.+?) ON (?:(?:"(?:[^"]|"")+"|[^\s."]+)\.)?(?:"(?:[^"]|"")+"|\S+) FOR EACH (ROW|STATEMENT) (?:WHEN \((.*)\) )?EXECUTE (?:FUNCTION|PROCEDURE) (?:(?:"(?:[^"]|"")+"|[^\s."(]+)\.)?(?:"(?:[^"]|"")+"|[^\s(]+)\((.*)\)$/s;

/**
 * The triggers on the tables and views of the schemas `where` reads. `names`: only these (the
 * scratch copies `postgresRoutinesAsStored` makes), under the schema's names.
 */
export async function readTriggers(
  ex: Executor,
  skipped: string[] = [],
  why: Record<string, string> = {},
  where: SchemaFilter = readSchemas(),
  names?: ReadonlyMap<string, string>,
): Promise<Trigger[]> {
  const rows = await ex.query(`
    select t.tgname as name, ${qualified("n", "c.relname", where.current, where.bare)} as tbl, pg_get_triggerdef(t.oid, true) as def,
      -- A function of a schema read is named as the schema's objects are; one of another schema on
      -- the search path bare, as the trigger resolves it (pull's replay: the live schema's).
      (case when ${where.cond("pn")} then ${qualified("pn", "p.proname", where.current, where.bare)}
        when pn.nspname = any(current_schemas(false)) then p.proname else pn.nspname || '.' || p.proname end) as fn,
      ${where.cond("pn")} or pn.nspname = any(current_schemas(false)) as fn_here, t.tgconstraint <> 0 as is_constraint,
      t.tgoldtable is not null or t.tgnewtable is not null as transition, t.tgenabled as enabled
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_proc p on p.oid = t.tgfoid join pg_namespace pn on pn.oid = p.pronamespace
    where ${where.cond("n")} and not t.tgisinternal
      -- A partition's clone of its parent's trigger is the parent's.
      and t.tgparentid = 0
    order by 2, t.tgname`);
  const out: Trigger[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const raw = String(r["name"]);
    if (names && !names.has(raw)) continue;
    const name = names?.get(raw) ?? raw;
    const table = String(r["tbl"]);
    const entry = `trigger ${name} on ${table}`;
    const skip = (reason: string) => {
      skipped.push(entry);
      why[entry] = reason;
    };
    const m = TRIGGER_DEF.exec(String(r["def"]));
    if (r["is_constraint"] === true) skip("it is a constraint trigger, which is not versioned");
    else if (r["transition"] === true)
      skip("it has transition tables (REFERENCING), which are not versioned");
    else if (r["enabled"] !== "O")
      skip("it is disabled or set to fire on replicas only, which is not versioned");
    else if (r["fn_here"] !== true)
      skip(`its function ${String(r["fn"])} is in a schema off the search path`);
    else if (seen.has(name))
      skip("another table has a trigger of that name (names are the schema's in the language)");
    else if (!m) skip("its definition could not be read");
    else {
      seen.add(name);
      out.push({
        name,
        table,
        timing: m[1]!.toLowerCase() as Trigger["timing"],
        events: m[2]!.replace(/\b(INSERT|UPDATE|DELETE|TRUNCATE|OR|OF)\b/g, (w) => w.toLowerCase()),
        forEach: m[3]!.toLowerCase() as "row" | "statement",
        ...(m[4] !== undefined ? { when: m[4] } : {}),
        execute: { function: String(r["fn"]), args: m[5]! },
      });
    }
  }
  return out;
}

/** What the database's words do not say: the name as the schema has it, its doc, its hint and source. */
const pickNames = <X extends { name: string; doc?: string; renamedFrom?: string; src?: SourceInfo }>(
  x: X,
) => ({
  name: x.name,
  ...(x.doc !== undefined ? { doc: x.doc } : {}),
  ...(x.renamedFrom !== undefined ? { renamedFrom: x.renamedFrom } : {}),
  ...(x.src !== undefined ? { src: x.src } : {}),
});

/**
 * The schema's functions and triggers as PostgreSQL keeps them (`Dialect.routinesAsStored`):
 * in a transaction that is rolled back, each function is created in a scratch schema put first
 * on the search path, each trigger on its live table under a scratch name (running the scratch
 * copy of its function where there is one), and they are read back by the readers above. One
 * PostgreSQL refuses keeps its text.
 */
export async function postgresRoutinesAsStored(
  conn: Connection,
  schema: Schema,
): Promise<Pick<Schema, "functions" | "triggers">> {
  const functions = schema.functions ?? [];
  const triggers = schema.triggers ?? [];
  if (!functions.length && !triggers.length) return { functions, triggers };
  const marker = new Error("rollback");
  let out: Pick<Schema, "functions" | "triggers"> = { functions, triggers };
  const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
  const dollar = (body: string) => {
    for (let i = 0; ; i++) {
      const tag = `$schemavc${i}$`;
      if (!body.includes(tag)) return `${tag}${body}${tag}`;
    }
  };
  try {
    await conn.transaction(async (tx) => {
      const [row] = await tx.query(`select current_schema() as s, current_setting('search_path') as p`);
      const home = String(row?.["s"]);
      const scratch = `schemavc_scratch_${process.pid}_${Date.now()}`;
      await tx.exec(`CREATE SCHEMA ${q(scratch)}`);
      await tx.exec(`SET LOCAL search_path = ${q(scratch)}, ${String(row?.["p"])}`);
      // Each statement behind a savepoint: one PostgreSQL refuses keeps the schema's text.
      const attempt = async (sql: string) => {
        await tx.exec("SAVEPOINT schemavc_routine");
        try {
          await tx.exec(sql);
          await tx.exec("RELEASE SAVEPOINT schemavc_routine");
          return true;
        } catch {
          await tx.exec("ROLLBACK TO SAVEPOINT schemavc_routine");
          return false;
        }
      };
      // Bodies are not checked here: one may call another declared later.
      await tx.exec("SET LOCAL check_function_bodies = off");
      for (const f of functions)
        await attempt(
          [
            `CREATE ${f.procedure ? "PROCEDURE" : "FUNCTION"} ${q(scratch)}.${q(f.name)}(${f.args})`,
            ...(f.returns !== undefined ? [`RETURNS ${f.returns}`] : []),
            ...(f.language !== undefined ? [`LANGUAGE ${f.language}`] : []),
            ...(f.options !== undefined ? [f.options] : []),
            `AS ${dollar(f.body)}`,
          ].join(" "),
        );
      const stored = await readFunctions(tx, [], {}, oneSchema(quoteString(scratch)));
      const names = new Map<string, string>();
      for (const [i, t] of triggers.entries()) {
        const temp = `schemavc_trigger_${i}`;
        const ok = await attempt(
          [
            `CREATE TRIGGER ${q(temp)} ${t.timing.toUpperCase()} ${t.events.replace(/\b(insert|update|delete|truncate|or|of)\b/g, (w) => w.toUpperCase())}`,
            `ON ${quoteQualified(schemaOf(t.table) !== undefined ? t.table : qualify(home, t.table))}`,
            ...(t.forEach ? [`FOR EACH ${t.forEach.toUpperCase()}`] : []),
            ...(t.when !== undefined ? [`WHEN (${t.when})`] : []),
            `EXECUTE FUNCTION ${q(t.execute?.function ?? "")}(${t.execute?.args ?? ""})`,
          ].join(" "),
        );
        if (ok) names.set(temp, t.name);
      }
      // Read on the table's schema; the scratch functions are on the search path still.
      const storedTriggers = names.size
        ? await readTriggers(
            tx,
            [],
            {},
            // Every schema (only the scratch triggers are kept), named as the home schema names
            // them; the scratch copies of functions under their own names.
            { cond: () => "true", current: quoteString(home), bare: quoteString(scratch) },
            names,
          )
        : [];
      out = {
        functions: functions.map((f) => {
          const s = stored.find((x) => x.name === f.name);
          return s ? { ...s, ...pickNames(f) } : f;
        }),
        triggers: triggers.map((t) => {
          const s = storedTriggers.find((x) => x.name === t.name);
          return s ? { ...s, ...pickNames(t) } : t;
        }),
      };
      throw marker;
    });
  } catch (e) {
    if (e !== marker) throw e;
  }
  return out;
}
