ALTER TABLE "events" ADD COLUMN "id" bigint;

ALTER TABLE "marker" DROP COLUMN "note";

DROP TABLE "placeholder";
