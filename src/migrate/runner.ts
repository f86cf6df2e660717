/**
 * The runner: applies and rolls back migrations on one database, safely.
 *
 * - One runner at a time: the dialect's lock (PostgreSQL advisory lock polled on the pinned
 *   connection, MySQL GET_LOCK, SQLite BEGIN IMMEDIATE per migration with a busy timeout). The
 *   history is re-read once the lock is held, so a runner that waited finds nothing pending.
 * - One transaction per migration where DDL is transactional, unless the file begins with
 *   `-- schemavc:no-transaction`. Elsewhere (MySQL, or that directive) the history row is written
 *   first as `failed` at statement 1 and advanced after each statement, so a failure or a kill
 *   leaves a row that says exactly how far it got; `up` then refuses until `resolve`.
 * - Around a transactional migration, the dialect's guard (SQLite: foreign keys off BEFORE the
 *   transaction, since inside one the pragma does nothing and a table rebuild would
 *   cascade-delete child rows; triggers kept through rebuilds; views and `PRAGMA
 *   foreign_key_check` checked before COMMIT; enforcement back on after).
 * - Refusals, each naming the version: an applied migration whose file changed, applied
 *   migrations missing from the folder, an unapplied migration older than the newest applied
 *   one (unless allowed), a failed migration not yet resolved.
 *
 * The runner sees the database through its `Connection` (statements, the lock, transactions)
 * and the history through a `HistoryStore` (the table by default), and takes the migrations
 * already read from their `MigrationSource`: its rules are unit-tested with fakes of each.
 *
 * Library code: it reports through callbacks and throws `RunnerError`; it never prints or exits.
 */
import {
  MigrationCheckError,
  type Connection,
  type DatabaseErrorInfo,
  type Dialect,
  type Executor,
} from "../dialects/dialect.ts";
import type { Migration } from "./dir.ts";
import { splitSql } from "./split.ts";
import {
  checksumOf,
  DatabaseHistory,
  HISTORY_TABLE,
  isStamped,
  nowText,
  STAMPED_MS,
  type HistoryRow,
  type HistoryStore,
} from "./history.ts";
import { SchemavcError } from "../core/errors.ts";
import { replacedBy } from "./fork.ts";

export class RunnerError extends SchemavcError {
  constructor(message: string, hint?: string, detail?: string) {
    super(message, 1, hint, detail);
    this.name = "RunnerError";
  }
}

export interface RunnerEvents {
  /** A migration starts (`direction` up or down). */
  start?(version: string, direction: "up" | "down"): void;
  /** A migration finished. */
  done?(version: string, direction: "up" | "down", ms: number): void;
  /** Waiting for another runner's lock. */
  waiting?(): void;
  /** Statement `n` of `total` of the migration starts (progress for long statements). */
  statement?(version: string, n: number, total: number): void;
  /**
   * An unapplied migration older than the newest applied one will be applied, because it
   * commutes with those applied after it (`after`, their versions): a branch merged late.
   */
  outOfOrder?(version: string, after: readonly string[]): void;
}

export interface RunOptions {
  readonly lockTimeoutMs: number;
  readonly dryRun?: boolean;
  readonly allowOutOfOrder?: boolean;
  /**
   * Skip the runner's guards: apply migrations with unsilenced data-loss findings (`up
   * --allow-data-loss`), roll back ones whose down SQL loses data (`down --allow-data-loss`).
   */
  readonly allowDataLoss?: boolean;
  /**
   * Asks whether a rollback may lose what `message` lists (a person at a terminal); no answer,
   * or no such function, is no. Never asked for an adopted database's baseline.
   */
  readonly confirmDataLoss?: (message: string) => Promise<boolean>;
  readonly events?: RunnerEvents;
}

export interface Applied {
  readonly version: string;
  readonly ms: number;
  /** The statements, for --dry-run. */
  readonly sql?: string[];
  /** Another runner applied it while this one waited (SQLite): nothing was done. */
  readonly skipped?: boolean;
}

