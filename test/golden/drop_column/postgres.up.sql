ALTER TABLE "users" DROP COLUMN "name";
