/**
 * The runner's rules without a database: migrations written to a `MemMigrationSource`, the
 * history in a `MemHistory`, and a connection that records every statement (and fails one on
 * demand). The same behaviours against real databases are in test/integration/runner.test.ts;
 * here each rule is one case: ordering, up N / up --to, down N / down --to / down base, the
 * refusals (edited, missing, out of order, failed and unresolved), the progress row where DDL
 * is not transactional, stamp, resolve, the lock and the SQLite re-check.
 */
import { beforeEach, describe, expect, test } from "bun:test";
import type { Connection, Dialect, Executor } from "../../../src/dialects/dialect.ts";
import { mysql } from "../../../src/dialects/mysql/index.ts";
import { postgres } from "../../../src/dialects/postgres/index.ts";
import { sqlite } from "../../../src/dialects/sqlite/index.ts";
import type { Schema } from "../../../src/ir/model.ts";
import { readMigrations, writeMigration, type Migration } from "../../../src/migrate/dir.ts";
import { checksumOf, DatabaseHistory, MemHistory, STAMPED_MS } from "../../../src/migrate/history.ts";
import { Runner, type RunOptions } from "../../../src/migrate/runner.ts";
import { dataLossGuard } from "../../../src/lint/migrations.ts";
import { MemMigrationSource } from "../../../src/migrate/source.ts";

const schema: Schema = { tables: [], enums: [] };

/** A connection that records what runs: statements, and BEGIN/COMMIT/ROLLBACK around transactions. */
class RecordingConnection implements Connection {
  readonly dialect;
  readonly log: string[] = [];
  /** A statement matching this fails with `no such table: nope`. */
  failOn: RegExp | undefined;
  /** Runs as a transaction begins (another runner committing meanwhile). */
  onBegin: (() => void) | undefined;

  constructor(d: Dialect) {
    this.dialect = d.name;
  }

  async exec(sql: string): Promise<void> {
    if (this.failOn?.test(sql)) throw new Error("no such table: nope\nmore detail");
    this.log.push(sql);
  }

  async query<T>(sql: string): Promise<T[]> {
    this.log.push(sql);
    return [];
  }

  async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    this.onBegin?.();
    this.log.push("BEGIN");
    try {
      const r = await fn(this);
      this.log.push("COMMIT");
      return r;
    } catch (e) {
      this.log.push("ROLLBACK");
      throw e;
    }
  }

  async close(): Promise<void> {}

  /** The migration statements run, without the transaction markers. */
  get statements(): string[] {
    return this.log.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK)$/.test(s));
  }
}

/** A dialect with a fake lock (recorded; refused on demand) and no guard or preflight. */
function fake(d: Dialect, lock: { held: boolean; taken: number; released: number }): Dialect {
  const { guard: _guard, preflight: _preflight, ...rest } = d;
  return {
    ...rest,
    lock: async (_conn, _ms, onWait) => {
      if (lock.held) {
        onWait?.();
        return undefined;
      }
      lock.taken++;
      return async () => {
        lock.released++;
      };
    },
  };
}

const opts: RunOptions = { lockTimeoutMs: 2000 };

let src: MemMigrationSource;
let lock: { held: boolean; taken: number; released: number };

beforeEach(() => {
  src = new MemMigrationSource();
  lock = { held: false, taken: 0, released: 0 };
});

/** Writes migrations `<day>_<name>` (up: its statements; down: `DROP <name>`) and reads them back. */
async function folder(...specs: { version: string; up: string; down?: string }[]): Promise<Migration[]> {
  let ms: Migration[] = await readMigrations(src);
  for (const s of specs) {
    await writeMigration(src, ms, {
      version: s.version,
      up: s.up,
      down: s.down ?? `DROP ${s.version.slice(15)};\n`,
      schema,
      dialect: "sqlite",
    });
    ms = await readMigrations(src);
  }
  return ms;
}

const V1 = "20260101000000_one";
const V2 = "20260102000000_two";
const V3 = "20260103000000_three";

async function three() {
  return folder(
    { version: V1, up: "CREATE one;\n" },
    { version: V2, up: "CREATE two;\n" },
    { version: V3, up: "CREATE three;\n" },
  );
}

function setup(d: Dialect, ms: readonly Migration[], history = new MemHistory()) {
  const dialect = fake(d, lock);
  const conn = new RecordingConnection(dialect);
  return { conn, history, runner: new Runner(conn, dialect, ms, { history, guard: dataLossGuard(dialect) }) };
}

