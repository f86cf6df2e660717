ALTER TABLE "orders" RENAME TO "orders_v2";

ALTER TABLE "orders_v2" RENAME CONSTRAINT "orders_pkey" TO "orders_v2_pkey";

DROP TABLE "orders_archive";

ALTER TABLE "orders_v2" DROP COLUMN "seen_at";
