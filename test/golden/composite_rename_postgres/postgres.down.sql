ALTER TYPE "place" RENAME TO "address";
