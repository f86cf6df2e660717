CREATE TABLE "placeholder" ();

ALTER TABLE "marker" ADD COLUMN "note" text;

ALTER TABLE "events" DROP COLUMN "id";
