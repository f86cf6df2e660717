CREATE TABLE "t__schemavc_new" (
  "code" VARCHAR(10) NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "t_pkey" PRIMARY KEY ("code")
);

INSERT INTO "t__schemavc_new" ("code", "n") SELECT "code", "n" FROM "t";

DROP TABLE "t";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "t__schemavc_new" RENAME TO "t";

PRAGMA legacy_alter_table = OFF;
