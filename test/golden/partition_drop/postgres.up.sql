DROP TABLE "payment_2023";
