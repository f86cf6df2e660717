DROP VIEW "user_names";

ALTER TABLE "people" RENAME COLUMN "full_name" TO "name";

ALTER TABLE "people" RENAME TO "users";

CREATE TABLE "users__schemavc_new" (
  "id" INTEGER NOT NULL CONSTRAINT "users_pkey" PRIMARY KEY AUTOINCREMENT,
  "name" VARCHAR(100) NOT NULL
);

INSERT INTO "users__schemavc_new" ("id", "name") SELECT "id", "name" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;

CREATE VIEW "user_names" AS select id, name from users;
