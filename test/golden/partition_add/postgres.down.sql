DROP INDEX "payment_2023_id_idx";

DROP TABLE "payment_2023";
