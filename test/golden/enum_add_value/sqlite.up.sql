CREATE TABLE "users__schemavc_new" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(100) NOT NULL,
  "name" TEXT,
  "mood" TEXT NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('happy', 'sad', 'so-so')),
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

INSERT INTO "users__schemavc_new" ("id", "email", "name", "mood") SELECT "id", "email", "name", "mood" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
