ALTER TABLE "posts" DROP COLUMN "old";

ALTER TYPE "mood" RENAME TO "mood__schemavc_old";

CREATE TYPE "mood" AS ENUM ('happy', 'sad');

ALTER TABLE "posts" ALTER COLUMN "mood" DROP DEFAULT;

ALTER TABLE "posts" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";

ALTER TABLE "posts" ALTER COLUMN "mood" SET DEFAULT 'happy';

DROP TYPE "mood__schemavc_old";
