ALTER TABLE "tickets" DROP COLUMN "source";

DROP TYPE "source";

COMMENT ON TYPE "priority" IS NULL;

COMMENT ON TYPE "status" IS 'Where a ticket stands.';
