/**
 * Snapshots: the whole schema after a migration, as versioned JSON in the migration's folder
 * (`snapshot.json`). They are the planner's baseline for the next migration, and they chain:
 * each records its own `id` (the migration version) and the `prevId` of the one before, so a
 * folder whose chain is broken (a migration removed or reordered) is detected.
 *
 * Reading upgrades older formats step by step; a malformed file is an error naming the file.
 */
import type { Schema } from "./model.ts";
import { canonical } from "./canonical.ts";
import { SchemavcError } from "../core/errors.ts";
import { normalJitFor } from "../core/jit.ts";

export const SNAPSHOT_FORMAT = 1;

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  /** The migration version this snapshot belongs to. */
  readonly id: string;
  /** The version before it, or null for the first migration. */
  readonly prevId: string | null;
  readonly dialect: string;
  readonly schema: Schema;
}

export class SnapshotError extends SchemavcError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`, 1);
    this.name = "SnapshotError";
  }
}

/** Stable text: canonical schema, two-space indentation, trailing newline (diff-friendly in review). */
export function serializeSnapshot(s: Omit<Snapshot, "format">): string {
  const doc: Snapshot = {
    format: SNAPSHOT_FORMAT,
    id: s.id,
    prevId: s.prevId,
    dialect: s.dialect,
    schema: canonical(s.schema),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Upgrades from each older format to the next. Format 0 (the unreleased prototype) stored the
 * schema under `ir` and had no `format` field.
 */
const UPGRADES: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  0: (doc) => {
    const { ir, ...rest } = doc;
    return { ...rest, schema: rest["schema"] ?? ir, format: 1 };
  },
};

/**
 * The `id` and `prevId` of a snapshot without parsing the whole schema: enough to verify the
 * chain of a long history cheaply. Reads the head that `serializeSnapshot` writes; anything
 * else (an older format, a hand-edited file) falls back to a full parse.
 */
export interface SnapshotHeader {
  readonly id: string;
  readonly prevId: string | null;
  readonly dialect: string;
}

export function snapshotHeader(head: string, file: string, whole: () => string = () => head): SnapshotHeader {
  const m =
    /^\{\s*"format": 1,\s*"id": ("(?:[^"\\]|\\.)*"),\s*"prevId": (null|"(?:[^"\\]|\\.)*"),\s*"dialect": ("(?:[^"\\]|\\.)*"),/.exec(
      head.slice(0, 512),
    );
  if (m)
    return {
      id: JSON.parse(m[1]!) as string,
      prevId: JSON.parse(m[2]!) as string | null,
      dialect: JSON.parse(m[3]!) as string,
    };
  const s = parseSnapshot(whole(), file);
  return { id: s.id, prevId: s.prevId, dialect: s.dialect };
}

export function parseSnapshot(text: string, file: string): Snapshot {
  // A large schema runs what reads it (the differ, drift, rendering) long enough for the JIT.
  normalJitFor(text.length);
  let doc: Record<string, unknown>;
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error("not a JSON object");
    doc = v as Record<string, unknown>;
  } catch (e) {
    throw new SnapshotError(
      file,
      `not a valid snapshot (${(e as Error).message}); restore it from version control, or regenerate the migration`,
    );
  }
  let format = typeof doc["format"] === "number" ? (doc["format"] as number) : 0;
  if (format > SNAPSHOT_FORMAT)
    throw new SnapshotError(
      file,
      `snapshot format ${format} is newer than this schemavc understands (${SNAPSHOT_FORMAT}); upgrade schemavc`,
    );
  while (format < SNAPSHOT_FORMAT) {
    const up = UPGRADES[format];
    if (!up) throw new SnapshotError(file, `unknown snapshot format ${format}`);
    doc = up(doc);
    format = doc["format"] as number;
  }
  const schema = doc["schema"] as Schema | undefined;
  if (
    typeof doc["id"] !== "string" ||
    !(doc["prevId"] === null || typeof doc["prevId"] === "string") ||
    !schema ||
    !Array.isArray(schema.tables) ||
    !Array.isArray(schema.enums)
  ) {
    throw new SnapshotError(
      file,
      "malformed snapshot: it needs `id`, `prevId` and a `schema` with `tables` and `enums`; restore it from version control",
    );
  }
  return {
    format: SNAPSHOT_FORMAT,
    id: doc["id"] as string,
    prevId: doc["prevId"] as string | null,
    dialect: String(doc["dialect"] ?? ""),
    schema,
  };
}
