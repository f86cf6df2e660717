ALTER TABLE "t" RENAME COLUMN "code" TO "ref";

CREATE TABLE "t__schemavc_new" (
  "id" INTEGER NOT NULL,
  "ref" VARCHAR(20) NOT NULL,
  CONSTRAINT "t_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "t_ref_key" UNIQUE ("ref"),
  CONSTRAINT "t_ref_check" CHECK (length(ref) > 0)
);

INSERT INTO "t__schemavc_new" ("id", "ref") SELECT "id", "ref" FROM "t";

DROP TABLE "t";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "t__schemavc_new" RENAME TO "t";

PRAGMA legacy_alter_table = OFF;

CREATE INDEX "t_ref_idx" ON "t" ("ref");