export interface State {
  readonly history: HistoryRow[];
  readonly applied: HistoryRow[];
  readonly failed: HistoryRow[];
  readonly pending: Migration[];
  /** Applied versions whose folder is gone. */
  readonly missing: HistoryRow[];
  /** Applied versions whose up.sql no longer has the recorded checksum. */
  readonly edited: HistoryRow[];
  /** Unapplied migrations older than the newest applied one. */
  readonly outOfOrder: Migration[];
  readonly current: string | null;
  /** The history table does not exist yet (read with `createLater`: it was not created). */
  readonly historyMissing?: boolean;
}

/**
 * A check of the migrations about to be applied, run before anything is: why they must not run,
 * or undefined. The data-loss guard (`dataLossGuard` in `src/lint/migrations.ts`) is one; it is
 * passed in because lint comes after the runner in the order of stages.
 */
export type PendingGuard = (
  all: readonly Migration[],
  todo: readonly Migration[],
) => { readonly message: string; readonly hint: string } | undefined;

/** One migration `down` is about to roll back: its down SQL and how its history row was written. */
export interface Rollback {
  readonly version: string;
  /** Where its down.sql is, when the folder has it (for messages). */
  readonly dir?: string;
  readonly down: string;
  /** Recorded by `stamp` (an adopted database), never run here. */
  readonly stamped: boolean;
}

/**
 * The check of `down`, run inside the lock before anything is rolled back: what the rollback
 * loses, or undefined. `baseline`: the loss drops an adopted database's tables, which only
 * `allowDataLoss` accepts (a `y` at a terminal is not enough). Implemented by `rollbackGuard`
 * in `src/lint/migrations.ts`, passed in as the pending guard is.
 */
export type RollbackGuard = (
  ex: Executor,
  all: readonly Migration[],
  todo: readonly Rollback[],
) => Promise<{ readonly message: string; readonly hint: string; readonly baseline: boolean } | undefined>;

/**
 * Whether an unapplied migration `m` may still run after `after` (the applied migrations newer
 * than it, in order): the objects both change (people's words: `column users.email`); empty
 * when they commute. Implemented by `outOfOrderCheck` in `src/lint/commute.ts`, passed in as the
 * guards are.
 */
export type OutOfOrderCheck = (
  m: Migration,
  after: readonly Migration[],
) => readonly string[] | Promise<readonly string[]>;

export interface RunnerDeps {
  /** Where the history is kept: the database's history table unless a test says otherwise. */
  readonly history?: HistoryStore;
  /** Refuses pending migrations before `up` runs any (skipped with `allowDataLoss`). */
  readonly guard?: PendingGuard;
  /** Refuses a rollback that loses data before `down` runs any (skipped with `allowDataLoss`). */
  readonly rollbackGuard?: RollbackGuard;
  /**
   * Lets `up` apply an unapplied migration older than the newest applied one when it commutes
   * with every applied migration after it (without it, such a migration needs allowOutOfOrder).
   */
  readonly outOfOrder?: OutOfOrderCheck;
}

export class Runner {
  readonly history: HistoryStore;
  readonly guard: PendingGuard | undefined;
  readonly rollbackGuard: RollbackGuard | undefined;
  readonly outOfOrder: OutOfOrderCheck | undefined;
  /** `up` found no history table: the next migration's run creates it (see `up`). */
  private createHistory = false;
  constructor(
    readonly conn: Connection,
    readonly dialect: Dialect,
    readonly migrations: readonly Migration[],
    deps: RunnerDeps = {},
  ) {
    this.history = deps.history ?? new DatabaseHistory(dialect);
    this.guard = deps.guard;
    this.rollbackGuard = deps.rollbackGuard;
    this.outOfOrder = deps.outOfOrder;
  }

