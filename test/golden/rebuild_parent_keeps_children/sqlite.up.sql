CREATE TABLE "users__schemavc_new" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(150) NOT NULL,
  "name" TEXT DEFAULT 'x',
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

INSERT INTO "users__schemavc_new" ("id", "email", "name") SELECT "id", "email", "name" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
