/**
 * The JSON documents the database commands print with `--json` (/work/shared/cli-contract.md),
 * as types: each command's `ctx.report.json(...)` `satisfies` its type, and the library
 * (src/lib/) returns them as its results. Self-contained (no imports): the npm package's
 * .d.ts is this file as it stands.
 */

/** `up --json`. */
export interface UpgradeResult {
  readonly dryRun?: undefined;
  /** The migrations applied now, in order, with the milliseconds each took. */
  readonly applied: readonly { readonly version: string; readonly ms: number }[];
  /** The version the database is at now; null: base (nothing applied). */
  readonly current: string | null;
  /** What is still pending (with `to` or `count`). */
  readonly pending: readonly string[];
}

/** `up --dry-run --json`. */
export interface UpgradeDryRun {
  readonly dryRun: true;
  readonly pending: readonly { readonly version: string; readonly statements: readonly string[] }[];
}

/** `down --json`. */
export interface DowngradeResult {
  readonly dryRun?: undefined;
  readonly rolledBack: readonly { readonly version: string; readonly ms: number }[];
  readonly current: string | null;
}

/** `down --dry-run --json`. */
export interface DowngradeDryRun {
  readonly dryRun: true;
  readonly rollback: readonly { readonly version: string; readonly statements: readonly string[] }[];
}

/** `status --json`. */
export interface StatusResult {
  readonly current: string | null;
  readonly pending: readonly string[];
  /** Migrations that failed part-way (settle with `schemavc resolve`). */
  readonly failed: readonly {
    readonly version: string;
    /** The 1-based statement that failed. */
    readonly statement: number | null;
    readonly error: string | null;
  }[];
  /** Where the database differs from the snapshot of its current version; null: not checked. */
  readonly drift:
    | readonly {
        readonly kind: string;
        readonly description: string;
        readonly table?: string;
        readonly column?: string;
        readonly enum?: string;
        readonly name?: string;
      }[]
    | null;
  /**
   * History `up` would refuse: edited after applied, missing from the folder, out of order (with
   * `commutes`: whether `up` applies it anyway, as it changes nothing those applied after it change).
   */
  readonly problems: readonly {
    readonly version: string;
    readonly problem: string;
    readonly commutes?: boolean;
  }[];
}

/** `current --json`. */
export interface CurrentResult {
  /** null: base (nothing applied). */
  readonly current: string | null;
}

/** One finding of `schemavc lint` on the migration just written. */
export interface LintFinding {
  readonly rule: string;
  readonly severity: string;
  readonly file: string;
  readonly line: number;
  readonly statement: string;
  readonly message: string;
  readonly why: string;
  readonly fix: string;
  readonly silenced: boolean;
  readonly table?: string;
}

/** `generate --json`. `version` null: no changes, nothing written. */
export interface GenerateResult {
  readonly version: string | null;
  /** With `amend`: the version rewritten. */
  readonly amended?: string;
  /** The migration's folder, relative to `cwd`. */
  readonly dir?: string;
  readonly erd?: string;
  /** With `empty`. */
  readonly empty?: true;
  /** The changes, described. */
  readonly changes: readonly string[];
  /** Data-loss warnings. */
  readonly warnings: readonly string[];
  readonly findings?: readonly LintFinding[];
}
