CREATE TABLE "c__schemavc_new" (
  "id" INTEGER NOT NULL,
  "pa" INTEGER NOT NULL,
  "pb" INTEGER NOT NULL,
  CONSTRAINT "c_pkey" PRIMARY KEY ("id")
);

INSERT INTO "c__schemavc_new" ("id", "pa", "pb") SELECT "id", "pa", "pb" FROM "c";

DROP TABLE "c";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "c__schemavc_new" RENAME TO "c";

PRAGMA legacy_alter_table = OFF;
