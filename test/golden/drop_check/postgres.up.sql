ALTER TABLE "t" DROP CONSTRAINT "qty_positive";
