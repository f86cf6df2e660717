ALTER TABLE "c" DROP CONSTRAINT "c_p_id_fkey";

ALTER TABLE "c" ALTER COLUMN "p_id" TYPE integer USING "p_id"::integer;

ALTER TABLE "p" ALTER COLUMN "id" TYPE integer USING "id"::integer;

ALTER TABLE "c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "p" ("id");
