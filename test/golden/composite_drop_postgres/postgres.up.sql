ALTER TABLE "people" DROP COLUMN "contact";

ALTER TABLE "people" DROP COLUMN "home";

DROP TYPE "contact";

DROP TYPE "address";
