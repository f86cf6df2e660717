CREATE TABLE "t__schemavc_new" (
  "id" BIGINT NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "t_pkey" PRIMARY KEY ("id")
);

INSERT INTO "t__schemavc_new" ("id", "n") SELECT "id", "n" FROM "t";

DROP TABLE "t";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "t__schemavc_new" RENAME TO "t";

PRAGMA legacy_alter_table = OFF;
