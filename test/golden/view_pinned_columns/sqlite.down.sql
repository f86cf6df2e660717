DROP VIEW "big_order_ids";

DROP VIEW "big_orders";

CREATE TABLE "orders__schemavc_new" (
  "id" INTEGER NOT NULL CONSTRAINT "orders_pkey" PRIMARY KEY AUTOINCREMENT,
  "amount" INTEGER NOT NULL,
  "note" TEXT
);

INSERT INTO "orders__schemavc_new" ("id", "amount") SELECT "id", "amount" FROM "orders";

DROP TABLE "orders";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "orders__schemavc_new" RENAME TO "orders";

PRAGMA legacy_alter_table = OFF;

CREATE VIEW "big_orders" AS select id, amount from orders where amount > 100;

CREATE VIEW "big_order_ids" AS select id from big_orders;