  /**
   * The history compared with the folder. Creates the history table if it is missing, unless
   * `readOnly` (status, current, history, lint: reading never writes), where a missing table
   * is an empty history.
   */
  async state(
    ex: Executor = this.conn,
    opts: { readOnly?: boolean; createLater?: boolean } = {},
  ): Promise<State> {
    let history: HistoryRow[] = [];
    let historyMissing = false;
    if (!opts.readOnly && !opts.createLater) {
      await this.history.ensure(ex);
      history = await this.history.read(ex);
    } else {
      const rows = this.history.readExisting
        ? await this.history.readExisting(ex)
        : (await this.history.exists(ex))
          ? await this.history.read(ex)
          : undefined;
      if (rows) history = rows;
      else historyMissing = true;
    }
    const files = new Map(this.migrations.map((m) => [m.version, m]));
    const applied = history.filter((h) => h.status === "applied");
    const failed = history.filter((h) => h.status === "failed");
    const done = new Set(history.map((h) => h.version));
    const newest = applied.reduce<string | null>(
      (max, h) => (max === null || h.version > max ? h.version : max),
      null,
    );
    const pending = this.migrations.filter((m) => !done.has(m.version));
    return {
      history,
      applied,
      failed,
      pending,
      missing: applied.filter((h) => !files.has(h.version)),
      edited: applied.filter(
        (h) => files.has(h.version) && checksumOf(files.get(h.version)!.up) !== h.checksum,
      ),
      outOfOrder: newest === null ? [] : pending.filter((m) => m.version < newest),
      current: newest,
      ...(historyMissing && opts.createLater ? { historyMissing: true } : {}),
    };
  }

  /** Applies pending migrations, all or up to `target` (inclusive) or the first `count`. */
  async up(opts: RunOptions & { target?: string; count?: number }): Promise<Applied[]> {
    return (await this.upgrade(opts)).applied;
  }

  /**
   * `up`, and where the database stands after it (`current`, the versions still pending), known
   * inside the lock from the history read before and what was applied: `schemavc up` reports it
   * without reading the history (and hashing every up.sql) a second time. When another runner
   * applied some of them meanwhile (`skipped`, SQLite), the history is read again instead.
   */
  async upgrade(
    opts: RunOptions & { target?: string; count?: number },
  ): Promise<{ applied: Applied[]; current: string | null; pending: string[] }> {
    let before: State | undefined;
    let skipped = false;
    const applied = await this.upLocked(
      opts,
      (st) => {
        before = st;
      },
      () => {
        skipped = true;
      },
    );
    if (skipped || !before) {
      const st = await this.state();
      return { applied, current: st.current, pending: st.pending.map((m) => m.version) };
    }
    // A dry run applied nothing.
    const done = new Set(opts.dryRun ? [] : applied.map((a) => a.version));
    const current = [...done].reduce<string | null>(
      (max, v) => (max === null || v > max ? v : max),
      before.current,
    );
    return {
      applied,
      current,
      pending: before.pending.filter((m) => !done.has(m.version)).map((m) => m.version),
    };
  }

  private async upLocked(
    opts: RunOptions & { target?: string; count?: number },
    read: (st: State) => void,
    onSkipped: () => void,
  ): Promise<Applied[]> {
    return this.locked(opts, async () => {
      // A dry run changes nothing: not even the history table is created. Where DDL is
      // transactional, a missing history table is created in the first migration's
      // transaction (a commit less on a new database), or now when nothing is to be applied.
      this.createHistory = false;
      const st = await this.state(this.conn, {
        readOnly: opts.dryRun ?? false,
        createLater: this.dialect.capabilities.transactionalDdl,
      });
      read(st);
      refuseProblems(st, this.migrations);
      if (st.outOfOrder.length && !opts.allowOutOfOrder) await this.commuteOrRefuse(st, opts.events);
      let todo = st.pending;
      if (opts.target !== undefined) todo = todo.filter((m) => m.version <= opts.target!);
      if (opts.count !== undefined) todo = todo.slice(0, opts.count);
      const refused = opts.allowDataLoss ? undefined : this.guard?.(this.migrations, todo);
      if (refused) throw new RunnerError(refused.message, refused.hint);
      if (this.dialect.preflight && todo.length) {
        const bs = this.dialect.capabilities.backslashEscapes;
        try {
          await this.dialect.preflight(
            this.conn,
            todo.map((m) => ({ version: m.version, statements: splitSql(m.up, bs).statements })),
          );
        } catch (e) {
          if (e instanceof MigrationCheckError)
            throw new RunnerError(`${e.message}; nothing was applied`, e.hint);
          throw e;
        }
      }
      if (st.historyMissing && !opts.dryRun) {
        if (todo.length) this.createHistory = true;
        else await this.history.ensure(this.conn);
      }
      const out: Applied[] = [];
      for (const m of todo) {
        const r = await this.applyOne(m, opts);
        if (r?.skipped) onSkipped();
        else if (r) out.push(r);
      }
      return out;
    });
  }

