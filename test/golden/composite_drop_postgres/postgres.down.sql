CREATE TYPE "address" AS ("street" text, "city" text COLLATE "C", "zip" varchar(10), "kind" "kind");

COMMENT ON TYPE "address" IS 'A postal address.';

CREATE TYPE "contact" AS ("at" address, "phone" text);

ALTER TABLE "people" ADD COLUMN "home" address;

ALTER TABLE "people" ADD COLUMN "contact" contact;
