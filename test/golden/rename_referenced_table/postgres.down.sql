ALTER TABLE "people" RENAME CONSTRAINT "people_email_key" TO "users_email_key";

ALTER TABLE "people" RENAME CONSTRAINT "people_pkey" TO "users_pkey";

ALTER TABLE "people" RENAME TO "users";
