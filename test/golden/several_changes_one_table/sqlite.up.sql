ALTER TABLE "users" RENAME COLUMN "name" TO "handle";

CREATE TABLE "users__schemavc_new" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(150) NOT NULL,
  "handle" TEXT,
  "age" INTEGER,
  "active" BOOLEAN NOT NULL DEFAULT 1,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email"),
  CONSTRAINT "users_age_check" CHECK (age >= 0)
);

INSERT INTO "users__schemavc_new" ("id", "email", "handle") SELECT "id", "email", "handle" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;

CREATE INDEX "users_email_age_idx" ON "users" ("email", "age");
