/**
 * Where a `sqlite:` URL points, apart from the driver (which loads libSQL): the commands that
 * look at the file before connecting (`lint` asks whether it exists, `--targets-glob` expands a
 * pattern) read it the same way the driver opens it.
 */

/**
 * The file a `sqlite:` URL names, relative paths from the working directory:
 * - `sqlite:PATH` (schemavc's own, `sqlite:./dev.db`, `sqlite:/srv/app.db`) and `sqlite://PATH`
 *   are PATH;
 * - SQLAlchemy's `sqlite:///PATH` is the relative PATH (`sqlite:///dev.db` is `./dev.db`, never
 *   `/dev.db`), `sqlite:////PATH` the absolute `/PATH`, `sqlite://` alone and
 *   `sqlite:///:memory:` an in-memory database;
 * - a query string (pysqlite's `?check_same_thread=false`, `timeout=`) is the Python driver's
 *   and is ignored (libSQL refuses parameters it does not know).
 */
export function sqlitePath(url: string): string {
  const rest = url.replace(/^sqlite:/i, "").replace(/\?.*$/s, "");
  if (rest === "//" || rest === "") return ":memory:";
  // Three slashes: SQLAlchemy's empty host, then the path as written (a fourth slash makes it absolute).
  if (rest.startsWith("///")) return rest.slice(3);
  return rest.startsWith("//") ? rest.slice(2) : rest;
}
