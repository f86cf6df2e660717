ALTER TABLE "t" ALTER COLUMN "n" TYPE bigint USING "n"::bigint;
