CREATE TABLE "posts" (
  "id" BIGINT NOT NULL,
  "user_id" BIGINT NOT NULL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "posts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id")
);

CREATE TABLE "users__schemavc_new" (
  "id" BIGINT NOT NULL,
  "email" VARCHAR(200) NOT NULL,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

INSERT INTO "users__schemavc_new" ("id", "email") SELECT "id", "email" FROM "users";

DROP TABLE "users";

PRAGMA legacy_alter_table = ON;

ALTER TABLE "users__schemavc_new" RENAME TO "users";

PRAGMA legacy_alter_table = OFF;
