/**
 * Generates a large, realistic, deterministic schema for benchmarks:
 * `bun scripts/gen-schema.ts [TABLES=1000] [COLUMNS=20] [--variant N]` prints it on stdout.
 * A variant changes about 100 places (new columns, changed types, dropped indexes, a new table)
 * so that two variants make a realistic diff.
 */
export function generateSchema(tables = 1000, columns = 20, variant = 0): string {
  const out: string[] = ["enum status { active, suspended, closed }", ""];
  const types = [
    "bigint",
    "int",
    "text",
    "varchar(120)",
    "bool",
    "timestamptz",
    "decimal(12,2)",
    "date",
    "jsonb",
    "uuid",
  ];
  for (let t = 0; t < tables; t++) {
    const changed = variant > 0 && t % Math.max(1, Math.floor(tables / 100)) === 0;
    out.push(`/// Table number ${t}.`);
    out.push(`table t${t} {`);
    out.push(`  id          bigint        primary key identity`);
    if (t > 0) out.push(`  parent_id   bigint?       references t${t - 1}(id) on delete set null`);
    out.push(`  status      status        default 'active'`);
    for (let c = 0; c < columns - 3; c++) {
      let type = types[(t + c) % types.length]!;
      if (changed && c === 0) type = type === "text" ? "varchar(200)" : "text";
      out.push(
        `  c${c}${" ".repeat(10 - String(c).length)}${type}${(t + c) % 3 === 0 ? "?" : ""}${c === 1 ? " default 0" : ""}`
          .replace(/text default 0/, "text default '0'")
          .replace(/bool(\??) default 0/, "bool$1 default false")
          .replace(/timestamptz(\??) default 0/, "timestamptz$1 default now()")
          .replace(/date(\??) default 0/, "date$1 default current_date()")
          .replace(/jsonb(\??) default 0/, "jsonb$1 default '{}'")
          .replace(/uuid(\??) default 0/, "uuid$1 default gen_uuid()"),
      );
    }
    if (changed) out.push(`  added_${variant}  text?`);
    out.push("");
    if (!(changed && variant > 0)) out.push(`  index (c0)`);
    out.push(`  index t${t}_recent (status, c2 desc) where (status = 'active')`);
    out.push(`  check (c1 is not null)`);
    out.push("}");
    out.push("");
  }
  if (variant > 0) out.push(`table added_in_variant_${variant} {\n  id  bigint  primary key identity\n}\n`);
  return out.join("\n");
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const vi = args.indexOf("--variant");
  const variant = vi >= 0 ? Number(args.splice(vi, 2)[1]) : 0;
  process.stdout.write(generateSchema(Number(args[0] ?? 1000), Number(args[1] ?? 20), variant));
}
