/**
 * The one base class of errors a person can act on: a message, an exit code and a hint.
 * Library code of every stage throws these (or subclasses of them, or returns diagnostics);
 * only `main.ts` turns them into an `error:` line and a process exit.
 */
export class SchemavcError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 | 3 = 1,
    readonly hint?: string,
    /** More about what failed (the database's own detail), printed on a line of its own. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = "SchemavcError";
  }
}

/** Bad usage: an unknown flag, a missing argument. Exit code 2. */
export class UsageError extends SchemavcError {
  constructor(message: string, hint?: string) {
    super(message, 2, hint);
    this.name = "UsageError";
  }
}