  /** Rolls back the newest applied migrations: `count` of them, or down to `target` (exclusive; null = all). */
  async down(opts: RunOptions & { target?: string | null; count?: number }): Promise<Applied[]> {
    return this.locked(opts, async () => {
      const st = await this.state(this.conn, { readOnly: opts.dryRun ?? false });
      if (st.failed.length) throw failedError(st.failed[0]!);
      let todo = [...st.applied].reverse();
      if (opts.target !== undefined) {
        const target = opts.target;
        todo = todo.filter((h) => target === null || h.version > target);
      } else todo = todo.slice(0, opts.count ?? 1);
      const files = new Map(this.migrations.map((m) => [m.version, m]));
      // The file's down.sql when the folder has it (verified by the sum file), else the SQL
      // stored when it was applied: down works even where the migration files are gone.
      const rollbacks: Rollback[] = todo.map((h) => {
        const dir = files.get(h.version)?.dir;
        return {
          version: h.version,
          ...(dir !== undefined ? { dir } : {}),
          down: files.get(h.version)?.down ?? h.down_sql,
          stamped: isStamped(h),
        };
      });
      if (!opts.dryRun && !opts.allowDataLoss && this.rollbackGuard) {
        const loss = await this.rollbackGuard(this.conn, this.migrations, rollbacks);
        if (loss && (loss.baseline || !opts.confirmDataLoss)) throw new RunnerError(loss.message, loss.hint);
        if (loss && !(await opts.confirmDataLoss!(loss.message)))
          throw new RunnerError("the rollback was not confirmed: nothing was rolled back");
      }
      const out: Applied[] = [];
      for (const [k, h] of todo.entries()) {
        const sql = rollbacks[k]!.down;
        const r = await this.run(
          h.version,
          "down",
          sql,
          opts,
          async (ex) => {
            await this.history.delete(ex, h.version);
          },
          false,
          files.has(h.version) ? "down.sql" : "the down SQL stored in the history",
        );
        out.push(r);
      }
      return out;
    });
  }

  /**
   * Records `version` and all before it as applied without running them; later rows are removed.
   * Rows already applied keep their real times; a `failed` one at or before `version` becomes
   * applied (stamped): stamp says the database has it, as `resolve --applied` would.
   */
  async stamp(version: string | null, opts: RunOptions): Promise<string[]> {
    return this.locked(opts, async () => {
      const st = await this.state();
      const stamped: string[] = [];
      for (const h of st.history)
        if (version === null || h.version > version) await this.history.delete(this.conn, h.version);
      for (const h of st.failed) {
        if (version === null || h.version > version) continue;
        const m = this.migrations.find((x) => x.version === h.version);
        await this.history.update(this.conn, h.version, {
          status: "applied",
          failed_statement: null,
          error: null,
          duration_ms: STAMPED_MS,
          ...(m ? { checksum: checksumOf(m.up), up_sql: m.up, down_sql: m.down } : {}),
        });
        stamped.push(h.version);
      }
      const have = new Set(
        st.history.filter((h) => version !== null && h.version <= version).map((h) => h.version),
      );
      for (const m of this.migrations) {
        if (version === null || m.version > version || have.has(m.version)) continue;
        await this.history.insert(this.conn, historyRow(m, "applied", STAMPED_MS));
        stamped.push(m.version);
      }
      return stamped;
    });
  }