const err = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: Error) => e,
  );

describe("runner: up", () => {
  test("applies every pending migration in version order, one transaction each, recording each", async () => {
    const { conn, history, runner } = setup(postgres, await three());
    const done = await runner.up(opts);
    expect(done.map((a) => a.version)).toEqual([V1, V2, V3]);
    expect(conn.log).toEqual([
      "BEGIN",
      "CREATE one",
      "COMMIT",
      "BEGIN",
      "CREATE two",
      "COMMIT",
      "BEGIN",
      "CREATE three",
      "COMMIT",
    ]);
    expect(history.created).toBe(true);
    const rows = await history.read();
    expect(rows.map((r) => [r.version, r.status, r.checksum])).toEqual([
      [V1, "applied", checksumOf("CREATE one;\n")],
      [V2, "applied", checksumOf("CREATE two;\n")],
      [V3, "applied", checksumOf("CREATE three;\n")],
    ]);
    expect(rows[0]).toMatchObject({ name: "one", up_sql: "CREATE one;\n", down_sql: "DROP one;\n" });
    expect((await runner.state()).current).toBe(V3);
  });

  test("up N applies the first N pending; up --to applies up to and including the target", async () => {
    const { conn, runner } = setup(postgres, await three());
    expect((await runner.up({ ...opts, count: 1 })).map((a) => a.version)).toEqual([V1]);
    expect((await runner.up({ ...opts, target: V2 })).map((a) => a.version)).toEqual([V2]);
    expect(conn.statements).toEqual(["CREATE one", "CREATE two"]);
    expect((await runner.state()).pending.map((m) => m.version)).toEqual([V3]);
  });

  test("upgrade says where the database stands after the run without reading the history again", async () => {
    const { history, runner } = setup(postgres, await three());
    let reads = 0;
    const read = history.read.bind(history);
    history.read = async () => {
      reads++;
      return read();
    };
    const first = await runner.upgrade({ ...opts, count: 2 });
    expect(first.applied.map((a) => a.version)).toEqual([V1, V2]);
    expect(first).toMatchObject({ current: V2, pending: [V3] });
    const dry = await runner.upgrade({ ...opts, dryRun: true });
    expect(dry).toMatchObject({ current: V2, pending: [V3] });
    const rest = await runner.upgrade(opts);
    expect(rest).toMatchObject({ current: V3, pending: [] });
    // At most one read per run, under the lock (none in the first: there was no history table).
    expect(reads).toBe(2);
    const st = await runner.state();
    expect([st.current, st.pending]).toEqual([V3, []]);
  });

  test("a missing history table is created in the first migration's transaction; none when it fails", async () => {
    const d = fake(postgres, lock);
    const created: string[] = [];
    class Tracked extends MemHistory {
      override async ensure(ex?: Executor): Promise<void> {
        created.push((ex as RecordingConnection).log.at(-1) ?? "");
        await super.ensure();
      }
    }
    const ms = await three();
    const conn = new RecordingConnection(d);
    conn.failOn = /CREATE one/;
    const failing = new Tracked();
    expect(await err(new Runner(conn, d, ms, { history: failing }).up(opts))).toBeInstanceOf(Error);
    // Asked inside the transaction (after its BEGIN), which was rolled back.
    expect(created).toEqual(["BEGIN"]);
    conn.failOn = undefined;
    conn.log.length = 0;
    created.length = 0;
    const h = new Tracked();
    await new Runner(conn, d, ms, { history: h }).up(opts);
    expect(created).toEqual(["BEGIN"]);
    expect(h.created).toBe(true);
    // Nothing to apply: created at once, outside any transaction.
    const empty = new Tracked();
    conn.log.length = 0;
    created.length = 0;
    await new Runner(conn, d, [], { history: empty }).up(opts);
    expect(created).toEqual([""]);
    expect(empty.created).toBe(true);
  });

  test("nothing pending: nothing runs", async () => {
    const { conn, runner } = setup(postgres, await three());
    await runner.up(opts);
    conn.log.length = 0;
    expect(await runner.up(opts)).toEqual([]);
    expect(conn.log).toEqual([]);
  });

  test("--dry-run returns each migration's statements and changes nothing", async () => {
    const { conn, history, runner } = setup(
      postgres,
      await folder({ version: V1, up: "CREATE a;\nCREATE b;\n" }),
    );
    expect(await runner.up({ ...opts, dryRun: true })).toEqual([
      { version: V1, ms: 0, sql: ["CREATE a", "CREATE b"] },
    ]);
    expect(conn.log).toEqual([]);
    expect(history.rows.size).toBe(0);
    // Nothing to apply on a database without the history table: still nothing is created.
    expect(await runner.up({ ...opts, dryRun: true, target: "20250101000000_before" })).toEqual([]);
    expect(history.created).toBe(false);
  });

  test("reports each migration's start and end", async () => {
    const { runner } = setup(postgres, await folder({ version: V1, up: "CREATE one;\n" }));
    const events: string[] = [];
    await runner.up({
      ...opts,
      events: {
        start: (v, d) => events.push(`start ${v} ${d}`),
        done: (v, d) => events.push(`done ${v} ${d}`),
      },
    });
    expect(events).toEqual([`start ${V1} up`, `done ${V1} up`]);
  });

  test("a failing statement rolls its migration back, records nothing and names the statement and line", async () => {
    const ms = await folder(
      { version: V1, up: "CREATE one;\n" },
      { version: V2, up: "CREATE a;\n\nCREATE nope;\n" },
    );
    const { conn, history, runner } = setup(postgres, ms);
    conn.failOn = /nope/;
    const e = await err(runner.up(opts));
    expect(e?.name).toBe("RunnerError");
    expect(e?.message).toBe(
      `migration ${V2} failed at statement 2 of 2 (up.sql line 3): no such table: nope`,
    );
    expect(conn.log.slice(-3)).toEqual(["BEGIN", "CREATE a", "ROLLBACK"]);
    expect([...history.rows.keys()]).toEqual([V1]);
  });

  test("data loss is refused before anything runs, unless allowed", async () => {
    const ms = await folder(
      { version: V1, up: "CREATE TABLE a (x int);\n" },
      { version: V2, up: "DROP TABLE a;\n" },
    );
    const { conn, history, runner } = setup(sqlite, ms);
    const e = await err(runner.up(opts));
    expect(e?.message).toStartWith(`migration ${V2} loses data; nothing was applied:`);
    expect(history.rows.size).toBe(0);
    expect(conn.statements.filter((s) => !s.startsWith("PRAGMA"))).toEqual([]);
    expect((await runner.up({ ...opts, allowDataLoss: true })).map((a) => a.version)).toEqual([V1, V2]);
  });
});

