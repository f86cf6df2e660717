DROP VIEW "user_counts";

DROP FUNCTION "user_count"();

DROP FUNCTION "greet"(who text, punct text);

DROP PROCEDURE "reset_names"();

ALTER TABLE "users" DROP COLUMN "code";

DROP FUNCTION "next_code"();
