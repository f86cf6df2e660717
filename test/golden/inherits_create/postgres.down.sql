DROP INDEX "payment_2007_paid_at_idx";

DROP TABLE "payment_refund";

DROP TABLE "payment_2007";
