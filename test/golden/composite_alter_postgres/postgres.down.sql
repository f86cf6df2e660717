ALTER TYPE "address" DROP ATTRIBUTE "zip", DROP ATTRIBUTE "country", ADD ATTRIBUTE "city" text, ADD ATTRIBUTE "zip" varchar(10);

COMMENT ON TYPE "address" IS NULL;
