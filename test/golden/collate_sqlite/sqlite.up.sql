CREATE TABLE "users__schemavc_new" (
  "id" BIGINT NOT NULL,
  "name" TEXT COLLATE NOCASE NOT NULL,
  "code" VARCHAR(20) COLLATE RTRIM NOT NULL,
  "note" TEXT,
  "nick" TEXT COLLATE NOCASE,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_code_key" UNIQUE ("code")
);

INSERT INTO "users__schemavc_new" ("id", "name", "code", "note") SELECT "id", "name", "code", "note" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
