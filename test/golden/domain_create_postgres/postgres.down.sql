DROP TABLE "posts";

DROP DOMAIN "feeling";

DROP DOMAIN "label";

DROP DOMAIN "posint";

DROP DOMAIN "varchar_ci";

DROP TYPE "mood";