  /**
   * Settles a failed migration: `applied` records it as applied (the remaining statements were
   * run by hand), `rolled-back` removes its row (what it did was undone by hand). `applied` on an
   * applied migration whose file changed accepts the file as what the database has.
   */
  async resolve(version: string, as: "applied" | "rolled-back", opts: RunOptions): Promise<void> {
    await this.locked(opts, async () => {
      const st = await this.state();
      const h = st.history.find((x) => x.version === version);
      if (!h)
        throw new RunnerError(
          `migration ${version} has no row in the history: there is nothing to resolve`,
          "`schemavc status` lists failed migrations",
        );
      const m = this.migrations.find((x) => x.version === version);
      if (as === "rolled-back") {
        if (h.status !== "failed")
          throw new RunnerError(
            `migration ${version} is applied, not failed`,
            "to undo it, run `schemavc down`",
          );
        await this.history.delete(this.conn, version);
        return;
      }
      await this.history.update(this.conn, version, {
        status: "applied",
        failed_statement: null,
        error: null,
        ...(m ? { checksum: checksumOf(m.up), up_sql: m.up, down_sql: m.down } : {}),
      });
    });
  }

  /**
   * Unapplied migrations older than the newest applied one (a branch merged after another
   * branch's migration was applied here): each runs now if it commutes with every applied
   * migration after it, else `up` refuses, naming the objects both change.
   */
  private async commuteOrRefuse(st: State, events: RunnerEvents | undefined): Promise<void> {
    const check = this.outOfOrder;
    const applied = new Set(st.applied.map((h) => h.version));
    for (const m of st.outOfOrder) {
      const after = this.migrations.filter((x) => x.version > m.version && applied.has(x.version));
      const clash = await check?.(m, after);
      if (clash && !clash.length) {
        events?.outOfOrder?.(
          m.version,
          after.map((x) => x.version),
        );
        continue;
      }
      const names = after.map((x) => x.version).join(", ");
      const one = after.length === 1;
      throw new RunnerError(
        clash
          ? `migration ${m.version} is not applied, but ${names}, applied here before it, ${one ? "changes" : "change"} the same objects (${clash.join(", ")}): ${m.version} cannot run after ${one ? "it" : "them"} as written`
          : `migration ${m.version} is not applied but is older than the newest applied one (${st.current})`,
        clash
          ? `roll ${one ? "it" : "them"} back with \`schemavc down ${after.length}\`, then run \`schemavc up\` (every migration in order); --allow-out-of-order runs it anyway`
          : "it probably came from another branch: regenerate it after the others, or run with --allow-out-of-order",
      );
    }
  }

  private async locked<T>(opts: RunOptions, fn: () => Promise<T>): Promise<T> {
    const release = await this.dialect.lock(this.conn, opts.lockTimeoutMs, () => opts.events?.waiting?.());
    if (!release)
      throw new RunnerError(
        `another schemavc run held the migration lock for ${Math.round(opts.lockTimeoutMs / 1000)} s`,
        "wait for it to finish, or raise --lock-timeout",
      );
    try {
      return await fn();
    } finally {
      await release().catch(() => {});
    }
  }

  private async applyOne(m: Migration, opts: RunOptions): Promise<Applied | undefined> {
    return this.run(
      m.version,
      "up",
      m.up,
      opts,
      async (ex, ms) => {
        await this.history.insert(ex, historyRow(m, "applied", ms));
      },
      true,
    );
  }

