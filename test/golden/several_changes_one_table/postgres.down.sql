DROP INDEX "users_email_age_idx";

ALTER TABLE "users" DROP CONSTRAINT "users_age_check";

ALTER TABLE "users" DROP COLUMN "active";

ALTER TABLE "users" DROP COLUMN "age";

ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(100) USING "email"::varchar(100);

ALTER TABLE "users" RENAME COLUMN "handle" TO "name";
