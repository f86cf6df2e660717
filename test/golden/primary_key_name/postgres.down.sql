DROP TABLE "order_details";

ALTER TABLE "categories" RENAME CONSTRAINT "pk_categories" TO "categories_pkey";
