ALTER TABLE "t" ALTER COLUMN "code" TYPE text USING "code"::text;
