DROP VIEW "sad_people";

ALTER TYPE "mood" RENAME TO "mood__schemavc_old";

CREATE TYPE "mood" AS ENUM ('happy', 'sad');

ALTER TABLE "people" ALTER COLUMN "mood" TYPE "mood" USING "mood"::text::"mood";

DROP TYPE "mood__schemavc_old";

CREATE VIEW "sad_people" AS select id from people where mood = 'sad';
