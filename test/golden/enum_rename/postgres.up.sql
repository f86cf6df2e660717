ALTER TYPE "mood" RENAME TO "feeling";
