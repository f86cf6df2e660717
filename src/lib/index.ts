/**
 * schemavc from application code (the npm package's entry, `import { upgrade } from "schemavc"`):
 * an application runs its migrations at start-up or in test set-up, as Flask-Migrate's
 * `upgrade()` or drizzle's `migrate()` do.
 *
 * One implementation: each function runs the CLI command itself (src/cli/*.ts) with the
 * options as its flags, through a Reporter that prints nothing (`sink`) and never asks a
 * question (`interactive: false`), and returns the JSON document that `--json` prints. A
 * failure is thrown as the SchemavcError the CLI would report (message, hint, exitCode);
 * nothing here prints or exits. Runs on Bun and on Node 20+.
 */
import { resolve } from "node:path";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { findCommand, GLOBAL_OPTIONS } from "../cli/registry.ts";
import { Reporter } from "../cli/report.ts";
import { VERSION } from "../version.ts";
import type {
  DatabaseOptions,
  DowngradeOptions,
  GenerateOptions,
  ProjectOptions,
  UpgradeOptions,
} from "./types.ts";
import type {
  CurrentResult,
  DowngradeDryRun,
  DowngradeResult,
  GenerateResult,
  StatusResult,
  UpgradeDryRun,
  UpgradeResult,
} from "../cli/results.ts";

export type * from "./types.ts";
export type * from "../cli/results.ts";
export { SchemavcError, UsageError, VERSION };

/** Applies pending migrations (`schemavc up`); returns what `up --json` prints. */
export function upgrade(options: UpgradeOptions & { readonly dryRun: true }): Promise<UpgradeDryRun>;
export function upgrade(options?: UpgradeOptions & { readonly dryRun?: false }): Promise<UpgradeResult>;
export function upgrade(options?: UpgradeOptions): Promise<UpgradeResult | UpgradeDryRun>;
export async function upgrade(options: UpgradeOptions = {}): Promise<UpgradeResult | UpgradeDryRun> {
  const { to, count, dryRun, allowOutOfOrder, allowDataLoss, ...db } = options;
  return run<UpgradeResult | UpgradeDryRun>("up", db, count !== undefined ? [countArg(count)] : [], {
    to,
    "dry-run": dryRun,
    "allow-out-of-order": allowOutOfOrder,
    "allow-data-loss": allowDataLoss,
  });
}

/** Rolls back applied migrations (`schemavc down`, default the newest one); returns `down --json`. */
export function downgrade(options: DowngradeOptions & { readonly dryRun: true }): Promise<DowngradeDryRun>;
export function downgrade(options?: DowngradeOptions & { readonly dryRun?: false }): Promise<DowngradeResult>;
export function downgrade(options?: DowngradeOptions): Promise<DowngradeResult | DowngradeDryRun>;
export async function downgrade(options: DowngradeOptions = {}): Promise<DowngradeResult | DowngradeDryRun> {
  const { to, count, dryRun, allowDataLoss, ...db } = options;
  // `down base` and `down VERSION` are positionals; `to: null` is base.
  const positionals =
    to === null ? ["base"] : to !== undefined ? [to] : count !== undefined ? [countArg(count)] : [];
  if (to !== undefined && count !== undefined)
    throw new UsageError("downgrade takes `to` or `count`, not both");
  return run<DowngradeResult | DowngradeDryRun>("down", db, positionals, {
    "dry-run": dryRun,
    "allow-data-loss": allowDataLoss,
  });
}

/**
 * Where the database stands (`schemavc status`): current version, pending and failed
 * migrations, history problems and drift. Returns the report; it does not throw because
 * something is pending (the CLI's exit 3): look at `pending`, `failed`, `problems`, `drift`.
 */
export async function status(options: DatabaseOptions = {}): Promise<StatusResult> {
  return run<StatusResult>("status", options, [], {});
}

/** The database's current version (`schemavc current`); `current: null` is base. */
export async function current(options: DatabaseOptions = {}): Promise<CurrentResult> {
  return run<CurrentResult>("current", options, [], {});
}

/** Writes the next migration from the schema files (`schemavc generate -m MESSAGE`). */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const { message, empty, amend, erd, ...project } = options;
  return run<GenerateResult>("generate", project, [], { message, empty, amend, erd });
}

const countArg = (n: number): string => {
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`count must be a whole number ≥ 1, not ${n}`);
  return String(n);
};

/**
 * Runs command `name` as `schemavc NAME --json` would, with `project` as its global and
 * database options and `own` as its own flags (undefined: not given), and returns its JSON
 * document. Anything it would write on stderr goes to `onWarning`; stdout is dropped.
 */
async function run<T>(
  name: string,
  project: ProjectOptions & Partial<Omit<DatabaseOptions, keyof ProjectOptions>>,
  positionals: readonly string[],
  own: Readonly<Record<string, string | boolean | undefined>>,
): Promise<T> {
  const startedAt = performance.now();
  const cmd = findCommand(name);
  if (!cmd) throw new Error(`schemavc: no command ${name}`); // a bug: the names above are fixed
  const { cwd, config, env, url, connectTimeout, lockTimeout, onWarning } = project;
  const given: Record<string, string | boolean | undefined> = {
    config,
    env,
    url,
    "connect-timeout": seconds("connectTimeout", connectTimeout),
    "lock-timeout": seconds("lockTimeout", lockTimeout),
    ...own,
  };
  const known = { ...GLOBAL_OPTIONS, ...cmd.options };
  const values: Record<string, string | boolean> = { json: true };
  for (const [flag, v] of Object.entries(given)) {
    if (v === undefined || v === false) continue;
    // An option the command lacks (`lockTimeout` to generate): the CLI would refuse the flag.
    if (!known[flag]) throw new UsageError(`${name} takes no --${flag}`);
    if (typeof v !== known[flag]!.type)
      throw new UsageError(`--${flag} of ${name} takes a ${known[flag]!.type}, not ${typeof v}`);
    values[flag] = v;
  }
  const report = new Reporter({
    json: true,
    color: false,
    quiet: true,
    sink: {
      out: () => {},
      err: (text) => onWarning?.(text.replace(/\n$/, "")),
    },
  });
  const mod = await cmd.load();
  await mod.run({
    command: cmd.name,
    values,
    positionals,
    report,
    cwd: resolve(cwd ?? process.cwd()),
    interactive: false,
    startedAt,
  });
  const doc = report.document;
  if (doc === undefined) throw new SchemavcError(`${name} gave no result`); // a bug in the command
  return doc as T;
}

/** A number of seconds as the CLI's flag text; undefined stays unset. */
function seconds(option: string, v: number | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new UsageError(`${option} takes seconds (a number ≥ 0), not ${String(v)}`);
  return String(v);
}
