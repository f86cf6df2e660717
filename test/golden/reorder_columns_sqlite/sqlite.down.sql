ALTER TABLE "users" RENAME COLUMN "handle" TO "name";

CREATE TABLE "users__schemavc_new" (
  "id" INTEGER NOT NULL CONSTRAINT "users_pkey" PRIMARY KEY AUTOINCREMENT,
  "email" VARCHAR(100) NOT NULL,
  "name" TEXT,
  "age" INTEGER,
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

INSERT INTO "users__schemavc_new" ("id", "email", "name", "age") SELECT "id", "email", "name", "age" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
