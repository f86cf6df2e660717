ALTER TYPE "address" DROP ATTRIBUTE "city", ADD ATTRIBUTE "country" text;

COMMENT ON TYPE "address" IS 'Where someone lives.';
