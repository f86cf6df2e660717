CREATE SCHEMA "ext";

CREATE EXTENSION "citext" SCHEMA "ext";

ALTER TABLE "t" ADD COLUMN "name" "ext"."citext";