  /**
   * Runs one migration's SQL. `record` writes the history change in the same transaction.
   * `recheck` (up): inside the transaction the history is read again, so on SQLite (whose lock
   * is the transaction) a runner that waited does not apply a migration twice. `source` names
   * where the SQL came from in a failure's message (`up.sql`, `down.sql`, the stored SQL).
   */
  private async run(
    version: string,
    direction: "up" | "down",
    text: string,
    opts: RunOptions,
    record: (ex: Executor, ms: number) => Promise<void>,
    recheck = false,
    source = direction === "up" ? "up.sql" : "down.sql",
  ): Promise<Applied> {
    const { statements, directives } = splitSql(text, this.dialect.capabilities.backslashEscapes);
    const sql = statements.map((s) => s.sql);
    if (opts.dryRun) return { version, ms: 0, sql };
    opts.events?.start?.(version, direction);
    const t0 = performance.now();
    const transactional = this.dialect.capabilities.transactionalDdl && !directives.has("no-transaction");
    const guard = this.dialect.guard;
    if (transactional) {
      await guard?.before(this.conn);
      try {
        let skipped = false;
        const creates = this.createHistory;
        await this.conn.transaction(async (tx) => {
          // The history table, when `up` found none: created with the first migration, so a
          // migration that fails leaves the database as it was, without the table.
          const rolledBack = `the transaction was rolled back: nothing of this ${direction === "up" ? "migration" : "rollback"} was applied`;
          if (creates) await historyStep(version, rolledBack, () => this.history.ensure(tx));
          // Where the transaction is the lock (SQLite), a runner that waited for it checks
          // again that nobody applied this migration meanwhile. Elsewhere the session lock,
          // held since before the history was read, already guarantees it.
          if (
            recheck &&
            this.dialect.capabilities.lockIsTransaction &&
            (await this.history.has(tx, version))
          ) {
            skipped = true;
            return;
          }
          const check = await guard?.enter(tx, sql);
          for (let i = 0; i < statements.length; i++) {
            opts.events?.statement?.(version, i + 1, statements.length);
            try {
              await tx.exec(statements[i]!.sql);
            } catch (e) {
              const err = statementError(version, i + 1, statements.length, statements[i]!.line, source, e);
              throw new RunnerError(
                err.message,
                joinHints(
                  err.hint,
                  `the transaction was rolled back: nothing of this ${direction === "up" ? "migration" : "rollback"} was applied`,
                ),
                err.detail,
              );
            }
          }
          try {
            await check?.();
          } catch (e) {
            if (e instanceof MigrationCheckError)
              throw new RunnerError(`migration ${version}: ${e.message}; nothing was applied`, e.hint);
            throw e;
          }
          // The duration is known before the history row is written: no second write later.
          await historyStep(version, rolledBack, () => record(tx, Math.round(performance.now() - t0)));
        });
        if (creates) this.createHistory = false;
        if (skipped) return { version, ms: 0, skipped: true };
      } finally {
        await guard?.after(this.conn).catch(() => {});
      }
    } else {
      // No transaction: progress is recorded after every statement, so a failure or a kill
      // leaves a row saying which statement did not complete.
      // A history write that fails before the first statement leaves everything as it was.
      const untouched = `nothing of it was run: fix the cause and run \`schemavc ${direction}\` again`;
      if (this.createHistory) {
        await historyStep(version, untouched, () => this.history.ensure(this.conn));
        this.createHistory = false;
      }
      const m = direction === "up" ? this.migrations.find((x) => x.version === version)! : undefined;
      const first = m && {
        ...historyRow(m, "failed", 0),
        failed_statement: 1,
        error: "interrupted before it completed",
      };
      // Where the connection can, each progress write travels with its statement, in one round
      // trip (`Connection.execAfter`: MySQL); the writes and their order are the same.
      const batched =
        this.conn.execAfter && this.history instanceof DatabaseHistory ? this.history : undefined;
      if (first && !statements.length)
        await historyStep(version, untouched, () => this.history.insert(this.conn, first));
      for (let i = 0; i < statements.length; i++) {
        opts.events?.statement?.(version, i + 1, statements.length);
        // Before statement i + 1, the row says it did not complete: the row itself before the
        // first; after the last the row turns `applied` at once (no progress write for that).
        const mark: ProgressMark | undefined = first
          ? i === 0
            ? { insert: first }
            : { update: { failed_statement: i + 1 } }
          : undefined;
        // Sent alone, the write fails outside the statement's `try`, as a history failure.
        if (mark && !batched)
          await historyStep(version, i === 0 ? untouched : partialHint(version, direction, i), () =>
            this.writeMark(version, mark),
          );
        try {
          if (mark && batched)
            await this.conn.execAfter!(
              mark.insert
                ? batched.insertStatement(mark.insert)
                : batched.updateStatement(version, mark.update),
              statements[i]!.sql,
            );
          else await this.conn.exec(statements[i]!.sql);
        } catch (e) {
          // Sent together, the one that failed is known from the row: a write that did not
          // take effect failed, and is reported as when it is sent alone.
          if (mark && batched && !(await this.markWritten(version, i)))
            throw historyError(version, i === 0 ? untouched : partialHint(version, direction, i), e);
          const err = statementError(version, i + 1, statements.length, statements[i]!.line, source, e);
          if (direction === "up")
            await this.history.update(this.conn, version, {
              status: "failed",
              failed_statement: i + 1,
              error: err.message,
            });
          throw new RunnerError(
            err.message,
            joinHints(err.hint, partialHint(version, direction, i)),
            err.detail,
          );
        }
      }
      const ms = Math.round(performance.now() - t0);
      const ran =
        direction === "up"
          ? `every statement of it was applied, but its history row does not say so: once ${HISTORY_TABLE} can be written, run \`schemavc resolve ${version} --applied\``
          : `every statement of the rollback was run, but the history still records ${version} as applied: once ${HISTORY_TABLE} can be written, record the rollback with \`schemavc stamp\` at the version before it`;
      await historyStep(version, ran, () =>
        direction === "up"
          ? this.history.update(this.conn, version, {
              status: "applied",
              failed_statement: null,
              error: null,
              duration_ms: ms,
              applied_at: nowText(),
            })
          : record(this.conn, ms),
      );
    }
    const ms = Math.round(performance.now() - t0);
    opts.events?.done?.(version, direction, ms);
    return { version, ms };
  }

