/**
 * Runs rendered statements on a test database the way the runner does: in one transaction
 * where DDL is transactional, inside the dialect's migration guard (SQLite: foreign keys off
 * around the transaction, triggers kept, views and `PRAGMA foreign_key_check` checked before
 * commit — the rebuild trap in ../shared/architecture.md).
 */
import type { Connection } from "../../src/dialects/dialect.ts";
import { getDialect } from "../../src/dialects/registry.ts";

export async function applyStatements(c: Connection, statements: readonly string[]): Promise<void> {
  const dialect = await getDialect(c.dialect);
  if (!dialect.capabilities.transactionalDdl) {
    for (const s of statements) await c.exec(s);
    return;
  }
  await dialect.guard?.before(c);
  try {
    await c.transaction(async (tx) => {
      const check = await dialect.guard?.enter(tx, statements);
      for (const s of statements) await tx.exec(s);
      await check?.();
    });
  } finally {
    await dialect.guard?.after(c);
  }
}
