ALTER TABLE "posts" RENAME TO "articles";

ALTER TABLE "articles" RENAME CONSTRAINT "posts_pkey" TO "articles_pkey";

ALTER TYPE "mood" RENAME TO "mood__schemavc_old";

CREATE TYPE "mood" AS ENUM ('happy', 'sad');

ALTER TABLE "articles" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";

DROP TYPE "mood__schemavc_old";
