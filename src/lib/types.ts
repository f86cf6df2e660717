/**
 * The options of the library (src/lib/index.ts), public types of the npm package: each is the
 * command's flag of the same name in camelCase. Self-contained (no imports), so the package's
 * .d.ts is this file as it stands. The results are the commands' `--json` documents
 * (src/cli/results.ts).
 */

/** Where the project is and which database: the CLI's global options. */
export interface ProjectOptions {
  /**
   * The folder to work in, as the CLI's working folder: schemavc.toml is the nearest one here
   * or above, `.env` is read here, relative paths are relative to it (default: process.cwd()).
   */
  readonly cwd?: string;
  /** `--config FILE`: the path of schemavc.toml (relative to `cwd`). */
  readonly config?: string;
  /** `--env NAME`: the config's `[env.NAME]` settings (default: SCHEMAVC_ENV). */
  readonly env?: string;
  /**
   * What the command would print as warnings or notes on stderr (schema diagnostics, rename
   * warnings, lint findings), one call per message; by default they are dropped. Nothing is
   * ever printed by the library itself.
   */
  readonly onWarning?: (text: string) => void;
}

/** Options of the commands that talk to a database. */
export interface DatabaseOptions extends ProjectOptions {
  /** `--url URL`: the database (default: the environment's url, DATABASE_URL, `.env`, the config's url). */
  readonly url?: string;
  /** `--connect-timeout`: seconds to wait for the connection (default 10). */
  readonly connectTimeout?: number;
  /** `--lock-timeout`: seconds to wait for another run's migration lock (default 60). */
  readonly lockTimeout?: number;
}

/** `schemavc up`: every pending migration, or up to `to`, or the next `count`. */
export interface UpgradeOptions extends DatabaseOptions {
  /** `--to VERSION`: the last migration to apply (a version, a unique prefix, or `head`). */
  readonly to?: string;
  /** `up N`: apply only the next N pending migrations. */
  readonly count?: number;
  /** `--dry-run`: change nothing; the result lists what would run, with its statements. */
  readonly dryRun?: boolean;
  /** `--allow-out-of-order`: apply an unapplied migration older than the newest applied one. */
  readonly allowOutOfOrder?: boolean;
  /** `--allow-data-loss`: run statements the data-loss guard would refuse. */
  readonly allowDataLoss?: boolean;
}

/** `schemavc down`: the newest applied migration, or `count` of them, or back to `to`. */
export interface DowngradeOptions extends DatabaseOptions {
  /** `down VERSION` / `--to VERSION`: roll back every migration after it; `base` (or null): all. */
  readonly to?: string | null;
  /** `down N`: roll back the newest N applied migrations (default 1). */
  readonly count?: number;
  readonly dryRun?: boolean;
  /**
   * `--allow-data-loss`: roll back a migration whose down SQL drops tables or columns. A
   * library run never asks: without it such a rollback is refused (an error).
   */
  readonly allowDataLoss?: boolean;
}

/** `schemavc generate -m MESSAGE`. */
export interface GenerateOptions extends ProjectOptions {
  /** `-m`: the migration's message (its folder's name); needed unless `amend`. */
  readonly message?: string;
  /** `--empty`: a migration of no statements (a data migration to write by hand). */
  readonly empty?: boolean;
  /** `--amend`: rewrite the newest migration instead (refused when a database has applied it). */
  readonly amend?: boolean;
  /** `--erd`: also write erd.md, a Mermaid diagram of the new schema, into the folder. */
  readonly erd?: boolean;
  /** `--url`: the database `amend` checks for the migration (default: as for the other commands). */
  readonly url?: string;
}
