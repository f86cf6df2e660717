ALTER TABLE "t" ADD CONSTRAINT "t_qty_check" CHECK (qty > 0);