  /** Writes a progress mark of a migration run outside a transaction. */
  private async writeMark(version: string, mark: ProgressMark): Promise<void> {
    if (mark.insert) await this.history.insert(this.conn, mark.insert);
    else await this.history.update(this.conn, version, mark.update);
  }

  /**
   * After a failure of statement `i + 1` sent with its progress mark: whether the mark took
   * effect (then the statement failed). The row inserted before the first statement exists; a
   * later mark set the statement's number (or found no row to update, which is no failure).
   * A history that cannot be read says no: the error is then thrown as it is.
   */
  private async markWritten(version: string, i: number): Promise<boolean> {
    try {
      const row = (await this.history.read(this.conn)).find((h) => h.version === version);
      return i === 0 ? row !== undefined : row === undefined || row.failed_statement === i + 1;
    } catch {
      return false;
    }
  }
}

/** A progress write before a statement of a migration run outside a transaction. */
type ProgressMark =
  | { readonly insert: HistoryRow; readonly update?: undefined }
  | { readonly insert?: undefined; readonly update: Partial<HistoryRow> };

/** The history row of a migration as the runner writes it (its applied time now). */
export function historyRow(m: Migration, status: "applied" | "failed", ms: number): HistoryRow {
  return {
    version: m.version,
    name: m.name,
    checksum: checksumOf(m.up),
    up_sql: m.up,
    down_sql: m.down,
    status,
    failed_statement: null,
    error: null,
    applied_at: nowText(),
    duration_ms: ms,
  };
}

/**
 * A history write during the run of `version` (the table created, the row inserted, advanced,
 * marked applied or deleted), whose failure is the database's refusal (a permission, a trigger, a full disk)
 * rather than a bug: a RunnerError naming the table, with `outcome` (what became of the
 * migration) as the hint.
 */
async function historyStep<T>(version: string, outcome: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw e instanceof SchemavcError ? e : historyError(version, outcome, e);
  }
}

function historyError(version: string, outcome: string, e: unknown): RunnerError {
  const db = databaseError(e);
  return new RunnerError(
    `migration ${version}: writing its row in ${HISTORY_TABLE} failed: ${db.message}`,
    joinHints(
      outcome,
      `check that this database user may write ${HISTORY_TABLE}, and that no trigger or policy refuses the write`,
    ),
    db.detail,
  );
}

/** A driver's error as the runner reports it: its message's first line, its hint and detail when given. */
function databaseError(e: unknown): { message: string; hint?: string; detail?: string } {
  const info = (e ?? {}) as DatabaseErrorInfo;
  return {
    message: String(info.message ?? e).split("\n")[0]!,
    ...(typeof info.hint === "string" && info.hint ? { hint: info.hint } : {}),
    ...(typeof info.detail === "string" && info.detail ? { detail: info.detail } : {}),
  };
}

/**
 * A statement that failed, named by its number, its file and line (`source`: up.sql, down.sql
 * or the stored down SQL), with the database's message; its own detail and hint, when it gives
 * them (PostgreSQL names the views that block an `ALTER ... TYPE`), are passed on.
 */
