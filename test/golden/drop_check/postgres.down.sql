ALTER TABLE "t" ADD CONSTRAINT "qty_positive" CHECK (qty > 0);
