DROP VIEW "sales"."open_orders";

DROP INDEX "sales"."orders_customer_id_idx";

DROP TABLE "sales"."Order Items";

DROP TABLE "sales"."orders";

DROP TYPE "sales"."status";

DROP SCHEMA "sales";
