ALTER TABLE "measurement" DROP CONSTRAINT "positive";

ALTER TABLE "measurement" DROP CONSTRAINT "only_parent";
