ALTER TABLE "users" DROP COLUMN "mood";

DROP TYPE "mood";
