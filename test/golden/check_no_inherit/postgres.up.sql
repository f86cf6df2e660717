ALTER TABLE "measurement" ADD CONSTRAINT "only_parent" CHECK (value < 1000000) NO INHERIT;

ALTER TABLE "measurement" ADD CONSTRAINT "positive" CHECK (value > 0);
