/**
 * What MySQL/MariaDB cannot express (errors) or ignores (warnings). Checked on MariaDB 10.11:
 * it silently drops `ON DELETE/UPDATE SET DEFAULT` from a foreign key (so schemavc refuses it
 * rather than lose the action), and has no expression indexes. What an index can hold is read
 * from the capabilities, which the renderer follows too.
 */
import { validateSequencesAndDomains } from "../common/validate-objects.ts";
import { keyPrefixLengths, type Schema, type Table, TEXT_TYPES } from "../../ir/model.ts";
import { CAPABILITIES } from "./capabilities.ts";
import { validateMysqlPartitions } from "./partitions.ts";
import type { Diagnostic } from "../../ir/diagnostics.ts";
import {
  dialectError,
  dialectWarning,
  validateCollations,
  validateIdentity,
  validatePortable,
  validateTableOptions,
  validateConstraintClauses,
  validateExclusions,
  validateIndexEntries,
  validateItemComments,
} from "../common/validate.ts";
import { isBlobLike, TEXT_PREFIX } from "./types.ts";
import { CAPABILITIES as caps, INDEX_KINDS } from "./capabilities.ts";
import { createsIndex } from "../dialect.ts";

/** InnoDB's limit on an index key, in bytes, with utf8mb4 (4 bytes a character). */
const MAX_KEY_BYTES = 3072;

