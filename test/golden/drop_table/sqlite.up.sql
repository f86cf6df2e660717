DROP TABLE "logs";
