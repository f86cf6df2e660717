ALTER TABLE "users" ALTER COLUMN "name" TYPE text COLLATE "C" USING "name"::text;

ALTER TABLE "users" ALTER COLUMN "code" TYPE varchar(20) COLLATE "POSIX" USING "code"::varchar(20);

ALTER TABLE "users" ALTER COLUMN "note" TYPE text COLLATE "default" USING "note"::text;

ALTER TABLE "users" ADD COLUMN "nick" text COLLATE "C";
