DROP INDEX "orders_total_brin";

DROP INDEX "orders_code_key";

DROP INDEX "orders_customer_id_idx";

CREATE INDEX "orders_customer_id_idx" ON "orders" ("customer_id");
