DROP INDEX "payment_2022_amount_idx";

DROP INDEX "payment_customer_id_idx";

DROP TABLE "event_a";

DROP TABLE "event";

DROP TABLE "payment_other";

DROP TABLE "payment_2023";

DROP TABLE "payment_2022";

DROP TABLE "payment";
