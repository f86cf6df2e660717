ALTER TABLE "order" DROP CONSTRAINT "order_key_key";

ALTER TABLE "order" DROP COLUMN "key";
