ALTER TABLE "users" ALTER COLUMN "email" TYPE varchar(150) USING "email"::varchar(150);

ALTER TABLE "users" ALTER COLUMN "name" SET DEFAULT 'x';
