ALTER TABLE "people" RENAME CONSTRAINT "people_pkey" TO "users_pkey";

ALTER TABLE "people" RENAME TO "users";

ALTER SEQUENCE "user_ids" RENAME TO "users_seq";
