DROP INDEX "payment_note_idx";

ALTER TABLE "payment" DROP COLUMN "note";
