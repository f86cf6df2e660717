ALTER TABLE "order" ADD COLUMN "key" varchar(20);

ALTER TABLE "order" ADD CONSTRAINT "order_key_key" UNIQUE ("key");
