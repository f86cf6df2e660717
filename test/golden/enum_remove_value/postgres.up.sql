ALTER TYPE "mood" RENAME TO "mood__schemavc_old";

CREATE TYPE "mood" AS ENUM ('happy', 'sad');

ALTER TABLE "users" ALTER COLUMN "mood" DROP DEFAULT;

ALTER TABLE "users" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";

ALTER TABLE "users" ALTER COLUMN "mood" SET DEFAULT 'happy';

DROP TYPE "mood__schemavc_old";
