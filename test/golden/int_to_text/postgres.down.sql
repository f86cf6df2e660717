ALTER TABLE "t" ALTER COLUMN "code" TYPE integer USING "code"::integer;
