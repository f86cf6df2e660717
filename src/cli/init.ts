/**
 * `schemavc init`: writes `schemavc.toml`, a `schema/` folder with a starter `.schema` file and
 * an empty `migrations/` folder. With no flags the project uses the embedded SQLite default, so
 * `generate` and `up` work with no server. Never overwrites: an existing file is an error.
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { str, type Context } from "./context.ts";
import { CONFIG_FILE } from "../project/config.ts";
import { SchemavcError, UsageError } from "../core/errors.ts";
import { DIALECT_NAMES, type DialectName } from "../dialects/dialect.ts";
import { redactUrl } from "../dialects/url.ts";

const DEFAULT_URLS: Record<DialectName, string> = {
  sqlite: "sqlite:./dev.db",
  postgres: "postgres://postgres@127.0.0.1:5432/postgres",
  mysql: "mysql://root@127.0.0.1:3306/app",
};

const STARTER = `/// People who can sign in.
table users {
  id          bigint        primary key identity
  email       varchar(255)  unique
  name        text?
  created_at  timestamptz   default now()
}
`;

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

export async function run(ctx: Context): Promise<number> {
  const dialect = (str(ctx, "dialect") ?? "sqlite") as DialectName;
  if (!DIALECT_NAMES.includes(dialect))
    throw new UsageError(`unknown dialect \`${dialect}\``, `use one of ${DIALECT_NAMES.join(", ")}`);
  const url = str(ctx, "url") ?? DEFAULT_URLS[dialect];
  const configPath = join(ctx.cwd, str(ctx, "config") ?? CONFIG_FILE);
  if (await exists(configPath))
    throw new SchemavcError(
      `${CONFIG_FILE} already exists here: this project is initialised`,
      1,
      "edit it, or run init in another folder",
    );
  const schemaFile = join(ctx.cwd, "schema", "schema.schema");
  const written: string[] = [];
  await writeFile(
    configPath,
    [
      "# schemavc project settings: https://github.com/schemavc (see README)",
      `dialect = "${dialect}"`,
      `schema = "schema"`,
      `migrations = "migrations"`,
      "# The connection: --url, then DATABASE_URL (also from .env), then this.",
      `url = "${url.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`,
      "",
    ].join("\n"),
  );
  written.push(CONFIG_FILE);
  if (!(await exists(join(ctx.cwd, "schema")))) {
    await mkdir(join(ctx.cwd, "schema"), { recursive: true });
    await writeFile(schemaFile, STARTER);
    written.push("schema/schema.schema");
  }
  await mkdir(join(ctx.cwd, "migrations"), { recursive: true });
  written.push("migrations/");
  ctx.report.json({ dialect, url: redactUrl(url), files: written });
  ctx.report.note(`initialised a ${dialect} project (${redactUrl(url)}):`);
  for (const f of written) ctx.report.note(`  ${f}`);
  ctx.report.note("");
  ctx.report.note('next: edit schema/schema.schema, then `schemavc generate -m "initial"` and `schemavc up`');
  return 0;
}
