/**
 * Runs rendered statements on a test database the way the runner does: on SQLite with foreign
 * keys off around the transaction and `PRAGMA foreign_key_check` before commit (the rebuild
 * trap in ../shared/architecture.md), in one transaction where DDL is transactional.
 */
import type { Connection } from "../../src/dialects/dialect.ts";

export async function applyStatements(c: Connection, statements: readonly string[]): Promise<void> {
  if (c.dialect === "mysql") {
    for (const s of statements) await c.exec(s);
    return;
  }
  if (c.dialect === "sqlite") await c.exec("PRAGMA foreign_keys = OFF");
  try {
    await c.transaction(async (tx) => {
      for (const s of statements) await tx.exec(s);
      if (c.dialect === "sqlite") {
        const bad = await tx.query("PRAGMA foreign_key_check");
        if (bad.length) throw new Error(`foreign key violations after the migration: ${JSON.stringify(bad.slice(0, 3))}`);
      }
    });
  } finally {
    if (c.dialect === "sqlite") await c.exec("PRAGMA foreign_keys = ON");
  }
}
