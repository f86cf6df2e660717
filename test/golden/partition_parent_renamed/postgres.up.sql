ALTER TABLE "base" RENAME TO "bases";

ALTER TABLE "payment" RENAME TO "payments";
