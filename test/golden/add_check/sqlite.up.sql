CREATE TABLE "t__schemavc_new" (
  "id" BIGINT NOT NULL,
  "qty" INTEGER NOT NULL,
  CONSTRAINT "t_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "t_qty_check" CHECK (qty > 0)
);

INSERT INTO "t__schemavc_new" ("id", "qty") SELECT "id", "qty" FROM "t";

DROP TABLE "t";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "t__schemavc_new" RENAME TO "t";

PRAGMA legacy_alter_table = OFF;
