ALTER TABLE "posts" RENAME TO "articles";

CREATE TABLE "articles__schemavc_new" (
  "id" BIGINT NOT NULL,
  "mood" TEXT NOT NULL CHECK ("mood" IN ('happy', 'sad')),
  CONSTRAINT "articles_pkey" PRIMARY KEY ("id")
);

INSERT INTO "articles__schemavc_new" ("id", "mood") SELECT "id", "mood" FROM "articles";

DROP TABLE "articles";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "articles__schemavc_new" RENAME TO "articles";

PRAGMA legacy_alter_table = OFF;