describe("runner: refusals", () => {
  test("an applied migration whose up.sql changed is refused, naming it; resolve --applied accepts the file", async () => {
    const { history, runner } = setup(postgres, await three());
    await runner.up({ ...opts, count: 1 });
    src.set(`${V1}/up.sql`, "CREATE one;\n-- edited\n");
    const edited = await readMigrations(src, { verifySum: false });
    const r = new Runner(runner.conn, runner.dialect, edited, {
      history,
      guard: dataLossGuard(runner.dialect),
    });
    const e = await err(r.up(opts));
    expect(e?.message).toBe(`migration ${V1} was applied, but its up.sql has changed since`);
    expect((e as { hint?: string }).hint).toContain(`schemavc resolve ${V1} --applied`);
    await r.resolve(V1, "applied", opts);
    expect(history.rows.get(V1)).toMatchObject({
      checksum: checksumOf("CREATE one;\n-- edited\n"),
      up_sql: "CREATE one;\n-- edited\n",
    });
    expect((await r.up(opts)).map((a) => a.version)).toEqual([V2, V3]);
  });

  test("applied migrations missing from the folder are refused; down rolls one back with its stored SQL", async () => {
    const ms = await three();
    const first = setup(postgres, ms);
    await first.runner.up(opts);
    const { conn, runner } = setup(postgres, ms.slice(0, 1), first.history);
    const e = await err(runner.up(opts));
    expect(e?.message).toBe(
      `the database has applied migrations ${V2}, ${V3} that the migrations folder does not have`,
    );
    expect((await runner.down(opts)).map((a) => a.version)).toEqual([V3]);
    expect(conn.statements).toEqual(["DROP three"]);
    expect([...first.history.rows.keys()]).toEqual([V1, V2]);
  });

  test("an unapplied migration older than the newest applied one is refused unless --allow-out-of-order", async () => {
    const ms = await three();
    const history = new MemHistory();
    await setup(postgres, [ms[0]!, ms[2]!], history).runner.up(opts);
    const { conn, runner } = setup(postgres, ms, history);
    const e = await err(runner.up(opts));
    expect(e?.message).toBe(
      `migration ${V2} is not applied but is older than the newest applied one (${V3})`,
    );
    expect((e as { hint?: string }).hint).toContain("--allow-out-of-order");
    expect(conn.statements).toEqual([]);
    expect((await runner.up({ ...opts, allowOutOfOrder: true })).map((a) => a.version)).toEqual([V2]);
  });

  test("with an out-of-order check: applied when it commutes (and said), refused naming the objects when not", async () => {
    const ms = await three();
    const history = new MemHistory();
    await setup(postgres, [ms[0]!, ms[2]!], history).runner.up(opts);
    const dialect = fake(postgres, lock);
    const asked: string[] = [];
    const told: string[] = [];
    const with_ = (answer: string[]) =>
      new Runner(new RecordingConnection(dialect), dialect, ms, {
        history,
        outOfOrder: (m, after) => {
          asked.push(`${m.version} after ${after.map((a) => a.version).join(",")}`);
          return answer;
        },
      });
    const e = await err(with_(["column users.name"]).up(opts));
    expect(e?.message).toBe(
      `migration ${V2} is not applied, but ${V3}, applied here before it, changes the same objects (column users.name): ${V2} cannot run after it as written`,
    );
    expect((e as { hint?: string }).hint).toContain("`schemavc down 1`");
    const events = {
      outOfOrder: (v: string, after: readonly string[]) => told.push(`${v} < ${after.join(",")}`),
    };
    expect((await with_([]).up({ ...opts, events })).map((a) => a.version)).toEqual([V2]);
    expect(asked).toEqual([`${V2} after ${V3}`, `${V2} after ${V3}`]);
    expect(told).toEqual([`${V2} < ${V3}`]);
  });

  test("an applied migration that a pending one replaces (`schemavc merge`) is refused with the way out", async () => {
    const ms = await three();
    const history = new MemHistory();
    await setup(postgres, ms.slice(0, 2), history).runner.up(opts);
    // V2's folder gone, V3 regenerated in its place with the directive `merge` writes.
    const replacing = [
      ms[0]!,
      { ...ms[2]!, up: `-- schemavc up migration ${V3}: m\n-- schemavc:replaces ${V2}\n\nCREATE three;\n` },
    ];
    const e = await err(setup(postgres, replacing, history).runner.up(opts));
    expect(e?.message).toContain(
      `this database applied ${V2} before \`schemavc merge\` replaced it with ${V3}`,
    );
    expect((e as { hint?: string }).hint).toContain("`schemavc down 1`");
  });

  test("a failed, unresolved migration blocks up and down", async () => {
    const ms = await three();
    const { runner, history } = setup(mysql, ms);
    await runner.up({ ...opts, count: 1 });
    await history.insert(runner.conn, {
      ...history.rows.get(V1)!,
      version: V2,
      status: "failed",
      failed_statement: 1,
      error: "boom",
    });
    for (const e of [await err(runner.up(opts)), await err(runner.down(opts))]) {
      expect(e?.message).toBe(`migration ${V2} failed at statement 1 (boom) and is not resolved`);
      expect((e as { hint?: string }).hint).toContain(`schemavc resolve ${V2} --applied`);
    }
  });

  test("the lock not taken within the timeout: refused, nothing read or run", async () => {
    const { conn, history, runner } = setup(postgres, await three());
    lock.held = true;
    let waited = false;
    const e = await err(runner.up({ lockTimeoutMs: 3000, events: { waiting: () => (waited = true) } }));
    expect(e?.message).toBe("another schemavc run held the migration lock for 3 s");
    expect(waited).toBe(true);
    expect(conn.log).toEqual([]);
    expect(history.created).toBe(false);
  });

  test("the lock is released after a run, and after a failed one", async () => {
    const { conn, runner } = setup(postgres, await three());
    await runner.up({ ...opts, count: 1 });
    expect(lock).toMatchObject({ taken: 1, released: 1 });
    conn.failOn = /two/;
    await err(runner.up(opts));
    expect(lock).toMatchObject({ taken: 2, released: 2 });
  });
});

