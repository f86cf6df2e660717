DROP VIEW "sales"."open_orders";

DROP TABLE "sales"."Order Items";

DROP TABLE "sales"."orders";

DROP TYPE "sales"."status";

DROP SCHEMA "sales";
