COMMENT ON TYPE "status" IS 'Where a ticket stands now.';

COMMENT ON TYPE "priority" IS 'How soon a ticket is looked at.';

CREATE TYPE "source" AS ENUM ('web', 'mail');

COMMENT ON TYPE "source" IS 'Created with its comment.';

ALTER TABLE "tickets" ADD COLUMN "source" "source";
