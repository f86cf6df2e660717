DROP VIEW "sales"."open_orders";

ALTER TABLE "order_items" RENAME CONSTRAINT "order_items_order_id_fkey" TO "Order Items_order_id_fkey";

ALTER TABLE "order_items" RENAME CONSTRAINT "order_items_quantity_check" TO "Order Items_quantity_check";

ALTER TABLE "order_items" RENAME CONSTRAINT "order_items_pkey" TO "Order Items_pkey";

ALTER TABLE "archive"."old_orders" RENAME CONSTRAINT "old_orders_customer_id_fkey" TO "orders_customer_id_fkey";

ALTER INDEX "archive"."old_orders_customer_id_idx" RENAME TO "orders_customer_id_idx";

ALTER TABLE "archive"."old_orders" RENAME CONSTRAINT "old_orders_pkey" TO "orders_pkey";

ALTER TABLE "archive"."old_orders" RENAME TO "orders";

ALTER TABLE "archive"."orders" SET SCHEMA "sales";

DO $$ DECLARE s regclass := pg_get_serial_sequence('"sales"."orders"', 'id')::regclass; BEGIN IF (SELECT relname FROM pg_class WHERE oid = s) <> 'orders_id_seq' THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', s, 'orders_id_seq'); END IF; END $$;

ALTER TABLE "order_items" RENAME TO "Order Items";

ALTER TABLE "Order Items" SET SCHEMA "sales";

ALTER TYPE "archive"."status" SET SCHEMA "sales";

CREATE VIEW "sales"."open_orders" AS select id, customer_id from sales.orders where status = 'open';

DROP SCHEMA "archive";
