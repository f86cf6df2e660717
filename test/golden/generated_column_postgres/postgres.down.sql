ALTER TABLE "tags" DROP COLUMN "label";

ALTER TABLE "tags" ADD COLUMN "label" text GENERATED ALWAYS AS ('#' || id::text) STORED;

ALTER TABLE "items" DROP COLUMN "half";

ALTER TABLE "items" DROP COLUMN "total";

ALTER TABLE "items" ADD COLUMN "total" real GENERATED ALWAYS AS (price * qty) STORED NOT NULL;

CREATE INDEX "items_total_idx" ON "items" ("total");