export function validateMysql(schema: Schema): Diagnostic[] {
  const out: Diagnostic[] = validatePortable(schema, CAPABILITIES, "MySQL/MariaDB");
  for (const t of schema.tables) {
    // MariaDB refuses NULL and NOT NULL on a generated column: it is always nullable there.
    for (const c of t.columns)
      if (c.generated && !c.nullable)
        out.push(
          dialectError(
            "mysql-generated-not-null",
            `MariaDB has no NOT NULL generated columns (\`${t.name}.${c.name}\`)`,
            c.src,
            "make it nullable: `type?`",
            "type",
          ),
        );
    const col = (n: string) => t.columns.find((c) => c.name === n);
    /** `lengths`: the prefix lengths written on an index's entries (a key holds that much). */
    const keyColumns = (
      what: string,
      cols: readonly string[],
      src: Table["src"],
      prefixOk = false,
      lengths: ReadonlyMap<string, number> = new Map(),
    ) => {
      let bytes = 0;
      for (const n of cols) {
        const c = col(n);
        if (!c) continue;
        const length = lengths.get(n);
        if (length !== undefined) {
          // MySQL takes a prefix of a string or binary column only.
          if (c.type.kind === "portable" && !isBlobLike(c.type) && !TEXT_TYPES.has(c.type.name))
            out.push(
              dialectError(
                "mysql-prefix-type",
                `MySQL indexes a prefix of string columns only; \`${t.name}.${n}\` is \`${c.type.name}\``,
                src,
                `write \`${n}\` without \`(${length})\``,
              ),
            );
          bytes += 4 * length;
          continue;
        }
        if (isBlobLike(c.type) && prefixOk) {
          bytes += 4 * TEXT_PREFIX;
          continue;
        }
        if (isBlobLike(c.type))
          out.push(
            dialectError(
              "mysql-key-type",
              `MySQL cannot use ${c.type.kind === "portable" ? c.type.name : "this"} column \`${t.name}.${n}\` in ${what}`,
              src,
              "make it `varchar(n)` (a key needs a bounded length)",
              `column:${n}`,
            ),
          );
        if (c.type.kind === "portable" && (c.type.name === "varchar" || c.type.name === "char"))
          bytes += 4 * (c.type.args?.[0] ?? 0);
        else bytes += 8;
      }
      if (bytes > MAX_KEY_BYTES)
        out.push(
          dialectError(
            "mysql-key-length",
            `${what} of \`${t.name}\` is ${bytes} bytes long; InnoDB keys stop at ${MAX_KEY_BYTES}`,
            src,
            "shorten the varchar columns in it",
          ),
        );
    };
    if (t.primaryKey)
      keyColumns(
        "a primary key",
        t.primaryKey.columns,
        t.primaryKey.src,
        false,
        keyPrefixLengths(t.primaryKey),
      );
    for (const u of t.uniques)
      keyColumns(`unique constraint \`${u.name}\``, u.columns, u.src, false, keyPrefixLengths(u));
    for (const i of t.indexes) {
      // FULLTEXT and SPATIAL indexes hold whole columns, with no key length limit.
      if (i.using && INDEX_KINDS.includes(i.using)) {
        if (i.unique)
          out.push(
            dialectError(
              "mysql-index-kind",
              `MySQL has no unique ${i.using} index (\`${i.name}\`)`,
              i.src,
              "drop `unique`",
            ),
          );
        for (const p of i.parts) {
          const c = p.kind === "column" ? col(p.column) : undefined;
          const text =
            c &&
            (c.type.kind === "portable"
              ? TEXT_TYPES.has(c.type.name)
              : c.type.kind === "native" && /char|text/i.test(c.type.name));
          if (i.using === "fulltext" && (p.kind === "expression" || (c && !text && c.type.kind !== "native")))
            out.push(
              dialectError(
                "mysql-index-kind",
                `a fulltext index holds text columns; \`${i.name}\` has ${p.kind === "column" ? `\`${p.column}\`` : "an expression"}`,
                i.src,
                "index `text`, `varchar` or `char` columns",
              ),
            );
        }
        continue;
      }
      keyColumns(
        `${i.unique ? "unique " : ""}index \`${i.name}\``,
        i.parts.flatMap((p) => (p.kind === "column" ? [p.column] : [])),
        i.src,
        !i.unique,
        keyPrefixLengths(i),
      );
      // Not created at all, so its `where` is not reported too.
      const dropped = !createsIndex(caps, i);
      if (dropped && i.unique)
        out.push(
          dialectError(
            "mysql-expression-index",
            `MariaDB cannot index an expression (unique index \`${i.name}\`)`,
            i.src,
            "index a column instead, or a generated column that holds the expression",
          ),
        );
      else if (dropped)
        out.push(
          dialectWarning(
            "mysql-expression-index",
            `MariaDB cannot index an expression: index \`${i.name}\` is not created on MySQL/MariaDB`,
            i.src,
            "index a generated column that holds the expression",
          ),
        );
      if (i.where !== undefined && !caps.partialIndexes && i.unique)
        out.push(
          dialectError(
            "mysql-partial-index",
            `MySQL has no partial indexes: unique index \`${i.name}\` would be stricter without its \`where\``,
            i.src,
            "drop the `where`, or enforce it another way",
          ),
        );
      else if (i.where !== undefined && !caps.partialIndexes && !dropped)
        out.push(
          dialectWarning(
            "mysql-partial-index",
            `MySQL has no partial indexes: index \`${i.name}\` is created on all rows`,
            i.src,
          ),
        );
      if (i.using && !caps.indexMethods.includes(i.using))
        out.push(
          dialectWarning(
            "index-method",
            `MySQL has no \`${i.using}\` index method; \`${i.name}\` uses the default`,
            i.src,
            undefined,
            "using",
          ),
        );
    }
    for (const fk of t.foreignKeys) {
      if (fk.onDelete === "set default" || fk.onUpdate === "set default") {
        out.push(
          dialectError(
            "mysql-set-default",
            `MySQL/MariaDB do not support \`set default\` on foreign key \`${fk.name}\` (MariaDB silently drops the action)`,
            fk.src,
            "use `set null`, `restrict` or `cascade`",
          ),
        );
      }
    }
    // MySQL refuses a second AUTO_INCREMENT column in a table.
    for (const c of t.columns.filter((x) => x.identity).slice(1))
      out.push(
        dialectError(
          "mysql-identity-count",
          `MySQL allows one identity column a table; \`${t.name}\` has another before \`${c.name}\``,
          c.src,
          "keep `identity` on one column",
          "identity",
        ),
      );
    for (const c of t.columns) {
      if (
        c.identity &&
        !(t.primaryKey?.columns[0] === c.name || t.uniques.some((u) => u.columns[0] === c.name))
      ) {
        out.push(
          dialectError(
            "mysql-identity-key",
            `MySQL needs the identity column \`${t.name}.${c.name}\` to lead a key`,
            c.src,
            "make it the (first column of the) primary key, or unique",
            "identity",
          ),
        );
      }
    }
  }
  out.push(...validateCollations(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateIdentity(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateSequencesAndDomains(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateTableOptions(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateMysqlPartitions(schema));
  out.push(...validateConstraintClauses(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateExclusions(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateIndexEntries(schema, CAPABILITIES, "MySQL/MariaDB"));
  out.push(...validateItemComments(schema, CAPABILITIES, "MySQL/MariaDB"));
  return out;
}
