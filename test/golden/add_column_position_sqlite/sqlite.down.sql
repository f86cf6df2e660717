CREATE TABLE "users__schemavc_new" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(100) NOT NULL,
  "legacy" INTEGER,
  "name" TEXT,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

INSERT INTO "users__schemavc_new" ("id", "email", "name") SELECT "id", "email", "name" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
