CREATE TABLE "payment_2023" PARTITION OF "payment" FOR VALUES from ('2023-01-01') to ('2024-01-01');

CREATE INDEX "payment_2023_id_idx" ON "payment_2023" ("id");
