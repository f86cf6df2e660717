ALTER TYPE "address" RENAME TO "place";
