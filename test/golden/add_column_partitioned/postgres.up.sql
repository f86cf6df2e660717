ALTER TABLE "payment" ADD COLUMN "note" text;

CREATE INDEX "payment_note_idx" ON "payment" ("note");
