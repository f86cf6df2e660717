ALTER SEQUENCE "users_seq" RENAME TO "user_ids";

ALTER TABLE "users" RENAME TO "people";

ALTER TABLE "people" RENAME CONSTRAINT "users_pkey" TO "people_pkey";
