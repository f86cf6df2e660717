ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT;

ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(100) USING "email"::varchar(100);
