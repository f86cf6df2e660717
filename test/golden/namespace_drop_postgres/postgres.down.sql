CREATE SCHEMA "sales";

COMMENT ON SCHEMA "sales" IS 'Orders and what they hold.';

CREATE TYPE "sales"."status" AS ENUM ('open', 'shipped');

CREATE TABLE "sales"."orders" (
  "id" bigserial NOT NULL,
  "customer_id" bigint NOT NULL,
  "status" "sales"."status" NOT NULL DEFAULT 'open',
  CONSTRAINT "orders_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id")
);

CREATE INDEX "orders_customer_id_idx" ON "sales"."orders" ("customer_id");

CREATE TABLE "sales"."Order Items" (
  "id" bigint NOT NULL,
  "order_id" bigint NOT NULL,
  "quantity" integer NOT NULL,
  CONSTRAINT "Order Items_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Order Items_quantity_check" CHECK (quantity > 0),
  CONSTRAINT "Order Items_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "sales"."orders" ("id") ON DELETE CASCADE
);

CREATE VIEW "sales"."open_orders" AS select id, customer_id from sales.orders where status = 'open';
