CREATE TABLE "counters" (
  "name" TEXT NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "counters_pkey" PRIMARY KEY ("name")
) STRICT;

CREATE TABLE "kv__schemavc_new" (
  "k" TEXT NOT NULL,
  "v" TEXT,
  CONSTRAINT "kv_pkey" PRIMARY KEY ("k")
) WITHOUT ROWID, STRICT;

INSERT INTO "kv__schemavc_new" ("k", "v") SELECT "k", "v" FROM "kv";

DROP TABLE "kv";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "kv__schemavc_new" RENAME TO "kv";

PRAGMA legacy_alter_table = OFF;

CREATE TABLE "events__schemavc_new" (
  "id" INTEGER NOT NULL,
  "body" TEXT NOT NULL,
  CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

INSERT INTO "events__schemavc_new" ("id", "body") SELECT "id", "body" FROM "events";

DROP TABLE "events";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "events__schemavc_new" RENAME TO "events";

PRAGMA legacy_alter_table = OFF;

CREATE TABLE "tags__schemavc_new" (
  "name" TEXT NOT NULL,
  CONSTRAINT "tags_pkey" PRIMARY KEY ("name")
) STRICT, WITHOUT ROWID;

INSERT INTO "tags__schemavc_new" ("name") SELECT "name" FROM "tags";

DROP TABLE "tags";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "tags__schemavc_new" RENAME TO "tags";

PRAGMA legacy_alter_table = OFF;