describe("runner: where DDL is not transactional (MySQL)", () => {
  test("the row is written as failed at statement 1 first, advanced after each statement, applied at the end", async () => {
    const ms = await folder({ version: V1, up: "CREATE a;\nCREATE b;\nCREATE c;\n" });
    const { conn, history, runner } = setup(mysql, ms);
    const seen: unknown[] = [];
    const exec = conn.exec.bind(conn);
    conn.exec = async (sql) => {
      seen.push(history.rows.get(V1)?.failed_statement);
      await exec(sql);
    };
    await runner.up(opts);
    expect(conn.log).toEqual(["CREATE a", "CREATE b", "CREATE c"]);
    expect(seen).toEqual([1, 2, 3]);
    expect(history.rows.get(V1)).toMatchObject({ status: "applied", failed_statement: null, error: null });
  });

  test("a failing statement leaves a failed row naming it; later statements do not run", async () => {
    const ms = await folder({ version: V1, up: "CREATE a;\nCREATE nope;\nCREATE c;\n" });
    const { conn, history, runner } = setup(mysql, ms);
    conn.failOn = /nope/;
    const e = await err(runner.up(opts));
    expect(e?.message).toBe(
      `migration ${V1} failed at statement 2 of 3 (up.sql line 2): no such table: nope`,
    );
    expect((e as { hint?: string }).hint).toContain(
      `schemavc resolve ${V1} --applied\` or \`--rolled-back\``,
    );
    expect(conn.log).toEqual(["CREATE a"]);
    expect(history.rows.get(V1)).toMatchObject({ status: "failed", failed_statement: 2, error: e!.message });
  });

  test("resolve --rolled-back removes the failed row, and up runs it again", async () => {
    const { conn, history, runner } = setup(mysql, await folder({ version: V1, up: "CREATE nope;\n" }));
    conn.failOn = /nope/;
    await err(runner.up(opts));
    await runner.resolve(V1, "rolled-back", opts);
    expect(history.rows.size).toBe(0);
    conn.failOn = undefined;
    expect((await runner.up(opts)).map((a) => a.version)).toEqual([V1]);
  });

  test("resolve --applied records the failed migration as applied", async () => {
    const { conn, history, runner } = setup(mysql, await folder({ version: V1, up: "CREATE nope;\n" }));
    conn.failOn = /nope/;
    await err(runner.up(opts));
    await runner.resolve(V1, "applied", opts);
    expect(history.rows.get(V1)).toMatchObject({ status: "applied", failed_statement: null, error: null });
    expect((await runner.state()).pending).toEqual([]);
  });

  test("-- schemavc:no-transaction takes the same path where DDL is transactional", async () => {
    const ms = await folder({
      version: V1,
      up: "-- schemavc:no-transaction\nCREATE INDEX CONCURRENTLY i;\n",
    });
    const { conn, history, runner } = setup(postgres, ms);
    await runner.up(opts);
    expect(conn.log).toEqual(["CREATE INDEX CONCURRENTLY i"]);
    expect(history.rows.get(V1)?.status).toBe("applied");
  });
});

