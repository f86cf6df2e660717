CREATE TABLE "order__schemavc_new" (
  "id" BIGINT NOT NULL,
  "check" INTEGER NOT NULL,
  CONSTRAINT "order_pkey" PRIMARY KEY ("id")
);

INSERT INTO "order__schemavc_new" ("id", "check") SELECT "id", "check" FROM "order";

DROP TABLE "order";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "order__schemavc_new" RENAME TO "order";

PRAGMA legacy_alter_table = OFF;
