DROP INDEX "lines_twice_idx";

CREATE TABLE "notes__schemavc_new" (
  "id" INTEGER NOT NULL,
  "body" TEXT NOT NULL,
  CONSTRAINT "notes_pkey" PRIMARY KEY ("id")
);

INSERT INTO "notes__schemavc_new" ("id", "body") SELECT "id", "body" FROM "notes";

DROP TABLE "notes";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "notes__schemavc_new" RENAME TO "notes";

PRAGMA legacy_alter_table = OFF;

CREATE TABLE "items__schemavc_new" (
  "id" INTEGER NOT NULL,
  "price" REAL NOT NULL,
  "qty" INTEGER NOT NULL,
  "total" REAL GENERATED ALWAYS AS (price * qty) STORED NOT NULL,
  "tag" TEXT GENERATED ALWAYS AS ('#' || id) VIRTUAL,
  CONSTRAINT "items_pkey" PRIMARY KEY ("id")
);

INSERT INTO "items__schemavc_new" ("id", "price", "qty") SELECT "id", "price", "qty" FROM "items";

DROP TABLE "items";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "items__schemavc_new" RENAME TO "items";

PRAGMA legacy_alter_table = OFF;

DROP TABLE "lines";
