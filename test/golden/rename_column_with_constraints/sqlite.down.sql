ALTER TABLE "t" RENAME COLUMN "ref" TO "code";

CREATE TABLE "t__schemavc_new" (
  "id" INTEGER NOT NULL,
  "code" VARCHAR(20) NOT NULL,
  CONSTRAINT "t_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "t_code_key" UNIQUE ("code"),
  CONSTRAINT "t_code_check" CHECK (length(code) > 0)
);

INSERT INTO "t__schemavc_new" ("id", "code") SELECT "id", "code" FROM "t";

DROP TABLE "t";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "t__schemavc_new" RENAME TO "t";

PRAGMA legacy_alter_table = OFF;

CREATE INDEX "t_code_idx" ON "t" ("code");
