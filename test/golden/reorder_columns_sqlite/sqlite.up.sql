ALTER TABLE "users" RENAME COLUMN "name" TO "handle";

CREATE TABLE "users__schemavc_new" (
  "id" INTEGER NOT NULL CONSTRAINT "users_pkey" PRIMARY KEY AUTOINCREMENT,
  "handle" TEXT,
  "email" VARCHAR(100) NOT NULL,
  "nick" VARCHAR(20),
  "age" INTEGER,
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

INSERT INTO "users__schemavc_new" ("id", "handle", "email", "age") SELECT "id", "handle", "email", "age" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
