CREATE TABLE "posts__schemavc_new" (
  "id" BIGINT NOT NULL,
  "user_id" BIGINT NOT NULL,
  "title" VARCHAR(100) NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

INSERT INTO "posts__schemavc_new" ("id", "user_id", "title") SELECT "id", "user_id", "title" FROM "posts";

DROP TABLE "posts";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "posts__schemavc_new" RENAME TO "posts";

PRAGMA legacy_alter_table = OFF;
