ALTER TABLE "items" DROP COLUMN "total";

ALTER TABLE "items" ADD COLUMN "total" real GENERATED ALWAYS AS (price * qty * 2) STORED NOT NULL;

CREATE INDEX "items_total_idx" ON "items" ("total");

ALTER TABLE "items" ADD COLUMN "half" real GENERATED ALWAYS AS (price / 2) STORED;

ALTER TABLE "tags" ALTER COLUMN "label" DROP EXPRESSION;
