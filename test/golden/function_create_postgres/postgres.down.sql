DROP VIEW "user_counts";

DROP PROCEDURE "reset_names"();

DROP FUNCTION "user_count"();

ALTER TABLE "users" DROP COLUMN "code";

DROP FUNCTION "greet"(who text, punct text);

DROP FUNCTION "next_code"();
