ALTER TABLE "users" RENAME TO "people";

CREATE TABLE "people__schemavc_new" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(100) NOT NULL,
  "name" TEXT,
  CONSTRAINT "people_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "people_email_key" UNIQUE ("email")
);

INSERT INTO "people__schemavc_new" ("id", "email", "name") SELECT "id", "email", "name" FROM "people";

DROP TABLE "people";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "people__schemavc_new" RENAME TO "people";

PRAGMA legacy_alter_table = OFF;
