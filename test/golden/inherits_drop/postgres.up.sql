DROP TABLE "payment_refund";

DROP TABLE "payment_2007";
