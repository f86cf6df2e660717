DROP TABLE "posts";

DROP DOMAIN "varchar_ci";

DROP DOMAIN "posint";

DROP DOMAIN "label";

DROP DOMAIN "feeling";
