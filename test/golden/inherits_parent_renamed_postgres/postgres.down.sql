ALTER TABLE "orders_v2" ADD COLUMN "seen_at" smallint;

CREATE TABLE "orders_archive" (
  "remark" text
) INHERITS ("orders_v2");

ALTER TABLE "orders_v2" RENAME CONSTRAINT "orders_v2_pkey" TO "orders_pkey";

ALTER TABLE "orders_v2" RENAME TO "orders";
