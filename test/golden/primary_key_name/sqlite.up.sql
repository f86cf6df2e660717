CREATE TABLE "categories__schemavc_new" (
  "category_id" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  CONSTRAINT "pk_categories" PRIMARY KEY ("category_id")
);

INSERT INTO "categories__schemavc_new" ("category_id", "name") SELECT "category_id", "name" FROM "categories";

DROP TABLE "categories";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "categories__schemavc_new" RENAME TO "categories";

PRAGMA legacy_alter_table = OFF;

CREATE TABLE "order_details" (
  "order_id" INTEGER NOT NULL,
  "product_id" INTEGER NOT NULL,
  CONSTRAINT "pk_order_details" PRIMARY KEY ("order_id", "product_id")
);
