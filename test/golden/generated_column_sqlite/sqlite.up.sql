CREATE TABLE "lines" (
  "id" INTEGER NOT NULL,
  "n" INTEGER NOT NULL,
  "twice" INTEGER GENERATED ALWAYS AS (n * 2) STORED NOT NULL,
  CONSTRAINT "lines_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "items__schemavc_new" (
  "id" INTEGER NOT NULL,
  "price" REAL NOT NULL,
  "qty" INTEGER NOT NULL,
  "total" REAL GENERATED ALWAYS AS (price * qty * 2) STORED NOT NULL,
  "tag" TEXT,
  "half" REAL GENERATED ALWAYS AS (price / 2) VIRTUAL,
  CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);

INSERT INTO "items__schemavc_new" ("id", "price", "qty", "tag") SELECT "id", "price", "qty", "tag" FROM "items";

DROP TABLE "items";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "items__schemavc_new" RENAME TO "items";

PRAGMA legacy_alter_table = OFF;

ALTER TABLE "notes" ADD COLUMN "len" INTEGER GENERATED ALWAYS AS (length(body)) VIRTUAL;

CREATE INDEX "lines_twice_idx" ON "lines" ("twice");
