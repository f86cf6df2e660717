ALTER TABLE "users" RENAME TO "people";

ALTER TABLE "people" RENAME CONSTRAINT "users_pkey" TO "people_pkey";

ALTER TABLE "people" RENAME CONSTRAINT "users_email_key" TO "people_email_key";
