DROP TABLE "film";
