ALTER TYPE "feeling" RENAME TO "mood";
