CREATE TYPE "mood" AS ENUM ('happy', 'sad');

ALTER TABLE "users" ADD COLUMN "mood" "mood" NOT NULL DEFAULT 'happy';
