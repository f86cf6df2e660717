ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(200) USING "email"::varchar(200);