describe("runner: down", () => {
  test("down rolls back the newest one; down N the newest N, newest first", async () => {
    const { conn, history, runner } = setup(postgres, await three());
    await runner.up(opts);
    conn.log.length = 0;
    expect((await runner.down(opts)).map((a) => a.version)).toEqual([V3]);
    expect((await runner.down({ ...opts, count: 2 })).map((a) => a.version)).toEqual([V2, V1]);
    expect(conn.log).toEqual([
      "BEGIN",
      "DROP three",
      "COMMIT",
      "BEGIN",
      "DROP two",
      "COMMIT",
      "BEGIN",
      "DROP one",
      "COMMIT",
    ]);
    expect(history.rows.size).toBe(0);
  });

  test("down --to keeps the target; down base rolls back everything", async () => {
    const { history, runner } = setup(postgres, await three());
    await runner.up(opts);
    expect((await runner.down({ ...opts, target: V1 })).map((a) => a.version)).toEqual([V3, V2]);
    expect([...history.rows.keys()]).toEqual([V1]);
    await runner.up(opts);
    expect((await runner.down({ ...opts, target: null })).map((a) => a.version)).toEqual([V3, V2, V1]);
    expect(history.rows.size).toBe(0);
  });

  test("down on MySQL runs the statements and then removes the row", async () => {
    const { conn, history, runner } = setup(mysql, await three());
    await runner.up(opts);
    conn.log.length = 0;
    await runner.down(opts);
    expect(conn.log).toEqual(["DROP three"]);
    expect([...history.rows.keys()]).toEqual([V1, V2]);
  });
});

