CREATE TABLE "refunds" (
  "id" bigint NOT NULL,
  "order_id" bigint NOT NULL,
  "amount" integer NOT NULL,
  CONSTRAINT "refunds_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "refunds" ADD CONSTRAINT "refund_positive" CHECK (amount > 0) NOT VALID;

ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") NOT VALID;

ALTER TABLE "orders" DROP CONSTRAINT "positive";

ALTER TABLE "orders" ADD CONSTRAINT "positive" CHECK (amount > 0) NOT VALID;

ALTER TABLE "orders" ADD CONSTRAINT "small" CHECK (amount < 1000000) NOT VALID;

ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_user_id_fkey";
