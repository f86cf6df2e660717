CREATE TABLE "t__schemavc_new" (
  "a" INTEGER NOT NULL,
  "b" INTEGER NOT NULL,
  CONSTRAINT "t_pkey" PRIMARY KEY ("a", "b")
);

INSERT INTO "t__schemavc_new" ("a", "b") SELECT "a", "b" FROM "t";

DROP TABLE "t";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "t__schemavc_new" RENAME TO "t";

PRAGMA legacy_alter_table = OFF;
