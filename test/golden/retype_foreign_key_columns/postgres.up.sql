ALTER TABLE "c" DROP CONSTRAINT "c_p_id_fkey";

ALTER TABLE "p" ALTER COLUMN "id" TYPE bigint USING "id"::bigint;

ALTER TABLE "c" ALTER COLUMN "p_id" TYPE bigint USING "p_id"::bigint;

ALTER TABLE "c" ADD CONSTRAINT "c_p_id_fkey" FOREIGN KEY ("p_id") REFERENCES "p" ("id");
