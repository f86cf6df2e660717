CREATE TABLE "posts__schemavc_new" (
  "id" BIGINT NOT NULL,
  "mood" TEXT NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('happy', 'sad')),
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

INSERT INTO "posts__schemavc_new" ("id", "mood") SELECT "id", "mood" FROM "posts";

DROP TABLE "posts";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "posts__schemavc_new" RENAME TO "posts";

PRAGMA legacy_alter_table = OFF;