describe("runner: stamp and resolve", () => {
  test("stamp records the version and all before it as applied without running them", async () => {
    const { conn, history, runner } = setup(postgres, await three());
    expect(await runner.stamp(V2, opts)).toEqual([V1, V2]);
    expect(conn.log).toEqual([]);
    expect([...history.rows.values()].map((r) => [r.version, r.status, r.duration_ms])).toEqual([
      [V1, "applied", STAMPED_MS],
      [V2, "applied", STAMPED_MS],
    ]);
    expect((await runner.up(opts)).map((a) => a.version)).toEqual([V3]);
  });

  test("stamp removes the rows after the version, keeps those before, and stamp base removes all", async () => {
    const { history, runner } = setup(postgres, await three());
    await runner.up(opts);
    const before = history.rows.get(V1);
    expect(await runner.stamp(V1, opts)).toEqual([]);
    expect([...history.rows.keys()]).toEqual([V1]);
    expect(history.rows.get(V1)).toBe(before!);
    expect(await runner.stamp(null, opts)).toEqual([]);
    expect(history.rows.size).toBe(0);
  });

  test("resolve of a version without a row, and --rolled-back of an applied one, are refused", async () => {
    const { runner } = setup(postgres, await three());
    await runner.up({ ...opts, count: 1 });
    expect((await err(runner.resolve(V2, "applied", opts)))?.message).toBe(
      `migration ${V2} has no row in the history: there is nothing to resolve`,
    );
    const e = await err(runner.resolve(V1, "rolled-back", opts));
    expect(e?.message).toBe(`migration ${V1} is applied, not failed`);
    expect((e as { hint?: string }).hint).toBe("to undo it, run `schemavc down`");
  });
});

describe("runner: SQLite, whose lock is the migration's transaction", () => {
  test("a migration another runner applied while this one waited is skipped, inside the transaction", async () => {
    const ms = await three();
    const { conn, history, runner } = setup(sqlite, ms);
    let other = 0;
    conn.onBegin = () => {
      // Another runner commits V2 just before this one's transaction for V2 begins.
      if (++other === 2)
        history.rows.set(V2, { ...history.rows.get(V1)!, version: V2, name: "two", up_sql: "CREATE two;\n" });
    };
    const done = await runner.up(opts);
    expect(done.map((a) => a.version)).toEqual([V1, V3]);
    expect(conn.log.filter((s) => s.startsWith("CREATE") || /^(BEGIN|COMMIT)$/.test(s))).toEqual([
      "BEGIN",
      "CREATE one",
      "COMMIT",
      "BEGIN",
      "COMMIT",
      "BEGIN",
      "CREATE three",
      "COMMIT",
    ]);
  });
});

describe("the history table in the database", () => {
  test("the statements DatabaseHistory sends (what a real database sees)", async () => {
    const calls: { sql: string; params?: readonly unknown[] }[] = [];
    const ex: Executor = {
      exec: async (sql) => void calls.push({ sql }),
      query: async (sql, params) => {
        calls.push(params ? { sql, params } : { sql });
        return [];
      },
    };
    const h = new DatabaseHistory(sqlite);
    await h.ensure(ex);
    await h.read(ex);
    await h.has(ex, V1);
    await h.update(ex, V1, { status: "applied", failed_statement: null });
    await h.delete(ex, V1);
    expect(calls[0]!.sql).toStartWith('CREATE TABLE IF NOT EXISTS "schemavc_migrations" (');
    expect(calls.slice(1)).toEqual([
      { sql: 'SELECT * FROM "schemavc_migrations" ORDER BY "version"' },
      { sql: 'SELECT 1 AS x FROM "schemavc_migrations" WHERE "version" = ?', params: [V1] },
      {
        sql: 'UPDATE "schemavc_migrations" SET "status" = ?, "failed_statement" = ? WHERE "version" = ?',
        params: ["applied", null, V1],
      },
      { sql: 'DELETE FROM "schemavc_migrations" WHERE "version" = ?', params: [V1] },
    ]);
  });
});

describe("the migrations folder in memory", () => {
  test("is verified like the one on disk: an edited file is refused by the sum", async () => {
    await three();
    expect((await readMigrations(src)).map((m) => m.dir)).toEqual([
      `migrations/${V1}`,
      `migrations/${V2}`,
      `migrations/${V3}`,
    ]);
    src.set(`${V2}/up.sql`, "CREATE two;\n-- edited\n");
    expect((await err(readMigrations(src)))?.message).toBe(
      `migration file changed after it was written: ${V2}/up.sql`,
    );
  });

  test("an empty source is an empty folder; a removed folder is refused by the sum", async () => {
    expect(await readMigrations(src)).toEqual([]);
    await three();
    src.remove(V3);
    expect((await err(readMigrations(src)))?.message).toBe(
      `a migration recorded in schemavc.sum is gone: ${V3}/down.sql`,
    );
  });
});
