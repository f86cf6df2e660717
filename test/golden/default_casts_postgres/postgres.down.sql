ALTER TABLE "account" DROP COLUMN "balance";

ALTER TABLE "account" DROP COLUMN "seen_at";

ALTER TABLE "account" DROP COLUMN "reference";

ALTER TABLE "account" DROP COLUMN "tags";

ALTER TABLE "account" DROP COLUMN "expires_at";
