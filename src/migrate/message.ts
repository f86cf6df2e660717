/**
 * The message a migration was written with (`generate -m MSG`), read back from the first line
 * of its SQL file's header (`-- schemavc up migration VERSION: MESSAGE`, as `sqlFile` in
 * src/diff/plan.ts writes it); undefined for a file with no such header (written by hand, or by
 * another tool). Here, not beside the writer: `history` reads it and never loads the planner.
 */
export function messageOfSqlFile(text: string): string | undefined {
  const end = text.indexOf("\n");
  const first = (end < 0 ? text : text.slice(0, end)).trimEnd();
  return /^-- schemavc (?:up|down) migration \S+: (.+)$/.exec(first)?.[1];
}
