ALTER TABLE "categories" RENAME CONSTRAINT "categories_pkey" TO "pk_categories";

CREATE TABLE "order_details" (
  "order_id" integer NOT NULL,
  "product_id" integer NOT NULL,
  CONSTRAINT "pk_order_details" PRIMARY KEY ("order_id", "product_id")
);
