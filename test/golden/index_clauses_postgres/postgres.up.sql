DROP INDEX "orders_customer_id_idx";

CREATE INDEX "orders_customer_id_idx" ON "orders" ("customer_id") INCLUDE ("total") WITH (fillfactor = 70);

CREATE UNIQUE INDEX "orders_code_key" ON "orders" ("code") NULLS NOT DISTINCT;

CREATE INDEX "orders_total_brin" ON "orders" USING brin ("total") WITH (pages_per_range = 32, autosummarize = on);
