ALTER TYPE "mood" RENAME TO "mood__schemavc_old";

CREATE TYPE "mood" AS ENUM ('happy', 'sad', 'meh');

ALTER TABLE "articles" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";

DROP TYPE "mood__schemavc_old";

ALTER TABLE "articles" RENAME CONSTRAINT "articles_pkey" TO "posts_pkey";

ALTER TABLE "articles" RENAME TO "posts";
