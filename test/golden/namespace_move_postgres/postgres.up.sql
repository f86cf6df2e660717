CREATE SCHEMA "archive";

DROP VIEW "sales"."open_orders";

ALTER TYPE "sales"."status" SET SCHEMA "archive";

ALTER TABLE "sales"."Order Items" RENAME TO "order_items";

DO $$ BEGIN EXECUTE format('ALTER TABLE "sales"."order_items" SET SCHEMA %I', current_schema()); END $$;

ALTER TABLE "sales"."orders" RENAME TO "old_orders";

ALTER TABLE "sales"."old_orders" SET SCHEMA "archive";

DO $$ DECLARE s regclass := pg_get_serial_sequence('"archive"."old_orders"', 'id')::regclass; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> 'old_orders_id_seq' THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'old_orders_id_seq'); END IF; END $$;

ALTER TABLE "archive"."old_orders" RENAME CONSTRAINT "orders_pkey" TO "old_orders_pkey";

ALTER INDEX "archive"."orders_customer_id_idx" RENAME TO "old_orders_customer_id_idx";

ALTER TABLE "archive"."old_orders" RENAME CONSTRAINT "orders_customer_id_fkey" TO "old_orders_customer_id_fkey";

ALTER TABLE "order_items" RENAME CONSTRAINT "Order Items_pkey" TO "order_items_pkey";

ALTER TABLE "order_items" RENAME CONSTRAINT "Order Items_quantity_check" TO "order_items_quantity_check";

ALTER TABLE "order_items" RENAME CONSTRAINT "Order Items_order_id_fkey" TO "order_items_order_id_fkey";

CREATE VIEW "sales"."open_orders" AS select id, customer_id from archive.old_orders where status = 'open';
