ALTER TABLE "users" DROP COLUMN "nick";

ALTER TABLE "users" ALTER COLUMN "note" TYPE text COLLATE "POSIX" USING "note"::text;

ALTER TABLE "users" ALTER COLUMN "code" TYPE varchar(20) COLLATE "default" USING "code"::varchar(20);

ALTER TABLE "users" ALTER COLUMN "name" TYPE text COLLATE "default" USING "name"::text;
