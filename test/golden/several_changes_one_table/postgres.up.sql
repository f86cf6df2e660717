ALTER TABLE "users" RENAME COLUMN "name" TO "handle";

ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(150) USING "email"::varchar(150);

ALTER TABLE "users" ADD COLUMN "age" integer;

ALTER TABLE "users" ADD COLUMN "active" boolean NOT NULL DEFAULT true;

ALTER TABLE "users" ADD CONSTRAINT "users_age_check" CHECK (age >= 0);

CREATE INDEX "users_email_age_idx" ON "users" ("email", "age");
