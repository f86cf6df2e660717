ALTER TABLE "payments" RENAME TO "payment";

ALTER TABLE "bases" RENAME TO "base";