function statementError(
  version: string,
  n: number,
  total: number,
  line: number,
  source: string,
  e: unknown,
): RunnerError {
  const db = databaseError(e);
  const where = source.endsWith(".sql") ? `${source} line ${line}` : `${source}, line ${line}`;
  return new RunnerError(
    `migration ${version} failed at statement ${n} of ${total} (${where}): ${db.message}`,
    db.hint,
    db.detail,
  );
}

/**
 * What to do after a statement failed where DDL is not transactional. "Statements before it
 * were applied" only when some were (`index` > 0): after a first statement that failed, the
 * database is as it was.
 */
function partialHint(version: string, direction: "up" | "down", index: number): string {
  if (direction === "down")
    return index > 0
      ? `the statements before it were run and cannot be undone on this database; the migration is still recorded as applied: finish the rollback by hand, then record it with \`schemavc stamp\` at the version before ${version}`
      : "nothing of the rollback was run: the database and its history are as they were; fix the cause and run `schemavc down` again";
  return index > 0
    ? `statements before it were applied and cannot be rolled back on this database; finish or undo the rest by hand, then run \`schemavc resolve ${version} --applied\` or \`--rolled-back\``
    : `no statement of it was applied; fix the cause, then run \`schemavc resolve ${version} --rolled-back\` and \`schemavc up\` again`;
}

const joinHints = (a: string | undefined, b: string): string => (a ? `${a}; ${b}` : b);

/**
 * A failed migration that blocks the next run. The stored error is the failure's whole message
 * (`migration V failed at statement N of M (up.sql line L): ...`): it is shown as it is, not
 * wrapped in a second "migration V failed at statement N" around it.
 */
function failedError(h: HistoryRow): RunnerError {
  const whole = h.error?.startsWith(`migration ${h.version} failed at statement `);
  return new RunnerError(
    whole ? `${h.error}; it is not resolved` : `${failureText(h)} and is not resolved`,
    `finish or undo it by hand, then run \`schemavc resolve ${h.version} --applied\` or \`schemavc resolve ${h.version} --rolled-back\``,
  );
}

/**
 * How a failed row reads, once: its stored error when that is the failure's whole message
 * (`migration V failed at statement N of M (up.sql line L): ...`), else built around it.
 */
export function failureText(h: HistoryRow): string {
  if (h.error?.startsWith(`migration ${h.version} failed at statement `)) return h.error;
  return `migration ${h.version} failed at statement ${h.failed_statement ?? "?"}${h.error ? ` (${h.error})` : ""}`;
}

function refuseProblems(st: State, migrations: readonly Migration[]): void {
  if (st.failed.length) throw failedError(st.failed[0]!);
  if (st.edited.length) {
    const v = st.edited[0]!.version;
    throw new RunnerError(
      `migration ${v} was applied, but its up.sql has changed since`,
      `restore migrations/${v}/up.sql from version control; if the database really has the edited version, run \`schemavc resolve ${v} --applied\` to record it`,
    );
  }
  if (st.missing.length) {
    const vs = st.missing.map((h) => h.version);
    // `schemavc merge` regenerated a branch's migrations that overlapped the other branch's:
    // the new migration names those it replaces, which this database applied before the merge.
    for (const m of migrations) {
      const gone = replacedBy(m.up).filter((v) => vs.includes(v));
      if (!gone.length) continue;
      const one = gone.length === 1;
      throw new RunnerError(
        `this database applied ${gone.join(", ")} before \`schemavc merge\` replaced ${one ? "it" : "them"} with ${m.version}: ${one ? "it changes" : "they change"} objects that the other branch's migrations change too, so ${one ? "it" : "they"} cannot stay under them as ${one ? "it was" : "they were"} written`,
        `roll ${one ? "it" : "them"} back with \`schemavc down ${gone.length}\` (the down SQL stored when ${one ? "it was" : "they were"} applied is used), then run \`schemavc up\``,
      );
    }
    throw new RunnerError(
      `the database has applied migration${vs.length > 1 ? "s" : ""} ${vs.join(", ")} that the migrations folder does not have`,
      "check out the branch that has them, or roll them back with `schemavc down` (the stored down SQL is used)",
    );
  }
}
