DROP VIEW "user_names";

ALTER TABLE "users" RENAME TO "people";

ALTER TABLE "people" RENAME COLUMN "name" TO "full_name";

CREATE TABLE "people__schemavc_new" (
  "id" INTEGER NOT NULL CONSTRAINT "people_pkey" PRIMARY KEY AUTOINCREMENT,
  "full_name" VARCHAR(100) NOT NULL
);

INSERT INTO "people__schemavc_new" ("id", "full_name") SELECT "id", "full_name" FROM "people";

DROP TABLE "people";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "people__schemavc_new" RENAME TO "people";

PRAGMA legacy_alter_table = OFF;

CREATE VIEW "user_names" AS select id, full_name from people;
